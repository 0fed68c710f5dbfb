"""A dialog that runs one long job on a worker: a Start button, a progress bar, Cancel, a status line.

Subclasses build their own fields, put :attr:`progress_bar`, :attr:`status_label` and :attr:`buttons` in
their layout, and call :meth:`run_job` with a worker function taking the ``stop`` event (checked by the job
between steps, so a cancelled job can still report what it did). Esc or the window's close button while
the job runs cancels it first; the dialog closes only when nothing runs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QWidget

from ui.workers import run_task


class JobDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._stop = threading.Event()
        self._running = False
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("progress_bar")
        self.progress_bar.hide()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(self)
        self.start_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setObjectName("start_button")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("close_button")
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.cancel_or_close)

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:  # overridden: check the fields, then run_job(...)
        raise NotImplementedError

    def run_job(self, fn: Callable[..., Any], *args: Any, busy_text: str, name: str) -> None:
        """Run ``fn(*args, stop, progress=…, is_cancelled=…)`` on a worker; on_done / on_failed get the end."""
        self._stop = threading.Event()
        self._running = True
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self._say(busy_text)
        self._update_buttons()
        run_task(fn, *args, self._stop, on_result=self._job_done, on_error=self._job_failed,
                 on_progress=self.on_progress, context=self, name=name)

    def cancelling_text(self) -> str:
        return self.tr("Cancelling…")

    @Slot()
    def cancel_or_close(self) -> None:
        if self._running:
            self._stop.set()
            self._say(self.cancelling_text())
            return
        self.reject()

    def reject(self) -> None:
        if self._running:  # Esc or the window's close button while the job runs: cancel it first
            self.cancel_or_close()
            return
        super().reject()

    def on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)

    def _job_done(self, result: Any) -> None:
        self._running = False
        self.progress_bar.hide()
        self.on_done(result)
        self._update_buttons()

    def _job_failed(self, error: BaseException) -> None:
        self._running = False
        self.progress_bar.hide()
        self.on_failed(error)
        self._update_buttons()

    def on_done(self, result: Any) -> None:  # overridden
        pass

    def on_failed(self, error: BaseException) -> None:  # overridden
        pass

    def _update_buttons(self) -> None:  # overridden to add the dialog's own fields
        self.close_button.setText(self.tr("Cancel") if self._running else self.tr("Close"))

    def _say(self, text: str, colour: str | None = None) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {colour};" if colour else "")
