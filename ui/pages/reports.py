"""The reports page: the fleet lifecycle report (PDF), the CSR workbook (Excel) and an asset's lifecycle report.

Choose the report, the period and slice (the dashboard's selector), the language and the file; Generate runs
on the task pool with a progress bar and a Cancel button. The report is written to a temporary file beside
the chosen one and moved into place only when it is complete, so a cancel or a failure leaves no file (and
never a half-written one over an older report). An empty period is not an error: the report says so.
"""

from __future__ import annotations

import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QDesktopServices, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from itam.errors import ValidationError
from itam.metrics.results import Period, Slice
from itam.services import Services
from ui import i18n
from ui.dialogs.wipe_dialog import ERROR_COLOUR, OK_COLOUR, error_text
from ui.i18n import core_text
from ui.pages import Page
from ui.settings import Settings
from ui.widgets import PeriodSelector
from ui.workers import TaskHandle, run_task

_CONTEXT = "ReportsPage"

#: Report types: key -> (name, file suffix).
KINDS: dict[str, tuple[str, str]] = {
    "lifecycle": (QT_TRANSLATE_NOOP("ReportsPage", "Fleet lifecycle report (PDF)"), ".pdf"),
    "csr": (QT_TRANSLATE_NOOP("ReportsPage", "CSR workbook (Excel .xlsx)"), ".xlsx"),
    "asset": (QT_TRANSLATE_NOOP("ReportsPage", "Asset lifecycle report (PDF)"), ".pdf"),
}
DESCRIPTIONS: dict[str, str] = {
    "lifecycle": QT_TRANSLATE_NOOP(
        "ReportsPage",
        "The fleet's circularity for the period and slice, for management: the key figures "
        "(GB/T 43145-2023 collection and recovery rates, reuse share, e-waste diverted, CO2e avoided apart from "
        "the use-phase emissions), charts, the composite index P with its grade, the findings, and the factors "
        "and fallbacks behind every figure.",
    ),
    "csr": QT_TRANSLATE_NOOP(
        "ReportsPage",
        "A workbook for sustainability (CSR / ESG) reporting: the period's figures, one row per "
        "lifecycle event with its asset, mass and the factors behind its avoided emissions (so a formula can "
        "recompute them), and the factor sources.",
    ),
    "asset": QT_TRANSLATE_NOOP(
        "ReportsPage",
        "One asset's life from purchase to its fate: identity, the stages and moves of its "
        "history, sanitization of its media, custody, and its footprint. Name the asset by its tag or serial "
        "number.",
    ),
}
FILE_FILTERS = {
    ".pdf": QT_TRANSLATE_NOOP("ReportsPage", "PDF files (*.pdf)"),
    ".xlsx": QT_TRANSLATE_NOOP("ReportsPage", "Excel workbooks (*.xlsx)"),
}
REPORT_LANGUAGES = ("en", "zh_CN")
#: What a worker returns when it stopped because the person cancelled.
CANCELLED = "cancelled"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


@dataclass(frozen=True)
class ReportRequest:
    """Everything a report needs, as plain values for the worker."""

    kind: str
    path: str
    language: str
    period: Period
    slice: Slice
    asset: str = ""


def default_file_name(kind: str, period: Period, asset: str = "") -> str:
    """``fleet-lifecycle_2025-01-01_2025-12-31.pdf``, ``csr-workbook_….xlsx``, ``asset-lifecycle_IT-00042.pdf``."""
    suffix = KINDS[kind][1]
    if kind == "asset":
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in asset.strip()) or "asset"
        return f"asset-lifecycle_{safe}{suffix}"
    stem = "fleet-lifecycle" if kind == "lifecycle" else "csr-workbook"
    return f"{stem}_{period.start.isoformat()}_{period.end.isoformat()}{suffix}"


def check_output(path: str, suffix: str) -> Path:
    """The output file, with the report's suffix; refuses a folder that is missing or not writable (GUI thread)."""
    text = path.strip()
    if not text:
        raise ValidationError(QCoreApplication.translate("ReportsPage", "Choose the file to save the report to."))
    target = Path(text).expanduser()
    if target.suffix.lower() != suffix:
        target = target.with_name(target.name + suffix)
    folder = target.parent
    if not folder.is_dir():
        raise ValidationError(
            QCoreApplication.translate("ReportsPage", "The folder {folder} does not exist.").format(folder=folder)
        )
    if target.is_dir():
        raise ValidationError(
            QCoreApplication.translate("ReportsPage", "{file} is a folder, not a file.").format(file=target)
        )
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise ValidationError(
            QCoreApplication.translate("ReportsPage", "You cannot write into {folder}: choose another folder.").format(
                folder=folder
            )
        )
    return target


