"""Partial, approximate and uncertain dates and date ranges, stored as EDTF (levels 0-1 subset).

The canonical notation (``PartialDate.edtf``) is a day ``2011-12-16``, a month ``2011-12`` or a
year ``1974``, each optionally followed by ``~`` (approximate), ``?`` (uncertain) or ``%`` (both);
an interval ``2011-12-16/2011-12-19`` whose ends may be open (``..``) or unknown (empty); and
``""`` for an unknown date. ``PartialDate.parse`` also reads what researchers type in English,
Russian and Kazakh: "c. 2010", "16.12.2011", "16–19 December 2011", "late November 2005",
"2011 ж. желтоқсан".
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from babel.dates import get_month_names

from hrcase.errors import ValidationError
from hrcase.i18n import LANGUAGES, N_, _

Precision = Literal["day", "month", "year"]
Part = Literal["early", "mid", "late"]

_COARSENESS: dict[str, int] = {"day": 0, "month": 1, "year": 2}
_MARKS: dict[tuple[bool, bool], str] = {
    (False, False): "",
    (True, False): "~",
    (False, True): "?",
    (True, True): "%",
}
_QUALIFIERS: dict[str, tuple[bool, bool]] = {mark: flags for flags, mark in _MARKS.items()}
# The days of a month and the months of a year that "early", "mid" and "late" cover
# (None: up to the last day of the month).
_PART_DAYS: dict[Part, tuple[int, int | None]] = {
    "early": (1, 10),
    "mid": (11, 20),
    "late": (21, None),
}
_PART_MONTHS: dict[Part, tuple[int, int]] = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}

_NOT_A_DATE = N_(
    "This is not a date; write it like 16.12.2011, 12.2011, 2011, c. 2010, 16–19.12.2011 "
    "or late November 2005."
)
_NO_SUCH_DAY = N_("This date names a day or month that does not exist.")
_END_BEFORE_START = N_("This period ends before it starts.")


class OpenEnd(enum.Enum):
    """An interval end without a date: open (``..``, no bound) or unknown (empty in EDTF)."""

    OPEN = ".."
    UNKNOWN = ""


def _days_in(year: int, month: int) -> int:
    """The number of days of ``month`` in ``year``."""
    return calendar.monthrange(year, month)[1]


@dataclass(frozen=True)
class DatePoint:
    """One year, month or day; ``approximate`` is EDTF ``~``, ``uncertain`` is ``?``."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999 or not (self.month is None or 1 <= self.month <= 12):
            raise ValueError("no such date")
        if self.day is not None and (
            self.month is None or not 1 <= self.day <= _days_in(self.year, self.month)
        ):
            raise ValueError("no such date")

    @property
    def precision(self) -> Precision:
        """How much of the date is known: "day", "month" or "year"."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def earliest(self) -> dt.date:
        """The first day this point covers."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this point covers."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or _days_in(self.year, month))

    @property
    def edtf(self) -> str:
        """The point in EDTF, e.g. ``2011-12~``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text + _MARKS[(self.approximate, self.uncertain)]


End = DatePoint | OpenEnd


def _part_span(
    year: int, month: int | None, part: Part, uncertain: bool
) -> tuple[DatePoint, DatePoint]:
    """The approximate first and last day of a part of a month, or months of a part of a year."""
    if month is None:
        first_month, last_month = _PART_MONTHS[part]
        return (
            DatePoint(year, first_month, None, True, uncertain),
            DatePoint(year, last_month, None, True, uncertain),
        )
    first_day, last_day = _PART_DAYS[part]
    return (
        DatePoint(year, month, first_day, True, uncertain),
        DatePoint(year, month, last_day or _days_in(year, month), True, uncertain),
    )


def _in_order(start: End, end: End) -> bool:
    """Whether an interval from ``start`` to ``end`` does not end before it starts."""
    if isinstance(start, DatePoint) and isinstance(end, DatePoint):
        return start.earliest <= end.latest
    return True


@functools.total_ordering
@dataclass(frozen=True, repr=False)
class PartialDate:
    """A date as precise as the sources allow: a day, month or year, a range, or unknown.

    A single date has ``start == end``; the unknown date has both ends ``OpenEnd.UNKNOWN``.
    Build values with :meth:`parse`; store and compare them as :attr:`edtf`.
    """

    start: End = OpenEnd.UNKNOWN
    end: End = OpenEnd.UNKNOWN

    def __post_init__(self) -> None:
        if not self._points and not self.is_unknown:
            raise ValueError("an interval needs a date at one end at least")
        if not _in_order(self.start, self.end):
            raise ValueError("the interval ends before it starts")

    @classmethod
    def parse(cls, text: str, field: str = "date") -> PartialDate:
        """Read EDTF or a date as researchers write it; raise ValidationError naming ``field``."""
        try:
            start, end = _ends(text)
        except _NotADate:
            raise ValidationError(field, _(_NOT_A_DATE)) from None
        except ValueError:
            raise ValidationError(field, _(_NO_SUCH_DAY)) from None
        if not _in_order(start, end):
            raise ValidationError(field, _(_END_BEFORE_START))
        return cls(start, end)

    @property
    def edtf(self) -> str:
        """The canonical EDTF text; ``parse(edtf)`` gives this value back."""
        first = self.start.edtf if isinstance(self.start, DatePoint) else self.start.value
        if self.start == self.end:
            return first
        last = self.end.edtf if isinstance(self.end, DatePoint) else self.end.value
        return f"{first}/{last}"

    @property
    def is_unknown(self) -> bool:
        """Whether nothing is known about the date."""
        return self.start is OpenEnd.UNKNOWN and self.end is OpenEnd.UNKNOWN

    @property
    def is_interval(self) -> bool:
        """Whether this is a range with two different ends."""
        return self.start != self.end

    @property
    def _points(self) -> tuple[DatePoint, ...]:
        """The ends that are dates."""
        return tuple(end for end in (self.start, self.end) if isinstance(end, DatePoint))

    @property
    def earliest(self) -> dt.date | None:
        """The first day the date may be; None when the start is open or unknown."""
        return self.start.earliest if isinstance(self.start, DatePoint) else None

    @property
    def latest(self) -> dt.date | None:
        """The last day the date may be; None when the end is open or unknown."""
        return self.end.latest if isinstance(self.end, DatePoint) else None

    @property
    def approximate(self) -> bool:
        """Whether an end is approximate (EDTF ``~`` or ``%``)."""
        return any(point.approximate for point in self._points)

    @property
    def uncertain(self) -> bool:
        """Whether an end is uncertain (EDTF ``?`` or ``%``)."""
        return any(point.uncertain for point in self._points)

    @property
    def precision(self) -> Precision | None:
        """The coarsest precision of the ends: "day", "month" or "year"; None when unknown."""
        precisions = (point.precision for point in self._points)
        return max(precisions, key=_COARSENESS.__getitem__, default=None)

    @property
    def part(self) -> Part | None:
        """"early", "mid" or "late" when this is exactly that part of a month or of a year."""
        start, end = self.start, self.end
        if not isinstance(start, DatePoint) or not isinstance(end, DatePoint):
            return None
        if start.precision == "year":
            return None
        month = start.month if start.precision == "day" else None
        for part in _PART_DAYS:
            if _part_span(start.year, month, part, start.uncertain) == (start, end):
                return part
        return None

    @property
    def _bounds(self) -> tuple[dt.date, dt.date]:
        """The first and last possible day, open and unknown ends unbounded."""
        return self.earliest or dt.date.min, self.latest or dt.date.max

    @property
    def sort_key(self) -> tuple[bool, dt.date, dt.date, str]:
        """Chronological key: by earliest, then latest day; unknown dates last."""
        return (self.is_unknown, *self._bounds, self.edtf)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key < other.sort_key

    def overlaps(self, other: PartialDate) -> bool:
        """Whether the two dates may share a day (open or unknown ends are unbounded)."""
        first, last = self._bounds
        other_first, other_last = other._bounds
        return first <= other_last and other_first <= last

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` may be this date (open or unknown ends are unbounded)."""
        first, last = self._bounds
        return first <= day <= last

    def __str__(self) -> str:
        return self.edtf

    def __repr__(self) -> str:
        return f"PartialDate({self.edtf!r})"


