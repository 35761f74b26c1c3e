"""Interface translations (gettext) used by every layer.

``_`` translates at call time in the current interface language; ``N_`` only marks a string for
extraction (translate it later with ``_``) and ``N_plural`` a singular/plural pair (translate it
later with ``ngettext``); ``ngettext`` chooses a plural form; ``pgettext`` translates a short
string whose meaning depends on a context ("Open" a file / "Open" status). English is the
source language.

``translation_for(lang)`` gives the catalog of another language without switching the
interface: documents written for a reader (a dossier) use it, from any thread.

Where catalogs come from (decided here):

1. ``hrcase/locale/<lang>/LC_MESSAGES/hrcase.mo`` — compiled by ``setup.py`` into every wheel
   and by ``tools/i18n.py compile`` in a development checkout;
2. ``translations/<lang>/LC_MESSAGES/hrcase.po`` of a source checkout, parsed with Babel in
   memory (nothing is written) when no ``.mo`` exists or the ``.po`` is newer than it, so a
   translator sees an edit on the next start without compiling;
3. neither: English.

Fuzzy entries are never used. A catalog that cannot be read is logged (language and error type
only) and the interface stays in English rather than failing.

The pseudo-locale ``"qps"`` (not in :data:`LANGUAGES`, so never offered to users, but accepted by
:func:`set_language`) rewrites every string that passes through the translation functions into
accented look-alikes, about 40 % longer, between ``[!!`` and ``!!]``, keeping ``%(x)s``/``{x}``
placeholders, ``&`` mnemonics and markup intact. Text a developer forgot to mark shows up
unwrapped; text a widget clips loses its closing ``!!]``. Under it :func:`current_language`
says ``"en"``, so formatting and record texts behave as in English.

Listeners registered with :func:`on_language_changed` run after every change of language so a
front end can set its texts again.
"""

from __future__ import annotations

import gettext as _gettext
import io
import logging
import math
import os
import re
import threading
import weakref
from collections.abc import Callable, Mapping
from pathlib import Path

__all__ = ["DOMAIN", "LANGUAGES", "PSEUDO_LANGUAGE", "N_", "N_plural", "_", "current_language",
           "default_language", "ngettext", "on_language_changed", "pgettext", "pseudolocalize",
           "set_language", "translation_for"]

LANGUAGES = ("en", "ru", "kk")
"""The interface languages offered to users; English is the source language."""
PSEUDO_LANGUAGE = "qps"
"""The pseudo-locale for testing layouts and finding unmarked strings (never offered to users)."""
DOMAIN = "hrcase"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""Compiled catalogs: ``LOCALE_DIR/<lang>/LC_MESSAGES/hrcase.mo``."""
SOURCE_DIR = Path(__file__).resolve().parent.parent.parent / "translations"
"""Catalog sources of a checkout: ``SOURCE_DIR/<lang>/LC_MESSAGES/hrcase.po``."""

_log = logging.getLogger(__name__)

_lock = threading.RLock()
_current = "en"
_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_cache: dict[tuple[str, Path, Path], _gettext.NullTranslations] = {}
_listeners: list[Callable[[], Callable[[str], object] | None]] = []


# --- catalogs -------------------------------------------------------------------------------


def _catalog_paths(lang: str) -> tuple[Path, Path]:
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po = SOURCE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    return mo, po


def _read_po_in_memory(po: Path, lang: str) -> _gettext.GNUTranslations:
    """Compile a ``.po`` file into a translations object without writing any file."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def _load(lang: str) -> _gettext.NullTranslations:
    """The catalog of ``lang`` (see the module docstring for where it comes from)."""
    if lang == "en":
        return _gettext.NullTranslations()
    if lang == PSEUDO_LANGUAGE:
        return _PseudoTranslations()
    mo, po = _catalog_paths(lang)
    key = (lang, mo, po)
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached
        try:
            if po.is_file() and (not mo.is_file() or po.stat().st_mtime > mo.stat().st_mtime):
                loaded: _gettext.NullTranslations = _read_po_in_memory(po, lang)
            elif mo.is_file():
                with mo.open("rb") as handle:
                    loaded = _gettext.GNUTranslations(handle)
            else:
                _log.warning("no catalog for language %s; using English", lang)
                loaded = _gettext.NullTranslations()
        except Exception as exc:  # a broken catalog must not stop the program
            _log.warning("cannot read the %s catalog (%s); using English", lang,
                         type(exc).__name__)
            loaded = _gettext.NullTranslations()
        _cache[key] = loaded
        return loaded


# --- pseudo-locale --------------------------------------------------------------------------

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçðéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŜŢÛṼŴẊÝŽ",
)
_PROTECTED = re.compile(
    r"""
      %%                                              # a literal percent sign
    | %(?:\([^()]*\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa]  # %-placeholder
    | \{\{ | \}\}                                     # literal braces
    | \{[^{}]*\}                                      # {name}, {0}, {name:>10}
    | &&                                              # a literal ampersand (Qt)
    | &(?:[A-Za-z]+|\#\d+|\#x[0-9A-Fa-f]+);           # an HTML/XML entity
    | &.                                              # a mnemonic with its letter
    | <[^<>]*>                                        # markup
    """,
    re.VERBOSE | re.DOTALL,
)


