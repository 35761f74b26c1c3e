"""list ordering indexes

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op



revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('allegation', schema=None) as batch_op:
        batch_op.create_index('ix_allegation_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_allegation_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index('ix_attachment_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_attachment_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('case', schema=None) as batch_op:
        batch_op.create_index('ix_case_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_case_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('case_role', schema=None) as batch_op:
        batch_op.create_index('ix_case_role_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_case_role_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_event_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('event_link', schema=None) as batch_op:
        batch_op.create_index('ix_event_link_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_event_link_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('intervention', schema=None) as batch_op:
        batch_op.create_index('ix_intervention_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_intervention_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.create_index('ix_organisation_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_organisation_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('perpetrator', schema=None) as batch_op:
        batch_op.create_index('ix_perpetrator_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_perpetrator_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index('ix_person_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_person_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('person_name', schema=None) as batch_op:
        batch_op.create_index('ix_person_name_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_person_name_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('place', schema=None) as batch_op:
        batch_op.create_index('ix_place_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_place_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.create_index('ix_recommendation_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_recommendation_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.create_index('ix_source_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_source_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('source_link', schema=None) as batch_op:
        batch_op.create_index('ix_source_link_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_source_link_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('testimony', schema=None) as batch_op:
        batch_op.create_index('ix_testimony_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_testimony_live_updated', ['deleted', 'updated_at', 'id'], unique=False)

    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.create_index('ix_translation_live_created', ['deleted', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_translation_live_updated', ['deleted', 'updated_at', 'id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.drop_index('ix_translation_live_updated')
        batch_op.drop_index('ix_translation_live_created')

    with op.batch_alter_table('testimony', schema=None) as batch_op:
        batch_op.drop_index('ix_testimony_live_updated')
        batch_op.drop_index('ix_testimony_live_created')

    with op.batch_alter_table('source_link', schema=None) as batch_op:
        batch_op.drop_index('ix_source_link_live_updated')
        batch_op.drop_index('ix_source_link_live_created')

    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_index('ix_source_live_updated')
        batch_op.drop_index('ix_source_live_created')

    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_index('ix_recommendation_live_updated')
        batch_op.drop_index('ix_recommendation_live_created')

    with op.batch_alter_table('place', schema=None) as batch_op:
        batch_op.drop_index('ix_place_live_updated')
        batch_op.drop_index('ix_place_live_created')

    with op.batch_alter_table('person_name', schema=None) as batch_op:
        batch_op.drop_index('ix_person_name_live_updated')
        batch_op.drop_index('ix_person_name_live_created')

    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ix_person_live_updated')
        batch_op.drop_index('ix_person_live_created')

    with op.batch_alter_table('perpetrator', schema=None) as batch_op:
        batch_op.drop_index('ix_perpetrator_live_updated')
        batch_op.drop_index('ix_perpetrator_live_created')

    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_index('ix_organisation_live_updated')
        batch_op.drop_index('ix_organisation_live_created')

    with op.batch_alter_table('intervention', schema=None) as batch_op:
        batch_op.drop_index('ix_intervention_live_updated')
        batch_op.drop_index('ix_intervention_live_created')

    with op.batch_alter_table('event_link', schema=None) as batch_op:
        batch_op.drop_index('ix_event_link_live_updated')
        batch_op.drop_index('ix_event_link_live_created')

    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_live_updated')
        batch_op.drop_index('ix_event_live_created')

    with op.batch_alter_table('case_role', schema=None) as batch_op:
        batch_op.drop_index('ix_case_role_live_updated')
        batch_op.drop_index('ix_case_role_live_created')

    with op.batch_alter_table('case', schema=None) as batch_op:
        batch_op.drop_index('ix_case_live_updated')
        batch_op.drop_index('ix_case_live_created')

    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index('ix_attachment_live_updated')
        batch_op.drop_index('ix_attachment_live_created')

    with op.batch_alter_table('allegation', schema=None) as batch_op:
        batch_op.drop_index('ix_allegation_live_updated')
        batch_op.drop_index('ix_allegation_live_created')

