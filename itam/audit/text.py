"""Making what a device says safe to store and show.

Everything an audited host sends is untrusted: it may be huge, not UTF-8, full of NULs or terminal escape
sequences (which would repaint a terminal or hide text in a log), or bidirectional-override characters
(which reorder what a person reads). :func:`clean` turns any value into one plain line of at most
``limit`` characters, or ``None``; :func:`lines` does the same for multi-line output. Collectors never
raise on bad data: they keep what is usable and add a warning (:class:`Warnings`).
"""

from __future__ import annotations

import ipaddress
import math
import re
from collections.abc import Iterable
from typing import Any

from itam.errors import AuditError
from itam.messages import Message, tr

#: Longest text value kept (a serial, a model, a package name …); longer ones are cut and end with "…".
MAX_TEXT = 256
#: At most this many of each list.
MAX_SOFTWARE = 5000
MAX_INTERFACES = 512
MAX_DISKS = 128
MAX_WARNINGS = 40
#: Bytes read from one command or one SNMP table before the rest is dropped.
MAX_OUTPUT = 1_000_000

# ECMA-48 sequences: CSI (ESC [ or the 8-bit 0x9B), OSC / DCS / SOS / PM / APC strings ended by BEL or ST
# (or by nothing: a truncated sequence is dropped to the end), and the two- and three-byte escapes.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
# C0 and C1 controls (tab, newline and carriage return are turned into spaces first), DEL, zero-width and
# bidirectional formatting characters, the BOM, interlinear annotation marks and U+FFFD (what invalid
# UTF-8 decodes to: it carries nothing worth keeping).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\ufffd]"
)
_SPACES = re.compile(r"[\s\u00a0]+")
# What :func:`visible` escapes: the above, and tab, newline, carriage return, the line and paragraph separators
# (a value must not start a line of its own) and lone surrogates (no terminal encoding takes them).
_UNSHOWABLE = re.compile("[\t\n\r\u2028\u2029\ud800-\udfff]|" + _INVISIBLE.pattern)


#: What firmware writes when nobody filled in the make or model (compared ignoring case).
_NAME_PLACEHOLDERS = frozenset({
    "system product name", "system manufacturer", "system name", "product name", "to be filled by o.e.m.",
    "to be filled by oem", "default string", "not specified", "not applicable", "none", "null", "n/a", "unknown",
    "o.e.m.", "oem", "type1productconfigid", "type1family", "empty", "-",
})


def is_placeholder_name(value: str | None) -> bool:
    """A manufacturer or model that names nothing ("System Product Name", "To Be Filled By O.E.M." …)."""
    return value is not None and value.strip().lower() in _NAME_PLACEHOLDERS


def check_address(address: str) -> str:
    """The address as text, refusing anything that is not an IP address (audits never look names up)."""
    try:
        return str(ipaddress.ip_address(str(address).strip()))
    except ValueError:
        raise AuditError(tr("'{address}' is not an IP address", address=clean(str(address), 80) or "")) from None


def decode(value: bytes | bytearray | str) -> str:
    """Text from bytes: UTF-8, invalid sequences become U+FFFD (never an exception)."""
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", errors="replace")
    return value


def strip_escapes(text: str) -> str:
    """``text`` without terminal escape sequences and invisible characters; newlines are kept."""
    text = _ESCAPES.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _INVISIBLE.sub("", text)


def visible(text: str) -> str:
    """``text`` safe to print and still all there (where :func:`clean` drops): every control character (C0, DEL,
    C1, tab and newline too), zero-width or bidirectional formatting character and lone surrogate becomes a
    visible ``\\uXXXX`` escape, ESC ``\\u001b``. That is JSON's escape too: on a line of JSON text the result
    is still valid JSON and reads back to the same values."""
    return _UNSHOWABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def clean(value: Any, limit: int = MAX_TEXT) -> str | None:
    """One plain line of at most ``limit`` characters, or None for nothing (empty, only blanks or controls)."""
    if value is None:
        return None
    if not isinstance(value, str | bytes | bytearray):
        value = str(value)
    text = decode(value)[: limit * 8 + 64]  # never run the regexes over megabytes
    if text.isascii() and text.isprintable():  # the usual case, checked in C: no escapes, no controls
        text = text.strip()
        if "  " in text:
            text = _SPACES.sub(" ", text)
    else:
        text = _SPACES.sub(" ", strip_escapes(text))
        # Whatever else is not printable (unassigned code points, lone surrogates, private use, format
        # characters) carries nothing a person can read.
        text = "".join(ch for ch in text if ch == " " or ch.isprintable()).strip()
        if "  " in text:
            text = _SPACES.sub(" ", text)
    if not text:
        return None
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def lines(value: bytes | str, limit: int = MAX_OUTPUT) -> list[str]:
    """The non-empty lines of ``value`` (at most ``limit`` bytes/characters read), escapes removed."""
    text = strip_escapes(decode(value[:limit]))
    return [line.strip() for line in text.split("\n") if line.strip()]


def to_int(value: Any) -> int | None:
    """An int from ints, floats and digit strings ("16", " 16 ", "16.0"); None for anything else."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and abs(value) < 1e30 else None
    text = clean(value, 64)
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            return None
        return int(number) if math.isfinite(number) and abs(number) < 1e30 else None


def uuid_text(value: Any) -> str | None:
    """A UUID in the 8-4-4-4-12 form, lower case, or None (placeholders of all zeros or all F included)."""
    text = clean(value, 64)
    if not text:
        return None
    bare = re.sub(r"[^0-9a-fA-F]", "", text).lower()
    if len(bare) != 32 or len(set(bare)) == 1:
        return None
    return f"{bare[:8]}-{bare[8:12]}-{bare[12:16]}-{bare[16:20]}-{bare[20:]}"


def mac_text(value: Any) -> str | None:
    """aa:bb:cc:dd:ee:ff from 6 raw bytes or any usual text form; None for empty, all-zero or malformed."""
    if isinstance(value, bytes | bytearray):
        raw = bytes(value)
        if len(raw) != 6:
            # some agents send the MAC as text ("00:1b:54:…") in the octet string
            try:
                return mac_text(raw.decode("ascii"))
            except UnicodeDecodeError:
                return None
    else:
        text = clean(value, 64)
        if not text:
            return None
        bare = re.sub(r"[\s\-:.]", "", text).lower()
        if not re.fullmatch(r"[0-9a-f]{12}", bare):
            return None
        raw = bytes.fromhex(bare)
    if raw == b"\x00" * 6 or raw == b"\xff" * 6:
        return None
    return ":".join(f"{b:02x}" for b in raw)


class Warnings:
    """The warnings of one audit: de-duplicated, at most MAX_WARNINGS (then one 'and N more')."""

    def __init__(self) -> None:
        self._items: list[Message] = []
        self._dropped = 0

    def add(self, message: Message) -> None:
        if message in self._items:
            return
        if len(self._items) >= MAX_WARNINGS:
            self._dropped += 1
            return
        self._items.append(message)

    def extend(self, messages: Iterable[Message]) -> None:
        for message in messages:
            self.add(message)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __iter__(self):
        return iter(self._items)

    def as_tuple(self) -> tuple[Message, ...]:
        items = list(self._items)
        if self._dropped:
            items.append(tr("… and {count} more warnings", count=self._dropped))
        return tuple(items)
