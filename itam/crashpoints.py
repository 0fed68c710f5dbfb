"""Named places where the crash-safety tests kill the process (tests/itam/test_crash_safety.py).

Inert unless the environment variable ``ITAM_TEST_CRASH_AT`` names a point: then the process kills
itself with SIGKILL there, as abruptly as a power cut would stop it (no ``finally``, no atexit, no
flushing). ``NAME@N`` kills at the N-th time the point is reached (counting from 1). The points
name the moments that matter for consistency: before and after a commit, after a file was written but
before the transaction that records it committed, after that commit but before the file took its name.
"""

from __future__ import annotations

import os
import signal

ENV = "ITAM_TEST_CRASH_AT"

_hits: dict[str, int] = {}


def crash_point(name: str) -> None:
    wanted = os.environ.get(ENV)
    if not wanted:
        return
    target, _, nth = wanted.partition("@")
    if target != name:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] < (int(nth) if nth.isdigit() else 1):
        return
    if hasattr(signal, "SIGKILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    os._exit(137)  # Windows: no SIGKILL; _exit skips every clean-up just the same
