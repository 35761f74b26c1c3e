"""Partial dates: EDTF and typed input, bounds, qualifiers, ordering, overlap and errors."""

from __future__ import annotations

import calendar
import datetime as dt
import gettext

import pytest
from babel.dates import get_month_names
from hypothesis import example, given
from hypothesis import strategies as st

from hrcase import i18n
from hrcase.domain.dates import DatePoint, OpenEnd, PartialDate
from hrcase.errors import ValidationError

D = dt.date


def parse(text: str) -> PartialDate:
    return PartialDate.parse(text)


# --- canonical EDTF -----------------------------------------------------------------------

CANONICAL = [
    "2011-12-16",
    "2011-12",
    "1974",
    "2010~",
    "2010?",
    "2010%",
    "2011-12~",
    "2011-12-16?",
    "2011-12-16%",
    "2011-12-16/2011-12-19",
    "2011-12/..",
    "../2005",
    "2011/",
    "/2005",
    "2005-11-21~/2005-11-30~",
    "2004-06~/2004-06-11%",
    "0001",
    "9999-12-31",
    "",
]


@pytest.mark.parametrize("text", CANONICAL)
def test_canonical_edtf_round_trips(text: str) -> None:
    date = parse(text)
    assert date.edtf == text
    assert str(date) == text
    assert parse(date.edtf) == date


def test_interval_with_equal_ends_is_a_single_date() -> None:
    assert parse("2011/2011").edtf == "2011"
    assert not parse("2011/2011").is_interval


# --- what researchers type ------------------------------------------------------------------

