"""Re-record the lab's nmap XML: tests/data/nmap/lab_quick.xml, lab_standard.xml and lab_deep.xml.

Builds the small lab (one host of each profile at 198.18.0.2-10), runs the three scans of netlab
(QUICK_OPTIONS, STANDARD_OPTIONS, DEEP_OPTIONS) and writes nmap's XML as it came. Needs root, iproute2 and
nmap:

    .venv/bin/python tests/lab/record_fixtures.py              # all three
    .venv/bin/python tests/lab/record_fixtures.py standard     # just one

The recordings name the lab's bridge (-e itambr<random id>) and carry the scan's dates; everything about
the hosts (addresses, MACs, ports, banners) is deterministic.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tests` importable from the repository root
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.lab import netlab

OUT = Path(__file__).resolve().parents[1] / "data" / "nmap"
SCANS = {
    "quick": ("lab_quick.xml", netlab.QUICK_OPTIONS),
    "standard": ("lab_standard.xml", netlab.STANDARD_OPTIONS),
    "deep": ("lab_deep.xml", netlab.DEEP_OPTIONS),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Re-record tests/data/nmap/lab_*.xml from the network lab.")
    parser.add_argument("scans", nargs="*", metavar="SCAN", help="quick, standard and/or deep (default: all)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"directory (default {OUT})")
    args = parser.parse_args(argv)
    unknown = [scan for scan in args.scans if scan not in SCANS]
    if unknown:
        parser.error(f"unknown scan {', '.join(unknown)}; choose from {', '.join(SCANS)}")

    reason = netlab.unavailable_reason(need_nmap=True)
    if reason:
        print(f"record_fixtures: {reason}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with netlab.Lab() as lab:
        lab.add_hosts(netlab.SMALL_LAB)
        for key in args.scans or list(SCANS):
            name, options = SCANS[key]
            started = time.monotonic()
            xml = lab.run_nmap(*options)
            (args.out / name).write_text(xml, encoding="utf-8")
            print(f"{name}: {time.monotonic() - started:.1f} s  {' '.join(lab.nmap_command(*options))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
