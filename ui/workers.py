"""Running core callables off the GUI thread.

:func:`run_task` wraps a callable in a :class:`QRunnable` on a shared :class:`QThreadPool` (Picard's
``run_task``). The callable receives ``progress(done, total)`` and ``is_cancelled()`` keyword arguments,
plain callables that know nothing about Qt, so core functions stay Qt-free. Its result, exception and
progress come back through signals that are delivered on the GUI thread, where the callbacks run.

Never touch a widget from the callable itself: it runs in a worker thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThread, QThreadPool, Signal, Slot

from itam.errors import ItamError

log = logging.getLogger(__name__)

#: Threads of the task pool at least, whatever the number of cores.
MIN_THREADS = 4

_pool: QThreadPool | None = None
#: Handles whose result has not been delivered yet: keeps their relay objects alive meanwhile.
_pending: set[TaskHandle] = set()


def task_pool() -> QThreadPool:
    """The pool every GUI task runs on (separate from Qt's global pool so that tests can wait on it)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setObjectName("itam-tasks")
        # Tasks mostly wait (on SQLite, on nmap): a scan that runs for minutes must not hold up the quick
        # queries of the other pages on a machine with one or two cores.
        _pool.setMaxThreadCount(max(MIN_THREADS, QThread.idealThreadCount()))
    return _pool


def wait_for_tasks(msecs: int = 30_000) -> bool:
    """Block until every running task has finished (shutdown and tests)."""
    return task_pool().waitForDone(msecs)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits its signals and Qt queues them to the GUI thread.

    The slots are methods of this QObject (not lambdas, not a plain object's methods), so with a
    queued connection they run on the thread this object lives in, whatever thread emitted.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, handle: TaskHandle):
        super().__init__()
        self._handle = handle
        self.progressed.connect(self.on_progressed, Qt.ConnectionType.QueuedConnection)
        self.succeeded.connect(self.on_succeeded, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self.on_failed, Qt.ConnectionType.QueuedConnection)

    @Slot(int, int)
    def on_progressed(self, done: int, total: int) -> None:
        self._handle._deliver_progress(done, total)

    @Slot(object)
    def on_succeeded(self, result: object) -> None:
        self._handle._deliver_result(result)

    @Slot(object)
    def on_failed(self, error: object) -> None:
        self._handle._deliver_error(error)  # type: ignore[arg-type]


class TaskHandle:
    """What the caller keeps of a running task: it can cancel it and ask whether it is done."""

    def __init__(
        self,
        name: str,
        context: QObject | None,
        on_result: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int], None] | None,
    ):
        self.name = name
        self._context = context
        self._on_result = on_result
        self._on_error = on_error
        self._on_progress = on_progress
        self._cancelled = threading.Event()
        self._finished = threading.Event()
        self.relay = _Relay(self)

    # --- for the caller -----------------------------------------------------------------------------
    def cancel(self) -> None:
        """Ask the task to stop at its next ``is_cancelled()`` check; its result is then dropped."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    @property
    def finished(self) -> bool:
        """True once the callable has returned or raised (its result may still be on its way)."""
        return self._finished.is_set()

    # --- for the worker -----------------------------------------------------------------------------
    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def progress(self, done: int, total: int) -> None:
        self.relay.progressed.emit(int(done), int(total))

    # --- on the GUI thread --------------------------------------------------------------------------
    def _alive(self) -> bool:
        return not self.cancelled and (self._context is None or shiboken6.isValid(self._context))

    def _deliver_progress(self, done: int, total: int) -> None:
        if self._on_progress is not None and self._alive():
            self._on_progress(done, total)

    def _deliver_result(self, result: Any) -> None:
        _pending.discard(self)
        if self._on_result is not None and self._alive():
            self._on_result(result)

    def _deliver_error(self, error: BaseException) -> None:
        _pending.discard(self)
        if not isinstance(error, ItamError):
            log.error("Task %s failed", self.name, exc_info=error)
        if self._on_error is not None and self._alive():
            self._on_error(error)


class _Runnable(QRunnable):
    def __init__(self, handle: TaskHandle, fn: Callable[..., Any], args: tuple, kwargs: dict):
        super().__init__()
        self.handle = handle
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self) -> None:
        handle = self.handle
        try:
            result = self.fn(*self.args, progress=handle.progress, is_cancelled=handle.is_cancelled, **self.kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which logs bugs
            handle._finished.set()
            self._deliver(handle.relay.failed, exc)
        else:
            handle._finished.set()
            self._deliver(handle.relay.succeeded, result)

    @staticmethod
    def _deliver(signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            # The receiver (and its relay) was deleted while the task ran: a window closed, the app quit.
            # Nobody is left to tell.
            pass


def run_task(
    fn: Callable[..., Any],
    *args: Any,
    on_result: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    context: QObject | None = None,
    name: str | None = None,
    **kwargs: Any,
) -> TaskHandle:
    """Run ``fn(*args, progress=…, is_cancelled=…, **kwargs)`` on the task pool.

    ``on_result``/``on_error``/``on_progress`` run on the GUI thread. When ``context`` (a QObject,
    usually the widget or model that asked) has been deleted by then, or the task was cancelled, the
    callbacks are skipped. Exceptions that are not :class:`ItamError` are logged as bugs. Call from
    the GUI thread.
    """
    handle = TaskHandle(name or getattr(fn, "__qualname__", repr(fn)), context, on_result, on_error, on_progress)
    _pending.add(handle)
    task_pool().start(_Runnable(handle, fn, args, kwargs))
    return handle


def call_plain(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Adapt a callable that takes no ``progress``/``is_cancelled`` (a quick query) for :func:`run_task`."""

    def wrapper(
        *args: Any, progress: Callable[[int, int], None], is_cancelled: Callable[[], bool], **kwargs: Any
    ) -> Any:
        return fn(*args, **kwargs)

    wrapper.__qualname__ = getattr(fn, "__qualname__", "task")
    return wrapper


