"""Certificate PDFs: a certificate of data sanitization and a certificate of destruction and recycling.

The domain service builds a *canonical record* (a JSON-able dict, schema ``itam.certificate/1``), allocates
its number, and calls :func:`render_certificate` for the unsigned PDF, then ``reports.signing.sign_pdf``.
The PDF carries the record three ways, so that a reader can check it without itam:
  * the exact bytes of :func:`canonical_json` as the attachment ``itam-record.json`` (application/json);
  * the record's SHA-256 in the document information (``/ItamRecordSHA256``), in every page footer and in
    a QR code on the first page (payload ``itam-cert:<number>:sha256:<hex>``, see :func:`qr_payload`);
  * the visible tables, which print the record's values as they are (missing values as "—").

Layout: A4 portrait; a first-page header with the organisation (logo, details) and the QR code; title,
number and issue date; a "supersedes" banner for corrections; sections as tables whose header rows repeat
on every page; a footer "Page x of y · number · record hash" on every page (counted in one pass by the
canvas: a second layout pass would double the time of a 10,000-row certificate).

Long tables are :class:`DataTable` flowables that cut themselves into one reportlab ``Table`` per page:
reportlab splits a long ``Table`` by re-measuring all remaining rows on every page (quadratic in the row
count), while these know each row's height up front. Cell text is wrapped to the column width once.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFInfo,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reports.fonts import LATIN, LATIN_BOLD, FontSet, fonts
from reports.i18n import label, language_of

log = logging.getLogger(__name__)

SCHEMA = "itam.certificate/1"
KINDS = ("sanitization", "destruction")
RECORD_ATTACHMENT = "itam-record.json"
RECORD_MIME = "application/json"
#: Custom keys of the document information dictionary.
INFO_RECORD_SHA256 = "ItamRecordSHA256"
INFO_NUMBER = "ItamCertificateNumber"
INFO_KIND = "ItamCertificateKind"
QR_PREFIX = "itam-cert"
DASH = "—"

PAGE = A4
MARGIN_X = 16 * mm
MARGIN_TOP = 14 * mm
MARGIN_TOP_LATER = 20 * mm  # room for the running header
MARGIN_BOTTOM = 20 * mm  # room for the footer
CONTENT_WIDTH = PAGE[0] - 2 * MARGIN_X

INK = colors.HexColor("#1B2733")
ACCENT = colors.HexColor("#1F4E79")
MUTED = colors.HexColor("#5B6773")
RULE = colors.HexColor("#B8C2CC")
HEAD_BG = colors.HexColor("#E4EAF1")
ZEBRA = colors.HexColor("#F5F7FA")
LABEL_BG = colors.HexColor("#EEF2F6")
BANNER_BG = colors.HexColor("#FFF4D6")
BANNER_LINE = colors.HexColor("#C98A00")

#: Lines a single table cell may take before its text is cut with "…" (a row must fit on a page).
MAX_CELL_LINES = 40


class Cancelled(Exception):
    """Raised by :func:`render_certificate` when ``is_cancelled()`` turned true during rendering."""


@dataclass(frozen=True)
class Organisation:
    """The issuing organisation as printed in the header; ``logo`` is PNG or JPEG bytes (optional).

    The record's ``issuer`` block wins for every text field it has: what is printed must be what is signed.
    """

    name: str
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    registration_no: str | None = None
    website: str | None = None
    logo: bytes | None = None


# ---------------------------------------------------------------------------------------------- record


def canonical_json(record: dict) -> bytes:
    """The record's canonical bytes: sorted keys, no spaces, UTF-8 (Chinese kept as is)."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def record_sha256(record: dict) -> str:
    """Hex SHA-256 of :func:`canonical_json` of the record."""
    return hashlib.sha256(canonical_json(record)).hexdigest()


def qr_payload(number: str, sha256_hex: str) -> str:
    """What the first-page QR code encodes: ``itam-cert:<number>:sha256:<hex>``."""
    return f"{QR_PREFIX}:{number}:sha256:{sha256_hex}"


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR modules (True = dark) for ``payload``, by reportlab's encoder (level M, best mask)."""
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(payload)
    qr.make()
    return [[bool(m) for m in row] for row in qr.modules]


# --------------------------------------------------------------------------------------------- helpers

_ISO_DT = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def _dt(value) -> str:
    """An ISO date-time as "YYYY-MM-DD HH:MM UTC" (or with its offset); anything else as text."""
    text = _text(value)
    m = _ISO_DT.match(text)
    if not m:
        return text
    day, hm, _, zone = m.groups()
    if zone in ("Z", "+00:00", "+0000", "-00:00"):
        return f"{day} {hm} UTC"
    return f"{day} {hm}{' UTC' + zone if zone else ''}"


def _text(value) -> str:
    """A record value as printed: None or empty → "—"; numbers without noise; lists joined."""
    if value is None:
        return DASH
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        text = f"{value:,.3f}".rstrip("0").rstrip(".")
        return text or "0"
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value if v is not None) or DASH
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items()) or DASH
    text = str(value).strip()
    return text if text else DASH


def _get(block, key):
    return block.get(key) if isinstance(block, dict) else None


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _dicts(value) -> list[dict]:
    return [v for v in _list(value) if isinstance(v, dict)]


class _Measure:
    """Wraps cell text to a width with reportlab's font metrics, caching repeated values."""

    def __init__(self, fontset: FontSet):
        self.fonts = fontset
        self._cache: dict[tuple, tuple[str, int, str]] = {}

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> tuple[str, int, str]:
        """(text with "\\n" line breaks, number of lines, font name)."""
        key = (text, width, size, bold)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        font = self.fonts.for_text(text, bold)
        lines = []
        for paragraph in text.split("\n"):
            lines.extend(_wrap_line(paragraph, font, size, width))
        if len(lines) > MAX_CELL_LINES:
            lines = lines[: MAX_CELL_LINES - 1] + [lines[MAX_CELL_LINES - 1].rstrip() + "…"]
        result = ("\n".join(lines), len(lines), font)
        if len(self._cache) < 50_000:
            self._cache[key] = result
        return result


