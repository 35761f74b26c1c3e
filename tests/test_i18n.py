"""Interface translations: switching, catalogs, plurals, the pseudo-locale, listeners and the
catalog checker of tools/i18n.py (run on small fixture trees)."""

from __future__ import annotations

import gc
import importlib.util
import io
import os
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from hrcase import i18n
from hrcase.i18n import (LANGUAGES, PSEUDO_LANGUAGE, N_, _, current_language, default_language,
                         ngettext, on_language_changed, pgettext, pseudolocalize, set_language)
from hrcase.i18n.plural import PLURAL_FORMS, plural_index

ROOT = Path(__file__).resolve().parent.parent


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hrcase_i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


tool = _load_tool()

RU_PO = r'''msgid ""
msgstr ""
"Language: ru\n"
"Plural-Forms: {ru}\n"
"Content-Type: text/plain; charset=UTF-8\n"

msgid "Save"
msgstr "Сохранить"

msgid "%(n)d record"
msgid_plural "%(n)d records"
msgstr[0] "%(n)d запись"
msgstr[1] "%(n)d записи"
msgstr[2] "%(n)d записей"

msgctxt "case status"
msgid "Open"
msgstr "Открыто"

msgid "Open"
msgstr "Открыть"

#, fuzzy
msgid "Close"
msgstr "Неверно"
'''.replace("{ru}", PLURAL_FORMS["ru"])