TYPED = [
    # approximate and uncertain
    ("c. 2010", "2010~"),
    ("c.2010", "2010~"),
    ("ca. 2010", "2010~"),
    ("circa 2010", "2010~"),
    ("about 2010", "2010~"),
    ("около 2010", "2010~"),
    ("ок. 2010 г.", "2010~"),
    ("примерно 2010 год", "2010~"),
    ("шамамен 2010", "2010~"),
    ("шамамен 2010 ж.", "2010~"),
    ("2010 (?)", "2010?"),
    ("December 2011?", "2011-12?"),
    ("possibly 2010", "2010?"),
    ("предположительно 2010 г.", "2010?"),
    ("болжам бойынша 2010 ж.", "2010?"),
    ("possibly c. 2010", "2010%"),
    ("c. 2011-12", "2011-12~"),
    ("2011-12 ~", "2011-12~"),
    # numbers
    ("2011-12", "2011-12"),
    (" 2011-12-16 ", "2011-12-16"),
    ("16.12.2011", "2011-12-16"),
    ("16.12.2011.", "2011-12-16"),
    ("1.2.2011", "2011-02-01"),
    ("12.2011", "2011-12"),
    ("16-19.12.2011", "2011-12-16/2011-12-19"),
    ("16.12–19.12.2011", "2011-12-16/2011-12-19"),
    ("16.12.2011 - 19.12.2011", "2011-12-16/2011-12-19"),
    ("30.11-02.12.2011", "2011-11-30/2011-12-02"),
    ("2011-12-16 – 2011-12-19", "2011-12-16/2011-12-19"),
    ("2011-12-16-2011-12-19", "2011-12-16/2011-12-19"),
    ("1974-1980", "1974/1980"),
    ("2011–2011", "2011"),
    # English words
    ("16–19 December 2011", "2011-12-16/2011-12-19"),
    ("16 - 19 Dec 2011", "2011-12-16/2011-12-19"),
    ("December 16–19, 2011", "2011-12-16/2011-12-19"),
    ("from 16 to 19 December 2011", "2011-12-16/2011-12-19"),
    ("between 16 and 19 December 2011", "2011-12-16/2011-12-19"),
    ("30 November – 2 December 2011", "2011-11-30/2011-12-02"),
    ("16 December 2011", "2011-12-16"),
    ("December 16th, 2011", "2011-12-16"),
    ("December 2011", "2011-12"),
    ("DECEMBER 2011", "2011-12"),
    ("Dec. 2011", "2011-12"),
    ("Sept 2011", "2011-09"),
    ("November – December 2011", "2011-11/2011-12"),
    ("late November 2005", "2005-11-21~/2005-11-30~"),
    ("Late November 2005", "2005-11-21~/2005-11-30~"),
    ("end of November 2005", "2005-11-21~/2005-11-30~"),
    ("mid-November 2005", "2005-11-11~/2005-11-20~"),
    ("early February 2012", "2012-02-01~/2012-02-10~"),
    ("late February 2012", "2012-02-21~/2012-02-29~"),
    ("early 2005", "2005-01~/2005-04~"),
    ("beginning of 2005", "2005-01~/2005-04~"),
    ("mid 2005", "2005-05~/2005-08~"),
    ("mid-2005", "2005-05~/2005-08~"),
    ("late 2005", "2005-09~/2005-12~"),
    ("early/mid 2005", "2005-01~/2005-08~"),
    ("early–mid December 2005", "2005-12-01~/2005-12-20~"),
    ("late November – early December 2005", "2005-11-21~/2005-12-10~"),
    ("late November – 5 December 2005", "2005-11-21~/2005-12-05"),
    ("possibly late November 2005", "2005-11-21%/2005-11-30%"),
    # Russian
    ("16 декабря 2011 г.", "2011-12-16"),
    ("16–19 декабря 2011 г.", "2011-12-16/2011-12-19"),
    ("с 16 по 19 декабря 2011 года", "2011-12-16/2011-12-19"),
    ("30 ноября – 2 декабря 2011 г.", "2011-11-30/2011-12-02"),
    ("декабрь 2011 г.", "2011-12"),
    ("в декабре 2011 года", "2011-12"),
    ("в мае 2011 г.", "2011-05"),
    ("дек. 2011", "2011-12"),
    ("ноябрь – декабрь 2011 г.", "2011-11/2011-12"),
    ("в конце ноября 2005 г.", "2005-11-21~/2005-11-30~"),
    ("конец ноября 2005 г.", "2005-11-21~/2005-11-30~"),
    ("середина ноября 2005 г.", "2005-11-11~/2005-11-20~"),
    ("начало 2005 г.", "2005-01~/2005-04~"),
    ("1974–1980 гг.", "1974/1980"),
    ("ок. ноября – декабря 2011 г.", "2011-11~/2011-12~"),
    # Kazakh
    ("2011 ж. 16 желтоқсан", "2011-12-16"),
    ("2011 ж. 16–19 желтоқсан", "2011-12-16/2011-12-19"),
    ("2011 ж. 30 қараша – 2 желтоқсан", "2011-11-30/2011-12-02"),
    ("2011 ж. желтоқсан", "2011-12"),
    ("желтоқсан 2011", "2011-12"),
    ("2011 ж. қараша – желтоқсан", "2011-11/2011-12"),
    ("2005 ж. қараша айының соңы", "2005-11-21~/2005-11-30~"),
    ("2005 жылдың басы", "2005-01~/2005-04~"),
    ("2005 жылдың ортасы", "2005-05~/2005-08~"),
    ("1974–1980 жж.", "1974/1980"),
    # qualifiers on the whole date or on one end
    ("c. 16–19 December 2011", "2011-12-16~/2011-12-19~"),
    ("16–19 December 2011?", "2011-12-16?/2011-12-19?"),
    ("2011-12-16~ – 2011-12-19", "2011-12-16~/2011-12-19"),
    ("2011-12-16 – c. 2011-12-19", "2011-12-16/2011-12-19~"),
    # open and unknown ends
    ("since December 2011", "2011-12/.."),
    ("from 2011", "2011/.."),
    ("с декабря 2011 г.", "2011-12/.."),
    ("until 2005", "../2005"),
    ("до 2005 г.", "../2005"),
    ("2011 – …", "2011/.."),
    ("2011 - ...", "2011/.."),
    ("… – 2005", "../2005"),
    ("c. 2011 – …", "2011~/.."),
    ("2011 – ?", "2011/"),
    ("? – 2005", "/2005"),
    ("2011-12 / ..", "2011-12/.."),
    # unknown
    ("", ""),
    ("   ", ""),
    ("unknown", ""),
    ("Unknown date", ""),
    ("Дата неизвестна", ""),
    ("белгісіз", ""),
]