# Reading -----------------------------------------------------------------------------------

class _NotADate(Exception):
    """The text is not a date this module can read."""


class _Token(NamedTuple):
    """One meaningful piece of a typed date; ``value`` depends on ``kind``."""

    kind: str
    value: Any = None


_UNKNOWN_PHRASES = frozenset(
    {"", "unknown", "unknown date", "неизвестно", "дата неизвестна", "белгісіз", "күні белгісіз"}
)
_EDTF_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([~?%]?)")
_TOKEN = re.compile(
    r"(?P<iso>[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?)(?![0-9])"
    r"|(?P<dotted>[0-9]+(?:\.[0-9]+)+)"
    r"|(?P<digits>[0-9]+)"
    r"|(?P<word>[^\W\d_]+)\.?"
    r"|(?P<symbol>\.\.\.?|[…~?%/\-‐‑‒–—―−])"
    r"|(?P<space>[\s,()\[\]«»\"']+|\.)"
)
_SEPARATOR = _Token("sep")
_OPEN = _Token("open")
_QUESTION = _Token("?", (False, True))
_UNKNOWN_SIDE = _Token("unknown")
_SYMBOLS: dict[str, _Token] = {
    "/": _SEPARATOR,
    "?": _QUESTION,
    "~": _Token("flags", (True, False)),
    "%": _Token("flags", (True, True)),
    **dict.fromkeys(("..", "...", "…"), _OPEN),
    **dict.fromkeys("-‐‑‒–—―−", _SEPARATOR),
}
_APPROXIMATE_WORDS = (
    "c", "ca", "circa", "approx", "approximately", "about", "around",
    "ок", "около", "примерно", "приблизительно", "прибл", "ориентировочно",
    "шамамен", "шамасы",
)
_UNCERTAIN_WORDS = (
    "possibly", "probably", "perhaps", "presumably", "maybe",
    "предположительно", "возможно", "вероятно",
    "болжам", "болжамды", "мүмкін", "ықтимал",
)
_PART_WORDS: dict[Part, tuple[str, ...]] = {
    "early": ("early", "beginning", "start", "начало", "начала", "начале", "басы", "басында"),
    "mid": ("mid", "middle", "середина", "середины", "середине", "ортасы", "ортасында"),
    "late": ("late", "end", "конец", "конца", "конце", "соңы", "соңында", "аяғы", "аяғында"),
}
_SEPARATOR_WORDS = ("to", "through", "and", "и")
_UNTIL_WORDS = ("until", "till", "по", "до")
_SINCE_WORDS = ("from", "since", "с", "со", "от")
_FILLER_WORDS = (
    "of", "the", "in", "on", "st", "nd", "rd", "th", "between",
    "г", "гг", "год", "года", "году", "в", "во", "между",
    "ж", "жж", "жыл", "жылы", "жылдың", "жылғы", "ай", "айы", "айының", "айында", "бойынша",
)


