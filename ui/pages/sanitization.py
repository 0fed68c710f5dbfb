"""The sanitization page: every record of how a storage medium was wiped or destroyed, and the ways to add them.

Records come from a person (Record wipe…, Record destruction…) or from wipe logs (nwipe, CSV) imported
after a dry run. The table says for each record whether it is verified and meets the policy for its
data, i.e. whether it lets the asset leave the organisation; the filter shows only those that do not.
Reading, recording and importing run on the task pool; the page never touches the database itself.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QItemSelection,
    QModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from itam import security
from itam.services import Services
from itam.services.sanitization import ImportOutcome, SanitizationView
from ui import access
from ui.dialogs.wipe_dialog import (
    CATEGORY_LABELS,
    RESULT_LABELS,
    TECHNIQUE_LABELS,
    VERIFICATION_LABELS,
    VERIFICATION_RESULT_LABELS,
    DestructionDialog,
    FileResult,
    ImportWipeDialog,
    WipeDialog,
    error_text,
    format_in_zone,
    media_type_text,
    vocabulary_text,
)
from ui.i18n import core_lines
from ui.models.discovery_tables import Column, RowTableModel
from ui.pages import Page
from ui.settings import Settings
from ui.widgets import table_view
from ui.workers import TaskHandle, run_task

_CONTEXT = "SanitizationTable"
#: Most records the page lists (newest first).
LIST_LIMIT = 5000
MAX_COLUMN_WIDTH = 210
GOOD = QColor("#2e7d32")
BAD = QColor("#c62828")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _tick(ok: bool) -> str:
    return "✓" if ok else "✗"


def verification_text(r: SanitizationView) -> str:
    text = vocabulary_text(VERIFICATION_LABELS, r.verification)
    if r.verification == "sampling" and r.verification_pct is not None:
        text += f" {r.verification_pct:g} %"
    if r.verification != "none" and r.verification_result:
        text += " · " + vocabulary_text(VERIFICATION_RESULT_LABELS, r.verification_result)
    return text


def medium_label(r: SanitizationView) -> str:
    serial = r.medium_serial or QCoreApplication.translate("SanitizationTable", "(no serial)")
    return f"{media_type_text(r.media_type)} {serial}"


class SanitizationTableModel(RowTableModel):
    """Sanitization and destruction records (SanitizationView), newest first."""

    COLUMNS = (
        Column("asset", QT_TRANSLATE_NOOP("SanitizationTable", "Asset"), lambda r: r.asset_tag or f"#{r.asset_id}"),
        Column("medium", QT_TRANSLATE_NOOP("SanitizationTable", "Medium"), medium_label),
        Column("category", QT_TRANSLATE_NOOP("SanitizationTable", "Category"),
               lambda r: vocabulary_text(CATEGORY_LABELS, r.category)),
        Column("technique", QT_TRANSLATE_NOOP("SanitizationTable", "Technique"),
               lambda r: vocabulary_text(TECHNIQUE_LABELS, r.technique)),
        Column("result", QT_TRANSLATE_NOOP("SanitizationTable", "Result"),
               lambda r: vocabulary_text(RESULT_LABELS, r.result)),
        Column("verified", QT_TRANSLATE_NOOP("SanitizationTable", "Verified"), lambda r: _tick(r.verified),
               lambda r: r.verified),
        Column("meets_policy", QT_TRANSLATE_NOOP("SanitizationTable", "Meets policy"), lambda r: _tick(r.meets_policy),
               lambda r: r.meets_policy),
        Column("time", QT_TRANSLATE_NOOP("SanitizationTable", "Time"), lambda r: format_in_zone(r.performed_at, r.time_zone),
               lambda r: r.performed_at),
        Column("warnings", QT_TRANSLATE_NOOP("SanitizationTable", "Warnings"), lambda r: core_lines(r.warnings, "; ")),
        Column("verification", QT_TRANSLATE_NOOP("SanitizationTable", "Verification"), verification_text),
        Column("tool_label", QT_TRANSLATE_NOOP("SanitizationTable", "Tool's label"), lambda r: r.tool_label or ""),
        Column("operator", QT_TRANSLATE_NOOP("SanitizationTable", "Operator"), lambda r: r.operator or ""),
        Column("verifier", QT_TRANSLATE_NOOP("SanitizationTable", "Verifier"), lambda r: r.verifier or ""),
        Column("evidence", QT_TRANSLATE_NOOP("SanitizationTable", "Evidence"),
               lambda r: (r.evidence_sha256 or "")[:12]),
    )

    def header_label(self, section: int) -> str:
        return _tr(self.COLUMNS[section].header)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and 0 <= index.row() < len(self._rows):
            r = self._rows[index.row()]
            key = self.COLUMNS[index.column()].key if index.column() < len(self.COLUMNS) else None
            if key == "verified":
                return GOOD if r.verified else BAD
            if key == "meets_policy":
                return GOOD if r.meets_policy else BAD
            if key == "result" and r.result not in ("pass", "pass_with_warnings"):
                return BAD
            if key == "warnings" and r.warnings:
                return BAD
            return None
        if (role == Qt.ItemDataRole.TextAlignmentRole and index.isValid() and index.column() < len(self.COLUMNS)
                and self.COLUMNS[index.column()].key in ("verified", "meets_policy")):
            return int(Qt.AlignmentFlag.AlignCenter)
        return super().data(index, role)

    def tooltip(self, row: SanitizationView, column: Column) -> str | None:
        if column.key == "evidence":
            if not row.evidence_sha256:
                return QCoreApplication.translate("SanitizationTable", "Recorded by hand: no log kept")
            tip = QCoreApplication.translate("SanitizationTable", "Wipe log SHA-256: {sha}").format(sha=row.evidence_sha256)
            if row.evidence_masked:
                tip += "\n" + QCoreApplication.translate("SanitizationTable", "The log masks the drives' serial numbers")
            return tip
        if column.key == "warnings":
            return core_lines(row.warnings) or None
        if column.key == "time":
            lines = [QCoreApplication.translate("SanitizationTable", "Ended: {at}").format(at=format_in_zone(row.performed_at, row.time_zone))]
            if row.started_at:
                lines.insert(0, QCoreApplication.translate("SanitizationTable", "Started: {at}").format(at=format_in_zone(row.started_at, row.time_zone)))
            return "\n".join(lines)
        if column.key in ("technique", "tool_label"):
            lines = [x for x in (
                row.tool_label,
                QCoreApplication.translate("SanitizationTable", "Tool: {tool}").format(tool=" ".join(x for x in (row.tool, row.tool_version) if x)) if row.tool else None,
                QCoreApplication.translate("SanitizationTable", "Standard: {standard}").format(standard=row.standard) if row.standard else None,
                QCoreApplication.translate("SanitizationTable", "Passes: {n}").format(n=row.passes) if row.passes else None,
            ) if x]
            return "\n".join(lines) or None
        if column.key == "result" and (row.errors or row.notes):
            return "\n".join(x for x in (row.errors, row.notes) if x)
        return super().tooltip(row, column)


def read_records(services: Services, only_not_counting: bool, *, progress: Any, is_cancelled: Any) -> list[SanitizationView]:
    """Worker thread: the records the page lists."""
    return services.sanitization.list(limit=LIST_LIMIT, only_unverified=only_not_counting)


def save_evidence(services: Services, sha256: str, *, progress: Any, is_cancelled: Any) -> tuple[str, bytes]:
    return services.sanitization.evidence(sha256)


class SanitizationPage(Page):
    """Records of wiped and destroyed media; record by hand or import wipe logs."""

    key = "sanitization"

    #: Records were added (assets may have been created, and may now leave custody).
    assets_changed = Signal()
    #: The table has been read again.
    records_refreshed = Signal()

    def __init__(self, services: Services, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.setObjectName("sanitization_page")
        self._read_task: TaskHandle | None = None
        self._evidence_task: TaskHandle | None = None
        self._columns_restored = False
        #: Open dialogs (record, destruction, import); kept for tests and closed on shutdown.

        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 9, 9, 4)
        layout.addLayout(self._build_actions())
        self.model = SanitizationTableModel(self)
        self.table = self._build_table()
        layout.addWidget(self.table, 1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("records_count_label")
        layout.addWidget(self.count_label)

        self.retranslate()
        self._update_buttons()
        self.refresh()

    # --- building -----------------------------------------------------------------------------------
    def _build_actions(self) -> QHBoxLayout:
        style = QApplication.style()
        row = QHBoxLayout()

        def button(name: str, slot: Callable[[], None], icon: QStyle.StandardPixmap | None = None) -> QPushButton:
            b = QPushButton(self)
            if icon is not None:
                b.setIcon(style.standardIcon(icon))
            b.setObjectName(name)
            b.clicked.connect(slot)
            row.addWidget(b)
            return b

        self.record_button = button("record_wipe_button", self.on_record_button_clicked, QStyle.StandardPixmap.SP_DialogApplyButton)
        self.destruction_button = button("record_destruction_button", self.on_destruction_button_clicked,
                                         QStyle.StandardPixmap.SP_TrashIcon)
        row.addSpacing(12)
        self.import_nwipe_button = button("import_nwipe_button", self.on_import_nwipe_button_clicked,
                                          QStyle.StandardPixmap.SP_DialogOpenButton)
        self.import_csv_button = button("import_csv_button", self.on_import_csv_button_clicked,
                                        QStyle.StandardPixmap.SP_DialogOpenButton)
        row.addSpacing(12)
        self.evidence_button = button("evidence_button", self.on_evidence_button_clicked, QStyle.StandardPixmap.SP_DialogSaveButton)
        row.addStretch(1)
        self.not_counting_check = QCheckBox(self)
        self.not_counting_check.setObjectName("not_counting_check")
        self.not_counting_check.toggled.connect(self.on_not_counting_check_toggled)
        row.addWidget(self.not_counting_check)
        return row

    def _build_table(self) -> QTableView:
        view = table_view(self, self.model, "records_table", single=True, movable=True)
        header = view.horizontalHeader()
        header.setStretchLastSection(True)
        # Newest first, as the service lists them.
        header.setSortIndicator(self.model.column_of("time"), Qt.SortOrder.DescendingOrder)
        view.setSortingEnabled(True)
        view.selectionModel().selectionChanged.connect(self.on_selection_changed)
        return view

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for section in range(header.count()):
            if header.sectionSize(section) > MAX_COLUMN_WIDTH:
                header.resizeSection(section, MAX_COLUMN_WIDTH)

    # --- Page ---------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Sanitization")

    def icon(self) -> QIcon:
        return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DriveHDIcon)

    def refresh(self) -> None:
        """Read the records again (on a worker)."""
        if self._read_task is not None:
            self._read_task.cancel()
        self._read_task = run_task(
            read_records, self.services, self.not_counting_check.isChecked(),
            on_result=self.on_records_read, on_error=self.on_records_failed, context=self, name="read sanitization records",
        )

    def restore_settings(self, settings: Settings) -> None:
        state = settings.sanitization_records_header_state
        self._columns_restored = not state.isEmpty() and self.table.horizontalHeader().restoreState(state)

    def save_settings(self, settings: Settings) -> None:
        settings.sanitization_records_header_state = self.table.horizontalHeader().saveState()

    def shutdown(self) -> None:
        self.close_dialogs()

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.record_button.setText(self.tr("&Record wipe…"))
        self.record_button.setToolTip(self.tr("Record how one storage medium of an asset was sanitized"))
        self.destruction_button.setText(self.tr("Record &destruction…"))
        self.destruction_button.setToolTip(self.tr("Record that the media of one or more assets were physically destroyed"))
        self.import_nwipe_button.setText(self.tr("Import &nwipe logs…"))
        self.import_nwipe_button.setToolTip(
            self.tr("Import one or more logs of nwipe or ShredOS; each raw log is kept as evidence"))
        self.import_csv_button.setText(self.tr("Import wipe &CSV…"))
        self.import_csv_button.setToolTip(self.tr("Import wipe results from a CSV file, one medium per row"))
        self.evidence_button.setText(self.tr("Show &evidence…"))
        self.evidence_button.setToolTip(self.tr("Save the raw wipe log behind the selected record"))
        self.not_counting_check.setText(self.tr("&Only records that do not count"))
        self.not_counting_check.setToolTip(
            self.tr("Records that are not verified or do not meet the policy for their data: they do not let an asset leave"))
        self.model.retranslate()
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_count(self) -> None:
        rows = self.model.rows
        bad = sum(1 for r in rows if not (r.verified and r.meets_policy))
        if self.not_counting_check.isChecked():
            text = self.tr("{n} records that do not count").format(n=len(rows))
        else:
            text = self.tr("{n} records · {bad} do not count").format(n=len(rows), bad=bad)
        if len(rows) >= LIST_LIMIT:
            text += " · " + self.tr("the newest {n} are shown").format(n=LIST_LIMIT)
        self.count_label.setText(text)

    # --- state --------------------------------------------------------------------------------------
    def selected_record(self) -> SanitizationView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        record = self.selected_record()
        self.evidence_button.setEnabled(bool(record and record.evidence_sha256) and self._evidence_task is None)
        # Recording wipes and destruction, and importing wipe logs, are for roles with sanitization.
        for button in (self.record_button, self.destruction_button, self.import_nwipe_button, self.import_csv_button):
            access.gate(button, self.services, security.SANITIZATION)

    def apply_permissions(self) -> None:
        self._update_buttons()

    @Slot(QItemSelection, QItemSelection)
    def on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    @Slot(bool)
    def on_not_counting_check_toggled(self, _checked: bool) -> None:
        self.refresh()

    def on_records_read(self, records: list[SanitizationView]) -> None:
        self._read_task = None
        self.model.set_rows(records)
        if not self._columns_restored and records:
            self._fit_columns()
            self._columns_restored = True
        self._show_count()
        self._update_buttons()
        self.records_refreshed.emit()

    def on_records_failed(self, error: BaseException) -> None:
        self._read_task = None
        self._show_message(QMessageBox.Icon.Warning, self.tr("Cannot read the sanitization records"), error_text(error))

    # --- recording ----------------------------------------------------------------------------------
    @Slot()
    def on_record_button_clicked(self) -> None:
        self.open_wipe_dialog()

    def open_wipe_dialog(self, asset_ref: str | None = None) -> WipeDialog:
        record = self.selected_record()
        if asset_ref is None and record is not None:
            asset_ref = record.asset_tag or f"#{record.asset_id}"
        dialog = WipeDialog(self.services, self.window(), asset_ref=asset_ref)
        dialog.recorded.connect(self.on_wipe_recorded)
        self._open(dialog)
        return dialog

    def on_wipe_recorded(self, view: SanitizationView) -> None:
        if view.verified and view.meets_policy:
            text = self.tr("Recorded for {asset}: {medium} counts as sanitized.")
        else:
            text = self.tr("Recorded for {asset}: {medium} does not count yet (see the warnings).")
        self.status_message.emit(text.format(asset=view.asset_tag or f"#{view.asset_id}", medium=medium_label(view)), 10_000)
        self.refresh()
        self.assets_changed.emit()

    @Slot()
    def on_destruction_button_clicked(self) -> None:
        self.open_destruction_dialog()

    def open_destruction_dialog(self, assets: list[str] | None = None) -> DestructionDialog:
        dialog = DestructionDialog(self.services, self.window(), assets=assets)
        dialog.recorded.connect(self.on_destruction_recorded)
        self._open(dialog)
        return dialog

    def on_destruction_recorded(self, views: list[SanitizationView]) -> None:
        self.status_message.emit(self.tr("Destruction recorded for {n} storage media.").format(n=len(views)), 10_000)
        self.refresh()
        self.assets_changed.emit()

    # --- importing ----------------------------------------------------------------------------------
    @Slot()
    def on_import_nwipe_button_clicked(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Import nwipe logs"), "", self.tr("nwipe logs (*.log *.txt);;All files (*)"))
        if paths:
            self.open_import_dialog("nwipe", paths[0] if len(paths) == 1 else paths)

    @Slot()
    def on_import_csv_button_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import a wipe CSV"), "", self.tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.open_import_dialog("csv", path)

    def open_import_dialog(self, kind: str, path: str | list[str]) -> ImportWipeDialog:
        """Open the import dialog for a file, or for several; it starts with a dry run."""
        dialog = ImportWipeDialog(self.services, kind, path, self.window())
        dialog.imported.connect(self.on_imported)
        dialog.files_imported.connect(self.on_files_imported)
        self._open(dialog)
        return dialog

    def on_imported(self, outcome: ImportOutcome) -> None:
        text = self.tr("Imported {records} wipe records; {media} storage media added, {assets} assets created.").format(
            records=len(outcome.records), media=len(outcome.media_created), assets=len(outcome.assets_created))
        self.status_message.emit(text, 10_000)
        self.refresh()
        self.assets_changed.emit()

    def on_files_imported(self, results: list[FileResult]) -> None:
        done = [r.outcome for r in results if r.outcome is not None]
        text = self.tr("Imported {files} of {n} wipe logs: {records} wipe records; {media} storage media added, "
                       "{assets} assets created.").format(
            files=len(done), n=len(results), records=sum(len(o.records) for o in done),
            media=sum(len(o.media_created) for o in done), assets=sum(len(o.assets_created) for o in done))
        self.status_message.emit(text, 10_000)
        self.refresh()
        self.assets_changed.emit()

    # --- evidence -----------------------------------------------------------------------------------
    @Slot()
    def on_evidence_button_clicked(self) -> None:
        record = self.selected_record()
        if record is None or not record.evidence_sha256 or self._evidence_task is not None:
            return

        def read(found: tuple[str, bytes]) -> None:
            self._evidence_task = None
            self._update_buttons()
            filename, content = found
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save the wipe log"), filename, self.tr("All files (*)"))
            if path:
                self.write_evidence(path, content)

        def failed(error: BaseException) -> None:
            self._evidence_task = None
            self._update_buttons()
            self._show_message(QMessageBox.Icon.Warning, self.tr("Cannot read the wipe log"), error_text(error))

        self._evidence_task = run_task(
            save_evidence, self.services, record.evidence_sha256, on_result=read, on_error=failed, context=self,
            name="read wipe evidence",
        )
        self._update_buttons()

    def write_evidence(self, path: str, content: bytes) -> bool:
        try:
            Path(path).write_bytes(content)
        except OSError as exc:
            self._show_message(
                QMessageBox.Icon.Warning, self.tr("Cannot save the wipe log"),
                self.tr("{file} could not be written: {reason}").format(file=path, reason=exc.strerror or exc))
            return False
        self.status_message.emit(self.tr("Wipe log saved to {file}").format(file=path), 8000)
        return True