def _wrap_line(text: str, font: str, size: float, width: float) -> list[str]:
    sw = pdfmetrics.stringWidth
    if sw(text, font, size) <= width:
        return [text]
    lines: list[str] = []
    current = ""
    for word in re.split(r"(\s+)", text):
        if not word:
            continue
        candidate = current + word
        if sw(candidate, font, size) <= width:
            current = candidate
            continue
        if word.isspace():
            lines.append(current.rstrip())
            current = ""
            continue
        if current.strip():
            lines.append(current.rstrip())
            current = ""
        # a word wider than the column (a serial, a hash, Chinese text without spaces): cut by characters
        while sw(word, font, size) > width:
            cut = _fit_chars(word, font, size, width)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return lines


def _fit_chars(word: str, font: str, size: float, width: float) -> int:
    lo, hi = 1, len(word)
    while lo < hi:  # largest prefix that fits (at least one character)
        mid = (lo + hi + 1) // 2
        if pdfmetrics.stringWidth(word[:mid], font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


# ------------------------------------------------------------------------------------------ flowables


@dataclass(frozen=True)
class _Prepared:
    """A DataTable's cells wrapped to their columns, with row heights (shared by its page slices)."""

    head_cells: list[str]
    head_fonts: list[str]
    head_height: float
    cells: list[list[str]]
    heights: list[float]
    odd_fonts: list[list[tuple[int, str]]]  # per row: (column, font) where the font is not Helvetica
    suffix: list[float]  # suffix[i]: the height of rows i to the end


class DataTable(Flowable):
    """A table with a header row that cuts itself into one reportlab ``Table`` per page.

    Rows are lists of already formatted strings. Every cell is wrapped to its column once, so each row's
    height is known before layout and a page slice is found by adding heights. ``on_page(rows_done)`` is
    called as slices are cut (progress, cancellation).
    """

    pad_x = 2.5
    pad_y = 1.6

    def __init__(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        col_widths: Sequence[float],
        measure: _Measure,
        *,
        size: float = 7.5,
        right_align: Sequence[int] = (),
        center_align: Sequence[int] = (),
        total_row: bool = False,
        on_page: Callable[[int], None] | None = None,
        _prepared=None,
        _start: int = 0,
    ):
        super().__init__()
        self.header = list(header)
        self.rows = rows
        self.col_widths = list(col_widths)
        self.measure = measure
        self.size = size
        self.leading = size * 1.22
        self.right_align = tuple(right_align)
        self.center_align = tuple(center_align)
        self.total_row = total_row
        self.on_page = on_page
        self._prepared = _prepared
        self._start = _start

    # layout ------------------------------------------------------------------------------------
    def _prepare(self):
        if self._prepared is not None:
            return self._prepared
        m = self.measure
        inner = [w - 2 * self.pad_x for w in self.col_widths]
        head_cells, head_fonts, head_lines = [], [], 1
        for c, text in enumerate(self.header):
            wrapped, n, font = m.wrap(text, inner[c], self.size, bold=True)
            head_cells.append(wrapped)
            head_fonts.append(font)
            head_lines = max(head_lines, n)
        cells: list[list[str]] = []
        heights: list[float] = []
        odd_fonts: list[list[tuple[int, str]]] = []
        extra = 2 * self.pad_y + (self.size * 0.25)
        leading = self.leading
        last = len(self.rows) - 1
        for r, row in enumerate(self.rows):
            bold = self.total_row and r == last
            out, odd, lines = [], [], 1
            for c, text in enumerate(row):
                wrapped, n, font = m.wrap(text, inner[c], self.size, bold)
                out.append(wrapped)
                if font != (LATIN_BOLD if bold else LATIN):
                    odd.append((c, font))
                lines = max(lines, n)
            cells.append(out)
            odd_fonts.append(odd)
            heights.append(lines * leading + extra)
        suffix = [0.0] * (len(heights) + 1)  # suffix[i] = height of rows i..end
        for i in range(len(heights) - 1, -1, -1):
            suffix[i] = suffix[i + 1] + heights[i]
        self._prepared = _Prepared(head_cells, head_fonts, head_lines * leading + extra, cells, heights, odd_fonts, suffix)
        return self._prepared

    def wrap(self, availWidth, availHeight):
        prep = self._prepare()
        self.width = sum(self.col_widths)
        self.height = prep.head_height + prep.suffix[self._start]
        return self.width, self.height

    def split(self, availWidth, availHeight):
        prep = self._prepare()
        heights = prep.heights
        room = availHeight - prep.head_height
        end = self._start
        total = len(heights)
        while end < total and room >= heights[end]:
            room -= heights[end]
            end += 1
        if end == self._start:
            return []  # not even one row fits under the header: the next frame
        return [self._slice(self._start, end), self._continuation(end)] if end < total else [self._slice(self._start, end)]

    def _continuation(self, start: int) -> DataTable:
        return DataTable(
            self.header, self.rows, self.col_widths, self.measure, size=self.size, right_align=self.right_align,
            center_align=self.center_align, total_row=self.total_row, on_page=self.on_page, _prepared=self._prepared, _start=start,
        )

    def _slice(self, start: int, end: int) -> Table:
        prep = self._prepare()
        if self.on_page is not None:
            self.on_page(end)
        n = end - start
        style = [
            ("FONT", (0, 0), (-1, 0), LATIN_BOLD, self.size, self.leading),
            ("FONT", (0, 1), (-1, -1), LATIN, self.size, self.leading),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), self.pad_x),
            ("RIGHTPADDING", (0, 0), (-1, -1), self.pad_x),
            ("TOPPADDING", (0, 0), (-1, -1), self.pad_y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad_y),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
            ("BOX", (0, 0), (-1, -1), 0.6, ACCENT),
        ]
        if n > 1:
            style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
        for c in self.right_align:
            style.append(("ALIGN", (c, 0), (c, -1), "RIGHT"))
        for c in self.center_align:
            style.append(("ALIGN", (c, 0), (c, -1), "CENTER"))
        for c, font in enumerate(prep.head_fonts):
            if font != LATIN_BOLD:
                style.append(("FONTNAME", (c, 0), (c, 0), font))
        if self.total_row and end == len(prep.cells):
            style.append(("FONTNAME", (0, n), (-1, n), LATIN_BOLD))
            style.append(("LINEABOVE", (0, n), (-1, n), 0.6, ACCENT))
        for r in range(start, end):
            for c, font in prep.odd_fonts[r]:
                style.append(("FONTNAME", (c, r - start + 1), (c, r - start + 1), font))
        data = [prep.head_cells, *prep.cells[start:end]]
        heights = [prep.head_height, *prep.heights[start:end]]
        return Table(data, colWidths=self.col_widths, rowHeights=heights, style=TableStyle(style))

    def draw(self):
        # the whole rest fits in the frame: draw it as one slice
        table = self._slice(self._start, len(self._prepare().cells))
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)