@pytest.fixture
def catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Empty folders for compiled catalogs and catalog sources, used by hrcase.i18n."""
    locale_dir, source_dir = tmp_path / "locale", tmp_path / "translations"
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale_dir)
    monkeypatch.setattr(i18n, "SOURCE_DIR", source_dir)
    return locale_dir, source_dir


def _write_po(folder: Path, lang: str, text: str) -> Path:
    path = folder / lang / "LC_MESSAGES" / "hrcase.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def _write_mo(folder: Path, lang: str, text: str) -> Path:
    path = folder / lang / "LC_MESSAGES" / "hrcase.mo"
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_mo(buffer, read_po(io.StringIO(text), locale=lang))
    path.write_bytes(buffer.getvalue())
    return path


# --- runtime ------------------------------------------------------------------------------


def test_set_language_switches(catalogs: tuple[Path, Path]) -> None:
    _write_po(catalogs[1], "ru", RU_PO)
    assert current_language() == "en"
    set_language("ru")
    assert current_language() == "ru"
    assert _("Save") == "Сохранить"
    assert _("Not in the catalog") == "Not in the catalog"
    set_language("en")
    assert _("Save") == "Save"
    with pytest.raises(ValueError):
        set_language("de")
    assert current_language() == "en"


def test_compiled_catalog_is_used(catalogs: tuple[Path, Path]) -> None:
    _write_mo(catalogs[0], "ru", RU_PO.replace("Сохранить", "Сохранить (mo)"))
    set_language("ru")
    assert _("Save") == "Сохранить (mo)"


def test_newer_source_catalog_wins_over_a_stale_compiled_one(
        catalogs: tuple[Path, Path]) -> None:
    mo = _write_mo(catalogs[0], "ru", RU_PO.replace("Сохранить", "старое"))
    po = _write_po(catalogs[1], "ru", RU_PO)
    os.utime(mo, (1_000_000, 1_000_000))
    set_language("ru")
    assert _("Save") == "Сохранить"
    assert not list(catalogs[1].rglob("*.mo")), "reading a .po must not write files"
    assert po.read_text("utf-8") == RU_PO


def test_fuzzy_entries_are_not_used(catalogs: tuple[Path, Path]) -> None:
    _write_po(catalogs[1], "ru", RU_PO)
    set_language("ru")
    assert _("Close") == "Close"


def test_missing_or_broken_catalog_falls_back_to_english(catalogs: tuple[Path, Path]) -> None:
    set_language("kk")
    assert _("Save") == "Save"
    mo = catalogs[0] / "ru" / "LC_MESSAGES" / "hrcase.mo"
    mo.parent.mkdir(parents=True)
    mo.write_bytes(b"not a catalog")
    set_language("ru")
    assert _("Save") == "Save"


def test_pgettext_uses_the_context(catalogs: tuple[Path, Path]) -> None:
    _write_po(catalogs[1], "ru", RU_PO)
    set_language("ru")
    assert pgettext("case status", "Open") == "Открыто"
    assert _("Open") == "Открыть"
    assert pgettext("unknown context", "Open") == "Open"
    set_language("en")
    assert pgettext("case status", "Open") == "Open"


@pytest.mark.parametrize(("n", "expected"), [
    (0, "0 записей"), (1, "1 запись"), (2, "2 записи"), (4, "4 записи"), (5, "5 записей"),
    (11, "11 записей"), (12, "12 записей"), (14, "14 записей"), (21, "21 запись"),
    (22, "22 записи"), (25, "25 записей"), (101, "101 запись"), (111, "111 записей"),
    (112, "112 записей"), (122, "122 записи"),
])
def test_russian_plural_forms(catalogs: tuple[Path, Path], n: int, expected: str) -> None:
    _write_po(catalogs[1], "ru", RU_PO)
    set_language("ru")
    assert ngettext("%(n)d record", "%(n)d records", n) % {"n": n} == expected


def test_translation_for_another_language_leaves_the_interface_alone(
        catalogs: tuple[Path, Path]) -> None:
    _write_po(catalogs[1], "ru", RU_PO)
    seen: list[str] = []
    remove = on_language_changed(seen.append)
    try:
        russian = i18n.translation_for("ru")
        assert russian.gettext("Save") == "Сохранить"
        assert russian.ngettext("%(n)d record", "%(n)d records", 5) == "%(n)d записей"
        assert i18n.translation_for(PSEUDO_LANGUAGE).gettext("Save").startswith("[!! ")
        assert i18n.translation_for("en").gettext("Save") == "Save"
        with pytest.raises(ValueError):
            i18n.translation_for("de")
    finally:
        remove()
    assert current_language() == "en" and _("Save") == "Save" and seen == []


def test_n_plural_marks_a_pair_without_translating(catalogs: tuple[Path, Path]) -> None:
    _write_po(catalogs[1], "ru", RU_PO)
    set_language("ru")
    pair = i18n.N_plural("%(n)d record", "%(n)d records")
    assert pair == ("%(n)d record", "%(n)d records")
    assert ngettext(*pair, 2) == "%(n)d записи"


def test_plural_rules_of_the_headers() -> None:
    assert [plural_index("ru", n) for n in (1, 2, 5, 11, 21, 22, 25)] == [0, 1, 2, 2, 0, 1, 2]
    assert [plural_index("kk", n) for n in (0, 1, 2, 5, 21)] == [1, 0, 1, 1, 1]
    assert ngettext("%(n)d record", "%(n)d records", 1) == "%(n)d record"
    assert ngettext("%(n)d record", "%(n)d records", 2) == "%(n)d records"


def test_n_marks_without_translating(catalogs: tuple[Path, Path]) -> None:
    _write_po(catalogs[1], "ru", RU_PO)
    set_language("ru")
    label = N_("Save")
    assert label == "Save"
    assert _(label) == "Сохранить"


def test_default_language_follows_the_system_locale() -> None:
    assert default_language({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert default_language({"LC_ALL": "kk_KZ.UTF-8", "LANG": "ru_RU.UTF-8"}) == "kk"
    assert default_language({"LC_MESSAGES": "kk_KZ", "LANG": "en_US.UTF-8"}) == "kk"
    assert default_language({"LANGUAGE": "de:kk:ru", "LANG": "de_DE.UTF-8"}) == "kk"
    assert default_language({"LANG": "de_DE.UTF-8"}) == "en"
    assert default_language({"LANG": "C.UTF-8"}) == "en"
    assert default_language({}) == "en"
    assert default_language() in LANGUAGES


# --- pseudo-locale ------------------------------------------------------------------------


def test_pseudo_locale_is_accepted_but_not_offered() -> None:
    assert PSEUDO_LANGUAGE == "qps"
    assert PSEUDO_LANGUAGE not in LANGUAGES
    set_language("qps")
    assert current_language() == "en", "formats and record texts follow English"
    assert _("Save") != "Save"


def test_pseudo_locale_wraps_and_lengthens() -> None:
    set_language("qps")
    assert _("Save") == "[!! Ŝàṽé ~~~ !!]"
    long_text = "The passphrase is too short: use at least ten characters, better words."
    shown = _(long_text)
    assert shown.startswith("[!! ") and shown.endswith(" !!]")
    assert len(shown) >= 1.4 * len(long_text)
    assert not re.search(r"[a-z]", shown.replace("~", "")), "every letter looks foreign"
    assert ngettext("%(n)d record", "%(n)d records", 3).startswith("[!! %(n)d ŕéçöŕðš")
    assert pgettext("case status", "Open").startswith("[!! Öþéñ")


def test_pseudo_locale_keeps_placeholders_mnemonics_and_markup() -> None:
    set_language("qps")
    text = _("Deleted %(n)d of %(total)s in {place} (%s, 100%%) — <b>&Undo</b> &amp; R&&D")
    for kept in ("%(n)d", "%(total)s", "{place}", "%s", "%%", "<b>", "</b>", "&U", "&amp;",
                 "&&"):
        assert kept in text, kept
    assert _("%(n)d files, %(size)s") % {"n": 3, "size": "4 KB"} == "[!! 3 ƒîĺéš, 4 KB ~~~ !!]"
    assert _("{count} left").format(count=2).startswith("[!! 2 ĺéƒţ")
    assert _("&Open…").startswith("[!! &Oþéñ…")


def test_pseudo_locale_keeps_surrounding_white_space() -> None:
    assert pseudolocalize("") == ""
    assert pseudolocalize("  \n") == "  \n"
    assert pseudolocalize("Line\n") == "[!! Ĺîñé ~~~ !!]\n"


# --- listeners ----------------------------------------------------------------------------


def test_listeners_fire_on_a_change_only() -> None:
    seen: list[str] = []
    unregister = on_language_changed(seen.append)
    try:
        set_language("ru")
        set_language("ru")
        set_language("qps")
        set_language("en")
    finally:
        unregister()
    set_language("kk")
    assert seen == ["ru", "qps", "en"]


def test_listener_sees_the_new_language_already_active(catalogs: tuple[Path, Path]) -> None:
    _write_po(catalogs[1], "ru", RU_PO)
    texts: list[str] = []
    unregister = on_language_changed(lambda lang: texts.append(_("Save")))
    set_language("ru")
    unregister()
    assert texts == ["Сохранить"]


def test_bound_method_listeners_do_not_keep_their_object_alive() -> None:
    calls: list[str] = []

    class Window:
        def retranslate(self, lang: str) -> None:
            calls.append(lang)

    window = Window()
    on_language_changed(window.retranslate)
    set_language("ru")
    del window
    gc.collect()
    set_language("kk")
    assert calls == ["ru"]


def test_a_failing_listener_does_not_stop_the_others() -> None:
    seen: list[str] = []

    def broken(lang: str) -> None:
        raise RuntimeError("listener bug")

    remove_broken = on_language_changed(broken)
    remove_good = on_language_changed(seen.append)
    try:
        with pytest.raises(RuntimeError):
            set_language("ru")
    finally:
        remove_broken()
        remove_good()
    assert seen == ["ru"]
    assert current_language() == "ru"


# --- the catalog tool ---------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """A tiny project: two marked strings, a template and complete ru/kk catalogs."""
    root = tmp_path / "project"
    (root / "hrcase").mkdir(parents=True)
    shutil.copy(ROOT / "babel.cfg", root / "babel.cfg")
    (root / "hrcase" / "__init__.py").write_text('__version__ = "1.0"\n')
    _write_module(root, "")
    tool.extract(root)
    tool.update(root)
    _translate(root, "ru", {"Save": "Сохранить", "Hello, %(name)s!": "Здравствуйте, %(name)s!",
                            "%(n)d record": ("%(n)d запись", "%(n)d записи", "%(n)d записей")})
    _translate(root, "kk", {"Save": "Сақтау", "Hello, %(name)s!": "Сәлеметсіз бе, %(name)s!",
                            "%(n)d record": ("%(n)d жазба", "%(n)d жазба")})
    yield root


def _write_module(root: Path, extra: str) -> None:
    (root / "hrcase" / "mod.py").write_text(
        "from hrcase.i18n import N_, _, ngettext\n\n"
        "LABEL = N_(\"Save\")\n\n\n"
        "def greet(name: str, n: int) -> str:\n"
        "    return _(\"Hello, %(name)s!\") % {\"name\": name} + _(LABEL) + ngettext(\n"
        "        \"%(n)d record\", \"%(n)d records\", n) % {\"n\": n}\n" + extra)


def _translate(root: Path, lang: str, strings: dict[str, str | tuple[str, ...]],
               fuzzy: bool = False) -> None:
    path = tool.po_path(root, lang)
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key in strings:
            message.string = strings[key]
            if fuzzy:
                message.flags.add("fuzzy")
    buffer = io.BytesIO()
    write_po(buffer, catalog, sort_output=True, include_lineno=False)
    path.write_bytes(buffer.getvalue())


def test_tool_a_complete_project_has_no_problems(project: Path) -> None:
    assert tool.check(project) == []
    stats = {s.lang: s for s in tool.stats(project)}
    assert (stats["ru"].total, stats["ru"].translated, stats["ru"].untranslated) == (3, 3, 0)


def test_tool_template_is_stable(project: Path) -> None:
    pot = tool.template_path(project)
    first = pot.read_bytes()
    assert b"POT-Creation-Date" not in first
    assert re.search(rb"^#: hrcase/mod\.py$", first, re.MULTILINE), "file-only locations"
    module = project / "hrcase" / "mod.py"
    module.write_text("\n\n" + module.read_text())
    tool.extract(project)
    assert pot.read_bytes() == first
    ids = re.findall(rb'^msgid "(.+)"$', first, re.MULTILINE)
    assert ids == sorted(ids)


def test_tool_detects_a_stale_template(project: Path) -> None:
    _write_module(project, "\n\ndef more() -> str:\n    return _(\"Delete\")\n")
    problems = tool.check_template(project)
    assert any('stale' in p and '"Delete"' in p for p in problems), problems
    tool.extract(project)
    assert tool.check_template(project) == []
    assert any('"Delete"' in p for p in tool.check_catalog(project, "ru")), "needs update"
    tool.update(project)
    problems = tool.check_catalog(project, "ru")
    assert len(problems) == 1 and problems[0].endswith('"Delete": untranslated'), problems


def test_tool_update_keeps_translations(project: Path) -> None:
    module = project / "hrcase" / "mod.py"
    module.write_text(module.read_text().replace('"Hello, %(name)s!"', '"Hello, %(name)s!!"'))
    tool.extract(project)
    tool.update(project)
    with tool.po_path(project, "ru").open("rb") as handle:
        catalog = read_po(handle)
    assert catalog["Save"].string == "Сохранить"
    changed = catalog["Hello, %(name)s!!"]
    assert changed.fuzzy and changed.string == "Здравствуйте, %(name)s!"
    problems = tool.check_catalog(project, "ru")
    assert len(problems) == 1 and "fuzzy" in problems[0], problems


def test_tool_detects_an_untranslated_entry(project: Path) -> None:
    _translate(project, "kk", {"Save": ""})
    problems = tool.check(project)
    assert any("kk" in p and '"Save": untranslated' in p for p in problems), problems


def test_tool_detects_a_missing_plural_form(project: Path) -> None:
    _translate(project, "ru", {"%(n)d record": ("%(n)d запись", "%(n)d записи", "")})
    problems = tool.check_catalog(project, "ru")
    assert any("plural form 2 is missing" in p for p in problems), problems
    path = tool.po_path(project, "ru")
    path.write_text(path.read_text("utf-8").replace('msgstr[2] ""\n', ""), "utf-8")
    problems = tool.check_catalog(project, "ru")
    assert any("plural form 2 is missing" in p for p in problems), problems


def test_tool_detects_a_fuzzy_entry(project: Path) -> None:
    _translate(project, "ru", {"Save": "Сохранить"}, fuzzy=True)
    problems = tool.check_catalog(project, "ru")
    assert any('"Save": fuzzy' in p for p in problems), problems


@pytest.mark.parametrize("wrong", ["Здравствуйте, %(имя)s!", "Здравствуйте, {name}!",
                                   "Здравствуйте!", "Здравствуйте, %(name)s и %(name2)s!"])
def test_tool_detects_a_placeholder_mismatch(project: Path, wrong: str) -> None:
    _translate(project, "ru", {"Hello, %(name)s!": wrong})
    problems = tool.check_catalog(project, "ru")
    assert any("placeholders" in p and "%(name)s" in p for p in problems), problems


def test_tool_runs_msgfmt_when_installed(project: Path) -> None:
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt is not installed")
    assert tool.check_msgfmt(project, "ru") == []
    _translate(project, "ru", {"Hello, %(name)s!": "Здравствуйте, %(who)s!"})
    assert tool.check_msgfmt(project, "ru")


def test_tool_detects_a_wrong_header(project: Path) -> None:
    path = tool.po_path(project, "kk")
    path.write_text(path.read_text("utf-8").replace("nplurals=2; plural=(n!=1);",
                                                    "nplurals=1; plural=0;"), "utf-8")
    problems = tool.check_catalog(project, "kk")
    assert any("Plural-Forms" in p for p in problems), problems


def test_tool_detects_a_mnemonic_mismatch() -> None:
    message = read_po(io.StringIO('msgid "&Save"\nmsgstr "Сохранить"\n'))["&Save"]
    assert message is not None
    assert any("mnemonic" in p for p in tool.entry_problems(message, 3))
    assert tool.mnemonics("R&&D &amp; &Save") == 1


@pytest.mark.parametrize("call", [
    '_(f"Hello {name}")',
    '_("Hello " + name)',
    '_("Hello %s" % name)',
    '_("Hello {}".format(name))',
    '_(name)',
    '_("a" if name else "b")',
    'ngettext(f"{name} file", "files", 2)',
    'pgettext(name, "Open")',
])
def test_tool_detects_wrong_marking(project: Path, call: str) -> None:
    _write_module(project, f"\n\ndef wrong(name: str) -> str:\n    return {call}\n")
    problems = tool.check_marking(project)
    assert len(problems) == 1 and "hrcase/mod.py:12: " in problems[0], problems


def test_tool_accepts_marked_constants_passed_around(project: Path) -> None:
    _write_module(project, '''

from dataclasses import dataclass

ACTIONS = {"create": N_("Created")}
TITLES = [N_("Cases")]


@dataclass(frozen=True)
class Kind:
    name: str
    title: str


KINDS = (Kind("case", N_("Cases")),)


class Check:
    def __init__(self, text: str) -> None:
        self._text = text

    def retranslate(self, kind: Kind, code: str) -> list[str]:
        action = ACTIONS.get(code)
        return [_(self._text), _(kind.title), _(action) if action else code,
                *(_(t) for t in TITLES), _(ACTIONS["create"])]


BOX = Check(N_("Deceased"))
''')
    assert tool.check_marking(project) == []


def test_tool_extracts_n_plural_as_one_plural_entry(project: Path) -> None:
    _write_module(project, "\n\nPAIR = N_plural(\"%(n)d file\", \"%(n)d files\")\n")
    mod = project / "hrcase" / "mod.py"
    mod.write_text(mod.read_text().replace("import N_,", "import N_, N_plural,"))
    tool.extract(project)
    with tool.template_path(project).open("rb") as handle:
        template = read_po(handle)
    entry = template.get("%(n)d file")
    assert entry is not None and entry.id == ("%(n)d file", "%(n)d files")
    assert not tool.check_marking(project)


def test_tool_detects_translation_at_import_time(project: Path) -> None:
    _write_module(project, '\nTITLE = _("Cases")\n\n\ndef f(x: str = _("Case")) -> str:\n'
                           '    return x\n')
    problems = tool.check_marking(project)
    assert len(problems) == 2 and all("import time" in p for p in problems), problems


def test_tool_detects_a_rebound_underscore(project: Path) -> None:
    _write_module(project, "\n\ndef f() -> None:\n    for _ in range(3):\n        pass\n")
    problems = tool.check_marking(project)
    assert len(problems) == 1 and "rebinds _" in problems[0], problems


def test_tool_compiles_catalogs_the_runtime_reads(project: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    written = tool.compile_catalogs(project)
    assert {p.parent.parent.name for p in written} == {"ru", "kk"}
    monkeypatch.setattr(i18n, "LOCALE_DIR", project / "hrcase" / "locale")
    monkeypatch.setattr(i18n, "SOURCE_DIR", project / "nowhere")
    set_language("kk")
    assert _("Save") == "Сақтау"
    assert ngettext("%(n)d record", "%(n)d records", 5) % {"n": 5} == "5 жазба"


def test_tool_main_exit_codes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert tool.main(["--root", str(project), "check"]) == 0
    _translate(project, "ru", {"Save": ""})
    assert tool.main(["--root", str(project), "check"]) == 1
    out = capsys.readouterr()
    assert '"Save": untranslated' in out.out and "1 problem(s) found." in out.err


def test_shipped_catalog_headers_are_right() -> None:
    for lang in tool.CATALOG_LANGUAGES:
        header = tool.header_fields(tool.po_path(ROOT, lang))
        assert header["Language"] == lang
        assert "".join(header["Plural-Forms"].split()) == "".join(PLURAL_FORMS[lang].split())
        assert header["Content-Type"].lower().endswith("charset=utf-8")
