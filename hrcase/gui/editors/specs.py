"""Field specs of every kind of record, and the editors of kinds without linked rows."""

from __future__ import annotations

from hrcase.gui.editors.base import Factory, Field, RecordEditor
from hrcase.gui.widgets.fields import BoolCheck, CountryCombo, NumberEdit, TagsEdit, TextBlock, TextLine
from hrcase.gui.widgets.multilang import MultiLangLineEdit, MultiLangTextEdit
from hrcase.gui.widgets.partial_date import PartialDateEdit
from hrcase.gui.widgets.picker import RecordListPicker, RecordPicker
from hrcase.gui.widgets.vocab import VocabCheckTree, VocabCombo, YesNoUnknown
from hrcase.i18n import N_


def line() -> Factory:
    """A one-line text field."""
    return lambda ctx, parent: TextLine(parent)


def block(lines: int = 4) -> Factory:
    """A long text field."""
    return lambda ctx, parent: TextBlock(parent, min_lines=lines)


def date(field: str) -> Factory:
    """A partial-date field."""
    return lambda ctx, parent: PartialDateEdit(field, parent)


def vocab(name: str, *, allow_empty: bool = False) -> Factory:
    """A choice from a vocabulary."""
    return lambda ctx, parent: VocabCombo(name, allow_empty=allow_empty, parent=parent)


def checks(name: str) -> Factory:
    """Several choices from a vocabulary (a checkable tree)."""
    return lambda ctx, parent: VocabCheckTree(name, parent)


def link(kind: str, *, creatable: bool | None = None) -> Factory:
    """A link to another record, found by typing."""
    return lambda ctx, parent: RecordPicker(ctx, kind, parent, creatable=creatable)


def links(kind: str) -> Factory:
    """Several links to records of one kind."""
    return lambda ctx, parent: RecordListPicker(ctx, kind, parent)


def country() -> Factory:
    """An ISO 3166 country."""
    return lambda ctx, parent: CountryCombo(parent)


def multiline() -> Factory:
    """A short text per language."""
    return lambda ctx, parent: MultiLangLineEdit(parent)


def multitext() -> Factory:
    """A long text per language."""
    return lambda ctx, parent: MultiLangTextEdit(parent)


def yes_no() -> Factory:
    """Yes / no / unknown."""
    return lambda ctx, parent: YesNoUnknown(parent)


CONFIDENTIAL = Field("confidential", N_("Confidential"), lambda ctx, parent: BoolCheck(
    N_("Leave this record out of public dossiers"), parent))
CASE = Field("case_id", N_("Case"), link("case"), required=True)