class QrCode(Flowable):
    """A QR code from reportlab's encoder, drawn as one filled path (reportlab's QrCodeWidget builds a
    shape object per dark run, which costs more than the encoding itself)."""

    def __init__(self, payload: str, size: float):
        super().__init__()
        self.payload = payload
        self.size = size
        self.modules = qr_matrix(payload)

    def wrap(self, availWidth, availHeight):
        return self.size, self.size

    def draw(self):
        n = len(self.modules)
        quiet = 2  # modules of white border inside the box (the cell padding adds the rest)
        box = self.size / (n + 2 * quiet)
        c = self.canv
        path = c.beginPath()
        for r, row in enumerate(self.modules):
            y = self.size - (r + quiet + 1) * box
            col = 0
            while col < n:
                if row[col]:
                    start = col
                    while col < n and row[col]:
                        col += 1
                    path.rect((start + quiet) * box, y, (col - start) * box, box)
                else:
                    col += 1
        c.saveState()
        c.setFillColor(colors.black)
        c.drawPath(path, stroke=0, fill=1)
        c.restoreState()


class _Rule(Flowable):
    def __init__(self, width: float, thickness: float = 0.6, color=ACCENT, space: float = 2):
        super().__init__()
        self.width, self.thickness, self.color, self.space = width, thickness, color, space

    def wrap(self, availWidth, availHeight):
        return self.width, self.thickness + self.space

    def draw(self):
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.space, self.width, self.space)


# --------------------------------------------------------------------------------- document assembly


class _Ctx:
    """What the section builders share: the record, language, fonts, cell measuring, paragraph styles."""

    def __init__(self, record: dict, org: Organisation, fontset: FontSet, number: str, sha: str, title: str):
        self.record = record
        self.org = org
        self.lang = language_of(record)
        self.fonts = fontset
        self.measure = _Measure(fontset)
        self.number = number
        self.sha = sha
        self.title = title
        self._styles: dict[tuple, ParagraphStyle] = {}

    def L(self, key: str, **values) -> str:
        return label(self.lang, key, **values)

    def style(self, role: str, font: str) -> ParagraphStyle:
        key = (role, font)
        style = self._styles.get(key)
        if style is None:
            base = _ROLES[role]
            style = ParagraphStyle(f"{role}-{font}", fontName=font, **base)
            self._styles[key] = style
        return style

    def p(self, text, role: str = "body", bold: bool | None = None) -> Paragraph:
        """A paragraph of plain text (escaped) in the font its characters need."""
        text = _text(text) if not isinstance(text, str) else (text or DASH)
        bold = _ROLE_BOLD.get(role, False) if bold is None else bold
        font = self.fonts.for_text(text, bold)
        return Paragraph(escape(text).replace("\n", "<br/>"), self.style(role, font))

    def heading(self, key: str, **values) -> list[Flowable]:
        return [CondPageBreak(40 * mm), self.p(self.L(key, **values), "h2"), _Rule(CONTENT_WIDTH, 0.5, ACCENT, 1.5)]

    def kv(self, pairs: Sequence[tuple[str, object]], wide: Sequence[tuple[str, object]] = ()) -> Table:
        """Label/value pairs two per row; ``wide`` pairs take a whole row."""
        # Plain string cells wrapped here rather than Paragraphs: a tenth of the layout time, and these
        # grids are most of a sanitization certificate.
        label_w, value_w = 31 * mm, CONTENT_WIDTH / 2 - 31 * mm
        pad_x, pad_top, pad_bottom = 3.0, 2.0, 2.5
        label_size, value_size = 7.4, 8.6
        label_lead, value_lead = label_size * 1.22, value_size * 1.2
        wrap = self.measure.wrap
        rows: list[list[str]] = []
        heights: list[float] = []
        style: list[tuple] = []
        fonts_: list[tuple] = []  # per-cell font overrides: after the column-wide FONT commands
        cells: list[tuple[int, list[tuple[str, object]], bool]] = []
        pairs = list(pairs)
        wide = list(wide)
        if len(pairs) % 2:  # an odd one out takes the whole row rather than leave an empty pair
            wide.insert(0, pairs.pop())
        for i in range(0, len(pairs), 2):
            cells.append((len(cells), pairs[i : i + 2], False))
        for pair in wide:
            cells.append((len(cells), [pair], True))
        for r, chunk, is_wide in cells:
            row: list[str] = []
            height = 0.0
            for k, (key, value) in enumerate(chunk):
                c = 2 * k
                lw = label_w - 2 * pad_x
                vw = (CONTENT_WIDTH - label_w if is_wide else value_w) - 2 * pad_x
                ltext, ln, lfont = wrap(self.L(key), lw, label_size)
                vtext, vn, vfont = wrap(_text(value), vw, value_size)
                row += [ltext, vtext]
                height = max(height, ln * label_lead, vn * value_lead)
                style.append(("BACKGROUND", (c, r), (c, r), LABEL_BG))
                if lfont != LATIN:
                    fonts_.append(("FONTNAME", (c, r), (c, r), lfont))
                if vfont != LATIN:
                    fonts_.append(("FONTNAME", (c + 1, r), (c + 1, r), vfont))
            while len(row) < 4:
                row.append("")
            if is_wide:
                style.append(("SPAN", (1, r), (3, r)))
            rows.append(row)
            heights.append(height + pad_top + pad_bottom + 1.5)
        style += [
            ("FONT", (0, 0), (0, -1), LATIN, label_size, label_lead),
            ("FONT", (2, 0), (2, -1), LATIN, label_size, label_lead),
            ("FONT", (1, 0), (1, -1), LATIN, value_size, value_lead),
            ("FONT", (3, 0), (3, -1), LATIN, value_size, value_lead),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
            ("TEXTCOLOR", (2, 0), (2, -1), MUTED),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.25, RULE),
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
            ("TOPPADDING", (0, 0), (-1, -1), pad_top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad_bottom),
        ] + fonts_
        return Table(
            rows, colWidths=[label_w, value_w, label_w, value_w], rowHeights=heights, style=TableStyle(style), hAlign="LEFT"
        )

    def table(self, header_keys: Sequence[str], rows, widths_mm: Sequence[float], **kw) -> DataTable:
        scale = CONTENT_WIDTH / (sum(widths_mm) * mm)
        widths = [w * mm * scale for w in widths_mm]
        return DataTable([self.L(k) for k in header_keys], rows, widths, self.measure, **kw)