@functools.cache
def _vocabulary() -> dict[str, _Token | None]:
    """Every word a typed date may contain (casefolded, no final dot); fillers map to None."""
    words: dict[str, _Token | None] = {}
    for lang in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=lang).items():
                    words[name.casefold().rstrip(".")] = _Token("month", number)
    for number, name in get_month_names("wide", "stand-alone", locale="ru").items():
        # The prepositional case: "в декабре", "в мае".
        words[name.removesuffix("ь").removesuffix("й") + "е"] = _Token("month", number)
    words["sept"] = _Token("month", 9)
    words.update(dict.fromkeys(_FILLER_WORDS))
    words.update(dict.fromkeys(_APPROXIMATE_WORDS, _SYMBOLS["~"]))
    words.update(dict.fromkeys(_UNCERTAIN_WORDS, _Token("flags", (False, True))))
    words.update(dict.fromkeys(_SEPARATOR_WORDS, _SEPARATOR))
    words.update(dict.fromkeys(_UNTIL_WORDS, _Token("until")))
    words.update(dict.fromkeys(_SINCE_WORDS, _Token("since")))
    for part, names in _PART_WORDS.items():
        words.update(dict.fromkeys(names, _Token("part", part)))
    return words


def _ends(text: str) -> tuple[End, End]:
    """The two ends of the date in ``text`` (equal for a single date)."""
    folded = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    if folded in _UNKNOWN_PHRASES:
        return OpenEnd.UNKNOWN, OpenEnd.UNKNOWN
    return _edtf_ends(text.strip()) or _typed_ends(folded)