@pytest.mark.parametrize(("text", "edtf"), TYPED)
def test_typed_dates(text: str, edtf: str) -> None:
    assert parse(text).edtf == edtf


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("width", ["wide", "abbreviated"])
@pytest.mark.parametrize("context", ["format", "stand-alone"])
def test_every_cldr_month_name_is_read(lang: str, width: str, context: str) -> None:
    for number, name in get_month_names(width, context, locale=lang).items():
        month = DatePoint(2011, number)
        assert parse(f"{name} 2011") == PartialDate(month, month)


# --- errors -----------------------------------------------------------------------------------

NOT_DATES = [
    "b. 1974",
    "sometime in April",
    "December",
    "16–19",
    "16/12/2011",
    "16.12.11",
    "2011 –",
    "-2005",
    "– 2005",
    "?",
    "..",
    "../..",
    "/",
    "/..",
    "… – ?",
    "2011/2012/2013",
    "2011 – 2012 – 2013",
    "12 2011",
    "2011 2012",
    "16 17 December 2011",
    "December November 2011",
    "late 16 December 2011",
    "early mid 2005",
    "2011-12-16T10:00",
    "20111",
    "1" * 5000,
    "until 2005 to 2006",
    "2011 since",
    "hello",
    "٢٠١١",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text: str) -> None:
    with pytest.raises(ValidationError, match="^birth: This is not a date"):
        PartialDate.parse(text, "birth")


@pytest.mark.parametrize(
    "text",
    ["2011-13-40", "2011-13", "2011-00", "0000", "2011-02-29", "31.02.2011", "0.12.2011",
     "32 December 2011", "13.2011", "late 13.2011"],
)
def test_no_such_day(text: str) -> None:
    with pytest.raises(ValidationError, match="^birth: This date names a day or month that does not exist"):
        PartialDate.parse(text, "birth")


@pytest.mark.parametrize(
    "text", ["2011-12-19/2011-12-16", "19–16 December 2011", "2012/2011", "late 2005 – early 2005"]
)
def test_end_before_start(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        PartialDate.parse(text, "event_end")
    assert caught.value.field == "event_end"
    assert caught.value.detail == "This period ends before it starts."


def test_error_names_the_field_and_is_translated_at_raise_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Shouting(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return message.upper()

    monkeypatch.setattr(i18n, "_translations", Shouting())
    with pytest.raises(ValidationError) as caught:
        PartialDate.parse("31.02.2011", "birth")
    assert caught.value.field == "birth"
    assert str(caught.value) == "birth: THIS DATE NAMES A DAY OR MONTH THAT DOES NOT EXIST."


def test_error_does_not_repeat_the_input() -> None:
    with pytest.raises(ValidationError) as caught:
        PartialDate.parse("Secret Name 1974")
    assert "Secret" not in str(caught.value)
    assert caught.value.field == "date"


# --- properties -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("2011-12-16", D(2011, 12, 16), D(2011, 12, 16), "day"),
        ("2011-12", D(2011, 12, 1), D(2011, 12, 31), "month"),
        ("2012-02", D(2012, 2, 1), D(2012, 2, 29), "month"),
        ("1974", D(1974, 1, 1), D(1974, 12, 31), "year"),
        ("2010~", D(2010, 1, 1), D(2010, 12, 31), "year"),
        ("2011-12-16/2011-12-19", D(2011, 12, 16), D(2011, 12, 19), "day"),
        ("2011/2011-06-05", D(2011, 1, 1), D(2011, 6, 5), "year"),
        ("2011-12/..", D(2011, 12, 1), None, "month"),
        ("../2005", None, D(2005, 12, 31), "year"),
        ("2011-12-16/", D(2011, 12, 16), None, "day"),
        ("", None, None, None),
    ],
)
def test_bounds_and_precision(
    text: str, earliest: dt.date | None, latest: dt.date | None, precision: str | None
) -> None:
    date = parse(text)
    assert (date.earliest, date.latest, date.precision) == (earliest, latest, precision)


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [
        ("2010", False, False),
        ("2010~", True, False),
        ("2010?", False, True),
        ("2010%", True, True),
        ("2004-06~/2004-06-11?", True, True),
        ("2004-06/2004-06-11~", True, False),
        ("2011?/..", False, True),
        ("", False, False),
    ],
)
def test_qualifiers(text: str, approximate: bool, uncertain: bool) -> None:
    assert (parse(text).approximate, parse(text).uncertain) == (approximate, uncertain)


