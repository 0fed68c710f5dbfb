"""Charts for the lifecycle reports, drawn with reportlab.graphics (no other plotting library).

Every function returns a :class:`~reportlab.graphics.shapes.Drawing` of the size asked for. Text in a chart
takes the font its characters need (``reports.fonts.FontSet.for_text``), so Chinese category names render
with the CJK font and numbers stay in Helvetica. A chart with nothing to show (no rows, or only zeros) draws
a framed "no data" message instead of an empty plot, so a report of an empty period still lays out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.certificates import INK, MUTED, RULE
from reports.fonts import LATIN, FontSet

#: Bar and slice colours: a calm qualitative palette that stays distinct when printed in grey.
PALETTE = (
    colors.HexColor("#1F4E79"), colors.HexColor("#2E8B57"), colors.HexColor("#E39B2D"), colors.HexColor("#8E5EA2"),
    colors.HexColor("#3BA3C7"), colors.HexColor("#C8553D"), colors.HexColor("#7A8B99"), colors.HexColor("#B5BD48"),
    colors.HexColor("#D77FA1"), colors.HexColor("#5C4B3B"), colors.HexColor("#4FB0A5"), colors.HexColor("#A3A3A3"),
)
#: One colour per pathway and recovery class, the same in every chart.
PATHWAY_COLOURS = {
    "retire": colors.HexColor("#1B2733"),
    "lost": colors.HexColor("#C8553D"),
    "missing": colors.HexColor("#E8A598"),
    "life_extension": colors.HexColor("#1E6B3A"),
    "redeploy": colors.HexColor("#2E8B57"),
    "remarket": colors.HexColor("#3BA3C7"),
    "donate": colors.HexColor("#8E5EA2"),
    "refurbish": colors.HexColor("#B5BD48"),
    "harvest": colors.HexColor("#E39B2D"),
    "recycle": colors.HexColor("#1F4E79"),
    "destroy": colors.HexColor("#7A8B99"),
    # recovery classes (GB/T 43145-2023 Annex A)
    "u": colors.HexColor("#2E8B57"),
    "m": colors.HexColor("#B5BD48"),
    "r": colors.HexColor("#1F4E79"),
    "rov": colors.HexColor("#E39B2D"),
    "none": colors.HexColor("#C8553D"),
}
BOUND_COLOURS = {"low": colors.HexColor("#9CC5A1"), "default": colors.HexColor("#2E8B57"),
                 "high": colors.HexColor("#1E4D2B")}
BAR = colors.HexColor("#1F4E79")
GRID = colors.HexColor("#E1E6EB")


def colour(i: int) -> colors.Color:
    return PALETTE[i % len(PALETTE)]


def nice_scale(top: float, ticks: int = 5, integer: bool = False) -> tuple[float, float]:
    """(axis maximum, step) covering ``top`` with about ``ticks`` steps of 1, 2, 2.5 or 5 × 10^k."""
    if not math.isfinite(top) or top <= 0:
        return (5.0 if integer else 1.0), (1.0 if integer else 0.2)
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        step = m * power
        if step >= raw:
            break
    if integer:
        step = max(1.0, math.ceil(step))
    return math.ceil(top / step - 1e-9) * step, step


def axis_number(value: float) -> str:
    """An axis tick: thousands separated, no decimals unless the value needs them."""
    if abs(value - round(value)) < 1e-9:
        return f"{value:,.0f}"
    return f"{value:,.1f}".rstrip("0").rstrip(".") if abs(value) >= 1 else f"{value:g}"


class Charts:
    """Chart factory bound to a font set and the language's "no data" text."""

    def __init__(self, fontset: FontSet, no_data: str, size: float = 7.0):
        self.fonts = fontset
        self.no_data_text = no_data
        self.size = size

    # text -------------------------------------------------------------------------------------------
    def font(self, *texts: str, bold: bool = False) -> str:
        return self.fonts.for_text(" ".join(t for t in texts if t), bold)

    def string(self, x: float, y: float, text: str, *, size: float | None = None, anchor: str = "start",
               colour=INK, bold: bool = False) -> String:
        return String(x, y, text, fontName=self.font(text, bold=bold), fontSize=size or self.size,
                      fillColor=colour, textAnchor=anchor)

    def fit(self, text: str, width: float, size: float | None = None) -> str:
        """``text`` cut with "…" to ``width`` points."""
        size = size or self.size
        font = self.font(text)
        if stringWidth(text, font, size) <= width:
            return text
        while text and stringWidth(text + "…", font, size) > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def wrap(self, text: str, width: float, max_lines: int = 2, size: float | None = None) -> list[str]:
        """``text`` broken into lines of ``width`` points at spaces (anywhere for CJK), at most ``max_lines``."""
        size = size or self.size
        font = self.font(text)
        lines: list[str] = []
        rest = text
        while rest and len(lines) < max_lines - 1 and stringWidth(rest, font, size) > width:
            cut = len(rest)
            while cut > 1 and stringWidth(rest[:cut], font, size) > width:
                cut -= 1
            space = rest.rfind(" ", 0, cut + 1)
            if space > 0:
                cut = space
            lines.append(rest[:cut].rstrip())
            rest = rest[cut:].lstrip()
        if rest:
            lines.append(self.fit(rest, width, size))
        return lines

    def _max_width(self, texts: Sequence[str], size: float | None = None) -> float:
        size = size or self.size
        return max((stringWidth(t, self.font(t), size) for t in texts), default=0.0)

    # empty --------------------------------------------------------------------------------------------
    def no_data(self, width: float, height: float, text: str | None = None) -> Drawing:
        d = Drawing(width, height)
        d.add(Rect(0.5, 0.5, width - 1, height - 1, strokeColor=RULE, strokeWidth=0.6, fillColor=colors.HexColor("#FAFBFC"),
                   strokeDashArray=(2, 2)))
        d.add(self.string(width / 2, height / 2 - 3, text or self.no_data_text, size=8.5, anchor="middle", colour=MUTED))
        return d

    @staticmethod
    def _empty(values: Sequence[float]) -> bool:
        return not values or all((v or 0) <= 0 for v in values)

    # legend -------------------------------------------------------------------------------------------
    def legend(self, d: Drawing, items: Sequence[tuple[str, colors.Color, str]], x: float, y: float, width: float,
               size: float | None = None) -> float:
        """Swatches and names left to right, wrapping within ``width``; returns the height used.

        ``items`` are (name, colour, kind) with kind "box" or "line"."""
        size = size or self.size
        row_h = size + 4
        cx, cy = x, y - row_h
        for name, col, kind in items:
            w = 9 + 3 + stringWidth(name, self.font(name), size) + 10
            if cx + w > x + width and cx > x:
                cx, cy = x, cy - row_h
            if kind == "line":
                d.add(Line(cx, cy + size * 0.35, cx + 9, cy + size * 0.35, strokeColor=col, strokeWidth=1.4))
                d.add(Circle(cx + 4.5, cy + size * 0.35, 1.8, fillColor=col, strokeColor=col))
            else:
                d.add(Rect(cx, cy, 9, size * 0.75, fillColor=col, strokeColor=None))
            d.add(self.string(cx + 12, cy, name, size=size))
            cx += w
        return y - cy

    def legend_height(self, items: Sequence[tuple[str, colors.Color, str]], width: float,
                      size: float | None = None) -> float:
        scratch = Drawing(width, 100)
        return self.legend(scratch, items, 0, 100, width, size)

    # bar charts ---------------------------------------------------------------------------------------
    def hbar(self, items: Sequence[tuple[str, float]], width: float, height: float | None = None, *,
             fmt: Callable[[float], str] = axis_number, bar_colour=BAR,
             colours: Sequence[colors.Color] | None = None, label_share: float = 0.45) -> Drawing:
        """One horizontal bar per (label, value), first item on top, the value printed at the bar's end."""
        values = [float(v or 0) for _, v in items]
        row = 11.5
        if height is None:
            height = max(40.0, len(items) * row + 22)
        if self._empty(values):
            return self.no_data(width, min(height, 70))
        labels = [label for label, _ in items]
        label_w = min(self._max_width(labels) + 6, width * label_share)
        value_w = self._max_width([fmt(v) for v in values]) + 8
        d = Drawing(width, height)
        bc = HorizontalBarChart()
        bc.x, bc.y = label_w, 14
        bc.width = max(20.0, width - label_w - value_w)
        bc.height = height - 20
        # HorizontalBarChart draws its first category at the bottom: reverse to read top-down.
        bc.data = [list(reversed(values))]
        bc.categoryAxis.categoryNames = [self.fit(t, label_w - 6) for t in reversed(labels)]
        bc.categoryAxis.labels.fontName = self.font(*labels)
        bc.categoryAxis.labels.fontSize = self.size
        bc.categoryAxis.labels.fillColor = INK
        bc.categoryAxis.labels.boxAnchor = "e"
        bc.categoryAxis.labels.dx = -3
        bc.categoryAxis.strokeColor = RULE
        bc.categoryAxis.tickLeft = 0
        top, step = nice_scale(max(values), 4, integer=all(float(v).is_integer() for v in values))
        _value_axis(bc.valueAxis, top, step, self.size)
        bc.bars.strokeColor = None
        bc.bars[0].fillColor = bar_colour
        if colours:
            rev = list(reversed(colours))
            for i, col in enumerate(rev):
                bc.bars[(0, i)].fillColor = col
        bc.barSpacing = 0
        bc.groupSpacing = max(2.0, bc.height / max(1, len(values)) * 0.3)
        bc.barLabelFormat = lambda v: fmt(v)
        bc.barLabels.fontName = LATIN
        bc.barLabels.fontSize = self.size - 0.5
        bc.barLabels.fillColor = INK
        bc.barLabels.boxAnchor = "w"
        bc.barLabels.dx = 2
        d.add(bc)
        return d

    def vbar(self, items: Sequence[tuple[str, float]], width: float, height: float, *,
             fmt: Callable[[float], str] = axis_number, bar_colour=BAR, value_labels: bool = True) -> Drawing:
        """One vertical bar per (label, value)."""
        values = [float(v or 0) for _, v in items]
        if self._empty(values):
            return self.no_data(width, height)
        labels = [label for label, _ in items]
        d = Drawing(width, height)
        bc = VerticalBarChart()
        axis_w = self._max_width([axis_number(v) for v in nice_scale(max(values), 4)]) + 8
        bc.x, bc.y = axis_w, 16
        bc.width, bc.height = width - axis_w - 4, height - 26
        bc.data = [values]
        slot = bc.width / max(1, len(labels))
        bc.categoryAxis.categoryNames = [self.fit(t, slot - 2) for t in labels]
        self._style_axes(bc, labels, values)
        bc.bars.strokeColor = None
        bc.bars[0].fillColor = bar_colour
        bc.groupSpacing = slot * 0.25
        if value_labels:
            bc.barLabelFormat = lambda v: fmt(v) if v else ""
            bc.barLabels.fontName = LATIN
            bc.barLabels.fontSize = self.size - 0.5
            bc.barLabels.fillColor = INK
            bc.barLabels.boxAnchor = "s"
            bc.barLabels.dy = 2
        d.add(bc)
        return d

    def _style_axes(self, bc, labels: Sequence[str], values: Sequence[float], *, integer: bool | None = None,
                    top: float | None = None) -> tuple[float, float]:
        if integer is None:
            integer = all(float(v).is_integer() for v in values)
        # 4 % headroom: the tallest bar (and its value label) stays inside the plot
        vmax, step = nice_scale((top if top is not None else max(values, default=0)) * 1.04, 4, integer=integer)
        _value_axis(bc.valueAxis, vmax, step, self.size)
        bc.categoryAxis.labels.fontName = self.font(*labels)
        bc.categoryAxis.labels.fontSize = self.size - 0.5
        bc.categoryAxis.labels.fillColor = INK
        bc.categoryAxis.strokeColor = RULE
        bc.categoryAxis.labels.boxAnchor = "n"
        bc.categoryAxis.labels.dy = -2
        return vmax, step

    def stacked(self, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float], colors.Color]],
                width: float, height: float, *, line: tuple[str, Sequence[float], colors.Color] | None = None,
                unit: str = "") -> Drawing:
        """Stacked vertical bars (one stack per category, one segment per series) with a legend below, and
        optionally a line (e.g. retirements) drawn over the bars on the same value axis."""
        totals = [sum(float(s[1][i] or 0) for s in series) for i in range(len(categories))]
        line_values = [float(v or 0) for v in line[1]] if line else []
        if not categories or (self._empty(totals) and self._empty(line_values)):
            return self.no_data(width, min(height, 60))
        items = [(name, col, "box") for name, _, col in series]
        if line:
            items.append((line[0], line[2], "line"))
        legend_h = self.legend_height(items, width - 8)
        d = Drawing(width, height)
        top = max(totals + line_values)
        axis_w = self._max_width([axis_number(v) for v in nice_scale(top, 4, integer=True)]) + 8
        n = len(categories)
        rotate = n > 12
        label_h = 26 if rotate else 14
        bc = VerticalBarChart()
        bc.x, bc.y = axis_w, legend_h + label_h + 6
        bc.width, bc.height = width - axis_w - 6, height - bc.y - 8
        bc.data = [[float(v or 0) for v in s[1]] for s in series] or [[0.0] * n]
        bc.categoryAxis.style = "stacked"
        # Thin the labels so they do not collide: every k-th category is named.
        slot = bc.width / n
        label_w = self._max_width(categories)
        every = 1
        if rotate:
            every = max(1, math.ceil((self.size + 2) / slot))
        elif label_w + 4 > slot:
            every = max(1, math.ceil((label_w + 4) / slot))
        bc.categoryAxis.categoryNames = [c if i % every == 0 else "" for i, c in enumerate(categories)]
        vmax, _ = self._style_axes(bc, categories, totals + line_values, integer=True, top=top)
        if rotate:
            bc.categoryAxis.labels.angle = 45
            bc.categoryAxis.labels.boxAnchor = "ne"
            bc.categoryAxis.labels.dx = 2
        bc.bars.strokeColor = None
        for i, (_, _, col) in enumerate(series):
            bc.bars[i].fillColor = col
        bc.groupSpacing = slot * (0.3 if n < 40 else 0.15)
        d.add(bc)
        if line and vmax > 0:
            pts = []
            for i, v in enumerate(line_values):
                pts += [bc.x + (i + 0.5) * slot, bc.y + bc.height * v / vmax]
            if len(line_values) > 1:
                d.add(PolyLine(pts, strokeColor=line[2], strokeWidth=1.3))
            for i in range(0, len(pts), 2):
                d.add(Circle(pts[i], pts[i + 1], 1.8 if n <= 40 else 1.0, fillColor=line[2], strokeColor=line[2]))
        if unit:
            d.add(self.string(2, bc.y + bc.height + 1, unit, size=self.size - 1, colour=MUTED))
        self.legend(d, items, 4, legend_h + 1, width - 8)
        return d

    def grouped_hbar(self, categories: Sequence[str], series: Sequence[tuple[str, Sequence[float], colors.Color]],
                     width: float, *, fmt: Callable[[float], str] = axis_number) -> Drawing:
        """Horizontal bars, one group per category (first on top) and one bar per series, legend below."""
        flat = [float(v or 0) for _, vals, _ in series for v in vals]
        items = [(name, col, "box") for name, _, col in series]
        if not categories or self._empty(flat):
            return self.no_data(width, 70)
        legend_h = self.legend_height(items, width - 8)
        group_h = 5.5 * len(series) + 6
        height = len(categories) * group_h + legend_h + 26
        label_w = min(self._max_width(categories) + 6, width * 0.42)
        value_w = self._max_width([fmt(v) for v in flat]) + 8
        d = Drawing(width, height)
        bc = HorizontalBarChart()
        bc.x, bc.y = label_w, legend_h + 16
        bc.width = max(20.0, width - label_w - value_w)
        bc.height = height - bc.y - 6
        # first category on top: reverse the categories; the series order stays as in the legend
        bc.data = [list(reversed([float(v or 0) for v in vals])) for _, vals, _ in reversed(series)]
        bc.categoryAxis.categoryNames = [self.fit(t, label_w - 6) for t in reversed(categories)]
        bc.categoryAxis.labels.fontName = self.font(*categories)
        bc.categoryAxis.labels.fontSize = self.size
        bc.categoryAxis.labels.fillColor = INK
        bc.categoryAxis.labels.boxAnchor = "e"
        bc.categoryAxis.labels.dx = -3
        bc.categoryAxis.strokeColor = RULE
        vmax, step = nice_scale(max(flat), 4)
        _value_axis(bc.valueAxis, vmax, step, self.size)
        bc.bars.strokeColor = None
        for i, (_, _, col) in enumerate(reversed(series)):
            bc.bars[i].fillColor = col
        bc.barSpacing = 0.5
        bc.groupSpacing = 5
        bc.barLabelFormat = lambda v: fmt(v) if v else ""
        bc.barLabels.fontName = LATIN
        bc.barLabels.fontSize = self.size - 1
        bc.barLabels.fillColor = INK
        bc.barLabels.boxAnchor = "w"
        bc.barLabels.dx = 2
        d.add(bc)
        self.legend(d, items, 4, legend_h + 1, width - 8)
        return d

    # pie ------------------------------------------------------------------------------------------------
    def pie(self, items: Sequence[tuple[str, float, colors.Color]], width: float, height: float, *,
            fmt: Callable[[float], str] = axis_number) -> Drawing:
        """A pie of the positive items with a legend at its right giving each value and share."""
        items = [(name, float(v), col) for name, v, col in items if v and v > 0]
        if not items:
            return self.no_data(width, height)
        total = sum(v for _, v, _ in items)
        d = Drawing(width, height)
        size = min(height - 10, width * 0.42)
        pie = Pie()
        pie.x, pie.y = 4, (height - size) / 2
        pie.width = pie.height = size
        pie.data = [v for _, v, _ in items]
        pie.labels = None
        pie.simpleLabels = 1
        pie.slices.strokeColor = colors.white
        pie.slices.strokeWidth = 0.8
        for i, (_, _, col) in enumerate(items):
            pie.slices[i].fillColor = col
        pie.startAngle = 90
        pie.direction = "clockwise"
        d.add(pie)
        x = size + 14
        avail = width - x - 2
        lead = self.size + 2
        blocks = [(self.wrap(name, avail - 11, 2), v, col) for name, v, col in items]
        total_h = sum((len(lines) + 1) * lead + 3 for lines, _, _ in blocks)
        y = height / 2 + total_h / 2 - self.size
        for lines, v, col in blocks:
            d.add(Rect(x, y - 1, 8, 8, fillColor=col, strokeColor=None))
            for line in lines:
                d.add(self.string(x + 11, y, line))
                y -= lead
            share = f"{fmt(v)} ({v / total * 100:.1f}%)"
            d.add(self.string(x + 11, y, share, colour=MUTED, size=self.size - 0.5))
            y -= lead + 3
        return d

    # grade scale ------------------------------------------------------------------------------------------
    def grade_scale(self, grade: int, names: Sequence[str], width: float, height: float = 34) -> Drawing:
        """Five boxes, grade 1 (best) on the right; the achieved grade is filled and framed."""
        fills = ("#2E8B57", "#8DBF5A", "#E3C02D", "#E39B2D", "#C8553D")  # grade 1 … 5
        bounds = ("P ≥ 0.9", "0.8 ≤ P < 0.9", "0.7 ≤ P < 0.8", "0.6 ≤ P < 0.7", "P < 0.6")
        d = Drawing(width, height)
        w = width / 5
        for pos in range(5):
            g = 5 - pos  # left to right: 5 … 1
            x = pos * w
            on = g == grade
            fill = colors.HexColor(fills[g - 1])
            d.add(Rect(x + 1, 12, w - 2, height - 13, fillColor=fill if on else colors.HexColor("#F0F3F6"),
                       strokeColor=INK if on else RULE, strokeWidth=1.2 if on else 0.5))
            text = f"{g} {names[g - 1]}"
            d.add(self.string(x + w / 2, 12 + (height - 13) / 2 - 3, self.fit(text, w - 6, 8), size=8, anchor="middle",
                              colour=INK if on else MUTED, bold=on))
            d.add(self.string(x + w / 2, 2, bounds[g - 1], size=6.2, anchor="middle", colour=MUTED))
        return d


def _value_axis(axis, top: float, step: float, size: float) -> None:  # noqa: ANN001 - a reportlab ValueAxis
    """The value axis every bar chart of the reports shares: from 0 to ``top``, light grid, muted labels."""
    axis.valueMin, axis.valueMax, axis.valueStep = 0, top, step
    axis.labels.fontName = LATIN
    axis.labels.fontSize = size - 0.5
    axis.labels.fillColor = MUTED
    axis.labelTextFormat = axis_number
    axis.strokeColor = RULE
    axis.visibleGrid = 1
    axis.gridStrokeColor = GRID
    axis.gridStrokeWidth = 0.5
