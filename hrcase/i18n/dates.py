"""Dates in words in the interface languages: partial dates, plain dates and times.

Month names come from CLDR (Babel). Word order, the year abbreviation ("г.", "ж.") and the words
for "about", "possibly" and "early/mid/late" are formatting rules kept in a table per language, so
Russian and Kazakh come out right without a message catalog. The English patterns are marked for
translation; a language without a table uses their translation from the interface catalog.
"""

from __future__ import annotations

import datetime
import functools

from babel.dates import format_date as _babel_format_date
from babel.dates import format_datetime as _babel_format_datetime
from babel.dates import get_month_names

from hrcase.domain.dates import DatePoint, End, OpenEnd, PartialDate
from hrcase.i18n import N_, _, current_language

# Translators: patterns of dates in words; keep every {placeholder}. {month} is a month name as
# used with a day ("16 December"), {month_alone} a month name on its own ("December 2011").
_ENGLISH: dict[str, str] = {
    "unknown": N_("unknown date"),
    "year": N_("{year}"),
    "month": N_("{month_alone} {year}"),
    "day": N_("{day} {month} {year}"),
    "year_range": N_("{year1}–{year2}"),
    "month_range": N_("{month_alone1} – {month_alone2} {year}"),
    "day_range": N_("{day1}–{day2} {month} {year}"),
    "day_month_range": N_("{day1} {month1} – {day2} {month2} {year}"),
    "range": N_("{start} – {end}"),
    "approximate": N_("c. {date}"),
    "uncertain": N_("possibly {date}"),
    "early_month": N_("early {month} {year}"),
    "mid_month": N_("mid-{month} {year}"),
    "late_month": N_("late {month} {year}"),
    "early_year": N_("early {year}"),
    "mid_year": N_("mid-{year}"),
    "late_year": N_("late {year}"),
}
_RULES: dict[str, dict[str, str]] = {
    "en": _ENGLISH,
    "ru": {
        "unknown": "дата неизвестна",
        "year": "{year} г.",
        "month": "{month_alone} {year} г.",
        "day": "{day} {month} {year} г.",
        "year_range": "{year1}–{year2} гг.",
        "month_range": "{month_alone1} – {month_alone2} {year} г.",
        "day_range": "{day1}–{day2} {month} {year} г.",
        "day_month_range": "{day1} {month1} – {day2} {month2} {year} г.",
        "range": "{start} – {end}",
        "approximate": "ок. {date}",
        "uncertain": "предположительно {date}",
        "early_month": "начало {month} {year} г.",
        "mid_month": "середина {month} {year} г.",
        "late_month": "конец {month} {year} г.",
        "early_year": "начало {year} г.",
        "mid_year": "середина {year} г.",
        "late_year": "конец {year} г.",
    },
    "kk": {
        "unknown": "күні белгісіз",
        "year": "{year} ж.",
        "month": "{year} ж. {month}",
        "day": "{year} ж. {day} {month}",
        "year_range": "{year1}–{year2} жж.",
        "month_range": "{year} ж. {month1} – {month2}",
        "day_range": "{year} ж. {day1}–{day2} {month}",
        "day_month_range": "{year} ж. {day1} {month1} – {day2} {month2}",
        "range": "{start} – {end}",
        "approximate": "шамамен {date}",
        "uncertain": "болжам бойынша {date}",
        "early_month": "{year} ж. {month} айының басы",
        "mid_month": "{year} ж. {month} айының ортасы",
        "late_month": "{year} ж. {month} айының соңы",
        "early_year": "{year} жылдың басы",
        "mid_year": "{year} жылдың ортасы",
        "late_year": "{year} жылдың соңы",
    },
}
# Languages whose word for "about" takes the genitive, which CLDR gives as the format-context
# month name: "ок. декабря 2011 г." but "декабрь 2011 г.".
_GENITIVE_AFTER_ABOUT = frozenset({"ru"})
_END_SYMBOLS: dict[OpenEnd, str] = {OpenEnd.OPEN: "…", OpenEnd.UNKNOWN: "?"}