_ROLES = {
    "body": {"fontSize": 8.8, "leading": 11.6, "textColor": INK},
    "small": {"fontSize": 7.2, "leading": 9, "textColor": MUTED},
    "label": {"fontSize": 7.4, "leading": 9.2, "textColor": MUTED},
    "value": {"fontSize": 8.6, "leading": 10.8, "textColor": INK},
    "h2": {"fontSize": 10.5, "leading": 13, "textColor": ACCENT, "spaceBefore": 7, "spaceAfter": 0, "keepWithNext": 1},
    "h3": {"fontSize": 9, "leading": 11.5, "textColor": INK, "spaceBefore": 5, "spaceAfter": 2, "keepWithNext": 1},
    "title": {"fontSize": 19, "leading": 24, "textColor": INK, "alignment": TA_CENTER, "spaceBefore": 4},
    "subtitle": {"fontSize": 8.6, "leading": 11, "textColor": MUTED, "alignment": TA_CENTER, "spaceAfter": 6},
    "org": {"fontSize": 12.5, "leading": 15.5, "textColor": INK},
    "orgline": {"fontSize": 7.8, "leading": 10, "textColor": MUTED},
    "number": {"fontSize": 15, "leading": 18, "textColor": ACCENT},
    "fact": {"fontSize": 9.5, "leading": 12, "textColor": INK},
    "banner": {"fontSize": 9.2, "leading": 12, "textColor": colors.HexColor("#6B4A00"), "alignment": TA_LEFT},
    "qr": {"fontSize": 6.4, "leading": 7.6, "textColor": MUTED, "alignment": TA_CENTER},
    "sign": {"fontSize": 8.2, "leading": 10.5, "textColor": INK},
}
_ROLE_BOLD = {"h2": True, "h3": True, "title": True, "org": True, "number": True, "label": False}


def _logo(data: bytes | None, max_w: float, max_h: float) -> Flowable | None:
    if not data:
        return None
    try:
        reader = ImageReader(io.BytesIO(data))
        w, h = reader.getSize()
    except Exception as exc:  # noqa: BLE001 - any unreadable image: PIL raises many types; print no logo
        log.warning("organisation logo ignored: not a readable PNG/JPEG image (%s)", exc)
        return None
    if not w or not h:
        return None
    scale = min(max_w / w, max_h / h)
    return Image(io.BytesIO(data), width=w * scale, height=h * scale, hAlign="LEFT")