# --- the worker -----------------------------------------------------------------------------------------
def generate_work(
    services: Services, request: ReportRequest, stop: threading.Event, *, progress: Any, is_cancelled: Any
) -> str:
    """Worker thread: write the report to a temporary file beside the target, then move it into place.

    Returns the path written, or :data:`CANCELLED`. Whatever happens, the temporary file does not survive.
    """
    target = Path(request.path)
    tmp = target.with_name(f".{target.stem}.{uuid.uuid4().hex[:8]}.part{target.suffix}")

    def cancelled() -> bool:
        return stop.is_set() or is_cancelled()

    def written(produced: Any) -> Path:
        p = Path(getattr(produced, "path", produced) or tmp) if produced is not None else tmp
        return p if p.exists() else tmp

    try:
        if request.kind == "asset":
            ref = request.asset.strip()
            if not ref:
                raise ValidationError(
                    QCoreApplication.translate("ReportsPage", "Name the asset by its tag or serial number.")
                )
            services.assets.get(ref, with_history=False)  # an unknown asset fails here, with the core's message
            if cancelled():
                return CANCELLED
            produced = written(services.metrics.write_asset_report(services, ref, tmp, language=request.language))
        elif request.kind == "lifecycle":
            out, _metrics = services.metrics.write_lifecycle_report(
                request.period, request.slice, tmp, language=request.language
            )
            produced = written(out)
        elif request.kind == "csr":
            out, _metrics = services.metrics.write_csr_workbook(
                request.period, request.slice, tmp, language=request.language, progress=progress,
                is_cancelled=cancelled,
            )
            produced = written(out)
        else:
            raise ValidationError(f"unknown report type {request.kind!r}")
        if cancelled():
            return CANCELLED
        os.replace(produced, target)
        return str(target)
    except Exception as exc:
        if cancelled():
            return CANCELLED
        if isinstance(exc, OSError):
            raise ValidationError(
                QCoreApplication.translate("ReportsPage", "{file} could not be written: {reason}").format(
                    file=target, reason=exc.strerror or exc
                )
            ) from exc
        raise
    finally:
        for leftover in (tmp,):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass


