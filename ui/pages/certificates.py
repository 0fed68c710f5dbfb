"""The certificates page: issued certificates, issuing new ones, the organisation, and verifying PDFs.

Certificates are issued through :class:`ui.dialogs.certificate_dialog.CertificateDialog` (preview first).
Any certificate PDF, ours or one sent back by a client, can be dropped on the verification area (or
chosen with "Verify file…"): the service checks its signature, what the signature covers, the embedded
record and its hash, and whether this database issued exactly that file. Each check is listed.
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
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from itam import security
from itam.errors import ValidationError
from itam.services import Services
from itam.services.certificates import CertificateView, Issued, VerifyResult
from ui import access
from ui.dialogs.certificate_dialog import (
    BulkIssueDialog,
    BulkOutcome,
    CertificateDialog,
    OrganisationDialog,
)
from ui.dialogs.signer_dialog import SignerDialog, SignerInfo
from ui.dialogs.wipe_dialog import ERROR_COLOUR, OK_COLOUR, error_text
from ui.i18n import core_lines, core_text
from ui.models.asset_table import format_datetime
from ui.models.discovery_tables import Column, RowTableModel
from ui.pages import Page
from ui.settings import Settings
from ui.widgets import table_view
from ui.workers import TaskHandle, run_task

_CONTEXT = "CertificatesTable"
MAX_COLUMN_WIDTH = 220
#: Largest file the page reads for verification (a certificate is tens of kilobytes).
MAX_VERIFY_BYTES = 50_000_000

KIND_LABELS = {
    "sanitization": QT_TRANSLATE_NOOP("CertificatesTable", "Sanitization"),
    "destruction": QT_TRANSLATE_NOOP("CertificatesTable", "Destruction"),
}
LANGUAGE_LABELS = {
    "en": QT_TRANSLATE_NOOP("CertificatesTable", "English"),
    "zh_CN": QT_TRANSLATE_NOOP("CertificatesTable", "Chinese"),
}
#: The verifier's checks (reports.verify, itam.services.certificates) as a person reads them.
CHECK_LABELS = {
    "signature": QT_TRANSLATE_NOOP("CertificatesTable", "Signature"),
    "signer trusted": QT_TRANSLATE_NOOP("CertificatesTable", "Signer trusted"),
    "coverage": QT_TRANSLATE_NOOP("CertificatesTable", "Signature covers the file"),
    "signature padding": QT_TRANSLATE_NOOP("CertificatesTable", "Signature padding"),
    "signature container": QT_TRANSLATE_NOOP("CertificatesTable", "Signature container"),
    "record": QT_TRANSLATE_NOOP("CertificatesTable", "Embedded record"),
    "database": QT_TRANSLATE_NOOP("CertificatesTable", "Issued by this database"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


#: Characters of an unbroken run (a hash, a path) after which a line may break.
BREAK_EVERY = 16


def _breakable(text: str) -> str:
    """Let long runs such as hashes wrap: a zero-width space every BREAK_EVERY characters of a long word."""
    def split(word: str) -> str:
        if len(word) <= BREAK_EVERY * 2:
            return word
        return "\u200b".join(word[i:i + BREAK_EVERY] for i in range(0, len(word), BREAK_EVERY))

    return " ".join(split(w) for w in text.split(" "))


def _label(labels: dict[str, str], key: str | None) -> str:
    if not key:
        return ""
    label = labels.get(key)
    return _tr(label) if label else key


class CertificateTableModel(RowTableModel):
    """Issued certificates, newest first; superseded ones are greyed."""

    COLUMNS = (
        Column("number", QT_TRANSLATE_NOOP("CertificatesTable", "Number"), lambda c: c.number),
        Column("kind", QT_TRANSLATE_NOOP("CertificatesTable", "Kind"), lambda c: _label(KIND_LABELS, c.kind)),
        Column("subject", QT_TRANSLATE_NOOP("CertificatesTable", "Subject"), lambda c: c.subject),
        Column("issued", QT_TRANSLATE_NOOP("CertificatesTable", "Issued"), lambda c: format_datetime(c.issued_at),
               lambda c: c.issued_at),
        Column("by", QT_TRANSLATE_NOOP("CertificatesTable", "By"), lambda c: c.issued_by),
        Column("supersedes", QT_TRANSLATE_NOOP("CertificatesTable", "Supersedes"), lambda c: c.supersedes or ""),
        Column("superseded_by", QT_TRANSLATE_NOOP("CertificatesTable", "Superseded by"), lambda c: c.superseded_by or ""),
        Column("language", QT_TRANSLATE_NOOP("CertificatesTable", "Language"), lambda c: _label(LANGUAGE_LABELS, c.language)),
    )

    def header_label(self, section: int) -> str:
        return _tr(self.COLUMNS[section].header)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < len(self._rows):
            return QColor("#808080") if self._rows[index.row()].superseded_by else None
        return super().data(index, role)

    def tooltip(self, row: CertificateView, column: Column) -> str | None:
        if column.key == "number":
            lines = [
                QCoreApplication.translate("CertificatesTable", "Issuer: {issuer}").format(issuer=row.issuer),
                QCoreApplication.translate("CertificatesTable", "Record SHA-256: {sha}").format(sha=row.record_sha256),
                QCoreApplication.translate("CertificatesTable", "PDF SHA-256: {sha}").format(sha=row.pdf_sha256),
            ]
            return "\n".join(lines)
        if column.key == "supersedes" and row.correction_reason:
            return QCoreApplication.translate("CertificatesTable", "Reason: {reason}").format(reason=row.correction_reason)
        return super().tooltip(row, column)


# --- workers -------------------------------------------------------------------------------------------
def read_certificates(services: Services, *, progress: Any, is_cancelled: Any) -> list[CertificateView]:
    return services.certificates.list()


def verify_work(services: Services, path: str, *, progress: Any, is_cancelled: Any) -> VerifyResult:
    """Worker thread: read the file and verify it."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_VERIFY_BYTES:
            raise ValidationError(
                QCoreApplication.translate("CertificatesPage", "{file} is {mb} MB: too large to be a certificate").format(
                    file=p.name, mb=size // 1_000_000))
        data = p.read_bytes()
    except OSError as exc:
        raise ValidationError(QCoreApplication.translate("CertificatesPage", "Cannot read {file}: {reason}").format(
            file=path, reason=exc.strerror or exc)) from exc
    return services.certificates.verify(data)


def save_pdf_work(services: Services, number: str, path: str, *, progress: Any, is_cancelled: Any) -> str:
    data = services.certificates.pdf(number)
    try:
        # whole or nothing: never half a certificate under its name
        from reports.files import write_atomic

        write_atomic(path, data)
    except OSError as exc:
        raise ValidationError(QCoreApplication.translate("CertificatesPage", "{file} could not be written: {reason}").format(
            file=path, reason=exc.strerror or exc)) from exc
    return path


# --- the drop area -------------------------------------------------------------------------------------
def _pdf_paths(event: QDragEnterEvent | QDropEvent) -> list[str]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile().lower().endswith(".pdf")]


class DropArea(QFrame):
    """Accepts a dropped PDF file and says which one was dropped."""

    file_dropped = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("drop_area")
        self.setAcceptDrops(True)
        self.setMinimumHeight(110)
        self._hover = False
        self.label = QLabel(self)
        self.label.setObjectName("drop_label")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self._style()

    def _style(self) -> None:
        border = "#1565c0" if self._hover else "#9e9e9e"
        background = "#e3f2fd" if self._hover else "transparent"
        self.setStyleSheet(
            f"#drop_area {{ border: 2px dashed {border}; border-radius: 8px; background: {background}; }}"
            "#drop_label { border: none; background: transparent; }")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if _pdf_paths(event):
            event.acceptProposedAction()
            self._hover = True
            self._style()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        self._hover = False
        self._style()
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        self._hover = False
        self._style()
        paths = _pdf_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.file_dropped.emit(paths[0])


# --- the page ------------------------------------------------------------------------------------------
class CertificatesPage(Page):
    """Issued certificates; issue, save, set up the organisation, and verify certificate files."""

    key = "certificates"

    #: The list has been read again.
    certificates_refreshed = Signal()
    #: A file was verified (VerifyResult), or could not be read (None).
    verified = Signal(object)
    #: A certificate PDF was saved (its path).
    pdf_saved = Signal(str)

    def __init__(self, services: Services, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.setObjectName("certificates_page")
        self._read_task: TaskHandle | None = None
        self._verify_task: TaskHandle | None = None
        self._save_task: TaskHandle | None = None
        self._columns_restored = False
        self.last_verification: VerifyResult | None = None
        self._verified_file: str | None = None
        self._verify_failure: str | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 9, 9, 4)
        layout.addLayout(self._build_actions())
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("certificates_splitter")
        self.model = CertificateTableModel(self)
        self.table = self._build_table()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self._build_verify_panel())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("certificates_count_label")
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
            b.setObjectName(name)
            if icon is not None:
                b.setIcon(style.standardIcon(icon))
            b.clicked.connect(slot)
            row.addWidget(b)
            return b

        self.issue_sanitization_button = button("issue_sanitization_button", self.on_issue_sanitization_button_clicked,
                                                QStyle.StandardPixmap.SP_FileDialogNewFolder)
        self.issue_destruction_button = button("issue_destruction_button", self.on_issue_destruction_button_clicked,
                                               QStyle.StandardPixmap.SP_FileDialogNewFolder)
        self.bulk_issue_button = button("bulk_issue_button", self.on_bulk_issue_button_clicked,
                                        QStyle.StandardPixmap.SP_FileDialogListView)
        self.save_button = button("save_pdf_button", self.on_save_button_clicked, QStyle.StandardPixmap.SP_DialogSaveButton)
        row.addStretch(1)
        self.organisation_button = button("organisation_button", self.on_organisation_button_clicked,
                                          QStyle.StandardPixmap.SP_ComputerIcon)
        self.signer_button = button("signer_button", self.on_signer_button_clicked,
                                    QStyle.StandardPixmap.SP_DialogApplyButton)
        return row

    def _build_table(self) -> QTableView:
        view = table_view(self, self.model, "certificates_table", single=True, movable=True)
        header = view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSortIndicator(self.model.column_of("issued"), Qt.SortOrder.DescendingOrder)
        view.setSortingEnabled(True)
        view.selectionModel().selectionChanged.connect(self.on_selection_changed)
        view.activated.connect(self.on_table_activated)
        return view

    def _build_verify_panel(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(6, 0, 0, 0)
        self.verify_title = QLabel(panel)
        font = self.verify_title.font()
        font.setBold(True)
        self.verify_title.setFont(font)
        layout.addWidget(self.verify_title)
        self.drop_area = DropArea(panel)
        self.drop_area.file_dropped.connect(self.verify_file)
        layout.addWidget(self.drop_area)
        row = QHBoxLayout()
        self.verify_button = QPushButton(panel)
        self.verify_button.setObjectName("verify_button")
        self.verify_button.setIcon(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
        self.verify_button.clicked.connect(self.on_verify_button_clicked)
        row.addWidget(self.verify_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary_label = QLabel(panel)
        self.summary_label.setObjectName("verify_summary_label")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.summary_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.summary_label.setFont(font)
        layout.addWidget(self.summary_label)
        # One row per check: mark, name and the detail, which wraps (details are sentences).
        self.checks_area = QScrollArea(panel)
        self.checks_area.setObjectName("checks_area")
        self.checks_area.setWidgetResizable(True)
        self.checks_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.checks_area.setFrameShape(QFrame.Shape.StyledPanel)
        checks = QWidget(self.checks_area)
        self.checks_grid = QGridLayout(checks)
        self.checks_grid.setColumnStretch(2, 1)
        self.checks_grid.setHorizontalSpacing(10)
        self.checks_area.setWidget(checks)
        #: The rows shown: (mark, name, detail) labels.
        self.check_rows: list[tuple[QLabel, QLabel, QLabel]] = []
        layout.addWidget(self.checks_area, 1)
        self.notes_label = QLabel(panel)
        self.notes_label.setObjectName("verify_notes_label")
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.notes_label)
        return panel

    # --- Page ---------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Certificates")

    def icon(self) -> QIcon:
        return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView)

    def refresh(self) -> None:
        if self._read_task is not None:
            self._read_task.cancel()
        self._read_task = run_task(read_certificates, self.services, on_result=self.on_certificates_read,
                                   on_error=self.on_read_failed, context=self, name="read certificates")

    def restore_settings(self, settings: Settings) -> None:
        state = settings.certificates_list_header_state
        self._columns_restored = not state.isEmpty() and self.table.horizontalHeader().restoreState(state)
        splitter = settings.certificates_splitter_state
        if splitter.isEmpty() or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([660, 440])

    def save_settings(self, settings: Settings) -> None:
        settings.certificates_list_header_state = self.table.horizontalHeader().saveState()
        settings.certificates_splitter_state = self.splitter.saveState()

    def shutdown(self) -> None:
        self.close_dialogs()

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.issue_sanitization_button.setText(self.tr("Issue &sanitization certificate…"))
        self.issue_sanitization_button.setToolTip(self.tr("A certificate of data sanitization for one asset's media"))
        self.issue_destruction_button.setText(self.tr("Issue &destruction certificate…"))
        self.issue_destruction_button.setToolTip(self.tr("A certificate of destruction and recycling for a received batch"))
        self.bulk_issue_button.setText(self.tr("Issue for several &assets…"))
        self.bulk_issue_button.setToolTip(
            self.tr("Certificates of sanitization for a list of assets, saved into a folder as one PDF each"))
        self.save_button.setText(self.tr("Save &PDF…"))
        self.save_button.setToolTip(self.tr("Save the selected certificate's PDF as it was issued"))
        self.organisation_button.setText(self.tr("&Organisation…"))
        self.organisation_button.setToolTip(self.tr("The issuer printed on every certificate: name, contacts, logo"))
        self.signer_button.setText(self.tr("Si&gning certificate…"))
        self.signer_button.setToolTip(
            self.tr("The key that signs certificates: its fingerprint, importing your own, exporting the CA certificate"))
        self.verify_title.setText(self.tr("Verify a certificate"))
        self.drop_area.label.setText(self.tr("Drop a certificate PDF here to verify it"))
        self.verify_button.setText(self.tr("&Verify file…"))
        self.model.retranslate()
        self._show_count()
        self._show_verification()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("{n} certificates issued").format(n=self.model.rowCount()))

    # --- the list -----------------------------------------------------------------------------------
    def on_certificates_read(self, certificates: list[CertificateView]) -> None:
        self._read_task = None
        self.model.set_rows(certificates)
        if not self._columns_restored and certificates:
            self.table.resizeColumnsToContents()
            header = self.table.horizontalHeader()
            for section in range(header.count()):
                header.resizeSection(section, min(header.sectionSize(section), MAX_COLUMN_WIDTH))
            self._columns_restored = True
        self._show_count()
        self._update_buttons()
        self.certificates_refreshed.emit()

    def on_read_failed(self, error: BaseException) -> None:
        self._read_task = None
        self._show_message(QMessageBox.Icon.Warning, self.tr("Cannot read the certificates"), error_text(error))

    def selected_certificate(self) -> CertificateView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.selected_certificate() is not None and self._save_task is None)
        self.verify_button.setEnabled(self._verify_task is None)
        # Issuing is for ITAD operators and administrators, the organisation's profile for administrators.
        for button in (self.issue_sanitization_button, self.issue_destruction_button, self.bulk_issue_button):
            access.gate(button, self.services, security.CERTIFICATES)
        access.gate(self.organisation_button, self.services, security.SETTINGS)

    def apply_permissions(self) -> None:
        self._update_buttons()

    @Slot(QItemSelection, QItemSelection)
    def on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    @Slot(QModelIndex)
    def on_table_activated(self, _index: QModelIndex) -> None:
        self.on_save_button_clicked()

    # --- issuing ------------------------------------------------------------------------------------
    @Slot()
    def on_issue_sanitization_button_clicked(self) -> None:
        self.open_certificate_dialog("sanitization")

    @Slot()
    def on_issue_destruction_button_clicked(self) -> None:
        self.open_certificate_dialog("destruction")

    def open_certificate_dialog(self, kind: str, subject: str | None = None) -> CertificateDialog:
        dialog = CertificateDialog(self.services, kind, self.window(), subject=subject)
        dialog.issued.connect(self.on_issued)
        self._open(dialog)
        return dialog

    def on_issued(self, issued: Issued) -> None:
        self.status_message.emit(self.tr("Certificate {number} issued").format(number=issued.number), 10_000)
        self.refresh()

    @Slot()
    def on_bulk_issue_button_clicked(self) -> None:
        self.open_bulk_issue_dialog()

    def open_bulk_issue_dialog(self, assets: list[str] | None = None) -> BulkIssueDialog:
        # One at a time: the service names its temporary file by process, so two runs into one folder could
        # swap PDFs. An open one is brought to the front instead.
        for open_dialog in self.dialogs:
            if isinstance(open_dialog, BulkIssueDialog):
                open_dialog.raise_()
                open_dialog.activateWindow()
                return open_dialog
        dialog = BulkIssueDialog(self.services, self.window(), assets=assets)
        dialog.finished_run.connect(self.on_bulk_issued)
        self._open(dialog)
        return dialog

    def on_bulk_issued(self, outcome: BulkOutcome | None) -> None:
        if outcome is None:  # stopped on an error: what was issued before it is listed all the same
            self.refresh()
            return
        self.status_message.emit(self.tr("{issued} certificates issued, {skipped} assets skipped").format(
            issued=len(outcome.issued), skipped=len(outcome.skipped)), 10_000)
        self.refresh()

    @Slot()
    def on_organisation_button_clicked(self) -> None:
        self.open_organisation_dialog()

    def open_organisation_dialog(self) -> OrganisationDialog:
        dialog = OrganisationDialog(self.services, self.window())
        dialog.saved.connect(lambda profile: self.status_message.emit(
            self.tr("Organisation saved: {name}").format(name=profile.name), 8000))
        self._open(dialog)
        return dialog

    @Slot()
    def on_signer_button_clicked(self) -> None:
        self.open_signer_dialog()

    def open_signer_dialog(self) -> SignerDialog:
        dialog = SignerDialog(self.services, self.window())
        dialog.signer_changed.connect(self.on_signer_changed)
        self._open(dialog)
        return dialog

    def on_signer_changed(self, info: SignerInfo) -> None:
        self.status_message.emit(self.tr("Certificates are now signed by {subject}").format(subject=info.subject), 10_000)

    # --- saving -------------------------------------------------------------------------------------
    @Slot()
    def on_save_button_clicked(self) -> None:
        cert = self.selected_certificate()
        if cert is None or self._save_task is not None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the certificate"), f"{cert.number}.pdf", self.tr("PDF files (*.pdf)"))
        if path:
            self.save_pdf(cert.number, path)

    def save_pdf(self, number: str, path: str) -> None:
        def saved(where: str) -> None:
            self._save_task = None
            self._update_buttons()
            self.status_message.emit(self.tr("{number} saved to {file}").format(number=number, file=where), 8000)
            self.pdf_saved.emit(where)

        def failed(error: BaseException) -> None:
            self._save_task = None
            self._update_buttons()
            self._show_message(QMessageBox.Icon.Warning, self.tr("Cannot save the certificate"), error_text(error))

        self._save_task = run_task(save_pdf_work, self.services, number, path, on_result=saved, on_error=failed,
                                   context=self, name="save certificate")
        self._update_buttons()

    # --- verifying ----------------------------------------------------------------------------------
    @Slot()
    def on_verify_button_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Verify a certificate"), "", self.tr("PDF files (*.pdf);;All files (*)"))
        if path:
            self.verify_file(path)

    @Slot(str)
    def verify_file(self, path: str) -> None:
        """Verify a certificate file on a worker and list every check."""
        if self._verify_task is not None:
            self._verify_task.cancel()
        self._verified_file = path
        self._verify_failure = None
        self.last_verification = None
        self.summary_label.setStyleSheet("")
        self.summary_label.setText(self.tr("Verifying {file}…").format(file=Path(path).name))
        self._clear_checks()
        self.notes_label.clear()
        self._verify_task = run_task(verify_work, self.services, path, on_result=self.on_verified,
                                     on_error=self.on_verify_failed, context=self, name="verify certificate")
        self._update_buttons()

    def on_verified(self, result: VerifyResult) -> None:
        self._verify_task = None
        self.last_verification = result
        self._show_verification()
        self._update_buttons()
        self.verified.emit(result)

    def on_verify_failed(self, error: BaseException) -> None:
        self._verify_task = None
        self._verify_failure = error_text(error)
        self._show_verification()
        self._update_buttons()
        self.verified.emit(None)

    def _clear_checks(self) -> None:
        for row in self.check_rows:
            for label in row:
                self.checks_grid.removeWidget(label)
                label.deleteLater()
        self.check_rows = []

    def _add_check(self, ok: bool, name: str, detail: str) -> None:
        parent = self.checks_area.widget()
        colour = OK_COLOUR if ok else ERROR_COLOUR
        mark = QLabel("✓" if ok else "✗", parent)
        mark.setStyleSheet(f"color: {colour}; font-weight: bold;")
        mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        title = QLabel(name, parent)
        title.setAlignment(Qt.AlignmentFlag.AlignTop)
        if not ok:
            title.setStyleSheet(f"color: {colour};")
        text = QLabel(_breakable(detail), parent)
        text.setWordWrap(True)
        # Ignored: long hashes must not widen the panel; the label takes the width it gets and wraps.
        text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setAlignment(Qt.AlignmentFlag.AlignTop)
        row = len(self.check_rows)
        for column, label in enumerate((mark, title, text)):
            self.checks_grid.addWidget(label, row, column)
        self.check_rows.append((mark, title, text))

    def _show_verification(self) -> None:
        result = self.last_verification
        name = Path(self._verified_file).name if self._verified_file else ""
        self._clear_checks()
        if self._verify_failure is not None:
            self.summary_label.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.summary_label.setText(self.tr("✗ {file} cannot be verified: {reason}").format(
                file=name, reason=self._verify_failure))
            self.notes_label.clear()
            return
        if result is None:
            if self._verify_task is None:
                self.summary_label.setStyleSheet("")
                self.summary_label.setText(self.tr("No file verified yet."))
                self.notes_label.clear()
            return
        if result.ok:
            self.summary_label.setStyleSheet(f"color: {OK_COLOUR};")
            self.summary_label.setText(self.tr("✓ {file}: certificate {number} is genuine and unchanged").format(
                file=name, number=result.number or "?"))
        else:
            failed = sum(1 for _, ok, _ in result.checks if not ok)
            self.summary_label.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.summary_label.setText(self.tr("✗ {file} does not verify: {n} checks failed").format(
                file=name, n=failed))
        for check, ok, detail in result.checks:
            self._add_check(ok, _label(CHECK_LABELS, check), core_text(detail))
        self.checks_grid.setRowStretch(len(self.check_rows), 1)
        self.notes_label.setText(core_lines(result.notes))
