"""Inventory GUI over a million assets: first rows, search, scrolling to the end, memory.

    .venv/bin/python bench/bench_inventory_gui.py [--db bench/out/listing-1000000.sqlite3] [--lang en]

Opens the real main window (``create_main_window``) offscreen over the cached database of
bench/bench_listing.py (1,000,000 assets; run that script first to build it), switches to the Inventory page
and measures, with a QTimer heartbeat every 5 ms whose largest gap is how long the GUI thread was blocked:

1. window creation until the table shows its first rows (limit 1 s);
2. for a common term ("ThinkPad") and a rare one (a serial fragment): setting the search text and running
   the page's search (as Return does) until the table shows the new first rows (limit 300 ms each), next to
   the very same first-page SQL through a plain sqlite3 connection;
3. scrolling to the end: the bottom of the first page (the view then reveals every counted row), then the
   scrollbar at 0 %, 10 %, … 100 % and its maximum, waiting at each step for the visible rows to arrive;
   the longest GUI-thread block (limit 100 ms) and that the last row's data arrives;
4. the process's peak RSS (limit 500 MB).

Prints every figure with pass/fail; exits 1 when a limit is missed.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import event  # noqa: E402

from itam.db import open_database  # noqa: E402
from itam.services import Actor, Services  # noqa: E402
from ui import i18n  # noqa: E402
from ui.app import create_application, create_main_window  # noqa: E402
from ui.models.asset_table import PLACEHOLDER  # noqa: E402
from ui.settings import Settings  # noqa: E402
from ui.workers import task_pool, wait_for_tasks  # noqa: E402

DEFAULT_DB = ROOT / "bench" / "out" / "listing-1000000.sqlite3"
LIMIT_FIRST_MS = 1000
LIMIT_SEARCH_MS = 300
LIMIT_BLOCK_MS = 100
LIMIT_RSS_MB = 500


class Heartbeat:
    """A 5 ms timer; the largest gap between its ticks is the longest the GUI thread was busy."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.last = 0.0
        self.worst = 0.0

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed() / 1e6
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def start(self) -> None:
        self.clock.start()
        self.last = 0.0
        self.worst = 0.0
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.worst


def pump_until(condition, timeout_s: float) -> bool:  # noqa: ANN001
    """Process events until ``condition()`` holds (True) or the time is up (False)."""
    deadline = time.perf_counter() + timeout_s
    while True:
        QApplication.processEvents()
        if condition():
            return True
        if time.perf_counter() > deadline:
            return False
        time.sleep(0.001)