# --- the page -------------------------------------------------------------------------------------------
class ReportsPage(Page):
    """Generate the fleet lifecycle report, the CSR workbook or an asset's lifecycle report."""

    key = "reports"

    #: A report was written (its path).
    generated = Signal(str)
    #: A report could not be written (the message shown).
    generation_failed = Signal(str)
    #: The person cancelled; no file was written.
    generation_cancelled = Signal()
    #: Progress of the running report (done, total; total 0 while it cannot be told).
    progressed = Signal(int, int)

    def __init__(self, services: Services, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.setObjectName("reports_page")
        self._task: TaskHandle | None = None
        self._stop: threading.Event | None = None
        self._path_chosen = False
        self._language_chosen = False
        #: The last report written (its path), for "Open file" and "Show in folder".
        self.last_report: str | None = None
        self._last_error: str | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 9, 9, 4)
        layout.setSpacing(8)

        self.form_box = QGroupBox(self)
        form = QFormLayout(self.form_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.kind_label = QLabel(self.form_box)
        self.kind_combo = QComboBox(self.form_box)
        self.kind_combo.setObjectName("kind_combo")
        for key in KINDS:
            self.kind_combo.addItem("", key)
        self.kind_label.setBuddy(self.kind_combo)
        form.addRow(self.kind_label, self.kind_combo)

        self.asset_label = QLabel(self.form_box)
        self.asset_edit = QLineEdit(self.form_box)
        self.asset_edit.setObjectName("asset_edit")
        self.asset_edit.setClearButtonEnabled(True)
        self.asset_edit.setMaximumWidth(360)
        self.asset_label.setBuddy(self.asset_edit)
        form.addRow(self.asset_label, self.asset_edit)

        self.period_label = QLabel(self.form_box)
        self.selector = PeriodSelector(services, self.form_box)
        form.addRow(self.period_label, self.selector)

        self.language_label = QLabel(self.form_box)
        self.language_combo = QComboBox(self.form_box)
        self.language_combo.setObjectName("report_language_combo")
        for code in REPORT_LANGUAGES:
            self.language_combo.addItem(i18n.LANGUAGES[code], code)
        self.language_label.setBuddy(self.language_combo)
        form.addRow(self.language_label, self.language_combo)

        self.file_label = QLabel(self.form_box)
        file_row = QHBoxLayout()
        self.file_edit = QLineEdit(self.form_box)
        self.file_edit.setObjectName("file_edit")
        self.browse_button = QPushButton(self.form_box)
        self.browse_button.setObjectName("browse_button")
        self.browse_button.setIcon(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon))
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        self.file_label.setBuddy(self.file_edit)
        form.addRow(self.file_label, file_row)
        layout.addWidget(self.form_box)

        # What the chosen report contains (outside the form: a wrapped label there gets a wrong height).
        self.description_label = QLabel(self)
        self.description_label.setObjectName("description_label")
        self.description_label.setWordWrap(True)
        self.description_label.setStyleSheet("color: palette(placeholder-text);")
        self.description_label.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.description_label)

        actions = QHBoxLayout()
        self.generate_button = QPushButton(self)
        self.generate_button.setObjectName("generate_button")
        self.generate_button.setIcon(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.generate_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setIcon(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DialogCancelButton))
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("report_progress_bar")
        self.progress_bar.setMinimumWidth(220)
        self.progress_bar.setMaximumWidth(360)
        actions.addWidget(self.generate_button)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.progress_bar)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.result_frame = QFrame(self)
        self.result_frame.setObjectName("result_frame")
        result = QHBoxLayout(self.result_frame)
        result.setContentsMargins(0, 0, 0, 0)
        self.status_label = QLabel(self.result_frame)
        self.status_label.setObjectName("report_status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.open_button = QPushButton(self.result_frame)
        self.open_button.setObjectName("open_file_button")
        self.open_button.setIcon(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        self.folder_button = QPushButton(self.result_frame)
        self.folder_button.setObjectName("show_folder_button")
        self.folder_button.setIcon(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DirIcon))
        result.addWidget(self.status_label, 1)
        result.addWidget(self.open_button)
        result.addWidget(self.folder_button)
        layout.addWidget(self.result_frame)
        layout.addStretch(1)

        # Ctrl+Return (the main keyboard) and Ctrl+Enter (the keypad) both generate.
        self.generate_shortcuts = []
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.generate)
            self.generate_shortcuts.append(shortcut)
        self.cancel_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.cancel_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.cancel_shortcut.activated.connect(self.cancel)
        self.browse_shortcut = QShortcut(QKeySequence("Ctrl+Shift+S"), self)
        self.browse_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.browse_shortcut.activated.connect(self.on_browse_button_clicked)

        self.kind_combo.currentIndexChanged.connect(self.on_kind_combo_currentIndexChanged)
        self.selector.changed.connect(self._suggest_path)
        self.selector.first_month_changed.connect(self.on_first_month_changed)
        self.asset_edit.textChanged.connect(self._suggest_path)
        self.file_edit.textEdited.connect(self.on_file_edit_textEdited)
        self.language_combo.activated.connect(self.on_language_combo_activated)
        self.browse_button.clicked.connect(self.on_browse_button_clicked)
        self.generate_button.clicked.connect(self.generate)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self.open_report)
        self.folder_button.clicked.connect(self.show_report_folder)

        self._choices_loaded = False
        self.retranslate()
        self._update_kind()
        self._update_state()

    # --- Page ---------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Reports")

    def icon(self) -> QIcon:
        return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)

    def refresh(self) -> None:
        self.selector.load_choices()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._choices_loaded:
            self._choices_loaded = True
            self.selector.load_choices()

    def restore_settings(self, settings: Settings) -> None:
        self.selector.set_first_month(settings.fiscal_year_start_month)
        if settings.reports_period:
            self.selector.set_preset(settings.reports_period)
        index = self.kind_combo.findData(settings.reports_kind)
        if index >= 0:
            self.kind_combo.setCurrentIndex(index)
        self._suggest_path()

    def save_settings(self, settings: Settings) -> None:
        settings.reports_kind = self.kind_combo.currentData()
        if self.selector.preset() != "custom":
            settings.reports_period = self.selector.preset()

    def shutdown(self) -> None:
        self.cancel()
        self.close_dialogs()

    # --- choices ------------------------------------------------------------------------------------
    def kind(self) -> str:
        return self.kind_combo.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def language(self) -> str:
        return self.language_combo.currentData()

    def set_language(self, code: str) -> None:
        self._language_chosen = True
        self.language_combo.setCurrentIndex(self.language_combo.findData(code))

    def output_path(self) -> str:
        return self.file_edit.text().strip()

    def set_output_path(self, path: str) -> None:
        """Save the next report to ``path`` (what the file dialog does; tests and callers use it directly)."""
        self._path_chosen = True
        self.file_edit.setText(path)

    def _folder(self) -> str:
        current = self.output_path()
        if current and Path(current).expanduser().parent.is_dir():
            return str(Path(current).expanduser().parent)
        saved = self.settings.reports_folder
        if saved and Path(saved).is_dir():
            return saved
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return docs if docs and Path(docs).is_dir() else str(Path.home())

    @Slot()
    def _suggest_path(self) -> None:
        """A file name for the report in the last folder, until the person picks a file."""
        if self._path_chosen:
            # Keep the chosen folder and name, but the suffix must match the report type.
            current = self.output_path()
            suffix = KINDS[self.kind()][1]
            if current and Path(current).suffix.lower() in (".pdf", ".xlsx") and Path(current).suffix.lower() != suffix:
                self.file_edit.setText(str(Path(current).with_suffix(suffix)))
            return
        name = default_file_name(self.kind(), self.selector.period(), self.asset_edit.text())
        self.file_edit.setText(str(Path(self._folder()) / name))

    @Slot(int)
    def on_first_month_changed(self, month: int) -> None:
        self.settings.fiscal_year_start_month = month

    @Slot(str)
    def on_file_edit_textEdited(self, _text: str) -> None:  # noqa: N802
        self._path_chosen = True

    @Slot(int)
    def on_language_combo_activated(self, _index: int) -> None:
        self._language_chosen = True

    @Slot(int)
    def on_kind_combo_currentIndexChanged(self, _index: int) -> None:  # noqa: N802
        self._update_kind()

    def _update_kind(self) -> None:
        kind = self.kind()
        self.description_label.setText(_tr(DESCRIPTIONS[kind]))
        is_asset = kind == "asset"
        self.asset_label.setVisible(is_asset)
        self.asset_edit.setVisible(is_asset)
        self.selector.set_period_enabled(not is_asset)
        self.period_label.setEnabled(not is_asset)
        self._suggest_path()

    @Slot()
    def on_browse_button_clicked(self) -> None:
        suffix = KINDS[self.kind()][1]
        start = self.output_path() or str(
            Path(self._folder()) / default_file_name(self.kind(), self.selector.period(), self.asset_edit.text())
        )
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the report as"), start, _tr(FILE_FILTERS[suffix])
        )
        if path:
            if Path(path).suffix.lower() != suffix:
                path += suffix
            self.set_output_path(path)

    # --- generating ---------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._task is not None

    def request(self) -> ReportRequest:
        """The report asked for (GUI thread); raises ValidationError for a file that cannot be written."""
        kind = self.kind()
        target = check_output(self.output_path(), KINDS[kind][1])
        if kind == "asset" and not self.asset_edit.text().strip():
            raise ValidationError(self.tr("Name the asset by its tag or serial number."))
        return ReportRequest(
            kind=kind,
            path=str(target),
            language=self.language(),
            period=self.selector.period(),
            slice=self.selector.slice(),
            asset=self.asset_edit.text().strip(),
        )

    @Slot()
    def generate(self) -> None:
        """Write the chosen report on a worker (nothing happens while one is running)."""
        if self._task is not None:
            return
        try:
            request = self.request()
        except ValidationError as exc:
            self._fail(core_text(exc))
            return
        self.file_edit.setText(request.path)
        self.settings.reports_folder = str(Path(request.path).parent)
        self._stop = threading.Event()
        self._last_error = None
        self.last_report = None
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setFormat("")
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr("Writing {file}…").format(file=Path(request.path).name))
        self._task = run_task(
            generate_work,
            self.services,
            request,
            self._stop,
            on_result=self.on_generated,
            on_error=self.on_generate_failed,
            on_progress=self.on_progress,
            context=self,
            name=f"{request.kind} report",
        )
        self._update_state()

    @Slot()
    def cancel(self) -> None:
        """Stop the running report at its next check; no file is left."""
        if self._task is None or self._stop is None:
            return
        self._stop.set()
        self.cancel_button.setEnabled(False)
        self.status_label.setText(self.tr("Cancelling…"))

    def on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)
            self.progress_bar.setFormat(self.tr("%v of %m rows"))
        self.progressed.emit(done, total)

    def on_generated(self, result: str) -> None:
        self._task = None
        self._stop = None
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("")
        if result == CANCELLED:
            self.status_label.setStyleSheet("")
            self.status_label.setText(self.tr("Cancelled: no file was written."))
            self._update_state()
            self.generation_cancelled.emit()
            return
        self.last_report = result
        self.progress_bar.setValue(1)
        self.status_label.setStyleSheet(f"color: {OK_COLOUR};")
        self.status_label.setText(self.tr("✓ Saved {file}").format(file=result))
        self._update_state()
        self.status_message.emit(self.tr("Report saved to {file}").format(file=result), 10_000)
        self.generated.emit(result)

    def on_generate_failed(self, error: BaseException) -> None:
        self._task = None
        self._stop = None
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("")
        self._fail(error_text(error))

    def _fail(self, message: str) -> None:
        self._last_error = message
        self.status_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.status_label.setText(self.tr("✗ {reason}").format(reason=message))
        self._update_state()
        self._show_message(QMessageBox.Icon.Warning, self.tr("Cannot write the report"), message)
        self.generation_failed.emit(message)

    def _update_state(self) -> None:
        running = self._task is not None
        self.generate_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.form_box.setEnabled(not running)
        self.progress_bar.setVisible(running or self.last_report is not None)
        done = self.last_report is not None and not running
        self.open_button.setVisible(done)
        self.folder_button.setVisible(done)

    # --- after success ------------------------------------------------------------------------------
    @Slot()
    def open_report(self) -> None:
        if self.last_report:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.last_report))

    @Slot()
    def show_report_folder(self) -> None:
        if self.last_report:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.last_report).parent)))

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.form_box.setTitle(self.tr("Report"))
        self.kind_label.setText(self.tr("&Report:"))
        for i, key in enumerate(KINDS):
            self.kind_combo.setItemText(i, _tr(KINDS[key][0]))
        self.kind_combo.setToolTip(self.tr("Which report to write"))
        self.description_label.setText(_tr(DESCRIPTIONS[self.kind()]))
        self.asset_label.setText(self.tr("&Asset:"))
        self.asset_edit.setPlaceholderText(self.tr("Asset tag or serial number, e.g. IT-000042"))
        self.asset_edit.setToolTip(self.tr("The asset whose lifecycle the report tells"))
        self.period_label.setText(self.tr("Covering:"))
        self.language_label.setText(self.tr("&Language:"))
        self.language_combo.setToolTip(
            self.tr("The language the report is written in (the interface language unless you choose another)")
        )
        if not self._language_chosen:
            index = self.language_combo.findData(i18n.current_language())
            self.language_combo.setCurrentIndex(max(0, index))
        self.file_label.setText(self.tr("Save &as:"))
        self.file_edit.setToolTip(
            self.tr(
                "The file the report is written to; an existing file is replaced only once the new report is complete"
            )
        )
        self.browse_button.setText(self.tr("&Browse…"))
        self.browse_button.setToolTip(self.tr("Choose the file with a dialog (Ctrl+Shift+S)"))
        self.generate_button.setText(self.tr("&Generate"))
        self.generate_button.setToolTip(self.tr("Write the report in the background (Ctrl+Enter)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop writing the report; no file is left (Esc)"))
        self.open_button.setText(self.tr("&Open file"))
        self.open_button.setToolTip(self.tr("Open the report with the program your system uses for it"))
        self.folder_button.setText(self.tr("Show in &folder"))
        self.folder_button.setToolTip(self.tr("Open the folder that holds the report"))
        self.setWhatsThis(
            self.tr(
                "Write a report: the fleet lifecycle report (PDF) and the CSR workbook (Excel) cover the chosen period "
                "and slice; the asset lifecycle report covers one asset. An empty period is not an error: the report "
                "says that nothing happened in it."
            )
        )
        if self._task is None and self._last_error is None and self.last_report is None:
            self.status_label.setText(self.tr("Choose a report and press Generate (Ctrl+Enter)."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