def pseudolocalize(text: str) -> str:
    """``text`` as the pseudo-locale shows it: ``"&Save"`` becomes ``"[!! &Sàvé ~~~ !!]"``.

    Letters become accented look-alikes; placeholders, mnemonics and markup stay as they are;
    padding makes the text about 40 % longer (at least the brackets and three tildes). Leading
    and trailing white space stays outside the brackets.
    """
    core = text.strip()
    if not core:
        return text
    lead = text[:len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    pieces: list[str] = []
    position = 0
    for match in _PROTECTED.finditer(core):
        pieces.append(core[position:match.start()].translate(_ACCENTED))
        pieces.append(match.group())
        position = match.end()
    pieces.append(core[position:].translate(_ACCENTED))
    tildes = max(3, math.ceil(len(core) * 1.4) - len(core) - 9)
    return f"{lead}[!! {''.join(pieces)} {'~' * tildes} !!]{trail}"


class _PseudoTranslations(_gettext.NullTranslations):
    """Translations into the pseudo-locale (English rules, rewritten text)."""

    def gettext(self, message: str) -> str:
        return pseudolocalize(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudolocalize(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudolocalize(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudolocalize(msgid1 if n == 1 else msgid2)


def translation_for(lang: str) -> _gettext.NullTranslations:
    """The catalog of ``lang`` (one of :data:`LANGUAGES` or :data:`PSEUDO_LANGUAGE`), without
    switching the interface language: call its ``gettext``/``ngettext``/``pgettext``.

    Raises ``ValueError`` for any other language. Thread-safe; catalogs are loaded once.
    """
    if lang not in LANGUAGES and lang != PSEUDO_LANGUAGE:
        raise ValueError(lang)
    return _load(lang)


# --- the current language -------------------------------------------------------------------


def set_language(lang: str) -> None:
    """Switch the interface language for every later call of ``_``.

    ``lang`` is one of :data:`LANGUAGES` or :data:`PSEUDO_LANGUAGE`; anything else raises
    ``ValueError``. When the language really changes, the listeners run afterwards (in this
    thread).
    """
    global _current, _translations
    loaded = translation_for(lang)
    with _lock:
        changed = lang != _current
        _current = lang
        _translations = loaded
    if changed:
        _notify(lang)


def current_language() -> str:
    """The interface language now in use: one of :data:`LANGUAGES`.

    Under the pseudo-locale this is English, whose rules, formats and record texts then apply
    (callers pass the value to Babel, Qt and the vocabularies, which know no ``"qps"``).
    """
    return "en" if _current == PSEUDO_LANGUAGE else _current


def _language_of(locale_name: str) -> str | None:
    """``"ru"`` for ``"ru_RU.UTF-8"`` or ``"Russian_Russia"``; None when not an interface language."""
    name = locale_name.strip().lower()
    if not name or name in ("c", "posix") or name.startswith("c."):
        return None
    code = re.split(r"[_.@\-]", name, maxsplit=1)[0]
    code = {"russian": "ru", "kazakh": "kk", "english": "en"}.get(code, code)
    return code if code in LANGUAGES else None


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """The interface language the system locale asks for: ``ru``/``kk`` when it is one of them,
    else English.

    Reads ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` like gettext (the first one set;
    ``LANGUAGE`` may list several, the first known one wins), then the process locale (Windows
    and macOS set no variables).
    """
    env = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "")
        if value:
            for part in value.split(":"):
                found = _language_of(part)
                if found:
                    return found
            return "en"
    if environ is None:
        import locale

        try:
            name = locale.getlocale()[0] or ""
        except ValueError:
            name = ""
        return _language_of(name) or "en"
    return "en"


# --- translation functions ------------------------------------------------------------------


def _(message: str) -> str:
    """Translate ``message`` into the current interface language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a plural form chosen for ``n``."""
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` as meant in ``context`` (a short English note for translators)."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 (marker naming)
    """Mark a plural pair for extraction without translating it now (pass it to ``ngettext``)."""
    return singular, plural


# --- listeners ------------------------------------------------------------------------------


def on_language_changed(callback: Callable[[str], object]) -> Callable[[], None]:
    """Call ``callback(lang)`` after every change of the interface language.

    A bound method is held weakly (registering ``widget.retranslate`` does not keep the widget
    alive); any other callable is held until unregistered. Returns a function that unregisters
    the callback. Every listener runs even when one raises; the first error is raised after
    all have run.
    """
    getter: Callable[[], Callable[[str], object] | None]
    if hasattr(callback, "__self__") and hasattr(callback, "__func__"):
        getter = weakref.WeakMethod(callback)  # type: ignore[arg-type]
    else:
        def getter() -> Callable[[str], object] | None:
            return callback

    with _lock:
        _listeners.append(getter)

    def unregister() -> None:
        with _lock:
            if getter in _listeners:
                _listeners.remove(getter)

    return unregister


def _notify(lang: str) -> None:
    with _lock:
        getters = list(_listeners)
    errors: list[BaseException] = []
    for getter in getters:
        callback = getter()
        if callback is None:  # the object of a bound method is gone
            with _lock:
                if getter in _listeners:
                    _listeners.remove(getter)
            continue
        try:
            callback(lang)
        except Exception as exc:  # run the others, report the first
            errors.append(exc)
    if errors:
        raise errors[0]
