"""Partial dates, dates and times in words in English, Russian and Kazakh."""

from __future__ import annotations

import calendar
import datetime as dt
import gettext
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrcase import i18n
from hrcase.domain.dates import DatePoint, OpenEnd, PartialDate
from hrcase.i18n import dates as date_words
from hrcase.i18n.dates import format_date, format_datetime, format_partial_date


@pytest.fixture
def interface_language() -> Iterator[None]:
    """Restore English as the interface language after the test."""
    yield
    i18n.set_language("en")


EXAMPLES = [
    (
        "2011-12-16/2011-12-19",
        "16–19 December 2011",
        "16–19 декабря 2011 г.",
        "2011 ж. 16–19 желтоқсан",
    ),
    ("2011-12-16", "16 December 2011", "16 декабря 2011 г.", "2011 ж. 16 желтоқсан"),
    ("2011-12", "December 2011", "декабрь 2011 г.", "2011 ж. желтоқсан"),
    ("1974", "1974", "1974 г.", "1974 ж."),
    ("2010~", "c. 2010", "ок. 2010 г.", "шамамен 2010 ж."),
    ("2011-12~", "c. December 2011", "ок. декабря 2011 г.", "шамамен 2011 ж. желтоқсан"),
    (
        "2011-12-16~",
        "c. 16 December 2011",
        "ок. 16 декабря 2011 г.",
        "шамамен 2011 ж. 16 желтоқсан",
    ),
    ("2010?", "possibly 2010", "предположительно 2010 г.", "болжам бойынша 2010 ж."),
    ("2010%", "possibly c. 2010", "предположительно ок. 2010 г.", "болжам бойынша шамамен 2010 ж."),
    ("", "unknown date", "дата неизвестна", "күні белгісіз"),
    (
        "2005-11-21~/2005-11-30~",
        "late November 2005",
        "конец ноября 2005 г.",
        "2005 ж. қараша айының соңы",
    ),
    (
        "2005-11-11~/2005-11-20~",
        "mid-November 2005",
        "середина ноября 2005 г.",
        "2005 ж. қараша айының ортасы",
    ),
    (
        "2005-11-01~/2005-11-10~",
        "early November 2005",
        "начало ноября 2005 г.",
        "2005 ж. қараша айының басы",
    ),
    ("2005-01~/2005-04~", "early 2005", "начало 2005 г.", "2005 жылдың басы"),
    ("2005-05~/2005-08~", "mid-2005", "середина 2005 г.", "2005 жылдың ортасы"),
    ("2005-09~/2005-12~", "late 2005", "конец 2005 г.", "2005 жылдың соңы"),
    (
        "2005-11-21%/2005-11-30%",
        "possibly late November 2005",
        "предположительно конец ноября 2005 г.",
        "болжам бойынша 2005 ж. қараша айының соңы",
    ),
    ("1974/1980", "1974–1980", "1974–1980 гг.", "1974–1980 жж."),
    ("1974~/1980~", "c. 1974–1980", "ок. 1974–1980 гг.", "шамамен 1974–1980 жж."),
    (
        "2011-11/2011-12",
        "November – December 2011",
        "ноябрь – декабрь 2011 г.",
        "2011 ж. қараша – желтоқсан",
    ),
    (
        "2011-11~/2011-12~",
        "c. November – December 2011",
        "ок. ноября – декабря 2011 г.",
        "шамамен 2011 ж. қараша – желтоқсан",
    ),
    (
        "2011-11-30/2011-12-02",
        "30 November – 2 December 2011",
        "30 ноября – 2 декабря 2011 г.",
        "2011 ж. 30 қараша – 2 желтоқсан",
    ),
    (
        "2011-11-30/2012-01-03",
        "30 November 2011 – 3 January 2012",
        "30 ноября 2011 г. – 3 января 2012 г.",
        "2011 ж. 30 қараша – 2012 ж. 3 қаңтар",
    ),
    (
        "2011-12/2012-02",
        "December 2011 – February 2012",
        "декабрь 2011 г. – февраль 2012 г.",
        "2011 ж. желтоқсан – 2012 ж. ақпан",
    ),
    (
        "2011-12/2011-12-19",
        "December 2011 – 19 December 2011",
        "декабрь 2011 г. – 19 декабря 2011 г.",
        "2011 ж. желтоқсан – 2011 ж. 19 желтоқсан",
    ),
    ("2011-12/..", "December 2011 – …", "декабрь 2011 г. – …", "2011 ж. желтоқсан – …"),
    ("../2005", "… – 2005", "… – 2005 г.", "… – 2005 ж."),
    ("2011?/", "possibly 2011 – ?", "предположительно 2011 г. – ?", "болжам бойынша 2011 ж. – ?"),
    ("/2005-11", "? – November 2005", "? – ноябрь 2005 г.", "? – 2005 ж. қараша"),
    # Ends with different qualifiers are shown one by one; typed back, a leading "c." would
    # qualify the whole range (see test_dates.TYPED).
    ("2011~/2012", "c. 2011 – 2012", "ок. 2011 г. – 2012 г.", "шамамен 2011 ж. – 2012 ж."),
    (
        "2011/2012?",
        "2011 – possibly 2012",
        "2011 г. – предположительно 2012 г.",
        "2011 ж. – болжам бойынша 2012 ж.",
    ),
]


