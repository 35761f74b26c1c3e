"""The fixed words of a dossier (headings, labels, notes), in the dossier's language.

A dossier is written in the language its reader needs, whatever language the interface is in,
and from a worker thread: switching the interface language (``set_language``) for the build
would retranslate every open window under the user and race with the GUI thread. So the words
are looked up by key in the interface catalog of the dossier's language, taken with
``translation_for`` without switching anything: one catalog, one term per concept in the
interface and in the dossier. The English texts below are marked with ``N_``/``N_plural`` so
that they reach the catalog; plural forms follow the catalog's ``Plural-Forms`` rule.

Every text is a ``str.format`` pattern (``tools/i18n.py check`` verifies that translations keep
the placeholders).
"""

from __future__ import annotations

from hrcase.i18n import N_, N_plural, translation_for

_ENGLISH: dict[str, str] = {
    # cover
    "kind_case": N_("Case dossier"),
    "kind_person": N_("Person dossier"),
    "kind_article": N_("Dossier by Convention article"),
    "organisation": N_("Organisation"),
    "author": N_("Author"),
    "date": N_("Date"),
    "audience": N_("Audience"),
    "language": N_("Language"),
    "audience_internal": N_("Internal: contains confidential material; not for distribution"),
    "audience_un": N_("UN treaty bodies and special procedures"),
    "audience_public": N_("Public"),
    "mark_internal": N_("INTERNAL – NOT FOR DISTRIBUTION"),
    "mark_un": N_("FOR UN BODIES"),
    "mark_public": N_("PUBLIC"),
    "signed_note": N_("This document carries a digital signature (PAdES) of its author. PDF "
                      "readers show whether it was changed after signing."),
    "sign_reason": N_("Author of the dossier"),
    "page_of": N_("Page {page} of {total}"),
    # sections
    "contents": N_("Contents"),
    "introduction": N_("Introduction"),
    "cases": N_("Cases"),
    "edition": N_("About this edition"),
    "figures": N_("Summary figures"),
    "timeline": N_("Case timeline"),
    "persons": N_("Persons"),
    "allegations": N_("Allegations by Convention article"),
    "testimonies": N_("Testimonies"),
    "interventions": N_("Interventions and responses"),
    "sources": N_("Sources"),
    "recommendations": N_("Recommendations"),
    "annex": N_("Annex: attachments"),
    # introduction
    "scope_case": N_("This dossier covers the case file listed below."),
    "scope_cases": N_("This dossier covers the case files listed below."),
    "scope_person": N_("This dossier gathers every record about {name} across the case files "
                       "listed below."),
    "scope_article": N_("This dossier gathers the allegations that engage {article}, across "
                        "the case files listed below."),
    "quoting": N_("Records are quoted in their original language. Where an approved "
                  "translation into {language} exists, it follows the original and is marked "
                  "as a translation with the translator's name."),
    "edition_internal": N_("This internal edition contains every record, including "
                           "confidential records and testimonies whose consent does not allow "
                           "publication. Do not distribute it."),
    "edition_restricted": N_("This edition respects the consent of the persons who gave "
                             "testimony and their wishes about disclosure of their identity:"),
    "edition_nothing": N_("No record needed to be left out."),
    "edition_caution": N_("Names of persons who asked not to be named are replaced by a "
                          "letter or a pseudonym, in square brackets inside quoted texts."),
    "country": N_("Country"),
    "status": N_("Status"),
    "classification": N_("Classification"),
    "tags": N_("Tags"),
    # figures
    "n_cases": N_("Cases"),
    "n_persons": N_("Persons"),
    "n_victims": N_("Victims"),
    "n_allegations": N_("Allegations"),
    "n_testimonies": N_("Testimonies"),
    "n_events": N_("Events"),
    "n_interventions": N_("Interventions"),
    "n_sources": N_("Sources"),
    "n_attachments": N_("Attachments"),
    "chart_method": N_("Allegations by method"),
    "chart_article": N_("Allegations by Convention article"),
    "chart_place": N_("Allegations by place"),
    "chart_time": N_("Events over time"),
    "other_items": N_("All others"),
    "no_data": N_("No data."),
    "none_recorded": N_("None recorded."),
    "unknown_place": N_("Place unknown"),
    # tables
    "col_date": N_("Date"),
    "col_event": N_("Event"),
    "col_place": N_("Place"),
    "col_case": N_("Case"),
    "col_name": N_("Name"),
    "col_role": N_("Role"),
    "col_details": N_("Details"),
    "col_number": N_("No."),
    "col_file": N_("File"),
    "col_sha": N_("SHA-256"),
    # persons
    "sex": N_("Sex"),
    "born": N_("Born"),
    "died": N_("Died"),
    "nationality": N_("Nationality"),
    "ethnicity": N_("Ethnicity"),
    "occupation": N_("Occupation"),
    "other_spellings": N_("Other spellings"),
    "notes": N_("Notes"),
    "pseudonym": N_("pseudonym"),
    "identity_withheld": N_("identity withheld"),
    "confidential": N_("CONFIDENTIAL"),
    "person_generic": N_("Person"),
    # allegations
    "allegation_n": N_("Allegation {n}"),
    "victim": N_("Victim"),
    "event": N_("Event"),
    "place": N_("Place"),
    "perpetrators": N_("Alleged perpetrators"),
    "duress": N_("Statement signed under duress"),
    "medical_exam": N_("Medical examination"),
    "medical_findings": N_("Medical findings"),
    "complaint_filed": N_("Complaint filed"),
    "description": N_("Description"),
    "yes": N_("yes"),
    "no": N_("no"),
    "unknown": N_("unknown"),
    "see_allegation": N_("Allegation {n} also engages this article; it is described under "
                         "“{article}”."),
    "no_article": N_("No article specified"),
    "source_refs": N_("Sources"),
    # testimonies
    "testimony_n": N_("Testimony {n}"),
    "interviewee": N_("Interviewee"),
    "interviewer": N_("Interviewer"),
    "interpreter": N_("Interpreter"),
    "present": N_("Persons present"),
    "original": N_("Original ({language})"),
    "translation": N_("Translation ({language}); translator: {translator}"),
    "reviewed_by": N_("reviewed by {reviewer}"),
    "stale": N_("This translation was made from an earlier version of the original "
                "(revision {old}; the original is now at revision {new})."),
    "no_translation": N_("No approved translation into {language}."),
    "attachments": N_("Attachments"),
    "annex_item": N_("Annex, item {n}"),
    # interventions and sources
    "body": N_("Body"),
    "reference": N_("Reference"),
    "response": N_("Response"),
    "response_date": N_("Response date"),
    "accessed": N_("accessed {date}"),
    "excerpt": N_("Excerpt"),
    "addressee": N_("Addressee"),
    # annex
    "annex_intro": N_("Each file is kept encrypted by the organisation. The SHA-256 checksum "
                      "identifies a file exactly: a copy with the same checksum is the same "
                      "file, bit for bit."),
    "media_type": N_("Type"),
    "size": N_("Size"),
    "captured": N_("Captured"),
    "belongs_to": N_("Belongs to"),
    "case_n": N_("Case {n}"),
    "source_n": N_("Source [{n}]"),
    "provenance": N_("Provenance"),
}

