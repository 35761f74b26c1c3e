"""Lay a dossier out as PDF with ReportLab platypus, in memory, in one pass.

Decisions recorded here:

- A4, PT Sans throughout (``fonts``), no font that is not embedded (the canvas starts in PT
  Sans, so not even Helvetica is referenced).
- One layout pass. ReportLab's ``multiBuild`` would lay the whole document out two or three
  times just to learn the page numbers of the table of contents and the page count; a 300-page
  dossier would then take several times longer. Instead, what is only known at the end is
  drawn in PDF form XObjects that pages reference before they are defined: each page's footer
  ("Page 3 of 312" and the audience mark) and the page-number column of each contents page.
  The contents' entries are known before layout (one line each, cut with an ellipsis), so its
  pages are reserved exactly. The forms are filled in when the canvas is saved.
- A visible signature stamp (``pdf_signing`` puts it in the lower left of the last page) gets
  room: the last page's text ends above it and its footer moves right of it.
- Every heading is a PDF bookmark (the outline, opened on display) and a named destination; the
  contents lines link to them.
- Record texts are escaped (no markup from records ever reaches the paragraph parser); blank
  lines separate paragraphs. Table rows may split across pages, so a long cell never stops
  the build.
- Document metadata: title, author, subject, keywords, creator "hrcase", language.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from hrcase.services.dossier import fonts
from hrcase.services.dossier.charts import category_chart, time_chart
from hrcase.services.dossier.collect import DossierContent, LongText
from hrcase.services.dossier.texts import Texts
from hrcase.services.pdf_signing import STAMP_HEIGHT, STAMP_MARGIN, STAMP_WIDTH

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
TOC_LEADING = 15.0
TOC_NUMBER_WIDTH = 34.0
FOOTER_HEIGHT = 14.0
STAMP_ROOM = STAMP_MARGIN + STAMP_WIDTH + 4.0, STAMP_MARGIN + STAMP_HEIGHT + 8.0
"""The lower-left area (width, height) a visible signature stamp covers on the last page."""
_ROOM = {0: 70 * mm, 1: 45 * mm, 2: 35 * mm}
"""Space a heading of each level needs below it, else it starts the next page."""
_LABEL_ROOM = 18 * mm

INK = colors.HexColor("#1d1d1f")
MUTED = colors.HexColor("#5f6368")
ACCENT = colors.HexColor("#1f3a5f")
RULE = colors.HexColor("#c9d1d9")
SHADE = colors.HexColor("#f2f4f7")
WARN = colors.HexColor("#a4262c")
MARK_COLOURS = {"internal": colors.HexColor("#a4262c"), "un": colors.HexColor("#1f5f9f"),
                "public": colors.HexColor("#2e7d32")}

ProgressFn = Callable[[int, int, str], object]
_config_lock = threading.Lock()
_Cell = Flowable | list[Flowable] | str
_CELL_PADDING = 12.0
_CELL_STYLE = [
    ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8.8),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
]


@dataclass
class _Late:
    """What is only known at the end: pages of headings, the page count, the last page."""

    texts: Texts
    mark: str
    mark_colour: colors.Color
    stamp: bool
    pages: dict[str, int] = field(default_factory=dict)
    toc: list[tuple[str, float, float, list[tuple[str, float]]]] = field(default_factory=list)
    footers: list[int] = field(default_factory=list)
    page_count: int = 0
    font: str = fonts.REGULAR
    bold: str = fonts.BOLD

    def define_forms(self, canvas: Canvas) -> None:
        """Fill in the forms the pages reference: footers ("Page 3 of 312", the audience mark)
        and the page numbers of the contents."""
        for page in self.footers:
            self.define_footer(canvas, page)
        for name, width, height, lines in self.toc:
            canvas.beginForm(name, 0, 0, width, height)
            for key, y in lines:
                bold = key.startswith("section-")
                canvas.setFont(self.bold if bold else self.font, 10 if bold else 9.5)
                canvas.setFillColor(INK)
                canvas.drawRightString(width, y, str(self.pages.get(key, "")))
            canvas.endForm()

    def define_footer(self, canvas: Canvas, page: int) -> None:
        """The footer of ``page``: a rule, the audience mark left and the page number right;
        on a last page that carries a visible signature stamp, all of it stays right of it."""
        canvas.beginForm(_footer_form(page), 0, -4, FRAME_WIDTH, FOOTER_HEIGHT)
        page_text = self.texts("page_of", page=page, total=self.page_count)
        stamped = self.stamp and page == self.page_count
        left = STAMP_ROOM[0] - MARGIN_X if stamped else 0.0
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, 10, FRAME_WIDTH, 10)
        canvas.setFont(self.font, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(FRAME_WIDTH, 0, page_text)
        canvas.setFont(self.bold, 8)
        canvas.setFillColor(self.mark_colour)
        canvas.drawString(left, 0, self.mark)
        canvas.endForm()


def _footer_form(page: int) -> str:
    return f"hrcaseFooter{page}"


class _StampRoom(Flowable):
    """Keeps the bottom of the last page free for the visible signature stamp."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, STAMP_ROOM[1] - MARGIN_BOTTOM

    def draw(self) -> None:
        return None


