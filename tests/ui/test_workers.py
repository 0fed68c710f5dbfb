"""run_task: results, errors and progress come back on the GUI thread; cancelling drops the result."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication

from itam.errors import ValidationError
from ui.workers import call_plain, run_task, wait_for_tasks


@pytest.fixture(autouse=True)
def _drain():
    yield
    assert wait_for_tasks()


def work(n, *, progress, is_cancelled):
    worker_thread = threading.get_ident()
    for i in range(n):
        progress(i + 1, n)
    return worker_thread


def test_result_and_progress_arrive_on_the_gui_thread(qtbot):
    seen = {}
    gui = QApplication.instance().thread()

    def on_progress(done, total):
        assert QThread.currentThread() is gui
        seen.setdefault("progress", []).append((done, total))

    def on_result(value):
        assert QThread.currentThread() is gui
        seen["result"] = value

    run_task(work, 3, on_result=on_result, on_progress=on_progress)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] != threading.get_ident()  # it ran elsewhere
    assert seen["progress"] == [(1, 3), (2, 3), (3, 3)]


def test_errors_arrive_on_the_gui_thread(qtbot):
    errors = []

    def fail(*, progress, is_cancelled):
        raise ValidationError("bad value")

    run_task(fail, on_result=lambda _: pytest.fail("no result expected"), on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValidationError)
    assert str(errors[0]) == "bad value"


def test_cancel_is_seen_by_the_task_and_drops_the_result(qtbot):
    started = threading.Event()
    results = []

    def loop(*, progress, is_cancelled):
        started.set()
        while not is_cancelled():
            QThread.msleep(5)
        return "stopped"

    handle = run_task(loop, on_result=results.append)
    assert started.wait(5)
    handle.cancel()
    qtbot.waitUntil(lambda: handle.finished)
    assert wait_for_tasks()
    qtbot.wait(20)
    assert results == []


def test_callbacks_are_skipped_once_the_context_is_deleted(qtbot):
    results = []
    release = threading.Event()
    context = QObject()

    def slow(*, progress, is_cancelled):
        release.wait(5)
        return 1

    handle = run_task(slow, on_result=results.append, context=context)
    context.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(context))
    release.set()
    qtbot.waitUntil(lambda: handle.finished)
    qtbot.wait(20)
    assert results == []


def test_call_plain_adapts_quick_queries(qtbot):
    results = []
    run_task(call_plain(sum), [1, 2, 3], on_result=results.append)
    qtbot.waitUntil(lambda: results == [6])
