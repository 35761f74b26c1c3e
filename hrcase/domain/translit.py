"""Transliteration of names between Cyrillic and Latin script, as suggestions for the user.

The result is never stored without the user's confirmation: a person's own spelling (in a
passport, a court document) wins over any rule. Conversions are deterministic.

Systems (``transliterate(text, source, "Latn", system)``):

- ``icao``: passport style, ICAO Doc 9303 as used in Russian passports since 2013
  (Холбоев → Kholboev, Юсупов → Iusupov, Ъ → IE, Ь dropped). Kazakh and Uzbek letters are
  folded as in Kazakh passports (Қ → K, Ғ → G, Ң → N, Ә → A, Ө → O, Ұ Ү Ў → U, Һ → H, І → I).
- ``bgn``: BGN/PCGN 1947 for Russian (Юсупов → Yusupov, Е → Ye at the start of a word and
  after vowels, Й, Ъ and Ь; Ё → Ë/Yë; Ъ → ”, Ь → ’).
- ``kk2021``: the Kazakh Latin alphabet of 2021 (Ә Ä, Ғ Ğ, Қ Q, Ң Ñ, Ө Ö, Ұ Ū, Ү Ü, Һ H,
  Х H, І I/ı, И and Й İ/i, Ы Y, У U, Ш Ş, Ж J). That alphabet has 31 letters for native
  sounds; letters found only in Russian loans are written Ч → Ç, Ц → Ts, Щ → Şş, Ё → İo,
  Ю → İu, Я → İa, Э → E, Ъ and Ь dropped.
- ``uz``: the Uzbek Latin alphabet (Х X, Ж J, Ў O', Ғ G', Қ Q, Ҳ H, Ш Sh, Ч Ch, Й Y,
  Е → Ye at the start of a word and after vowels, Ц → S at the start of a word and after a
  consonant, Ts after a vowel). The ASCII apostrophe is used in O' and G' (as on keyboards
  and in most official sites) rather than U+02BB.

Latin → Cyrillic (``target_script="Cyrl"``) is best effort for ru, kk and uz: it reads the
systems above and the usual informal spellings (kh, zh, sh, ch, x, j, y, q, o', g'). Where
a Latin spelling is ambiguous, the reading of the passport system is preferred
(Iusupov → Юсупов, Sergei → Сергей). Kazakh Latin with ı or İ is read strictly as the 2021
alphabet (I ı → І, İ i → И or Й after a vowel, Y → Ы); without them it is read as informal
spelling (I i → И, y after a vowel → Й). For Russian a word-initial E is read as Е, not Э, and
X as Х at the start of a word (Xolboev, a Central Asian spelling) but КС elsewhere (Maxim).

Case follows the source: title case stays title case (Ш → Sh), capitals stay capitals
(Ш in ХОЛБОЕВ → SH).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from hrcase.i18n import N_, _

SYSTEMS: dict[str, tuple[str, ...]] = {
    "ru": ("icao", "bgn"),
    "kk": ("kk2021", "icao"),
    "uz": ("uz", "icao"),
}
_SYSTEM_LABELS = {
    "icao": N_("Passport (ICAO 9303)"),
    "bgn": N_("BGN/PCGN"),
    "kk2021": N_("Kazakh Latin alphabet (2021)"),
    "uz": N_("Uzbek Latin alphabet"),
}
_CYRILLIC_LABELS = {
    "ru": N_("Russian Cyrillic"),
    "kk": N_("Kazakh Cyrillic"),
    "uz": N_("Uzbek Cyrillic"),
}

_CYR_VOWELS = set("аеёиоуыэюяәөұүіў")
_LAT_VOWELS = set("aeiouyäöüūıëéáóúý")
_KK_LETTERS = set("әғқңөұүһі")
_UZ_LETTERS = set("ўҳ")
_KK_LATIN = set("äğñöūüışçŋ")
_APOSTROPHES = "'’ʻʼ`‘"

# Letters of other Cyrillic alphabets, folded as Kazakh passports do.
_FOLDED = {"ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
           "һ": "h", "і": "i", "ў": "u", "ҳ": "kh"}

_ICAO = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", **_FOLDED,
}

_BGN = {
    **_ICAO, "ё": "ë", "й": "y", "ъ": "”", "ь": "’", "ю": "yu", "я": "ya",
}

_KK2021 = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
    "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
    "ч": "ç", "ш": "ş", "щ": "şş", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
    "ю": "iu", "я": "ia", "ў": "ū", "ҳ": "h",
}

_UZ = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "'", "ы": "i", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ў": "o'", "қ": "q", "ғ": "g'", "ҳ": "h", "ә": "a", "ң": "ng", "ө": "o",
    "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}

_TABLES = {"icao": _ICAO, "bgn": _BGN, "kk2021": _KK2021, "uz": _UZ}


def system_label(system: str) -> str:
    """The translated name of a romanisation system (``icao``, ``bgn``, ``kk2021``, ``uz``)."""
    return _(_SYSTEM_LABELS[system])


def detect_script(text: str) -> str:
    """``"Cyrl"``, ``"Latn"``, ``"mixed"`` (letters of both) or ``"none"`` (no letters)."""
    cyr = lat = False
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("CYRILLIC"):
            cyr = True
        elif name.startswith("LATIN"):
            lat = True
    if cyr and lat:
        return "mixed"
    return "Cyrl" if cyr else "Latn" if lat else "none"


def transliterate(text: str, source: str, target_script: str, system: str | None = None) -> str:
    """Convert ``text`` written in language ``source`` (ru, kk, uz) to ``target_script``.

    For ``"Latn"``, ``system`` is one of ``SYSTEMS[source]`` (default: the first). For
    ``"Cyrl"`` the input may be in any of the source's systems or informal spellings; a
    ``system`` naming one of them is accepted and changes nothing. Letters of the other script
    and everything else pass through unchanged. ValueError for an unknown combination.
    """
    if source not in SYSTEMS:
        raise ValueError(f"unknown source language {source!r}")
    if system is not None and system not in SYSTEMS[source]:
        raise ValueError(f"system {system!r} does not apply to {source!r}")
    if target_script == "Latn":
        return _to_latin(text, system or SYSTEMS[source][0])
    if target_script == "Cyrl":
        return _to_cyrillic(text, source)
    raise ValueError(f"unknown target script {target_script!r}")


def suggest_variants(text: str, source: str | None = None) -> list[tuple[str, str, str]]:
    """Spellings of ``text`` in the other script: ``[(text, script, system label), …]``.

    ``source`` (ru, kk, uz) names the language of the name; without it, it is guessed from
    letters only Kazakh or Uzbek use (a Kazakh or Uzbek name spelled with Russian letters is
    then treated as Russian). Identical suggestions are given once; mixed-script or
    letterless text gets none.
    """
    script = detect_script(text)
    if script not in ("Cyrl", "Latn"):
        return []
    lang = source or _guess_language(text, script)
    results: list[tuple[str, str, str]] = []
    seen = {text}
    if script == "Cyrl":
        for system in SYSTEMS[lang]:
            variant = _to_latin(text, system)
            if variant not in seen:
                seen.add(variant)
                results.append((variant, "Latn", system_label(system)))
    else:
        variant = _to_cyrillic(text, lang)
        if variant not in seen:
            results.append((variant, "Cyrl", _(_CYRILLIC_LABELS[lang])))
    return results


def _guess_language(text: str, script: str) -> str:
    low = text.lower()
    if script == "Cyrl":
        if any(ch in _UZ_LETTERS for ch in low):
            return "uz"
        return "kk" if any(ch in _KK_LETTERS for ch in low) else "ru"
    if any(ch in _KK_LATIN for ch in low):
        return "kk"
    if any(f"{c}{a}" in low for c in "og" for a in _APOSTROPHES):
        return "uz"
    return "ru"


def _caps_flags(text: str) -> list[bool]:
    """For each index: does it lie in a word written all in capitals (two letters or more)?"""
    flags = [False] * len(text)
    i = 0
    while i < len(text):
        if not text[i].isalpha():
            i += 1
            continue
        j = i
        while j < len(text) and (text[j].isalpha() or (text[j] in _APOSTROPHES and j + 1 < len(text)
                                                       and text[j + 1].isalpha())):
            j += 1
        letters = [c for c in text[i:j] if c.isalpha()]
        caps = len(letters) > 1 and all(c.isupper() for c in letters)
        for k in range(i, j):
            flags[k] = caps
        i = j
    return flags


def _upper(text: str, dotted: bool) -> str:
    """Upper case; with ``dotted`` (Kazakh 2021), i → İ and ı → I."""
    if dotted:
        return "".join("İ" if c == "i" else c.upper() for c in text)
    return text.upper()


def _apply_case(rep: str, source: str, all_caps: bool, dotted: bool) -> str:
    if not rep or not source[:1].isupper():
        return rep
    if all_caps or (len(source) > 1 and source[1].isupper()):
        return _upper(rep, dotted)
    return _upper(rep[0], dotted) + rep[1:]


def _to_latin(text: str, system: str) -> str:
    table = _TABLES[system]
    dotted = system == "kk2021"
    caps = _caps_flags(text)
    out: list[str] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        rep = table.get(low)
        if rep is None:
            out.append(ch)
            continue
        prev = text[i - 1].lower() if i > 0 else ""
        start = not prev.isalpha()
        after_vowel = start or prev in _CYR_VOWELS or prev in "йъь"
        if system == "bgn" and low in "её" and after_vowel:
            rep = "y" + rep
        elif system == "uz" and low == "е" and (start or prev in _CYR_VOWELS or prev in "ъь"):
            rep = "ye"
        elif system == "uz" and low == "ц" and (start or prev not in _CYR_VOWELS):
            rep = "s"
        out.append(_apply_case(rep, ch, caps[i], dotted))
    return "".join(out)


# Latin → Cyrillic. A rule maps a lower-case Latin sequence to Cyrillic, or to a function of
# the context (previous Latin letter, at start of word, at end of word) giving the Cyrillic.
_Rule = str | Callable[[str, bool, bool], str]


def _after_vowel(yes: str, no: str) -> Callable[[str, bool, bool], str]:
    return lambda prev, start, end: yes if prev in _LAT_VOWELS else no


def _ru_i(prev: str, start: bool, end: bool) -> str:
    return "й" if prev in _LAT_VOWELS and end else "и"


def _ru_y(prev: str, start: bool, end: bool) -> str:
    if start:
        return "и"
    return "й" if prev in _LAT_VOWELS else "ы"


def _ru_x(prev: str, start: bool, end: bool) -> str:
    return "х" if start else "кс"


def _ru_ia(prev: str, start: bool, end: bool) -> str:
    return "ия" if end and not start and prev not in _LAT_VOWELS else "я"


_COMMON_LATIN: dict[str, _Rule] = {
    "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "k": "к",
    "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т",
    "u": "у", "v": "в", "w": "в", "z": "з", "ck": "к", "ph": "ф", "ts": "ц", "ch": "ч",
    "sh": "ш", "zh": "ж", "kh": "х",
    # letters of other Turkic Latin alphabets, approximated
    "ä": "а", "ç": "ч", "é": "е", "ğ": "г", "ı": "ы", "ñ": "н", "ŋ": "н", "ö": "о", "ş": "ш",
    "ū": "у", "ü": "у",
}

_RU_RULES: dict[str, _Rule] = {
    **_COMMON_LATIN,
    "h": "х", "j": "дж", "q": "к", "x": _ru_x, "i": _ru_i, "y": _ru_y, "ë": "ё",
    "shch": "щ", "sch": "щ", "yu": "ю", "iu": "ю", "ya": "я", "ia": _ru_ia, "yo": "ё",
    "ye": "е", "'": "ь", "’": "ь", "ʹ": "ь", "”": "ъ", "ʺ": "ъ", "ö": "ё", "ü": "ю",
}

_KK_RULES: dict[str, _Rule] = {
    **_COMMON_LATIN,
    "ä": "ә", "ç": "ч", "ğ": "ғ", "h": "х", "ı": "і", "i": _after_vowel("й", "и"), "j": "ж",
    "ñ": "ң", "ŋ": "ң", "ö": "ө", "q": "қ", "ş": "ш", "ū": "ұ", "ü": "ү", "w": "у", "x": "х",
    "y": _after_vowel("й", "ы"), "á": "ә", "ǵ": "ғ", "ń": "ң", "ó": "ө", "ú": "ү", "ý": "у",
    "gh": "ғ", "şş": "щ", "ia": "я", "iu": "ю", "io": "ё", "ya": "я", "yu": "ю", "yo": "ё",
    "'": "",
}
# Text with ı or İ is taken to follow the 2021 alphabet strictly: y is ы, I is І.
_KK_STRICT_RULES: dict[str, _Rule] = {**_KK_RULES, "y": "ы"}


def _uz_e(prev: str, start: bool, end: bool) -> str:
    return "э" if start else "е"


_UZ_RULES: dict[str, _Rule] = {
    **_COMMON_LATIN,
    "e": _uz_e, "h": "ҳ", "i": "и", "j": "ж", "q": "қ", "x": "х", "y": "й",
    "o'": "ў", "g'": "ғ", "s'h": "сҳ", "ya": "я", "yu": "ю", "yo": "ё", "ye": "е",
    "'": "ъ", "ng": "нг", "ğ": "ғ", "ö": "ў", "ü": "ў",
}

_REVERSE = {"ru": _RU_RULES, "kk": _KK_RULES, "uz": _UZ_RULES}


def _lower_latin(text: str, strict_kk: bool) -> str:
    """Lower case keeping one character per character (İ → i; I → ı in strict Kazakh 2021)."""
    out = []
    for ch in text:
        if ch == "İ":
            out.append("i")
        elif ch == "I":
            out.append("ı" if strict_kk else "i")
        elif ch in _APOSTROPHES:
            out.append("'" if ch != "’" else "’")
        else:
            low = ch.lower()
            out.append(low if len(low) == 1 else ch)
    return "".join(out)


def _to_cyrillic(text: str, lang: str) -> str:
    strict_kk = lang == "kk" and ("ı" in text or "İ" in text)
    rules = _KK_STRICT_RULES if strict_kk else _REVERSE[lang]
    longest = max(len(key) for key in rules)
    low = _lower_latin(text, strict_kk)
    if lang != "ru":
        low = low.replace("’", "'")
    caps = _caps_flags(text)
    out: list[str] = []
    i = 0
    while i < len(text):
        for size in range(min(longest, len(text) - i), 0, -1):
            seq = low[i:i + size]
            rule = rules.get(seq)
            if rule is None:
                continue
            if seq[0] in _APOSTROPHES + "’”ʹʺ" and (i == 0 or not text[i - 1].isalpha()):
                continue
            prev = low[i - 1] if i > 0 else ""
            start = not prev.isalpha()
            nxt = text[i + size] if i + size < len(text) else ""
            end = not nxt.isalpha()
            rep = rule if isinstance(rule, str) else rule(prev, start, end)
            out.append(_apply_case(rep, text[i:i + size], caps[i], False))
            i += size
            break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)