def _header(ctx: _Ctx) -> list[Flowable]:
    rec, org = ctx.record, ctx.org
    issuer = rec.get("issuer") if isinstance(rec.get("issuer"), dict) else {}

    def field(key):
        return issuer.get(key) if key in issuer else getattr(org, key, None)

    org_cells: list[Flowable] = [ctx.p(_text(field("name")), "org")]
    if field("address"):
        org_cells.append(ctx.p(_text(field("address")), "orgline"))
    line = " · ".join(
        f"{ctx.L('org.' + key)} {_text(field(key))}" for key in ("phone", "email") if field(key)
    )
    if line:
        org_cells.append(ctx.p(line, "orgline"))
    line = " · ".join(
        f"{ctx.L('org.' + key)} {_text(field(key))}" for key in ("registration_no", "website") if field(key)
    )
    if line:
        org_cells.append(ctx.p(line, "orgline"))

    qr_size = 25 * mm
    qr_cell = [QrCode(qr_payload(ctx.number, ctx.sha), qr_size), ctx.p(ctx.L("qr.caption"), "qr")]
    logo = _logo(ctx.org.logo, 40 * mm, 20 * mm)
    logo_w = 44 * mm if logo else 0.1 * mm
    head = Table(
        [[logo or "", org_cells, qr_cell]],
        colWidths=[logo_w, CONTENT_WIDTH - logo_w - qr_size - 4 * mm, qr_size + 4 * mm],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 2 * mm if logo else 0),
                ("LEFTPADDING", (2, 0), (2, 0), 2 * mm),
                ("RIGHTPADDING", (2, 0), (2, 0), 2 * mm),
            ]
        ),
    )
    kind = rec.get("kind")
    out: list[Flowable] = [head, Spacer(1, 3 * mm), _Rule(CONTENT_WIDTH, 1.2, ACCENT, 0)]
    out.append(ctx.p(ctx.title, "title"))
    out.append(ctx.p(ctx.L(f"subtitle.{kind}"), "subtitle"))
    facts = Table(
        [
            [
                ctx.p(ctx.L("certificate_no"), "label"),
                ctx.p(ctx.number, "number"),
                ctx.p(ctx.L("issued_at"), "label"),
                ctx.p(_dt(rec.get("issued_at")), "fact"),
            ]
        ],
        colWidths=[28 * mm, CONTENT_WIDTH / 2 - 28 * mm, 24 * mm, CONTENT_WIDTH / 2 - 24 * mm],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                ("BACKGROUND", (0, 0), (0, 0), LABEL_BG),
                ("BACKGROUND", (2, 0), (2, 0), LABEL_BG),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        ),
    )
    out.append(facts)
    sup = rec.get("supersedes")
    if isinstance(sup, dict) and sup.get("number"):
        reason = sup.get("reason")
        text = (
            ctx.L("supersedes", number=_text(sup["number"]), reason=_text(reason))
            if reason
            else ctx.L("supersedes.no_reason", number=_text(sup["number"]))
        )
        banner = Table(
            [[ctx.p(text, "banner", bold=True)]],
            colWidths=[CONTENT_WIDTH],
            style=TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), BANNER_BG),
                    ("BOX", (0, 0), (-1, -1), 1, BANNER_LINE),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            ),
        )
        out += [Spacer(1, 2.5 * mm), banner]
    out.append(Spacer(1, 1 * mm))
    return out


def _signature_blocks(ctx: _Ctx, blocks: Sequence[tuple[str, dict | None, Sequence[str]]]) -> Table:
    """Side-by-side blocks: a caption and the person's details, then (in a row of its own, so the lines
    align) a line to sign on."""
    details, lines = [], []
    width = CONTENT_WIDTH / len(blocks)
    colon = ctx.L("colon")
    for caption_key, person, keys in blocks:
        person = person if isinstance(person, dict) else {}
        cell: list[Flowable] = [ctx.p(ctx.L(caption_key), "h3")]
        for key in keys:
            value = _dt(person.get(key)) if key == "date" else _text(person.get(key))
            cell.append(ctx.p(f"{ctx.L(key)}{colon}{value}", "sign"))
        details.append(cell)
        lines.append([Spacer(1, 10 * mm), _Rule(width - 8 * mm, 0.5, INK, 0), ctx.p(ctx.L("signature"), "small")])
    return Table(
        [details, lines],
        colWidths=[width] * len(blocks),
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("LINEAFTER", (0, 0), (-2, -1), 0.25, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 1), (-1, 1), 0),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 3 * mm),
            ]
        ),
    )


def _closing(ctx: _Ctx) -> list[Flowable]:
    signed_by = ctx.record.get("signed_by") if isinstance(ctx.record.get("signed_by"), dict) else {}
    who = ctx.L("comma").join(_text(signed_by.get(k)) for k in ("name", "title") if signed_by.get(k)) or DASH
    return [
        Spacer(1, 3 * mm),
        ctx.p(f"{ctx.L('issued_by')}{ctx.L('colon')}{who}", "body", bold=True),
        Spacer(1, 1.5 * mm),
        ctx.p(ctx.L("signature_note"), "small"),
    ]