def format_partial_date(pd: PartialDate, lang: str | None = None) -> str:
    """``pd`` in words in ``lang`` (default: the interface language)."""
    lang = lang or current_language()
    rules = _rules(lang)
    start, end = pd.start, pd.end
    if pd.is_unknown:
        return rules["unknown"]
    if (
        not isinstance(start, DatePoint)
        or not isinstance(end, DatePoint)
        or _flags(start) != _flags(end)
    ):
        # Ends that differ in kind or qualifiers are shown one by one.
        return rules["range"].format(
            start=_end_text(start, lang, rules), end=_end_text(end, lang, rules)
        )
    if pd.part is None:
        return _qualified(_span_text(start, end, lang, rules), *_flags(start), rules)
    period = "month" if start.precision == "day" else "year"
    text = rules[f"{pd.part}_{period}"].format_map(_fields(start, lang))
    # The part word already says "about".
    return _qualified(text, False, start.uncertain, rules)


def format_date(d: datetime.date, lang: str | None = None) -> str:
    """``d`` in the medium CLDR format of ``lang`` (default: the interface language)."""
    return _babel_format_date(d, "medium", locale=lang or current_language())


def format_datetime(dt: datetime.datetime, lang: str | None = None) -> str:
    """``dt`` in the medium CLDR format of ``lang``, in its own time zone (naive: as given)."""
    return _babel_format_datetime(dt, "medium", locale=lang or current_language())


def _rules(lang: str) -> dict[str, str]:
    """The patterns for ``lang``: its table, else the interface catalog's translation of English."""
    if lang in _RULES:
        return _RULES[lang]
    return {key: _(pattern) for key, pattern in _ENGLISH.items()}


@functools.cache
def _month_names(lang: str, context: str) -> dict[int, str]:
    """CLDR's wide month names for ``lang`` in ``context`` ("format" or "stand-alone")."""
    return dict(get_month_names("wide", context, locale=lang))


def _flags(point: DatePoint) -> tuple[bool, bool]:
    """The qualifiers of ``point``."""
    return point.approximate, point.uncertain


def _fields(point: DatePoint, lang: str) -> dict[str, str]:
    """The placeholder values for ``point``: year, day, month (with a day) and month_alone."""
    names = _month_names(lang, "format")
    genitive = point.approximate and lang in _GENITIVE_AFTER_ABOUT
    alone = names if genitive else _month_names(lang, "stand-alone")
    month = point.month or 0
    return {
        "year": str(point.year),
        "day": str(point.day or ""),
        "month": names.get(month, ""),
        "month_alone": alone.get(month, ""),
    }


def _qualified(text: str, approximate: bool, uncertain: bool, rules: dict[str, str]) -> str:
    """``text`` with the words for "about" and "possibly" as asked."""
    if approximate:
        text = rules["approximate"].format(date=text)
    if uncertain:
        text = rules["uncertain"].format(date=text)
    return text


def _end_text(end: End, lang: str, rules: dict[str, str]) -> str:
    """One end of a range on its own, with its qualifiers."""
    if isinstance(end, OpenEnd):
        return _END_SYMBOLS[end]
    return _qualified(_span_text(end, end, lang, rules), *_flags(end), rules)


def _span_text(start: DatePoint, end: DatePoint, lang: str, rules: dict[str, str]) -> str:
    """The dates from ``start`` to ``end`` without qualifiers, naming shared parts once."""
    first, last = _fields(start, lang), _fields(end, lang)
    if start == end:
        return rules[start.precision].format_map(first)
    same_year = start.year == end.year
    if start.precision != end.precision or (not same_year and start.precision != "year"):
        return rules["range"].format(
            start=rules[start.precision].format_map(first),
            end=rules[end.precision].format_map(last),
        )
    if start.precision == "day":
        key = "day_range" if start.month == end.month else "day_month_range"
    else:
        key = f"{start.precision}_range"
    both = {
        **first,
        **{f"{name}1": value for name, value in first.items()},
        **{f"{name}2": value for name, value in last.items()},
    }
    return rules[key].format_map(both)
