"""Fonts for certificates: the PDF base-14 Helvetica for Latin text, a CJK-capable TrueType font for Chinese.

Which font a piece of text gets is decided per text (a table cell, a paragraph), not per document:
  * text with CJK characters → the CJK font (a TrueType font found on the system, else reportlab's
    built-in CID font STSong-Light, which every PDF reader has metrics for but which is not embedded);
  * text that Helvetica's WinAnsi encoding can show → Helvetica (not embedded, no subsetting: the fastest
    to lay out and write, which matters for 10,000-row serial tables);
  * anything else (Cyrillic, Greek, Latin letters outside cp1252, symbols) → DejaVu Sans when installed,
    else the CJK TrueType font (WenQuanYi covers those scripts too), else Helvetica.
So an English certificate with one Chinese name uses the CJK font for that name only, and a Chinese
certificate keeps serial numbers and dates in Helvetica (as Chinese typesetting usually sets Latin text).
``bench/bench_certificates.py --cjk-everywhere`` measures the alternative (the CJK font for all text).

Registration happens once per process and is thread-safe; fonts are looked up by name afterwards.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

LATIN = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
MONO = "Courier"

#: Candidate CJK fonts in order of preference: (path, subfont index for .ttc collections).
#: reportlab reads TrueType outlines only: an OpenType/CFF file (most Noto Sans CJK builds) is tried and
#: skipped when reportlab refuses it.
CJK_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallback.ttf", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    # macOS and Windows, for developers running the reports there
    ("/System/Library/Fonts/STHeiti Light.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    ("C:/Windows/Fonts/simhei.ttf", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
)
CID_FALLBACK = "STSong-Light"
DEJAVU_CANDIDATES: tuple[tuple[str, str], ...] = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
)

# Han (with extensions A and the compatibility block), CJK punctuation, kana, Hangul, full-width forms.
_CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002fa1f]"
)


def has_cjk(text: str) -> bool:
    """True when ``text`` contains a Chinese, Japanese or Korean character (or CJK punctuation)."""
    return _CJK.search(text) is not None


def _winansi(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True)
class FontSet:
    """The registered font names a certificate uses."""

    cjk: str  # regular CJK face (TrueType when one was found, else the CID font)
    cjk_bold: str  # the same face: CJK TrueType fonts on Linux rarely ship a bold
    cjk_embedded: bool  # False for the CID fallback (the reader supplies the glyphs)
    wide: str  # for non-WinAnsi, non-CJK text
    wide_bold: str
    cjk_path: str | None = None
    everywhere: bool = False  # the CJK font for all text (measured by the benchmark; slower, see above)

    def for_text(self, text: str, bold: bool = False) -> str:
        """The font to set ``text`` in."""
        if self.everywhere:
            return self.cjk_bold if bold else self.cjk
        if text.isascii() or (not has_cjk(text) and _winansi(text)):
            return LATIN_BOLD if bold else LATIN
        if has_cjk(text):
            return self.cjk_bold if bold else self.cjk
        return self.wide_bold if bold else self.wide


_lock = threading.Lock()
_fonts: FontSet | None = None


def _register_ttf(name: str, path: str, subfont: int = 0) -> bool:
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    if not Path(path).is_file():
        return False
    try:
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=subfont))
    except (TTFError, OSError, ValueError, KeyError, IndexError):
        # CFF outlines, a damaged file, a subfont index the collection lacks: try the next candidate
        return False
    return True


def _register_cjk(candidates=CJK_CANDIDATES) -> tuple[str, bool, str | None]:
    for path, subfont in candidates:
        if _register_ttf("ItamCJK", path, subfont):
            return "ItamCJK", True, path
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return CID_FALLBACK, False, None


def fonts() -> FontSet:
    """Register the certificate fonts (once per process) and return their names."""
    global _fonts
    if _fonts is not None:
        return _fonts
    with _lock:
        if _fonts is None:
            cjk, embedded, path = _register_cjk()
            wide = wide_bold = None
            for regular, bold in DEJAVU_CANDIDATES:
                if _register_ttf("ItamSans", regular):
                    wide = "ItamSans"
                    wide_bold = "ItamSans-Bold" if _register_ttf("ItamSans-Bold", bold) else wide
                    break
            if wide is None:
                wide, wide_bold = (cjk, cjk) if embedded else (LATIN, LATIN_BOLD)
            _fonts = FontSet(cjk=cjk, cjk_bold=cjk, cjk_embedded=embedded, wide=wide, wide_bold=wide_bold, cjk_path=path)
    return _fonts