def _edtf_ends(text: str) -> tuple[End, End] | None:
    """The ends of canonical EDTF ``text``; None when it is not EDTF."""
    pieces = text.split("/")
    if len(pieces) > 2:
        return None
    ends: list[End] = []
    for piece in pieces:
        match = _EDTF_DATE.fullmatch(piece)
        if match:
            year, month, day, mark = match.groups()
            ymd = (int(year), month and int(month), day and int(day))
            ends.append(DatePoint(*ymd, *_QUALIFIERS[mark]))
        elif len(pieces) == 2 and piece in ("..", ""):
            ends.append(OpenEnd(piece))
        else:
            return None
    if not any(isinstance(end, DatePoint) for end in ends):
        return None
    return ends[0], ends[-1]


def _tokens(text: str) -> list[_Token]:
    """The meaningful pieces of casefolded ``text``, fillers dropped."""
    vocabulary = _vocabulary()
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            raise _NotADate
        pos = match.end()
        kind, piece = next((name, found) for name, found in match.groupdict().items() if found)
        if kind == "word":
            if piece not in vocabulary:
                raise _NotADate
            token = vocabulary[piece]
        elif kind == "symbol":
            token = _SYMBOLS[piece]
        elif kind == "iso":
            token = _Token("date", tuple(map(int, piece.split("-"))))
        elif kind == "dotted":
            token = _Token("date", _dotted(piece))
        elif kind == "digits":
            token = _Token("digits", piece)
        else:
            token = None
        if token is not None:
            tokens.append(token)
    return tokens


def _dotted(text: str) -> tuple[int | None, int | None, int | None]:
    """Year, month and day of "16.12.2011", "12.2011" or "16.12" (None where missing)."""
    pieces = text.split(".")
    if len(pieces) == 2 and len(pieces[1]) == 4:
        pieces.insert(0, "")
    elif len(pieces) == 2:
        pieces.append("")
    if len(pieces) != 3 or len(pieces[0]) > 2 or len(pieces[1]) > 2 or len(pieces[2]) not in (0, 4):
        raise _NotADate
    day, month, year = (int(piece) if piece else None for piece in pieces)
    return year, month, day


