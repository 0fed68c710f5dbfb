"""File → Back up the database… and File → Restore from a backup…: one dialog, two modes.

Both run :mod:`itam.db.backup` on a worker with a progress bar and a Cancel button (a cancelled backup
leaves no file, a cancelled restore is rolled back). A restore asks for an explicit confirmation first,
because it replaces the inventory everyone using this database sees; the database as it was is kept.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from itam import security
from itam.db import backup as backups
from itam.services import Services
from ui.dialogs.job_dialog import JobDialog
from ui.dialogs.wipe_dialog import ERROR_COLOUR, OK_COLOUR
from ui.i18n import core_text

BACKUP, RESTORE = "backup", "restore"


def backup_work(services: Services, path: str, stop: threading.Event, *, progress: Any, is_cancelled: Any) -> Any:
    """Worker thread: back up the database in use (administrators)."""
    services.ctx.require(security.DATABASE)
    return backups.backup(services.ctx.db, path, progress=progress, is_cancelled=stop.is_set)


def restore_work(services: Services, path: str, stop: threading.Event, *, progress: Any, is_cancelled: Any) -> Any:
    """Worker thread: restore ``path`` into the database in use (administrators)."""
    services.ctx.require(security.DATABASE)
    return backups.restore(services.ctx.db.url, path, progress=progress, is_cancelled=stop.is_set)


class BackupDialog(JobDialog):
    """Back up the database to a file, or restore it from one."""

    #: The job ended well: the BackupResult or RestoreResult.
    finished_ok = Signal(object)
    #: The job failed or was refused: the message shown.
    failed = Signal(str)

    def __init__(self, services: Services, mode: str = BACKUP, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"{mode}_dialog")
        self.services = services
        self.mode = mode
        self.result_value: Any = None

        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        self.path_label = QLabel(self)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("path_edit")
        self.path_edit.textChanged.connect(self._update_buttons)
        self.path_label.setBuddy(self.path_edit)
        self.browse_button = QPushButton(self)
        self.browse_button.setObjectName("browse_button")
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        self.confirm_box = QCheckBox(self)
        self.confirm_box.setObjectName("confirm_box")
        self.confirm_box.toggled.connect(self._update_buttons)
        self.confirm_box.setVisible(mode == RESTORE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(row)
        layout.addWidget(self.confirm_box)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 260)
        self.retranslate()
        self._update_buttons()

    # --- texts ------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        if self.mode == BACKUP:
            self.setWindowTitle(self.tr("Back up the database"))
            self.intro_label.setText(self.tr(
                "Copies the whole inventory while it stays in use: assets, history, custody, wipe records and "
                "certificate PDFs. The copy is checked (integrity and every hash chain) before it is kept. The "
                "signing key in the data folder is not part of it: keep a copy of that apart."))
            self.start_button.setText(self.tr("&Back up"))
        else:
            self.setWindowTitle(self.tr("Restore from a backup"))
            self.intro_label.setText(self.tr(
                "Replaces the inventory in use with a backup made by itam. The backup is checked first (readable, "
                "a schema this version knows, every hash chain intact); the database as it is now is kept beside "
                "it, so a restore can be undone."))
            self.confirm_box.setText(self.tr("I understand that this replaces the inventory everyone using this "
                                             "database sees"))
            self.start_button.setText(self.tr("&Restore"))
        self.path_label.setText(self.tr("&File:"))
        self.browse_button.setText(self.tr("B&rowse…"))
        self.path_edit.setToolTip(self.tr("The backup file"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- actions ----------------------------------------------------------------------------------------------
    @Slot()
    def browse(self) -> None:
        if self.mode == BACKUP:
            path, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path_edit.text() or "itam.backup",
                                                  self.tr("itam backups (*.backup);;All files (*)"))
        else:
            path, _ = QFileDialog.getOpenFileName(self, self.windowTitle(), self.path_edit.text(),
                                                  self.tr("itam backups (*.backup *.bak *.dump);;All files (*)"))
        if path:
            self.path_edit.setText(path)

    def _update_buttons(self) -> None:
        ready = bool(self.path_edit.text().strip()) and (self.mode == BACKUP or self.confirm_box.isChecked())
        self.start_button.setEnabled(ready and not self.running)
        for widget in (self.path_edit, self.browse_button, self.confirm_box):
            widget.setEnabled(not self.running)
        self.close_button.setText(self.tr("Cancel") if self.running or self.result_value is None else self.tr("Close"))

    @Slot()
    def start(self) -> None:
        path = self.path_edit.text().strip()
        if not path or self.running:
            return
        work = backup_work if self.mode == BACKUP else restore_work
        self.run_job(work, self.services, str(Path(path).expanduser()), name=f"database {self.mode}",
                     busy_text=self.tr("Backing up…") if self.mode == BACKUP else
                     self.tr("Checking the backup, then restoring…"))

    def on_done(self, result: Any) -> None:
        self.result_value = result
        check = result.check
        summary = self.tr("{assets} assets, {entries} history entries and {certificates} certificates; every hash "
                          "chain verifies.").format(assets=check.assets, entries=check.history_entries,
                                                    certificates=check.certificates)
        # File names in the text (paths do not wrap), the full paths in the tooltip.
        if self.mode == BACKUP:
            text = self.tr("Backed up to {file} ({size:,} bytes).").format(file=result.path.name, size=result.size)
            paths = [str(result.path)]
        else:
            text = self.tr("Restored from {file}.").format(file=result.source.name)
            paths = [str(result.source)]
            if result.safety_copy:
                text += " " + self.tr("The database as it was is kept in {file}.").format(file=result.safety_copy.name)
                paths.append(str(result.safety_copy))
        self._say(text + "\n" + summary, OK_COLOUR)
        self.status_label.setToolTip("\n".join(paths))
        self.finished_ok.emit(result)

    def on_failed(self, error: BaseException) -> None:
        if isinstance(error, backups.BackupCancelled):
            text = self.tr("Cancelled: no backup was written.") if self.mode == BACKUP else \
                self.tr("Cancelled: the database is unchanged.")
        else:
            text = core_text(error)
        self._say(text, ERROR_COLOUR)
        self.failed.emit(text)