@pytest.mark.parametrize(("edtf", "en", "ru", "kk"), EXAMPLES)
def test_partial_date_in_words(edtf: str, en: str, ru: str, kk: str) -> None:
    date = PartialDate.parse(edtf)
    assert [format_partial_date(date, lang) for lang in ("en", "ru", "kk")] == [en, ru, kk]


def test_language_defaults_to_the_interface_language(interface_language: None) -> None:
    date = PartialDate.parse("2011-12")
    assert format_partial_date(date) == "December 2011"
    i18n.set_language("kk")
    assert format_partial_date(date) == "2011 ж. желтоқсан"
    assert format_partial_date(date, "ru") == "декабрь 2011 г."


def test_table_languages_ignore_the_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return message.upper()

    monkeypatch.setattr(i18n, "_translations", Shouting())
    assert format_partial_date(PartialDate.parse("2010~"), "ru") == "ок. 2010 г."


def test_other_languages_use_cldr_months_and_the_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    date = PartialDate.parse("2011-12-16~/2011-12-19~")
    assert format_partial_date(date, "de") == "c. 16–19 Dezember 2011"

    class German(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return {"c. {date}": "ca. {date}"}.get(message, message)

    monkeypatch.setattr(i18n, "_translations", German())
    assert format_partial_date(date, "de") == "ca. 16–19 Dezember 2011"


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_language_has_every_pattern(lang: str) -> None:
    assert date_words._RULES[lang].keys() == date_words._RULES["en"].keys()


def test_format_date_and_datetime() -> None:
    day = dt.date(2011, 12, 16)
    moment = dt.datetime(2011, 12, 16, 14, 5)
    assert format_date(day, "en") == "Dec 16, 2011"
    assert "дек." in format_date(day, "ru") and "2011" in format_date(day, "ru")
    assert "жел." in format_date(day, "kk") and "2011" in format_date(day, "kk")
    assert format_datetime(moment, "en").startswith("Dec 16, 2011")
    assert "14:05" in format_datetime(moment, "ru")
    assert "14:05" in format_datetime(moment, "kk")


def test_format_datetime_keeps_the_time_zone_it_is_given() -> None:
    moment = dt.datetime(2011, 12, 16, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    assert "23:30" in format_datetime(moment, "ru")


def test_format_date_defaults_to_the_interface_language(interface_language: None) -> None:
    i18n.set_language("ru")
    assert format_date(dt.date(2011, 12, 16)) == format_date(dt.date(2011, 12, 16), "ru")


# --- what is shown reads back as the same value --------------------------------------------

@st.composite
def points(draw: st.DrawFn, approximate: bool, uncertain: bool) -> DatePoint:
    year = draw(st.integers(1000, 9999))
    month = draw(st.none() | st.integers(1, 12))
    if month is None:
        return DatePoint(year, None, None, approximate, uncertain)
    day = draw(st.none() | st.integers(1, calendar.monthrange(year, month)[1]))
    return DatePoint(year, month, day, approximate, uncertain)


@st.composite
def shown_dates(draw: st.DrawFn) -> PartialDate:
    """Values whose dated ends share their qualifiers (the usual case)."""
    approximate, uncertain = draw(st.booleans()), draw(st.booleans())
    first = draw(points(approximate, uncertain))
    kind = draw(st.sampled_from(["unknown", "single", "interval", "open"]))
    if kind == "unknown":
        return PartialDate()
    if kind == "single":
        return PartialDate(first, first)
    if kind == "open":
        end = draw(st.sampled_from(OpenEnd))
        return PartialDate(end, first) if draw(st.booleans()) else PartialDate(first, end)
    other = draw(points(approximate, uncertain))
    start, end = sorted((first, other), key=lambda point: (point.earliest, point.latest))
    return PartialDate(start, end)


@given(shown_dates(), st.sampled_from(i18n.LANGUAGES))
def test_words_read_back_as_the_same_date(date: PartialDate, lang: str) -> None:
    assert PartialDate.parse(format_partial_date(date, lang)) == date