@dataclass
class _Parts:
    """What one side of a typed range names; the other side may complete it."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: Part | None = None

    def put(self, name: str, value: int | str) -> None:
        """Set the component ``name``, which must not be named twice."""
        if getattr(self, name) is not None:
            raise _NotADate
        setattr(self, name, value)

    def fill_from(self, other: _Parts) -> None:
        """Take the year, and the month for a day or part, that only ``other`` names."""
        incomplete = self.day is not None or (self.year is None and self.part is not None)
        if self.month is None and incomplete:
            self.month = other.month
        if self.year is None:
            self.year = other.year

    def span(self, approximate: bool, uncertain: bool) -> tuple[DatePoint, DatePoint]:
        """The first and last point these parts describe."""
        if self.year is None or (self.day is not None and self.month is None):
            raise _NotADate
        if self.part is None:
            point = DatePoint(self.year, self.month, self.day, approximate, uncertain)
            return point, point
        if self.day is not None:
            raise _NotADate
        return _part_span(self.year, self.month, self.part, uncertain)


def _assemble(side: list[_Token]) -> _Parts:
    """The year, month, day and part one side of a typed date names."""
    if not side:
        raise _NotADate
    parts = _Parts()
    for kind, value in side:
        if kind == "digits" and len(value) == 4:
            parts.put("year", int(value))
        elif kind == "digits" and len(value) <= 2:
            parts.put("day", int(value))
        elif kind == "date":
            for name, number in zip(("year", "month", "day"), value):
                if number is not None:
                    parts.put(name, number)
        elif kind in ("month", "part"):
            parts.put(kind, value)
        else:
            raise _NotADate
    return parts


def _take_flags(side: list[_Token], index: int) -> tuple[bool, bool]:
    """Remove the qualifiers at the start (index 0) or end (-1) of ``side``; return them."""
    approximate = uncertain = False
    while side and side[index].kind in ("flags", "?"):
        more_approximate, more_uncertain = side.pop(index).value
        approximate |= more_approximate
        uncertain |= more_uncertain
    return approximate, uncertain


def _merge(*flags: tuple[bool, bool]) -> tuple[bool, bool]:
    """Approximate and uncertain when any of ``flags`` is."""
    return any(flag[0] for flag in flags), any(flag[1] for flag in flags)


def _split(tokens: list[_Token]) -> list[list[_Token]]:
    """The sides of a typed range (one side for a single date)."""
    sides: list[list[_Token]] = [[]]
    for token in tokens:
        if token.kind in ("sep", "until"):
            sides.append([])
        else:
            sides[-1].append(token)
    return sides


def _typed_ends(text: str) -> tuple[End, End]:
    """The ends of a date typed in words or numbers (``text`` casefolded).

    Qualifiers at the very start or end apply to the whole date; those next to the range
    separator apply to that end only.
    """
    tokens = _tokens(re.sub(r"\bmid-", "mid ", text))
    lead = tokens.pop(0).kind if tokens and tokens[0].kind in ("since", "until") else None
    sides = _split(tokens)
    if lead == "since" and len(sides) == 1:
        sides.append([_OPEN])
    elif lead == "until" and len(sides) == 1:
        sides.insert(0, [_OPEN])
    elif lead == "until" or len(sides) > 2:
        raise _NotADate
    if len(sides) == 2:
        sides = [[_UNKNOWN_SIDE] if side == [_QUESTION] else side for side in sides]
    whole = _merge(_take_flags(sides[0], 0), _take_flags(sides[-1], -1))
    resolved: list[tuple[OpenEnd | _Parts, tuple[bool, bool]]] = []
    for side in sides:
        local = _merge(whole, _take_flags(side, 0), _take_flags(side, -1))
        if side == [_OPEN]:
            resolved.append((OpenEnd.OPEN, local))
        elif side == [_UNKNOWN_SIDE]:
            resolved.append((OpenEnd.UNKNOWN, local))
        else:
            resolved.append((_assemble(side), local))
    parts = [side for side, _local in resolved if isinstance(side, _Parts)]
    if not parts:
        raise _NotADate
    if len(parts) == 2:
        parts[0].fill_from(parts[1])
        parts[1].fill_from(parts[0])
    (first, first_flags), (last, last_flags) = resolved[0], resolved[-1]
    start = first if isinstance(first, OpenEnd) else first.span(*first_flags)[0]
    end = last if isinstance(last, OpenEnd) else last.span(*last_flags)[1]
    return start, end