# --- long jobs that stream what they find ----------------------------------------------------------------
#: Jobs whose outcome has not been delivered yet: keeps their QObjects alive meanwhile.
_running_jobs: set[ScanJob] = set()


class ScanJob(QObject):
    """A discovery scan on the task pool, streaming hosts and progress as nmap reports them.

    ``fn(on_host=…, on_progress=…, is_cancelled=…)`` runs in a worker thread. The callbacks it is handed
    only emit this object's signals; the object lives on the GUI thread, so Qt queues every emission to the
    GUI thread, where the connected slots run (connect bound ``@Slot`` methods of GUI objects). ``fn``'s
    return value arrives as :attr:`finished`, an exception as :attr:`failed` (an :class:`ItamError` for
    the user, anything else a bug, logged here). Create, start and cancel it from the GUI thread.
    """

    #: Whatever ``fn`` passed to ``on_host`` (one discovered host).
    host_found = Signal(object)
    #: Whatever ``fn`` passed to ``on_progress`` (nmap's progress figure).
    progress_changed = Signal(object)
    #: ``fn``'s return value, once it has returned (also after a cancel: the result says it is partial).
    finished = Signal(object)
    #: The exception ``fn`` raised.
    failed = Signal(object)

    def __init__(self, fn: Callable[..., Any], name: str = "scan"):
        super().__init__()
        self.setObjectName(name)
        self._fn = fn
        self._cancelled = threading.Event()
        self._done = threading.Event()
        self._started = False
        # Connected first, so it runs before the caller's slots see the outcome.
        self.finished.connect(self._on_delivered, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        """Queue the job on the task pool (once)."""
        if self._started:
            raise RuntimeError("a ScanJob runs once")
        self._started = True
        _running_jobs.add(self)
        task_pool().start(_JobRunnable(self))

    def cancel(self) -> None:
        """Ask ``fn`` to stop at its next ``is_cancelled()`` check; its (partial) result still arrives."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    @property
    def running(self) -> bool:
        """Started and ``fn`` has not returned or raised yet."""
        return self._started and not self._done.is_set()

    # --- in the worker thread -----------------------------------------------------------------------
    def _run(self) -> None:
        try:
            result = self._fn(
                on_host=self.host_found.emit, on_progress=self.progress_changed.emit, is_cancelled=self._cancelled.is_set
            )
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which logs bugs
            self._done.set()
            self.failed.emit(exc)
        else:
            self._done.set()
            self.finished.emit(result)

    # --- on the GUI thread --------------------------------------------------------------------------
    @Slot(object)
    def _on_delivered(self, _result: object) -> None:
        _running_jobs.discard(self)

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        _running_jobs.discard(self)
        if not isinstance(error, ItamError):
            log.error("Job %s failed", self.objectName(), exc_info=error)  # type: ignore[arg-type]


class _JobRunnable(QRunnable):
    def __init__(self, job: ScanJob):
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job._run()
