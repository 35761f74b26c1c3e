"""initial schema

Revision ID: 0001
Revises: 
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import hrcase.domain.base


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('attachment',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('owner_kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('owner_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('media_type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('captured_at', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('provenance', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_owner_id'), ['owner_id'], unique=False)

    op.create_table('audit_entry',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('state_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('detail', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('prev_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    op.create_table('case',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=False),
    sa.Column('original_language', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('confidentiality', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('case', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_deleted'), ['deleted'], unique=False)

    op.create_table('organisation',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('name', sa.JSON(), nullable=False),
    sa.Column('org_type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('parent_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['organisation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisation_parent_id'), ['parent_id'], unique=False)

    op.create_table('person',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('sex', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('birth', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('nationality', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('ethnicity', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('occupation', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('deceased', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('disclosure', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('pseudonym', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_deleted'), ['deleted'], unique=False)

    op.create_table('place',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('name', sa.JSON(), nullable=False),
    sa.Column('place_type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('parent_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('country', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['place.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('place', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_place_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_place_parent_id'), ['parent_id'], unique=False)

    op.create_table('setting',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('source',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('organisation', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('date', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('accessed', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('reliability', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('excerpt', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_deleted'), ['deleted'], unique=False)

    op.create_table('translation',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('target_kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('target_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('translator', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('reviewer', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source_revision', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_translation_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_translation_target_id'), ['target_id'], unique=False)

    op.create_table('attachment_chunk',
    sa.Column('attachment_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['attachment_id'], ['attachment.id'], ),
    sa.PrimaryKeyConstraint('attachment_id', 'seq')
    )
    op.create_table('case_role',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('case_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('person_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('case_role', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_role_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_role_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_role_person_id'), ['person_id'], unique=False)

    op.create_table('event',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('case_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('event_type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('title', sa.JSON(), nullable=False),
    sa.Column('start', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('end', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('place_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case.id'], ),
    sa.ForeignKeyConstraint(['place_id'], ['place.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_place_id'), ['place_id'], unique=False)

    op.create_table('intervention',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('case_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('intervention_type', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('date', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('response_date', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('response', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('intervention', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intervention_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_intervention_deleted'), ['deleted'], unique=False)

    op.create_table('person_name',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('person_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('script', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('skeleton', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('person_name', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_name_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_name_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_name_skeleton'), ['skeleton'], unique=False)

    op.create_table('recommendation',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('case_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('text', sa.JSON(), nullable=False),
    sa.Column('addressee', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_deleted'), ['deleted'], unique=False)

    op.create_table('source_link',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('source_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('entity_kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('source_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_link_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_source_link_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_source_link_source_id'), ['source_id'], unique=False)

    op.create_table('testimony',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('case_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('interviewee_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('interviewer', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('date', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('place_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('mode', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('interpreter', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('persons_present', sa.JSON(), nullable=False),
    sa.Column('consent', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case.id'], ),
    sa.ForeignKeyConstraint(['interviewee_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['place_id'], ['place.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('testimony', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_testimony_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_testimony_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_testimony_interviewee_id'), ['interviewee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_testimony_place_id'), ['place_id'], unique=False)

    op.create_table('allegation',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('case_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('victim_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('event_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('place_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('date', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('methods', sa.JSON(), nullable=False),
    sa.Column('intents', sa.JSON(), nullable=False),
    sa.Column('statement_under_duress', sa.Boolean(), nullable=True),
    sa.Column('consequences', sa.JSON(), nullable=False),
    sa.Column('medical_examination', sa.Boolean(), nullable=True),
    sa.Column('medical_findings', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('complaint_filed', sa.Boolean(), nullable=True),
    sa.Column('investigation_status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('articles', sa.JSON(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case.id'], ),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], ),
    sa.ForeignKeyConstraint(['place_id'], ['place.id'], ),
    sa.ForeignKeyConstraint(['victim_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('allegation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_allegation_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_allegation_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_allegation_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_allegation_place_id'), ['place_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_allegation_victim_id'), ['victim_id'], unique=False)

    op.create_table('event_link',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('from_event_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('to_event_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('relation', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['from_event_id'], ['event.id'], ),
    sa.ForeignKeyConstraint(['to_event_id'], ['event.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('event_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_link_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_link_from_event_id'), ['from_event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_link_to_event_id'), ['to_event_id'], unique=False)

    op.create_table('perpetrator',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('updated_at', hrcase.domain.base.UtcDateTime(length=32), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('allegation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('person_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('organisation_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('involvement', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['allegation_id'], ['allegation.id'], ),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('perpetrator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_perpetrator_allegation_id'), ['allegation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_perpetrator_deleted'), ['deleted'], unique=False)
        batch_op.create_index(batch_op.f('ix_perpetrator_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_perpetrator_person_id'), ['person_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('perpetrator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_perpetrator_person_id'))
        batch_op.drop_index(batch_op.f('ix_perpetrator_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_perpetrator_deleted'))
        batch_op.drop_index(batch_op.f('ix_perpetrator_allegation_id'))

    op.drop_table('perpetrator')
    with op.batch_alter_table('event_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_link_to_event_id'))
        batch_op.drop_index(batch_op.f('ix_event_link_from_event_id'))
        batch_op.drop_index(batch_op.f('ix_event_link_deleted'))

    op.drop_table('event_link')
    with op.batch_alter_table('allegation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_allegation_victim_id'))
        batch_op.drop_index(batch_op.f('ix_allegation_place_id'))
        batch_op.drop_index(batch_op.f('ix_allegation_event_id'))
        batch_op.drop_index(batch_op.f('ix_allegation_deleted'))
        batch_op.drop_index(batch_op.f('ix_allegation_case_id'))

    op.drop_table('allegation')
    with op.batch_alter_table('testimony', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_testimony_place_id'))
        batch_op.drop_index(batch_op.f('ix_testimony_interviewee_id'))
        batch_op.drop_index(batch_op.f('ix_testimony_deleted'))
        batch_op.drop_index(batch_op.f('ix_testimony_case_id'))

    op.drop_table('testimony')
    with op.batch_alter_table('source_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_link_source_id'))
        batch_op.drop_index(batch_op.f('ix_source_link_entity_id'))
        batch_op.drop_index(batch_op.f('ix_source_link_deleted'))

    op.drop_table('source_link')
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_deleted'))
        batch_op.drop_index(batch_op.f('ix_recommendation_case_id'))

    op.drop_table('recommendation')
    with op.batch_alter_table('person_name', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_name_skeleton'))
        batch_op.drop_index(batch_op.f('ix_person_name_person_id'))
        batch_op.drop_index(batch_op.f('ix_person_name_deleted'))

    op.drop_table('person_name')
    with op.batch_alter_table('intervention', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intervention_deleted'))
        batch_op.drop_index(batch_op.f('ix_intervention_case_id'))

    op.drop_table('intervention')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_place_id'))
        batch_op.drop_index(batch_op.f('ix_event_deleted'))
        batch_op.drop_index(batch_op.f('ix_event_case_id'))

    op.drop_table('event')
    with op.batch_alter_table('case_role', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_role_person_id'))
        batch_op.drop_index(batch_op.f('ix_case_role_deleted'))
        batch_op.drop_index(batch_op.f('ix_case_role_case_id'))

    op.drop_table('case_role')
    op.drop_table('attachment_chunk')
    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_translation_target_id'))
        batch_op.drop_index(batch_op.f('ix_translation_deleted'))

    op.drop_table('translation')
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_deleted'))

    op.drop_table('source')
    op.drop_table('setting')
    with op.batch_alter_table('place', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_place_parent_id'))
        batch_op.drop_index(batch_op.f('ix_place_deleted'))

    op.drop_table('place')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_deleted'))

    op.drop_table('person')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_parent_id'))
        batch_op.drop_index(batch_op.f('ix_organisation_deleted'))

    op.drop_table('organisation')
    with op.batch_alter_table('case', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_deleted'))

    op.drop_table('case')
    op.drop_table('audit_entry')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_owner_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_deleted'))

    op.drop_table('attachment')