def _sanitization(ctx: _Ctx) -> list[Flowable]:
    rec, L = ctx.record, ctx.L
    media = _dicts(rec.get("media"))
    out: list[Flowable] = []
    out += ctx.heading("section.person")
    person = rec.get("person")
    out.append(ctx.kv([(k, _get(person, k)) for k in ("name", "title", "organisation", "location", "phone")]))

    out += ctx.heading("section.asset")
    asset = rec.get("asset")
    out.append(
        ctx.kv([("asset." + k, _get(asset, k)) for k in ("tag", "serial", "manufacturer", "model", "category", "property_number")])
    )

    out += ctx.heading("section.media")
    yes_no = {"yes": L("yes"), "no": L("no"), "unknown": L("unknown")}
    rows = []
    for n, m in enumerate(media, 1):
        make_model = " ".join(_text(m.get(k)) for k in ("make", "model") if m.get(k)) or DASH
        backed = m.get("data_backed_up")
        rows.append(
            [
                str(n),
                make_model,
                _text(m.get("serial")),
                _text(m.get("property_number")),
                _text(m.get("media_type")),
                _text(m.get("source")),
                _text(m.get("classification")),
                yes_no.get(backed, _text(backed)) if isinstance(backed, str) else _text(backed),
                _text(m.get("backup_location")),
            ]
        )
    header = ["media.no", "media.make_model", "media.serial", "media.property_number", "media.media_type",
              "media.source", "media.classification", "media.data_backed_up", "media.backup_location"]
    out.append(ctx.table(header, rows or [[DASH] * len(header)], [9, 30, 30, 18, 17, 15, 19, 15, 27], size=7.4))

    out += ctx.heading("section.sanitization")
    for n, m in enumerate(media, 1):
        tool = _text(m.get("tool"))
        if m.get("tool_version"):
            tool = f"{tool} ({_text(m.get('tool_version'))})"
        caption = L("medium", n=n) + " · " + (" ".join(_text(m.get(k)) for k in ("make", "model") if m.get(k)) or DASH)
        if m.get("serial"):
            caption += f" · S/N {_text(m.get('serial'))}"
        block = [
            ctx.p(caption, "h3"),
            ctx.kv(
                [
                    ("san.method_type", m.get("method_type")),
                    ("san.technique", m.get("technique")),
                    ("san.method_used", m.get("method_used")),
                    ("san.standard", m.get("standard")),
                    ("san.tool", tool),
                    ("san.passes", m.get("passes")),
                    ("san.verification", m.get("verification")),
                    ("san.verification_result", m.get("verification_result")),
                    ("san.hidden_areas", m.get("hidden_areas")),
                    ("san.result", m.get("result")),
                    ("san.started_at", _dt(m.get("started_at"))),
                    ("san.ended_at", _dt(m.get("ended_at"))),
                    ("san.time_zone", m.get("time_zone")),
                    ("san.post_classification", m.get("post_classification")),
                ],
                wide=[
                    ("san.method_details", m.get("method_details")),
                    ("san.evidence_sha256", m.get("evidence_sha256")),
                    ("san.notes", m.get("notes")),
                ],
            ),
        ]
        out.append(KeepTogether(block))
    if not media:
        out.append(ctx.p(DASH))

    out += ctx.heading("section.destination")
    options = ("internal reuse", "external reuse", "recycling facility", "manufacturer")
    rows = []
    for n, m in enumerate(media, 1):
        dest = _text(m.get("destination"))
        low = dest.lower()
        marks = ["X" if low == opt else "" for opt in options]
        other = ""
        if dest != DASH and low not in options:
            other = "X  " + (dest.split(":", 1)[1].strip() if low.startswith("other:") else dest)
        name = f"{n}. " + (" ".join(_text(m.get(k)) for k in ("make", "model") if m.get(k)) or DASH)
        if m.get("serial"):
            name += f" ({_text(m.get('serial'))})"
        rows.append([name, *marks, other])
    header = ["dest.medium", "dest.internal_reuse", "dest.external_reuse", "dest.recycling_facility",
              "dest.manufacturer", "dest.other"]
    out.append(ctx.table(header, rows or [[DASH] + [""] * 5], [52, 20, 20, 22, 22, 44], size=7.6, center_align=(1, 2, 3, 4)))

    out += ctx.heading("section.attestation")
    out.append(ctx.p(_text(rec.get("attestation")), "body"))

    out += ctx.heading("section.validation")
    person_block = dict(person) if isinstance(person, dict) else {}
    if media and "date" not in person_block:
        person_block["date"] = media[-1].get("ended_at")
    out.append(
        _signature_blocks(
            ctx,
            [
                ("sanitized_by", person_block, ("name", "title", "organisation", "date")),
                ("validated_by", rec.get("validator"), ("name", "title", "organisation", "location", "phone", "date")),
            ],
        )
    )
    out += _closing(ctx)
    return out