def _make_canvas_class(late: _Late) -> type[Canvas]:
    class _DossierCanvas(Canvas):
        """A canvas that defines the late forms just before the file is written."""

        def save(self) -> None:
            late.define_forms(self)
            super().save()

    return _DossierCanvas


class _Heading(Paragraph):
    """A heading: a bookmark, an outline entry and (levels 0–1) a line of the contents."""

    key = ""
    level = 0
    outline = ""
    late: _Late | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # headings move to the next page whole

    def draw(self) -> None:
        canvas = self.canv
        canvas.bookmarkHorizontal(self.key, 0, self.height + 4)
        canvas.addOutlineEntry(self.outline, self.key, self.level, closed=self.level >= 1)
        if self.late is not None:
            self.late.pages[self.key] = canvas.getPageNumber()
        super().draw()


@dataclass
class _TocEntry:
    key: str
    level: int
    title: str


class _TocPage(Flowable):
    """One page of the contents: titles and links now, page numbers from a late form."""

    def __init__(self, index: int, entries: list[_TocEntry], late: _Late, heading: str) -> None:
        super().__init__()
        self.index = index
        self.entries = entries
        self.late = late
        self.heading = heading
        self.form = f"hrcaseToc{index}"
        self.width = FRAME_WIDTH
        self.height = (len(entries) + (2 if heading else 0)) * TOC_LEADING + 4

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        y = self.height - TOC_LEADING
        if self.heading:
            canvas.bookmarkHorizontal("contents", 0, self.height)
            canvas.addOutlineEntry(self.heading, "contents", 0)
            canvas.setFont(self.late.bold, 16)
            canvas.setFillColor(ACCENT)
            canvas.drawString(0, y, self.heading)
            y -= 2 * TOC_LEADING
        lines: list[tuple[str, float]] = []
        for entry in self.entries:
            indent = 0 if entry.level == 0 else 16
            font, size = (self.late.bold, 10) if entry.level == 0 else (self.late.font, 9.5)
            room = self.width - indent - TOC_NUMBER_WIDTH - 6
            title = _fit(entry.title, font, size, room)
            canvas.setFont(font, size)
            canvas.setFillColor(INK)
            canvas.drawString(indent, y, title)
            end = indent + stringWidth(title, font, size) + 4
            dots_end = self.width - TOC_NUMBER_WIDTH + 4
            if dots_end > end:
                canvas.setFillColor(MUTED)
                canvas.setFont(self.late.font, 8)
                dot = stringWidth(". ", self.late.font, 8)
                count = int((dots_end - end) / dot)
                canvas.drawRightString(dots_end, y, ". " * count)
            canvas.linkRect("", entry.key, (indent, y - 3, self.width, y + TOC_LEADING - 4),
                            relative=1, thickness=0)
            lines.append((entry.key, y))
            y -= TOC_LEADING
        canvas.doForm(self.form)
        self.late.toc.append((self.form, self.width, self.height, lines))


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` on one line of ``width`` points, cut with an ellipsis."""
    text = " ".join(fonts.printable(text).split())
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle].rstrip() + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


class _Styles:
    """The paragraph styles of a dossier."""

    def __init__(self) -> None:
        regular, bold, italic = fonts.REGULAR, fonts.BOLD, fonts.ITALIC
        base = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13.6,
                              textColor=INK, alignment=TA_LEFT, spaceAfter=5,
                              bulletFontName=regular)
        self.body = base
        self.section = ParagraphStyle("section", parent=base, fontName=bold, fontSize=16,
                                      leading=20, textColor=ACCENT, spaceBefore=4,
                                      spaceAfter=10)
        self.sub = ParagraphStyle("sub", parent=base, fontName=bold, fontSize=12.5,
                                  leading=16, textColor=ACCENT, spaceBefore=10, spaceAfter=6)
        self.minor = ParagraphStyle("minor", parent=base, fontName=bold, fontSize=10.5,
                                    leading=14, spaceBefore=8, spaceAfter=4)
        self.label = ParagraphStyle("label", parent=base, fontName=italic, fontSize=8.8,
                                    leading=11.5, textColor=MUTED, spaceBefore=4, spaceAfter=3)
        self.quote = ParagraphStyle("quote", parent=base, leftIndent=10)
        self.translation = ParagraphStyle("translation", parent=base, leftIndent=10,
                                          textColor=colors.HexColor("#263238"))
        self.warn = ParagraphStyle("warn", parent=self.label, textColor=WARN)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=8.8, leading=11.4,
                                   spaceAfter=0)
        self.cell_label = ParagraphStyle("cell_label", parent=self.cell, fontName=bold,
                                         textColor=colors.HexColor("#37474f"))
        self.small = ParagraphStyle("small", parent=base, fontSize=8.8, leading=11.5,
                                    textColor=MUTED)
        self.hash = ParagraphStyle("hash", parent=base, fontSize=8.6, leading=11,
                                   spaceAfter=2)
        self.bullet = ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2)
        self.citation = ParagraphStyle("citation", parent=base, leftIndent=22,
                                       firstLineIndent=-22)
        self.excerpt = ParagraphStyle("excerpt", parent=base, fontName=italic, leftIndent=22,
                                      fontSize=9.3, leading=12.5, textColor=colors.HexColor(
                                          "#37474f"))
        self.cover_org = ParagraphStyle("cover_org", parent=base, fontName=bold, fontSize=13,
                                        leading=17, textColor=ACCENT)
        self.cover_kind = ParagraphStyle("cover_kind", parent=base, fontSize=14, leading=18,
                                         textColor=MUTED, spaceBefore=60)
        self.cover_title = ParagraphStyle("cover_title", parent=base, fontName=bold,
                                          fontSize=24, leading=30, spaceBefore=6,
                                          spaceAfter=26)


def _esc(text: str) -> str:
    """Text as paragraph markup: escaped, with characters the font lacks stood in for."""
    return escape(fonts.printable(text))


def _text(text: str) -> str:
    """Record text as paragraph markup (see ``_esc``), line breaks kept."""
    return _esc(text).replace("\n", "<br/>")


def _paragraphs(text: str) -> list[str]:
    """The paragraphs of a long text (separated by blank lines)."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [_text(block) for block in blocks if block]


class _Builder:
    """Turns ``DossierContent`` into platypus flowables."""

    def __init__(self, content: DossierContent, late: _Late) -> None:
        self.c = content
        self.t = Texts(content.lang)
        self.s = _Styles()
        self.late = late
        self.toc: list[_TocEntry] = []
        self.section_number = 0
        self.confidential_tag = (f' <font color="#a4262c">[{_esc(self.t("confidential"))}]'
                                 f'</font>')

    def heading(self, text: str, key: str, level: int, style: ParagraphStyle,
                in_toc: bool = True, confidential: bool = False) -> list[Flowable]:
        """A heading that starts a new page when less than ``_ROOM[level]`` is left."""
        markup = _esc(text) + (self.confidential_tag if confidential else "")
        flowable = _Heading(markup, style)
        flowable.key = key
        flowable.level = level
        flowable.outline = " ".join(text.split())
        flowable.late = self.late
        if in_toc:
            self.toc.append(_TocEntry(key, level, text))
        return [CondPageBreak(_ROOM[level]), flowable]

    def section(self, name: str, numbered: bool = True) -> list[Flowable]:
        title = self.t(name)
        if numbered:
            self.section_number += 1
            title = f"{self.section_number}. {title}"
        return self.heading(title, f"section-{name}", 0, self.s.section)

    def para(self, markup: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(markup, style or self.s.body)

    def facts_table(self, facts: Sequence[tuple[str, str]], label_width: float = 0.3
                    ) -> Table:
        widths = [FRAME_WIDTH * label_width, FRAME_WIDTH * (1 - label_width)]
        rows = [[self.cell(label, self.s.cell_label, widths[0]),
                 self.cell(value, self.s.cell, widths[1])] for label, value in facts]
        table = Table(rows, colWidths=widths, hAlign="LEFT", splitInRow=1)
        table.setStyle(TableStyle([*_CELL_STYLE, ("BACKGROUND", (0, 0), (0, -1), SHADE),
                                   ("FONT", (0, 0), (0, -1), fonts.BOLD, 8.8),
                                   ("TEXTCOLOR", (0, 0), (0, -1), self.s.cell_label.textColor),
                                   ("LINEABOVE", (0, 0), (-1, 0), 0.4, RULE)]))
        return table

    @staticmethod
    def cell(text: str, style: ParagraphStyle, width: float) -> Paragraph | str:
        """A table cell: plain text when it fits on one line (much faster), else a paragraph."""
        text = fonts.printable(text)
        if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= \
                width - _CELL_PADDING:
            return text
        return Paragraph(_text(text), style)

    def grid(self, header: list[str], rows: list[list[_Cell]], widths: list[float]
             ) -> list[Flowable]:
        """A table as one table per row: any row may split across pages, and no header
        turns up in the middle of a page (ReportLab repeats it wherever it splits)."""
        col_widths = [FRAME_WIDTH * w for w in widths]
        head = Table([[Paragraph(_esc(h), self.s.cell_label) for h in header]],
                     colWidths=col_widths, hAlign="LEFT")
        head.setStyle(TableStyle([*_CELL_STYLE, ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                                  ("LINEABOVE", (0, 0), (-1, 0), 0.6, ACCENT)]))
        out: list[Flowable] = [head]
        for row in rows:
            cells = [self.cell(cell, self.s.cell, width) if isinstance(cell, str) else cell
                     for cell, width in zip(row, col_widths)]
            table = Table([cells], colWidths=col_widths, hAlign="LEFT", splitInRow=1)
            table.setStyle(TableStyle(_CELL_STYLE))
            out.append(table)
        return out

    def long_text(self, body: LongText) -> list[Flowable]:
        out: list[Flowable] = [CondPageBreak(_LABEL_ROOM),
                               self.para(_esc(body.heading), self.s.label)]
        out += [self.para(p, self.s.quote) for p in _paragraphs(body.text)]
        if body.translation is not None:
            out += [CondPageBreak(_LABEL_ROOM),
                    self.para(_esc(body.translation.heading), self.s.label)]
            if body.translation.stale_note:
                out.append(self.para(_esc(body.translation.stale_note), self.s.warn))
            out += [self.para(p, self.s.translation)
                    for p in _paragraphs(body.translation.text)]
        elif body.missing_note:
            out.append(self.para(_esc(body.missing_note), self.s.label))
        return out

    def none(self) -> Paragraph:
        return self.para(_esc(self.t("none_recorded")), self.s.small)

    # -- parts -------------------------------------------------------------------------------

    def cover(self, signed: bool) -> list[Flowable]:
        c, t = self.c, self.t
        mark = Table([[Paragraph(f'<font color="white">{_esc(c.mark)}</font>',
                                 ParagraphStyle("mark", parent=self.s.body,
                                                fontName=fonts.BOLD, fontSize=10,
                                                leading=13, spaceAfter=0))]],
                     hAlign="LEFT")
        mark.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.BOLD, 10),
                                  ("BACKGROUND", (0, 0), (-1, -1),
                                   MARK_COLOURS.get(c.audience, ACCENT)),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 8),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                                  ("TOPPADDING", (0, 0), (-1, -1), 4),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
        out: list[Flowable] = []
        organisation = dict(c.cover_facts).get(t("organisation"), "")
        if organisation:
            out.append(self.para(_esc(organisation), self.s.cover_org))
        out += [Spacer(1, 8), mark,
                self.para(_esc(c.kind), self.s.cover_kind),
                self.para(_esc(c.title), self.s.cover_title),
                self.facts_table(c.cover_facts, 0.25)]
        if signed:
            out += [Spacer(1, 18), self.para(_esc(t("signed_note")), self.s.small)]
        out += [NextPageTemplate("body"), PageBreak()]
        return out

    def introduction(self) -> list[Flowable]:
        c, t = self.c, self.t
        out = self.section("introduction")
        out += [self.para(_esc(c.scope_sentence)), self.para(_esc(c.quoting))]
        out += self.heading(t("cases"), "intro-cases", 1, self.s.sub)
        for case in c.cases:
            out.append(self.para(_esc(f"{case.number}. {case.title}")
                                 + (self.confidential_tag if case.confidential else ""),
                                 self.s.minor))
            if case.facts:
                out.append(self.para(" · ".join(
                    f"<b>{_esc(label)}:</b> {_esc(value)}" for label, value in case.facts),
                    self.s.small))
            out += [self.para(p) for p in _paragraphs(case.summary)]
        out += self.heading(t("edition"), "intro-edition", 1, self.s.sub)
        first, *rest = c.edition
        out.append(self.para(_esc(first)))
        for line in rest:
            out.append(Paragraph(_esc(line), self.s.bullet, bulletText="•"))
        return out

    def figures(self) -> list[Flowable]:
        f, t = self.c.figures, self.t
        out = self.section("figures")
        cells = [Paragraph(f'<font size="15"><b>{n}</b></font><br/>{_esc(label)}',
                           ParagraphStyle("fig", parent=self.s.cell, leading=15,
                                          alignment=1))
                 for label, n in f.counts]
        per_row = 5
        rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
        rows[-1] += [""] * (per_row - len(rows[-1]))
        table = Table(rows, colWidths=[FRAME_WIDTH / per_row] * per_row, hAlign="LEFT")
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8.8),
                                   ("BOX", (0, 0), (-1, -1), 0.4, RULE),
                                   ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE),
                                   ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                   ("TOPPADDING", (0, 0), (-1, -1), 6),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 7)]))
        out += [table, Spacer(1, 12)]
        for key, items in (("chart_method", f.by_method), ("chart_article", f.by_article),
                           ("chart_place", f.by_place)):
            if items:
                out += [category_chart(t(key), items, FRAME_WIDTH, fonts.REGULAR, fonts.BOLD),
                        Spacer(1, 10)]
            else:
                out += [self.para(_esc(t(key)), self.s.minor),
                        self.para(_esc(t("no_data")), self.s.small)]
        if f.over_time:
            out.append(time_chart(t("chart_time"), f.over_time, FRAME_WIDTH, fonts.REGULAR,
                                  fonts.BOLD))
        else:
            out += [self.para(_esc(t("chart_time")), self.s.minor),
                    self.para(_esc(t("no_data")), self.s.small)]
        return out

    def timeline(self) -> list[Flowable]:
        c, t = self.c, self.t
        out = self.section("timeline")
        if not c.timeline:
            return out + [self.none()]
        several = len(c.cases) > 1
        header = [t("col_date"), t("col_event"), t("col_place")]
        widths = [0.19, 0.56, 0.25]
        if several:
            header.insert(0, t("col_case"))
            widths = [0.07, 0.17, 0.53, 0.23]
        rows: list[list[_Cell]] = []
        for item in c.timeline:
            event: list[Flowable] = [Paragraph(
                "<b>" + _text(item.title) + "</b>"
                + (self.confidential_tag if item.confidential else ""), self.s.cell)]
            if item.description is not None:
                event += self.cell_long_text(item.description)
            row: list[_Cell] = [item.date, event, item.place]
            if several:
                row.insert(0, str(item.case_number))
            rows.append(row)
        return out + self.grid(header, rows, widths)

    def cell_long_text(self, body: LongText) -> list[Flowable]:
        small = ParagraphStyle("cell_small", parent=self.s.cell, textColor=colors.HexColor(
            "#37474f"))
        label = ParagraphStyle("cell_note", parent=self.s.cell, fontName=fonts.ITALIC,
                               textColor=MUTED, fontSize=8, leading=10.5, spaceBefore=2)
        out: list[Flowable] = [Paragraph(p, small) for p in _paragraphs(body.text)]
        if body.translation is not None:
            out.append(Paragraph(_esc(body.translation.heading), label))
            if body.translation.stale_note:
                out.append(Paragraph(_esc(body.translation.stale_note), label))
            out += [Paragraph(p, small) for p in _paragraphs(body.translation.text)]
        return out

    def persons(self) -> list[Flowable]:
        c, t = self.c, self.t
        out = self.section("persons")
        if not c.persons:
            return out + [self.none()]
        rows: list[list[_Cell]] = []
        for person in c.persons:
            name = "<b>" + _text(person.label) + "</b>"
            if person.note:
                name += f'<br/><font color="#5f6368"><i>{_esc(person.note)}</i></font>'
            if person.confidential:
                name += self.confidential_tag
            details = "<br/>".join(f"<b>{_esc(label)}:</b> {_text(value)}"
                                   for label, value in person.details)
            rows.append([Paragraph(name, self.s.cell), person.roles,
                         Paragraph(details, self.s.cell)])
        return out + self.grid([t("col_name"), t("col_role"), t("col_details")], rows,
                               [0.3, 0.18, 0.52])

    def allegations(self) -> list[Flowable]:
        c = self.c
        out = self.section("allegations")
        if not c.articles:
            return out + [self.none()]
        for group in c.articles:
            out += self.heading(group.label, group.anchor, 1, self.s.sub)
            for allegation in group.allegations:
                out += self.heading(allegation.heading, allegation.anchor, 2, self.s.minor,
                                    in_toc=False, confidential=allegation.confidential)
                out.append(self.facts_table(allegation.facts))
                if allegation.description is not None:
                    out += self.long_text(allegation.description)
                out.append(Spacer(1, 4))
            for line in group.see_also:
                out.append(self.para(_esc(line), self.s.small))
        return out

    def testimonies(self) -> list[Flowable]:
        c = self.c
        out = self.section("testimonies")
        if not c.testimonies:
            return out + [self.none()]
        for testimony in c.testimonies:
            out += self.heading(testimony.heading, testimony.anchor, 1, self.s.sub,
                                confidential=testimony.confidential)
            out.append(self.facts_table(testimony.facts))
            out += self.long_text(testimony.body)
        return out

    def interventions(self) -> list[Flowable]:
        c, t = self.c, self.t
        out = self.section("interventions")
        if not c.interventions:
            return out + [self.none()]
        for intervention in c.interventions:
            block: list[Flowable] = [
                self.para(_text(intervention.heading)
                          + (self.confidential_tag if intervention.confidential else ""),
                          self.s.minor),
                self.facts_table(intervention.facts)]
            if intervention.response:
                block += [self.para(_esc(t("response")), self.s.label),
                          *[self.para(p, self.s.quote)
                            for p in _paragraphs(intervention.response)]]
            out.append(KeepTogether(block))
        return out

    def sources(self) -> list[Flowable]:
        c = self.c
        out = self.section("sources")
        if not c.sources:
            return out + [self.none()]
        for source in c.sources:
            markup = f"[{source.number}]&nbsp;&nbsp;{_text(source.citation)}"
            if source.confidential:
                markup += self.confidential_tag
            out.append(self.para(markup, self.s.citation))
            if source.excerpt:
                out.append(self.para(f"“{_text(source.excerpt)}”", self.s.excerpt))
        return out

    def recommendations(self) -> list[Flowable]:
        c, t = self.c, self.t
        out = self.section("recommendations")
        if not c.recommendations:
            return out + [self.none()]
        current = None
        for number, item in enumerate(c.recommendations, start=1):
            if item.addressee != current:
                current = item.addressee
                out.append(self.para(_esc(f"{t('addressee')}: {item.addressee}")
                                     if item.addressee else _esc(t("addressee")),
                                     self.s.minor))
            markup = _text(item.text) + (self.confidential_tag if item.confidential else "")
            out.append(Paragraph(markup, self.s.bullet, bulletText=f"{number}."))
        return out

    def annex(self) -> list[Flowable]:
        c, t = self.c, self.t
        out = self.section("annex", numbered=False)
        if not c.attachments:
            return out + [self.none()]
        out.append(self.para(_esc(t("annex_intro"))))
        for item in c.attachments:
            block: list[Flowable] = [
                self.para(f"{item.number}.&nbsp;&nbsp;{_text(item.filename)}"
                          + (self.confidential_tag if item.confidential else ""),
                          self.s.minor),
                self.para(f"<b>SHA-256:</b> {_esc(item.sha256)}", self.s.hash),
                self.para(" · ".join(f"<b>{_esc(label)}:</b> {_text(value)}"
                                     for label, value in item.facts), self.s.small)]
            out.append(KeepTogether(block))
        return out

    def body(self) -> list[Flowable]:
        parts = (self.introduction, self.figures, self.timeline, self.persons,
                 self.allegations, self.testimonies, self.interventions, self.sources,
                 self.recommendations, self.annex)
        story: list[Flowable] = []
        for part in parts:
            story += part()
        return story

    def contents(self) -> list[Flowable]:
        """The reserved contents pages (entries are known once the body is built)."""
        first_room = int((FRAME_HEIGHT - 4) // TOC_LEADING) - 2
        room = int((FRAME_HEIGHT - 4) // TOC_LEADING)
        pages: list[Flowable] = []
        entries = list(self.toc)
        index = 0
        heading = self.t("contents")
        while entries or index == 0:
            take = first_room if index == 0 else room
            chunk, entries = entries[:take], entries[take:]
            pages += [_TocPage(index, chunk, self.late, heading if index == 0 else ""),
                      PageBreak()]
            index += 1
        return pages


def render_pdf(content: DossierContent, *, author: str, signed: bool, stamp: bool = False,
               progress: ProgressFn | None = None) -> tuple[bytes, int]:
    """The dossier as PDF bytes, and its number of pages. ``stamp``: keep the lower left of
    the last page free for a visible signature."""
    fonts.register_fonts()
    texts = Texts(content.lang)
    late = _Late(texts=texts, mark=content.mark,
                 mark_colour=MARK_COLOURS.get(content.audience, ACCENT), stamp=stamp)
    builder = _Builder(content, late)
    body = builder.body()
    story = builder.cover(signed) + builder.contents() + body
    if stamp:
        story.append(_StampRoom())
    buffer = BytesIO()
    header = f"{content.kind}: {content.title}"
    organisation = dict(content.cover_facts).get(texts("organisation"), "")

    def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        late.page_count = max(late.page_count, canvas.getPageNumber())

    def on_body_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        on_page(canvas, doc)
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        top = PAGE_HEIGHT - MARGIN_TOP + 8
        canvas.line(MARGIN_X, top, PAGE_WIDTH - MARGIN_X, top)
        canvas.setFont(fonts.REGULAR, 8)
        canvas.setFillColor(MUTED)
        right = _fit(organisation, fonts.REGULAR, 8, FRAME_WIDTH * 0.3)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, top + 4, right)
        room = FRAME_WIDTH - stringWidth(right, fonts.REGULAR, 8) - 16
        canvas.drawString(MARGIN_X, top + 4, _fit(header, fonts.REGULAR, 8, room))
        canvas.translate(MARGIN_X, MARGIN_BOTTOM - 12)
        canvas.doForm(_footer_form(canvas.getPageNumber()))
        late.footers.append(canvas.getPageNumber())
        canvas.restoreState()

    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, FRAME_HEIGHT, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    cover_frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - 2 * MARGIN_TOP,
                        id="cover", leftPadding=0, rightPadding=0, topPadding=0,
                        bottomPadding=0)
    doc = _Document(
        buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=f"{content.kind}: {content.title}", author=author,
        subject=f"{content.kind} · {content.audience_label}", creator="hrcase",
        keywords=content.keywords, lang=content.lang, initialFontName=fonts.REGULAR,
        initialFontSize=10, displayDocTitle=1)
    doc.addPageTemplates([PageTemplate("cover", [cover_frame], onPage=on_page),
                          PageTemplate("body", [frame], onPage=on_body_page)])
    doc.progress = progress
    doc.total = len(story)
    canvas_class = _make_canvas_class(late)
    with _config_lock:
        # Binary (Flate only) streams: ASCII85 makes files 25 % larger and costs time.
        saved, rl_config.useA85 = rl_config.useA85, 0
        try:
            doc.build(story, canvasmaker=canvas_class)
        finally:
            rl_config.useA85 = saved
    return buffer.getvalue(), late.page_count


class _Document(BaseDocTemplate):
    """The document template: reports progress and opens the outline in readers."""

    progress: ProgressFn | None = None
    total = 0
    done = 0

    def beforeDocument(self) -> None:
        self.canv.showOutline()

    def afterFlowable(self, flowable: Flowable) -> None:
        self.done += 1
        if self.progress is not None and self.done % 64 == 0:
            self.progress(min(self.done, self.total), self.total, "")