FIELDS: dict[str, tuple[Field, ...]] = {
    "case": (
        Field("title", N_("Title"), multiline()),
        Field("summary", N_("Summary"), multitext()),
        Field("original_language", N_("Original language"), vocab("languages")),
        Field("country", N_("Country"), country()),
        Field("status", N_("Status"), vocab("case_status")),
        Field("confidentiality", N_("Confidentiality"), vocab("confidentiality")),
        Field("tags", N_("Tags (separated by commas)"), lambda ctx, parent: TagsEdit(parent)),
        CONFIDENTIAL,
    ),
    "person": (
        Field("sex", N_("Sex"), vocab("sex")),
        Field("birth", N_("Born"), date("birth")),
        Field("nationality", N_("Nationality"), country()),
        Field("ethnicity", N_("Ethnicity"), line()),
        Field("occupation", N_("Occupation"), line()),
        Field("deceased", N_("Died"), date("deceased")),
        Field("disclosure", N_("Identity disclosure"), vocab("disclosure")),
        Field("pseudonym", N_("Pseudonym"), line()),
        Field("notes", N_("Notes"), block()),
        CONFIDENTIAL,
    ),
    "organisation": (
        Field("name", N_("Name"), multiline()),
        Field("org_type", N_("Type"), vocab("org_types")),
        Field("parent_id", N_("Part of"), link("organisation")),
        Field("country", N_("Country"), country()),
        CONFIDENTIAL,
    ),
    "place": (
        Field("name", N_("Name"), multiline()),
        Field("place_type", N_("Type"), vocab("place_types")),
        Field("parent_id", N_("Located in"), link("place")),
        Field("country", N_("Country"), country()),
        Field("latitude", N_("Latitude"), lambda ctx, parent: NumberEdit(-90, 90, parent)),
        Field("longitude", N_("Longitude"), lambda ctx, parent: NumberEdit(-180, 180, parent)),
        CONFIDENTIAL,
    ),
    "event": (
        CASE,
        Field("event_type", N_("Type"), vocab("event_types")),
        Field("title", N_("Title"), multiline()),
        Field("start", N_("Start"), date("start")),
        Field("end", N_("End"), date("end")),
        Field("place_id", N_("Place"), link("place")),
        Field("description", N_("Description"), block(6)),
        Field("language", N_("Language of the description"), vocab("languages", allow_empty=True)),
        CONFIDENTIAL,
    ),
    "allegation": (
        CASE,
        Field("victim_id", N_("Victim"), link("person")),
        Field("date", N_("Date"), date("date")),
        Field("place_id", N_("Place"), link("place")),
        Field("event_id", N_("Event"), link("event", creatable=False)),
        Field("methods", N_("Methods"), checks("methods")),
        Field("intents", N_("Purpose"), checks("intents")),
        Field("statement_under_duress", N_("Statement signed under duress"), yes_no()),
        Field("consequences", N_("Consequences"), checks("consequences")),
        Field("medical_examination", N_("Medical examination"), yes_no()),
        Field("medical_findings", N_("Medical findings"), block(3)),
        Field("complaint_filed", N_("Complaint filed"), yes_no()),
        Field("investigation_status", N_("Investigation"), vocab("investigation_status")),
        Field("articles", N_("Convention articles"), checks("articles")),
        Field("description", N_("Description"), block(6)),
        Field("language", N_("Language of the description"), vocab("languages", allow_empty=True)),
        CONFIDENTIAL,
    ),
    "testimony": (
        CASE,
        Field("title", N_("Title"), line()),
        Field("interviewee_id", N_("Interviewee"), link("person")),
        Field("interviewer", N_("Interviewer"), line()),
        Field("date", N_("Date of interview"), date("date")),
        Field("place_id", N_("Place of interview"), link("place")),
        Field("mode", N_("Mode"), vocab("testimony_mode")),
        Field("language", N_("Language"), vocab("languages")),
        Field("interpreter", N_("Interpreter"), line()),
        Field("persons_present", N_("Persons present"), links("person")),
        Field("consent", N_("Consent"), vocab("consent")),
        Field("text", N_("Testimony"), block(16)),
        CONFIDENTIAL,
    ),
    "source": (
        Field("title", N_("Title"), line()),
        Field("author", N_("Author"), line()),
        Field("organisation", N_("Organisation"), line()),
        Field("date", N_("Date"), date("date")),
        Field("url", N_("Address (URL)"), line()),
        Field("accessed", N_("Accessed"), date("accessed")),
        Field("reliability", N_("Reliability"), vocab("reliability")),
        Field("excerpt", N_("Excerpt"), block(6)),
        CONFIDENTIAL,
    ),
    "intervention": (
        CASE,
        Field("body", N_("Addressed to"), line()),
        Field("intervention_type", N_("Type"), vocab("intervention_types")),
        Field("reference", N_("Reference number"), line()),
        Field("date", N_("Date"), date("date")),
        Field("status", N_("Status"), line()),
        Field("response_date", N_("Date of response"), date("response_date")),
        Field("response", N_("Response"), block(4)),
        CONFIDENTIAL,
    ),
    "attachment": (
        Field("filename", N_("File name"), line()),
        Field("captured_at", N_("Captured"), date("captured_at")),
        Field("provenance", N_("Provenance"), block(3)),
        CONFIDENTIAL,
    ),
    "recommendation": (
        Field("case_id", N_("Case"), link("case")),
        Field("addressee", N_("Addressee"), line()),
        Field("text", N_("Recommendation"), multitext()),
        CONFIDENTIAL,
    ),
    "translation": (
        Field("language", N_("Language"), vocab("languages")),
        Field("translator", N_("Translator"), line()),
        Field("reviewer", N_("Reviewer"), line()),
        Field("status", N_("Status"), vocab("translation_status")),
        Field("text", N_("Translation"), block(16)),
    ),
}


def simple_editor(kind: str) -> type[RecordEditor]:
    """An editor class for a kind that has only its own fields."""
    return type(f"{kind.title()}Editor", (RecordEditor,), {"fields": FIELDS[kind]})