def _destruction(ctx: _Ctx, on_rows: Callable[[int], None]) -> list[Flowable]:
    rec, L = ctx.record, ctx.L
    out: list[Flowable] = []
    out += ctx.heading("section.client")
    client = rec.get("client")
    out.append(ctx.kv([("name", _get(client, "name")), ("contact", _get(client, "contact"))], wide=[("address", _get(client, "address"))]))

    out += ctx.heading("section.vendor")
    vendor = rec.get("vendor")
    out.append(ctx.kv([("name", _get(vendor, "name"))], wide=[("address", _get(vendor, "address"))]))
    certs = _dicts(_get(vendor, "certifications"))
    if certs:
        out.append(Spacer(1, 1.5 * mm))
        rows = [[_text(c.get("scheme")), _text(c.get("number")), _text(c.get("valid_until"))] for c in certs]
        out.append(ctx.table(["cert.scheme", "cert.number", "cert.valid_until"], rows, [50, 80, 50], size=8))

    out += ctx.heading("section.job")
    job = rec.get("job")
    out.append(
        ctx.kv(
            [
                ("job.number", _get(job, "number")),
                ("job.batch", _get(job, "batch")),
                ("job.collected_at", _dt(_get(job, "collected_at"))),
                ("job.received_at", _dt(_get(job, "received_at"))),
                ("job.processed_at", _dt(_get(job, "processed_at"))),
                ("job.closed_at", _dt(_get(job, "closed_at"))),
                ("job.expected_count", _get(job, "expected_count")),
                ("job.received_count", _get(job, "received_count")),
            ],
            wide=[("job.seals", _get(job, "seals"))],
        )
    )

    items = _dicts(rec.get("items"))
    weights = _dicts(rec.get("weights"))
    total_kg = sum(w["kg"] for w in weights if isinstance(w.get("kg"), (int, float)) and not isinstance(w.get("kg"), bool))
    out += ctx.heading("section.summary")
    by_method = Counter(_text(i.get("method")) for i in items)
    by_result = Counter(_text(i.get("result")) for i in items)
    out.append(
        ctx.kv(
            [("summary.items", len(items)), ("summary.weight", f"{_text(float(total_kg))} kg" if weights else DASH)],
            wide=[
                ("summary.by_method", " · ".join(f"{k}: {v:,}" for k, v in by_method.most_common()) or DASH),
                ("summary.by_result", " · ".join(f"{k}: {v:,}" for k, v in by_result.most_common()) or DASH),
            ],
        )
    )

    out += ctx.heading("section.weights")
    rows = [[_text(w.get("stream")), _text(w.get("kg"))] for w in weights]
    if rows:
        rows.append([L("total"), _text(float(total_kg))])
        out.append(ctx.table(["weight.stream", "weight.kg"], rows, [130, 50], size=8, right_align=(1,), total_row=True))
    else:
        out.append(ctx.p(DASH))

    out += ctx.heading("section.downstream")
    downstream = _dicts(rec.get("downstream"))
    rows = [[_text(d.get(k)) for k in ("vendor", "stream", "kg", "certification")] for d in downstream]
    if rows:
        out.append(
            ctx.table(["down.vendor", "down.stream", "down.kg", "down.certification"], rows, [60, 45, 25, 50], size=8, right_align=(2,))
        )
    else:
        out.append(ctx.p(DASH))

    out += ctx.heading("section.discrepancies")
    disc = _dicts(rec.get("discrepancies"))
    if disc:
        rows = [[_text(d.get(k)) for k in ("kind", "serial", "note")] for d in disc]
        out.append(ctx.table(["disc.kind", "disc.serial", "disc.note"], rows, [35, 45, 100], size=8))
    else:
        out.append(ctx.p(L("no_discrepancies")))

    out += ctx.heading("section.dest_attestation")
    out.append(ctx.p(_text(rec.get("attestation")), "body"))
    out += ctx.heading("section.dest_signatures")
    out.append(
        _signature_blocks(
            ctx,
            [("operator", rec.get("operator"), ("name", "title")), ("witness", rec.get("witness"), ("name", "title"))],
        )
    )
    out += _closing(ctx)

    if items:
        out.append(PageBreak())
        out += ctx.heading("section.items", count=f"{len(items):,}")
        rows = []
        append = rows.append
        for n, i in enumerate(items, 1):
            line = i.get("line")
            append(
                [
                    str(line) if line is not None else str(n),
                    _text(i.get("serial")),
                    _text(i.get("tag")),
                    _text(i.get("category")),
                    _text(i.get("manufacturer")),
                    _text(i.get("model")),
                    _text(i.get("method")),
                    _text(i.get("result")),
                    _dt(i.get("date")),
                ]
            )
        header = ["item.line", "item.serial", "item.tag", "item.category", "item.manufacturer", "item.model",
                  "item.method", "item.result", "item.date"]
        out.append(ctx.table(header, rows, [10, 32, 22, 17, 17, 26, 22, 16, 18], size=7, on_page=on_rows))
    return out


# ----------------------------------------------------------------------------- canvas and doc template


class _ItamInfo(PDFInfo):
    """The document information dictionary with itam's own keys next to the standard ones."""

    def __init__(self, extra: dict[str, str]):
        super().__init__()
        self.extra = extra

    def format(self, document):
        D = {
            "Title": PDFString(self.title),
            "Author": PDFString(self.author),
            "Subject": PDFString(self.subject),
            "Keywords": PDFString(self.keywords),
            "Creator": PDFString(self.creator),
            "Producer": PDFString(self.producer),
            "Trapped": PDFName(self.trapped),
        }
        from reportlab.pdfbase.pdfdoc import PDFDate

        D["CreationDate"] = D["ModDate"] = PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        for key, value in self.extra.items():
            D[key] = PDFString(value)
        return PDFDictionary(D).format(document)


def _make_canvas_class(ctx: _Ctx, record_bytes: bytes):
    """A canvas that keeps each page's drawing until ``save`` so that every footer can say "of N", and
    that adds the record attachment and the information dictionary."""

    fontset = ctx.fonts

    class CertificateCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self._prepare_document()

        def showPage(self):  # reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for page_no, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._footer(page_no, total)
                rl_canvas.Canvas.showPage(self)
            rl_canvas.Canvas.save(self)

        def _text_at(self, x, y, text, size, bold=False, align="left", color=MUTED):
            font = fontset.for_text(text, bold)
            self.setFont(font, size)
            self.setFillColor(color)
            if align == "right":
                self.drawRightString(x, y, text)
            elif align == "center":
                self.drawCentredString(x, y, text)
            else:
                self.drawString(x, y, text)

        def _footer(self, page_no: int, total: int):
            width = PAGE[0]
            left, right = MARGIN_X, width - MARGIN_X
            y = MARGIN_BOTTOM - 7 * mm
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(left, y + 9.5, right, y + 9.5)
            self._text_at(left, y, f"{ctx.number} · {ctx.title}", 7.4, bold=True, color=INK)
            self._text_at(right, y, ctx.L("footer.page", page=page_no, pages=total), 7.4, align="right", color=INK)
            self._text_at(left, y - 9, f"{ctx.L('record_sha256')}: {ctx.sha}", 6.4)
            if page_no > 1:  # running header
                top = PAGE[1] - MARGIN_TOP_LATER + 5 * mm
                org_name = _text(_get(ctx.record.get("issuer"), "name") or ctx.org.name)
                self._text_at(left, top, org_name, 7.6, bold=True, color=INK)
                self._text_at(right, top, f"{ctx.title} · {ctx.number}", 7.6, align="right", color=INK)
                self.setStrokeColor(RULE)
                self.line(left, top - 3.5, right, top - 3.5)
            self.restoreState()

        def _prepare_document(self):
            # title, author, subject and keywords come from the doc template (it sets them after this)
            rec = ctx.record
            doc = self._doc
            info = _ItamInfo({INFO_RECORD_SHA256: ctx.sha, INFO_NUMBER: ctx.number, INFO_KIND: _text(rec.get("kind"))})
            info.__dict__.update({k: v for k, v in doc.info.__dict__.items() if k != "extra"})
            doc.info = info
            self.setCatalogEntry("Lang", "zh-CN" if ctx.lang == "zh_CN" else "en")
            # the record as an embedded file: /Names /EmbeddedFiles, MIME type as the stream's /Subtype
            stream = PDFStream(
                PDFDictionary(
                    {
                        "Type": PDFName("EmbeddedFile"),
                        # PDFName leaves "/" unescaped; the name must be application#2Fjson
                        "Subtype": "/" + RECORD_MIME.replace("/", "#2F"),
                        "Params": PDFDictionary({"Size": len(record_bytes)}),
                    }
                ),
                content=record_bytes,
                filters=[PDFZCompress],
            )
            spec = PDFDictionary(
                {
                    "Type": PDFName("Filespec"),
                    "F": PDFString(RECORD_ATTACHMENT),
                    "UF": PDFString(RECORD_ATTACHMENT),
                    "Desc": PDFString(f"Canonical record of certificate {ctx.number}"),
                    "AFRelationship": PDFName("Data"),
                    "EF": PDFDictionary({"F": doc.Reference(stream), "UF": doc.Reference(stream)}),
                }
            )
            names = PDFDictionary(
                {"EmbeddedFiles": PDFDictionary({"Names": PDFArray([PDFString(RECORD_ATTACHMENT), doc.Reference(spec)])})}
            )
            doc.Catalog.Names = names

    return CertificateCanvas


