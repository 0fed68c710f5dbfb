"""Printing tables and JSON for the command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from itam.fields import to_plain


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=to_plain)
    sys.stdout.write("\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    value = to_plain(value)
    text = str(value)
    return text.replace("\n", " ").replace("\t", " ")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, max_width: int = 40) -> None:
    cells = [[_cell(v)[:max_width] for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], _display_width(c))
    line = "  ".join(h.ljust(widths[i]) for i, h in enumerate(headers))
    print(line.rstrip())
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(_pad(c, widths[i]) for i, c in enumerate(row)).rstrip())


def _display_width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _display_width(text))