def test_unknown_and_interval() -> None:
    assert parse("").is_unknown
    assert PartialDate() == parse("")
    assert not parse("2011/..").is_unknown
    assert parse("2011/..").is_interval
    assert not parse("2011").is_interval


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("late November 2005", "late"),
        ("early 2005", "early"),
        ("mid-November 2005", "mid"),
        ("possibly mid 2005", "mid"),
        ("2005-11-21/2005-11-30", None),  # not approximate
        ("2005-11-21~/2005-11-29~", None),
        ("2005-01~/2005-05~", None),
        ("2005~", None),
        ("2005-11~", None),
        ("2005/..", None),
        ("", None),
    ],
)
def test_part(text: str, part: str | None) -> None:
    assert parse(text).part == part


def test_repr_eq_hash() -> None:
    assert repr(parse("c. 2010")) == "PartialDate('2010~')"
    assert parse("16.12.2011") == parse("2011-12-16")
    assert len({parse("16.12.2011"), parse("2011-12-16"), parse("2011-12")}) == 2
    assert parse("2010") != parse("2010~")
    assert parse("2010") != "2010"


def test_values_are_immutable() -> None:
    date = parse("2011")
    with pytest.raises(AttributeError):
        date.start = OpenEnd.OPEN  # type: ignore[misc]


@pytest.mark.parametrize(
    "kwargs",
    [{"year": 0}, {"year": 10000}, {"year": 2011, "month": 13}, {"year": 2011, "day": 5},
     {"year": 2011, "month": 2, "day": 29}, {"year": 2011, "month": 4, "day": 31}],
)
def test_date_point_rejects_impossible_dates(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        DatePoint(**kwargs)


def test_partial_date_rejects_bad_intervals() -> None:
    with pytest.raises(ValueError):
        PartialDate(OpenEnd.OPEN, OpenEnd.OPEN)
    with pytest.raises(ValueError):
        PartialDate(OpenEnd.UNKNOWN, OpenEnd.OPEN)
    with pytest.raises(ValueError):
        PartialDate(DatePoint(2012), DatePoint(2011))


# --- ordering, overlap, containment ------------------------------------------------------

def test_sorting_is_chronological_with_unknown_last() -> None:
    texts = [
        "", "2011-12-16/2011-12-19", "2011", "2011-12-16", "../2005", "2010~", "2011-12", "2010",
    ]
    assert [d.edtf for d in sorted(map(parse, texts))] == [
        "../2005", "2010", "2010~", "2011", "2011-12", "2011-12-16", "2011-12-16/2011-12-19", "",
    ]


def test_comparison_with_other_types() -> None:
    with pytest.raises(TypeError):
        _ = parse("2011") < "2012"  # type: ignore[operator]
    assert parse("2011") <= parse("2011")
    assert parse("2012") > parse("2011")


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        ("2011-12-16/2011-12-19", "2011-12-19", True),
        ("2011-12-16/2011-12-19", "2011-12-20", False),
        ("2011-12", "2011", True),
        ("2011", "2012", False),
        ("late November 2005", "2005-11-25", True),
        ("late November 2005", "early December 2005", False),
        ("2011/..", "2030", True),
        ("2011/..", "2010", False),
        ("../2005", "1900", True),
        ("2011-12-16/", "2011-12-15", False),
        ("", "1974", True),
        ("", "", True),
    ],
)
def test_overlaps(a: str, b: str, overlap: bool) -> None:
    assert parse(a).overlaps(parse(b)) is overlap
    assert parse(b).overlaps(parse(a)) is overlap