class _DocTemplate(BaseDocTemplate):
    def __init__(self, buf, ctx: _Ctx, is_cancelled, **kw):
        super().__init__(
            buf,
            pagesize=PAGE,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=f"{ctx.title} {ctx.number}",
            **kw,
        )
        self.is_cancelled = is_cancelled
        first = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM, id="first",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        later = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE[1] - MARGIN_TOP_LATER - MARGIN_BOTTOM, id="later",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("first", [first], autoNextPageTemplate="later"), PageTemplate("later", [later])])

    def afterFlowable(self, flowable):  # reportlab's name
        if self.is_cancelled is not None and self.is_cancelled():
            raise Cancelled()


_a85_lock = threading.Lock()
_a85_users = 0
_a85_saved = None


class _NoAscii85:
    """Write binary (Flate only) streams while rendering: reportlab's default ASCII85 layer makes files
    25% larger and costs time, for 7-bit safety nobody needs. ``rl_config`` is global, so the setting is
    reference-counted across threads and restored when the last render ends."""

    def __enter__(self):
        global _a85_users, _a85_saved
        with _a85_lock:
            if _a85_users == 0:
                _a85_saved = rl_config.useA85
                rl_config.useA85 = 0
            _a85_users += 1

    def __exit__(self, *exc):
        global _a85_users
        with _a85_lock:
            _a85_users -= 1
            if _a85_users == 0:
                rl_config.useA85 = _a85_saved


def _check_record(record: dict) -> tuple[str, str]:
    from itam.errors import ValidationError
    from itam.messages import tr

    if not isinstance(record, dict):
        raise ValidationError(tr("a certificate record must be a dict"))
    kind = record.get("kind")
    if kind not in KINDS:
        raise ValidationError(tr("unknown certificate kind {kind}; expected one of {kinds}", kind=repr(kind), kinds=", ".join(KINDS)))
    number = record.get("number")
    if not isinstance(number, str) or not number.strip():
        raise ValidationError(tr("a certificate record needs its number before it is rendered"))
    return kind, number


def render_certificate(
    record: dict,
    org: Organisation,
    *,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
    _fonts: FontSet | None = None,
) -> bytes:
    """The unsigned certificate PDF for a canonical record (see the module docstring for its contents).

    ``progress(done, total)`` is called as pages of rows are laid out (rows of the item table for a
    destruction certificate); ``is_cancelled()`` is polled at the same points and after each block, and
    :class:`Cancelled` is raised when it returns true. Raises ``itam.errors.ValidationError`` for a record
    without a known kind or a number. Sign the result with ``reports.signing.sign_pdf``.
    """
    kind, number = _check_record(record)
    data = canonical_json(record)
    sha = hashlib.sha256(data).hexdigest()
    fontset = _fonts or fonts()
    lang = language_of(record)
    ctx = _Ctx(record, org, fontset, number, sha, label(lang, f"title.{kind}"))
    total = max(1, len(_list(record.get("items")))) if kind == "destruction" else 1

    def on_rows(done: int):
        if is_cancelled is not None and is_cancelled():
            raise Cancelled()
        if progress is not None:
            progress(min(done, total), total)

    if is_cancelled is not None and is_cancelled():
        raise Cancelled()
    if progress is not None:
        progress(0, total)
    story = _header(ctx) + (_sanitization(ctx) if kind == "sanitization" else _destruction(ctx, on_rows))
    buf = io.BytesIO()
    doc = _DocTemplate(
        buf,
        ctx,
        is_cancelled,
        author=_text(_get(record.get("issuer"), "name") or org.name),
        subject=f"{ctx.title} {number}; record SHA-256 {sha}",
        keywords=f"itam, certificate, {kind}, {number}",
        creator="itam",
    )
    with _NoAscii85():
        doc.build(story, canvasmaker=_make_canvas_class(ctx, data))
    if progress is not None:
        progress(total, total)
    return buf.getvalue()


__all__ = [
    "INFO_KIND",
    "INFO_NUMBER",
    "INFO_RECORD_SHA256",
    "QR_PREFIX",
    "RECORD_ATTACHMENT",
    "RECORD_MIME",
    "SCHEMA",
    "Cancelled",
    "DataTable",
    "Organisation",
    "canonical_json",
    "qr_matrix",
    "qr_payload",
    "record_sha256",
    "render_certificate",
]
