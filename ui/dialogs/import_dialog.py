"""Import a spreadsheet (CSV or XLSX) into the inventory: a dry run first, then all or nothing.

File → Import spreadsheet… (Ctrl+I). The dry run (``services.transfer.plan_import``) writes nothing and shows
the new, changed and unchanged rows and the first problems; the import then writes every row, or, when
some rows have problems and the person chooses so, only the valid ones. Both run on a worker with a
progress bar and a Cancel button; a cancelled import is rolled back whole.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from itam.services import Services
from ui.dialogs.wipe_dialog import ERROR_COLOUR, error_text
from ui.i18n import core_text
from ui.workers import TaskHandle, run_task

#: Problems listed in the dialog before "… and N more".
SHOWN_PROBLEMS = 8


def plan_import_work(services: Services, path: str, *, progress: Any, is_cancelled: Any) -> Any:
    """Worker thread: the dry run of a spreadsheet import (writes nothing)."""
    return services.transfer.plan_import(path, progress=progress, is_cancelled=is_cancelled)


def apply_import_work(services: Services, plan: Any, skip_invalid: bool, stop: threading.Event, *,
                      progress: Any, is_cancelled: Any) -> Any:
    """Worker thread: the import itself, all or nothing (a cancel rolls it back)."""
    return services.transfer.apply_import(plan, skip_invalid=skip_invalid, progress=progress, is_cancelled=stop.is_set)


def importable(plan: Any) -> bool:
    return plan is not None and len(plan.creates) + len(plan.updates) > 0


def plan_summary(plan: Any) -> tuple[str, str, bool]:
    """What a dry run found, the label of the button that imports it, and whether some rows have problems."""
    text = QCoreApplication.translate("ImportDialog", "{file}: {rows} rows; {creates} new assets, {updates} changed, {unchanged} unchanged.").format(
        file=plan.name, rows=plan.rows, creates=len(plan.creates), updates=len(plan.updates), unchanged=plan.unchanged)
    if plan.problems:
        lines = [core_text(p) for p in plan.problems[:SHOWN_PROBLEMS]]
        if len(plan.problems) > SHOWN_PROBLEMS:
            lines.append(QCoreApplication.translate("ImportDialog", "… and {more} more").format(more=len(plan.problems) - SHOWN_PROBLEMS))
        text += "\n" + QCoreApplication.translate("ImportDialog", "{invalid} rows cannot be imported:").format(invalid=plan.invalid_rows)
        text += "\n" + "\n".join(f"• {line}" for line in lines)
    if not importable(plan):
        text += "\n" + QCoreApplication.translate("ImportDialog", "There is nothing to import from this file.")
    button = QCoreApplication.translate("ImportDialog", "Import the &valid rows only") if plan.problems else \
        QCoreApplication.translate("ImportDialog", "&Import {count} assets").format(count=len(plan.creates) + len(plan.updates))
    return text, button, bool(plan.problems)


class ImportDialog(QDialog):
    """``path``: preview that file at once (tests, drag and drop); otherwise the person picks one."""

    imported = Signal(object)  # ImportResult
    planned = Signal(object)  # ImportPlan

    def __init__(self, services: Services, parent: QWidget | None = None, *, path: str | None = None):
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.services = services
        self.plan: Any = None
        self.result: Any = None
        self._task: TaskHandle | None = None
        self._stop = threading.Event()
        self.setWindowTitle(self.tr("Import a spreadsheet"))
        self.resize(640, 360)

        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Columns are matched to asset fields by their headers (Snipe-IT, GLPI and most exports are "
            "recognised). Rows find existing assets by serial, then asset tag. Nothing is written until you "
            "confirm the preview."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("path_edit")
        self.path_edit.setPlaceholderText(self.tr("CSV or XLSX file"))
        self.path_edit.returnPressed.connect(self.on_preview_button_clicked)
        row.addWidget(self.path_edit, 1)
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.browse_button.clicked.connect(self.on_browse_button_clicked)
        row.addWidget(self.browse_button)
        self.preview_button = QPushButton(self.tr("&Preview"), self)
        self.preview_button.setObjectName("preview_button")
        self.preview_button.clicked.connect(self.on_preview_button_clicked)
        row.addWidget(self.preview_button)
        layout.addLayout(row)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label, 1)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.hide()
        layout.addWidget(self.progress_bar)
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import_button")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.confirm)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.clicked.connect(self.on_cancel_button_clicked)
        layout.addWidget(buttons)
        if path:
            self.path_edit.setText(path)
            self.preview(path)

    # --- the steps ------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._task is not None

    def _set_busy(self, busy: bool) -> None:
        for w in (self.path_edit, self.browse_button, self.preview_button):
            w.setEnabled(not busy)
        self.import_button.setEnabled(not busy and self._importable())
        self.progress_bar.setVisible(busy)
        self.progress_bar.setRange(0, 0)
        if not busy:
            self._task = None

    def _importable(self) -> bool:
        return importable(self.plan)

    def _say(self, text: str, colour: str | None = None) -> None:
        self.status_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.status_label.setText(text)

    def preview(self, path: str) -> None:
        """The dry run of ``path`` on a worker."""
        if self.busy or not path.strip():
            return
        self.plan = None
        self._say(self.tr("Reading {file}…").format(file=path))
        self._task = run_task(plan_import_work, self.services, path.strip(), on_result=self.on_plan_result,
                              on_error=self.on_error, on_progress=self.on_progress, context=self, name="import-plan")
        self._set_busy(True)

    def confirm(self) -> None:
        """Write the previewed rows (only the valid ones when some have problems)."""
        if self.busy or not self._importable():
            return
        self._stop = threading.Event()
        self._say(self.tr("Importing {file}…").format(file=self.plan.name))
        self._task = run_task(apply_import_work, self.services, self.plan, bool(self.plan.problems), self._stop,
                              on_result=self.on_import_result, on_error=self.on_error, on_progress=self.on_progress,
                              context=self, name="import")
        self._set_busy(True)

    # --- slots ----------------------------------------------------------------------------------------
    @Slot()
    def on_browse_button_clicked(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a spreadsheet"), "",
            self.tr("Spreadsheets (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx);;All files (*)"))
        if path:
            self.path_edit.setText(path)
            self.preview(path)

    @Slot()
    def on_preview_button_clicked(self) -> None:
        self.preview(self.path_edit.text())

    @Slot()
    def on_cancel_button_clicked(self) -> None:
        if self.busy:
            self._stop.set()
            if self._task is not None:
                self._task.cancel()
            self._set_busy(False)
            self._say(self.tr("Cancelled: nothing was imported."))
            return
        self.reject()

    def on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)

    def on_plan_result(self, plan: Any) -> None:
        self.plan = plan
        text, button, problems = plan_summary(plan)
        self._say(text, ERROR_COLOUR if problems else None)
        self.import_button.setText(button)
        self._set_busy(False)
        self.planned.emit(plan)

    def on_import_result(self, result: Any) -> None:
        self.result = result
        self._set_busy(False)
        self.imported.emit(result)
        self.accept()

    def on_error(self, error: BaseException) -> None:
        self._set_busy(False)
        self._say(error_text(error), ERROR_COLOUR)
