"""list sorting indexes: one per sortable list column

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_case_live_country', 'case', ['deleted', 'country', 'id'])
    op.create_index('ix_case_live_status', 'case', ['deleted', 'status', 'id'])
    op.create_index('ix_person_live_sex', 'person', ['deleted', 'sex', 'id'])
    op.create_index('ix_person_live_birth', 'person', ['deleted', 'birth', 'id'])
    op.create_index('ix_person_live_nationality', 'person', ['deleted', 'nationality', 'id'])
    op.create_index('ix_testimony_live_title', 'testimony', ['deleted', 'title', 'id'])
    op.create_index('ix_testimony_live_date', 'testimony', ['deleted', 'date', 'id'])
    op.create_index('ix_testimony_live_language', 'testimony', ['deleted', 'language', 'id'])
    op.create_index('ix_testimony_live_consent', 'testimony', ['deleted', 'consent', 'id'])
    op.create_index('ix_allegation_live_date', 'allegation', ['deleted', 'date', 'id'])
    op.create_index('ix_event_live_event_type', 'event', ['deleted', 'event_type', 'id'])
    op.create_index('ix_event_live_start', 'event', ['deleted', 'start', 'id'])
    op.create_index('ix_event_live_end', 'event', ['deleted', 'end', 'id'])
    op.create_index('ix_place_live_place_type', 'place', ['deleted', 'place_type', 'id'])
    op.create_index('ix_place_live_country', 'place', ['deleted', 'country', 'id'])
    op.create_index('ix_organisation_live_org_type', 'organisation', ['deleted', 'org_type', 'id'])
    op.create_index('ix_organisation_live_country', 'organisation', ['deleted', 'country', 'id'])
    op.create_index('ix_source_live_title', 'source', ['deleted', 'title', 'id'])
    op.create_index('ix_source_live_author', 'source', ['deleted', 'author', 'id'])
    op.create_index('ix_source_live_date', 'source', ['deleted', 'date', 'id'])
    op.create_index('ix_source_live_reliability', 'source', ['deleted', 'reliability', 'id'])
    op.create_index('ix_intervention_live_body', 'intervention', ['deleted', 'body', 'id'])
    op.create_index('ix_intervention_live_intervention_type', 'intervention', ['deleted', 'intervention_type', 'id'])
    op.create_index('ix_intervention_live_reference', 'intervention', ['deleted', 'reference', 'id'])
    op.create_index('ix_intervention_live_date', 'intervention', ['deleted', 'date', 'id'])
    op.create_index('ix_intervention_live_status', 'intervention', ['deleted', 'status', 'id'])
    op.create_index('ix_attachment_live_filename', 'attachment', ['deleted', 'filename', 'id'])
    op.create_index('ix_attachment_live_media_type', 'attachment', ['deleted', 'media_type', 'id'])
    op.create_index('ix_attachment_live_size', 'attachment', ['deleted', 'size', 'id'])
    op.create_index('ix_attachment_live_captured', 'attachment', ['deleted', 'captured_at', 'id'])


def downgrade() -> None:
    op.drop_index('ix_attachment_live_captured', table_name='attachment')
    op.drop_index('ix_attachment_live_size', table_name='attachment')
    op.drop_index('ix_attachment_live_media_type', table_name='attachment')
    op.drop_index('ix_attachment_live_filename', table_name='attachment')
    op.drop_index('ix_intervention_live_status', table_name='intervention')
    op.drop_index('ix_intervention_live_date', table_name='intervention')
    op.drop_index('ix_intervention_live_reference', table_name='intervention')
    op.drop_index('ix_intervention_live_intervention_type', table_name='intervention')
    op.drop_index('ix_intervention_live_body', table_name='intervention')
    op.drop_index('ix_source_live_reliability', table_name='source')
    op.drop_index('ix_source_live_date', table_name='source')
    op.drop_index('ix_source_live_author', table_name='source')
    op.drop_index('ix_source_live_title', table_name='source')
    op.drop_index('ix_organisation_live_country', table_name='organisation')
    op.drop_index('ix_organisation_live_org_type', table_name='organisation')
    op.drop_index('ix_place_live_country', table_name='place')
    op.drop_index('ix_place_live_place_type', table_name='place')
    op.drop_index('ix_event_live_end', table_name='event')
    op.drop_index('ix_event_live_start', table_name='event')
    op.drop_index('ix_event_live_event_type', table_name='event')
    op.drop_index('ix_allegation_live_date', table_name='allegation')
    op.drop_index('ix_testimony_live_consent', table_name='testimony')
    op.drop_index('ix_testimony_live_language', table_name='testimony')
    op.drop_index('ix_testimony_live_date', table_name='testimony')
    op.drop_index('ix_testimony_live_title', table_name='testimony')
    op.drop_index('ix_person_live_nationality', table_name='person')
    op.drop_index('ix_person_live_birth', table_name='person')
    op.drop_index('ix_person_live_sex', table_name='person')
    op.drop_index('ix_case_live_status', table_name='case')
    op.drop_index('ix_case_live_country', table_name='case')
