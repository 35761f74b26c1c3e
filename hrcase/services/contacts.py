"""Removing a contact; adding, listing and verifying contacts is in :mod:`identities`.

Removing a contact forgets their card: bundles can no longer be made for them, and bundles they
sign are then from an unknown signer. Records already imported from them stay. Audited with the
contact's fingerprint only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrcase.domain.models import Contact
from hrcase.services.identities import find_contact_in
from hrcase.vault import audit

if TYPE_CHECKING:
    from hrcase.services import Services


def remove_contact(services: Services, query: str) -> Contact:
    """Remove the contact named by ``query`` (id, fingerprint or unique name); audited."""
    with services.vault.writing() as session:
        contact = find_contact_in(session, query)
        session.delete(contact)
        audit.append(session, actor=services.actor, action="contact-remove", entity="contact",
                     entity_id=contact.id, detail=f"fingerprint={contact.fingerprint}")
        return contact