@pytest.mark.parametrize(
    ("text", "day", "inside"),
    [
        ("2011-12", D(2011, 12, 31), True),
        ("2011-12", D(2012, 1, 1), False),
        ("2011-12-16/2011-12-19", D(2011, 12, 17), True),
        ("2011-12-16/2011-12-19", D(2011, 12, 15), False),
        ("../2005", D(1, 1, 1), True),
        ("2011/..", D(9999, 12, 31), True),
        ("2011/..", D(2010, 12, 31), False),
        ("", D(2000, 1, 1), True),
    ],
)
def test_contains(text: str, day: dt.date, inside: bool) -> None:
    assert parse(text).contains(day) is inside


# --- properties for any value ---------------------------------------------------------------

@st.composite
def points(draw: st.DrawFn) -> DatePoint:
    year = draw(st.integers(1, 9999))
    month = draw(st.none() | st.integers(1, 12))
    day = None
    if month is not None:
        day = draw(st.none() | st.integers(1, calendar.monthrange(year, month)[1]))
    return DatePoint(year, month, day, draw(st.booleans()), draw(st.booleans()))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    kind = draw(st.sampled_from(["unknown", "single", "interval"]))
    if kind == "unknown":
        return PartialDate()
    first = draw(points())
    if kind == "single":
        return PartialDate(first, first)
    other = draw(points() | st.sampled_from(OpenEnd))
    if isinstance(other, OpenEnd):
        return PartialDate(other, first) if draw(st.booleans()) else PartialDate(first, other)
    start, end = sorted((first, other), key=lambda point: (point.earliest, point.latest))
    return PartialDate(start, end)


@given(partial_dates())
def test_edtf_round_trips(date: PartialDate) -> None:
    assert PartialDate.parse(date.edtf) == date
    assert PartialDate.parse(date.edtf).edtf == date.edtf


@given(partial_dates())
def test_bounds_are_ordered_and_contained(date: PartialDate) -> None:
    if date.earliest and date.latest:
        assert date.earliest <= date.latest
    for day in (date.earliest, date.latest):
        if day is not None:
            assert date.contains(day)
    assert date.overlaps(date)


@given(partial_dates(), partial_dates(), partial_dates())
def test_ordering_is_total(a: PartialDate, b: PartialDate, c: PartialDate) -> None:
    assert [a < b, a == b, b < a].count(True) == 1
    if a <= b and b <= c:
        assert a <= c
    ordered = sorted([c, a, b])
    assert ordered[0] <= ordered[1] <= ordered[2]
    assert ordered[-1].is_unknown or not any(d.is_unknown for d in (a, b, c))


@given(partial_dates(), partial_dates(), st.dates())
def test_overlap_is_symmetric_and_agrees_with_contains(
    a: PartialDate, b: PartialDate, day: dt.date
) -> None:
    assert a.overlaps(b) == b.overlaps(a)
    if a.contains(day) and b.contains(day):
        assert a.overlaps(b)


def _parses_or_rejects(text: str) -> None:
    try:
        date = PartialDate.parse(text, "f")
    except ValidationError as error:
        assert error.field == "f"
    else:
        assert PartialDate.parse(date.edtf) == date


@given(st.text())
@example("2011-12-16/2011-12-19/")
@example("...../..")
@example("16.12.2011.12")
def test_arbitrary_text_only_raises_validation_error(text: str) -> None:
    _parses_or_rejects(text)


FRAGMENTS = [
    "2011", "2005", "12", "16", "31", "0", "99", "2011-12", "2011-12-16", "16.12.2011", "12.2011",
    "16.12", "c.", "около", "шамамен", "possibly", "?", "~", "%", "/", "-", "–", "..", "…",
    "late", "mid-", "early", "конец", "басы", "соңы", "December", "декабря", "желтоқсан", "Feb",
    "г.", "ж.", "from", "to", "until", "с", "по", "до", "since", "of", ",", "unknown",
]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=8).map(" ".join))
def test_word_salad_only_raises_validation_error(text: str) -> None:
    _parses_or_rejects(text)