_ENGLISH_PLURALS: dict[str, tuple[str, str]] = {
    "ed_testimonies": N_plural("{n} testimony is left out because its consent does not allow "
                               "this audience.",
                               "{n} testimonies are left out because their consent does not "
                               "allow this audience."),
    "ed_confidential": N_plural("{n} record marked confidential is left out.",
                                "{n} records marked confidential are left out."),
    "ed_anonymous": N_plural("{n} person is referred to by a letter (such as “Witness A”) "
                             "instead of a name.",
                             "{n} persons are referred to by a letter (such as “Witness A”) "
                             "instead of a name."),
    "ed_pseudonym": N_plural("{n} person is referred to by a pseudonym.",
                             "{n} persons are referred to by a pseudonym."),
    "ed_attachments": N_plural("{n} attachment of a record left out is not listed.",
                               "{n} attachments of records left out are not listed."),
    "ed_mentions": N_plural("{n} mention of a withheld name is replaced in the texts.",
                            "{n} mentions of withheld names are replaced in the texts."),
    "bytes": N_plural("{n} byte", "{n} bytes"),
}


class Texts:
    """The dossier's words in one language: ``texts("contents")``, ``texts.plural(key, n)``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._translation = translation_for(lang)

    def __call__(self, key: str, **values: object) -> str:
        """The text ``key`` with its ``{placeholders}`` filled in."""
        pattern = self._translation.gettext(_ENGLISH[key])
        return pattern.format(**values) if values else pattern

    def plural(self, key: str, count: int, **values: object) -> str:
        """The text ``key`` in the plural form for ``count``; ``{n}`` is ``count`` unless
        ``values`` gives it (a formatted number)."""
        pattern = self._translation.ngettext(*_ENGLISH_PLURALS[key], count)
        return pattern.format(**({"n": count} | values))