def ms(seconds: float) -> float:
    return seconds * 1000


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    if not args.db.exists():
        print(f"{args.db} is missing: run `.venv/bin/python bench/bench_listing.py` first to build it.")
        return 2

    app = create_application(["bench"])
    i18n.set_language(args.lang)
    db = open_database(f"sqlite:///{args.db}", backup=False)
    services = Services(db, Actor("bench", "cli"))
    raw = sqlite3.connect(args.db)
    captured: list[tuple[str, tuple]] = []

    @event.listens_for(db.engine, "before_cursor_execute")
    def _capture(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        if statement.lstrip().upper().startswith("SELECT") and "LIMIT" in statement.upper():
            captured.append((statement, parameters))

    total = raw.execute("SELECT count(*) FROM assets").fetchone()[0]
    serial = raw.execute("SELECT serial FROM assets WHERE id = ?", (total // 2 + 17,)).fetchone()[0]
    rare = serial[3:9]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.db.name}: {total:,} assets; SQLite {sqlite3.sqlite_version}; {os.cpu_count()} CPUs; "
          f"RSS before the window {rss_before:.0f} MB\n")
    failures = 0
    heartbeat = Heartbeat()

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(str(Path(tmp) / "settings.ini"))
        # --- 1. first rows ---------------------------------------------------------------------------
        heartbeat.start()
        t0 = time.perf_counter()
        window = create_main_window(services, settings, welcome=False)
        window.resize(1400, 900)
        window.show()
        page = window.show_page("inventory")
        model, table = page.model, page.table
        shown = pump_until(lambda: model.rowCount() > 0 and model.index(0, 0).data() not in (None, PLACEHOLDER), 10)
        first_ms = ms(time.perf_counter() - t0)
        counted = pump_until(lambda: model.total is not None, 10)
        block_open = heartbeat.stop()
        ok = shown and first_ms <= LIMIT_FIRST_MS
        failures += not ok
        raw_sql = next((c for c in reversed(captured) if "ORDER BY" in c[0].upper()), None)
        raw_first = ""
        if raw_sql is not None:
            t = time.perf_counter()
            raw.execute(*raw_sql).fetchall()
            raw_first = f"(raw first-page SQL {ms(time.perf_counter() - t):.1f} ms)"
        print(f"1. window → first rows       {first_ms:8.1f} ms  limit {LIMIT_FIRST_MS} ms  {verdict(ok)}  "
              f"{model.rowCount()} rows shown {raw_first}")
        print(f"   count known: {counted} ({model.total}); longest GUI block while opening {block_open:.0f} ms "
              "(window construction, all pages; not gated)")

        # --- 2. searches -----------------------------------------------------------------------------
        for label, term in (("common 'ThinkPad'", "ThinkPad"), (f"rare serial '{rare}'", rare)):
            captured.clear()
            heartbeat.start()
            t = time.perf_counter()
            page.search_edit.setText(term)
            page.apply_filters()  # what Return (or the end of the typing pause) does
            arrived = pump_until(
                lambda t=term: model.rowCount() > 0
                and t.lower() in " ".join(str(model.index(0, c).data()) for c in range(model.columnCount())).lower(),
                5,
            )
            search_ms = ms(time.perf_counter() - t)
            pump_until(lambda: model.total is not None, 10)
            block = heartbeat.stop()
            ok = arrived and search_ms <= LIMIT_SEARCH_MS
            failures += not ok
            sql = next((c for c in captured if "ORDER BY" in c[0].upper()), None)
            raw_ms = float("nan")
            if sql is not None:
                t = time.perf_counter()
                raw.execute(*sql).fetchall()
                raw_ms = ms(time.perf_counter() - t)
            print(f"2. search {label:<20} {search_ms:8.1f} ms  limit {LIMIT_SEARCH_MS} ms  {verdict(ok)}  "
                  f"raw first-page SQL {raw_ms:.1f} ms; {model.total} matches; longest GUI block {block:.0f} ms")

        page.search_edit.setText("")
        page.apply_filters()
        pump_until(lambda: model.total is not None, 10)

        # --- 3. scrolling to the end -----------------------------------------------------------------
        # The other pages (dashboard, lifecycle, …) read their figures on workers when the window opens and
        # handle the results on the GUI thread: let them finish first so that only the scrolling is measured.
        t = time.perf_counter()
        heartbeat.start()
        idle = pump_until(lambda: task_pool().activeThreadCount() == 0, 60)
        pump_until(lambda: False, 0.5)
        print(f"   (waited {ms(time.perf_counter() - t):.0f} ms for the other pages' start-up tasks, idle: {idle}; "
              f"longest GUI block meanwhile {heartbeat.stop():.0f} ms, not gated)")
        bar = table.verticalScrollBar()
        viewport = table.viewport()

        def visible_rows_arrived() -> bool:
            top = max(0, table.rowAt(0))
            bottom = table.rowAt(viewport.height() - 1)
            bottom = model.rowCount() - 1 if bottom < 0 else bottom
            return all(model.index(r, 0).data() != PLACEHOLDER for r in (top, (top + bottom) // 2, bottom))

        heartbeat.start()
        t = time.perf_counter()
        bar.setValue(bar.maximum())  # the end of the first page: the view asks for more
        revealed = pump_until(lambda: model.rowCount() == model.total, 10)
        reveal_ms = ms(time.perf_counter() - t)
        step_blocks = [f"reveal:{heartbeat.worst:.0f}"]
        overall = heartbeat.worst
        waits = []
        worst_wait = 0.0
        for step in [*range(0, 101, 10), None]:
            value = bar.maximum() if step is None else bar.maximum() * step // 100
            t = time.perf_counter()
            heartbeat._tick()
            overall = max(overall, heartbeat.worst)
            heartbeat.worst = 0.0
            bar.setValue(value)
            arrived = pump_until(visible_rows_arrived, 10)
            waited = ms(time.perf_counter() - t)
            step_blocks.append(f"{'max' if step is None else f'{step}%'}:{heartbeat.worst:.0f}")
            worst_wait = max(worst_wait, waited)
            waits.append(f"{'max' if step is None else f'{step}%'}:{waited:.0f}{'' if arrived else '!'}")
        last_ok = pump_until(lambda: model.index(model.rowCount() - 1, 0).data() not in (None, PLACEHOLDER), 10)
        last_row = model.index(model.rowCount() - 1, 0).data()
        block = max(overall, heartbeat.stop())
        ok = revealed and last_ok and block <= LIMIT_BLOCK_MS
        failures += not ok
        print(f"3. scroll to the end: longest GUI block {block:6.1f} ms  limit {LIMIT_BLOCK_MS} ms  {verdict(ok)}  "
              f"rows {model.rowCount():,} (revealed in {reveal_ms:.0f} ms); last row {last_row!r} arrived: {last_ok}")
        print(f"   visible rows filled after each step (ms): {' '.join(waits)}; worst {worst_wait:.0f} ms")
        print(f"   longest GUI block per step (ms): {' '.join(step_blocks)}")
        print(f"   cache: {len(model.cached_pages)} pages × {model.page_size} rows = {model.loaded_rows:,} rows held")

        # Raw baseline for the deepest page: the same kind of OFFSET query through sqlite3.
        captured.clear()
        model.refresh()
        pump_until(lambda: model.total is not None, 10)
        sql = next((c for c in captured if "ORDER BY" in c[0].upper()), None)
        if sql is not None:
            statement, params = sql
            params = tuple(params)
            params = (*params[:-2], model.page_size, (total // model.page_size - 1) * model.page_size)
            t = time.perf_counter()
            raw.execute(statement, params).fetchall()
            print(f"   raw sqlite3 deepest page (OFFSET {params[-1]:,}): {ms(time.perf_counter() - t):.0f} ms on a worker")

        # --- 4. memory -------------------------------------------------------------------------------
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        ok = rss <= LIMIT_RSS_MB
        failures += not ok
        print(f"4. peak RSS                  {rss:8.0f} MB  limit {LIMIT_RSS_MB} MB  {verdict(ok)}  "
              f"(before the window {rss_before:.0f} MB)")

        window.close()
        wait_for_tasks()
        window.deleteLater()
        QApplication.processEvents()
        db.dispose()
    del app
    print("\nall limits met" if not failures else f"\n{failures} limit(s) missed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
