"""Issuing certificates (preview first, then issue and save) and the organisation's profile.

:class:`CertificateDialog` renders the unsigned PREVIEW on a worker (progress bar, cancel) and shows it in a
:class:`QPdfView`; the person picks the language and, for a correction, the certificate it supersedes and
why. "Issue and save…" then issues for real on a worker: one transaction in the service (number, record,
signed PDF), so a cancel or failure leaves no number consumed. :class:`BulkIssueDialog` issues certificates
of sanitization for a pasted list of assets into a folder, one transaction each, and lists the assets it
skipped with the reason. :class:`OrganisationDialog` edits the issuer printed on every certificate, with
its logo.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QEvent,
    QIODevice,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QKeyEvent, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from itam.errors import ItamError, NotFoundError, ValidationError
from itam.services import Services
from itam.services.certificates import Issued
from itam.services.organisation import OrganisationProfile
from ui import i18n
from ui.dialogs.wipe_dialog import ERROR_COLOUR, OK_COLOUR, error_text
from ui.i18n import core_text
from ui.workers import TaskHandle, call_plain, run_task

#: What a worker returns when it stopped because the person cancelled.
CANCELLED = "cancelled"
#: Milliseconds after the last change of an option before the preview is rendered again.
PREVIEW_DELAY_MS = 500
#: Batch statuses a certificate of destruction may follow.
CERTIFIABLE_BATCHES = ("received", "processed", "closed")


@dataclass(frozen=True)
class IssueOptions:
    subject: str
    language: str
    supersedes: str | None = None
    reason: str | None = None
    operator: str | None = None
    witness: str | None = None


def certificate_work(
    services: Services, kind: str, options: IssueOptions, output: str | None, dry_run: bool,
    stop: threading.Event | None = None, *, progress: Callable[[int, int], None], is_cancelled: Callable[[], bool],
) -> tuple[Issued, bytes] | str:
    """Worker thread: render the preview (``dry_run``) or issue the certificate into ``output``.

    Cancelling stops the rendering; the service then rolls back, so no number is consumed. ``stop`` is
    the cancel of a real issue: its result must still arrive when it finished before noticing.
    """

    def cancelled() -> bool:
        return is_cancelled() or (stop is not None and stop.is_set())

    common: dict[str, Any] = {
        "output": Path(output) if output else None, "language": options.language, "dry_run": dry_run,
        "progress": progress, "is_cancelled": cancelled,
    }
    if options.supersedes:
        common.update(supersedes=options.supersedes, reason=options.reason)
    try:
        if kind == "sanitization":
            return services.certificates.issue_sanitization(options.subject, **common)
        return services.certificates.issue_destruction(
            options.subject, operator=options.operator, witness=options.witness, **common)
    except Exception:
        if cancelled():
            return CANCELLED  # the renderer's "cancelled" exception, or whatever the cancel interrupted
        raise


def read_choices(services: Services, kind: str, *, progress: Any, is_cancelled: Any) -> tuple[list[str], list[tuple[str, str]]]:
    """Worker thread: the batches a destruction certificate can be for, and the certificates a correction may
    supersede ((number, subject) of those not superseded yet)."""
    batches = [b.number for b in services.custody.list() if b.status in CERTIFIABLE_BATCHES] if kind == "destruction" else []
    open_certs = [(c.number, c.subject) for c in services.certificates.list(kind=kind) if not c.superseded_by]
    return batches, open_certs


class PdfPreview(QPdfView):
    """A QPdfView over PDF bytes held in memory (a QBuffer the document reads from).

    The document is deliberately not a child of the view: Qt 6.11 crashes when a QPdfView is destroyed
    before a child QPdfDocument (the document's last signals reach the half-destroyed view). Python owns
    it; each buffer is the document's child, so a buffer never dies before the document that reads it.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = QPdfDocument()
        self.setDocument(self.document)
        self.setPageMode(QPdfView.PageMode.MultiPage)
        self.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._buffer: QBuffer | None = None

    def show_pdf(self, data: bytes) -> None:
        self.document.close()
        old = self._buffer
        buffer = QBuffer(self.document)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.document.load(buffer)
        if old is not None:
            old.close()
            old.deleteLater()

    def clear(self) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None


class CertificateDialog(QDialog):
    """Preview, then issue, a certificate of sanitization (for an asset) or of destruction (for a batch)."""

    #: A preview was shown (its PDF bytes), or could not be made (None).
    previewed = Signal(object)
    #: The certificate was issued and saved (Issued).
    issued = Signal(object)

    KINDS = ("sanitization", "destruction")

    def __init__(self, services: Services, kind: str, parent: QWidget | None = None, *, subject: str | None = None):
        super().__init__(parent)
        if kind not in self.KINDS:
            raise ValueError(kind)
        self.services = services
        self.kind = kind
        self.setObjectName("CertificateDialog")
        self.preview_pdf: bytes | None = None
        self.result: Issued | None = None
        self._previewed_options: IssueOptions | None = None
        self._preview_task: TaskHandle | None = None
        self._issue_task: TaskHandle | None = None
        self._check_task: TaskHandle | None = None
        self._blockers: list[str] = []
        self._stop = threading.Event()
        self._open_certs: list[tuple[str, str]] = []

        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(splitter, 1)

        side = QWidget(splitter)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 6, 0)
        form = QFormLayout()
        self.subject_label = QLabel(side)
        self.subject_combo = QComboBox(side)
        self.subject_combo.setObjectName("subject_combo")
        self.subject_combo.setEditable(True)
        self.subject_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if subject:
            self.subject_combo.setCurrentText(subject)
        self.subject_combo.lineEdit().returnPressed.connect(self.on_subject_entered)
        self.subject_combo.activated.connect(self.on_subject_entered)
        self.subject_label.setBuddy(self.subject_combo)
        form.addRow(self.subject_label, self.subject_combo)
        self.language_label = QLabel(side)
        self.language_combo = QComboBox(side)
        self.language_combo.setObjectName("language_combo")
        for code, name in i18n.LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(i18n.current_language())))
        self.language_combo.currentIndexChanged.connect(self.on_option_changed)
        self.language_label.setBuddy(self.language_combo)
        form.addRow(self.language_label, self.language_combo)
        self.operator_label = QLabel(side)
        self.operator_edit = QLineEdit(side)
        self.operator_edit.setObjectName("operator_edit")
        self.operator_edit.textChanged.connect(self.on_option_changed)
        self.witness_label = QLabel(side)
        self.witness_edit = QLineEdit(side)
        self.witness_edit.setObjectName("witness_edit")
        self.witness_edit.textChanged.connect(self.on_option_changed)
        self.operator_label.setBuddy(self.operator_edit)
        self.witness_label.setBuddy(self.witness_edit)
        if kind == "destruction":
            form.addRow(self.operator_label, self.operator_edit)
            form.addRow(self.witness_label, self.witness_edit)
        else:
            for widget in (self.operator_label, self.operator_edit, self.witness_label, self.witness_edit):
                widget.hide()
        side_layout.addLayout(form)

        self.correction_box = QGroupBox(side)
        self.correction_box.setObjectName("correction_box")
        self.correction_box.setCheckable(True)
        self.correction_box.setChecked(False)
        self.correction_box.toggled.connect(self.on_option_changed)
        correction = QFormLayout(self.correction_box)
        self.supersedes_label = QLabel(self.correction_box)
        self.supersedes_combo = QComboBox(self.correction_box)
        self.supersedes_combo.setObjectName("supersedes_combo")
        self.supersedes_combo.setEditable(True)
        self.supersedes_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.supersedes_combo.currentTextChanged.connect(self.on_option_changed)
        self.supersedes_label.setBuddy(self.supersedes_combo)
        correction.addRow(self.supersedes_label, self.supersedes_combo)
        self.reason_label = QLabel(self.correction_box)
        self.reason_edit = QLineEdit(self.correction_box)
        self.reason_edit.setObjectName("reason_edit")
        self.reason_edit.textChanged.connect(self.on_option_changed)
        self.reason_label.setBuddy(self.reason_edit)
        correction.addRow(self.reason_label, self.reason_edit)
        side_layout.addWidget(self.correction_box)

        self.blockers_label = QLabel(side)
        self.blockers_label.setObjectName("blockers_label")
        self.blockers_label.setWordWrap(True)
        self.blockers_label.setTextFormat(Qt.TextFormat.PlainText)
        self.blockers_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.blockers_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.blockers_label.hide()
        side_layout.addWidget(self.blockers_label)
        self.status_label = QLabel(side)
        self.status_label.setObjectName("status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        side_layout.addWidget(self.status_label)
        self.preview_button = QPushButton(side)
        self.preview_button.setObjectName("preview_button")
        self.preview_button.setAutoDefault(False)
        self.preview_button.clicked.connect(self.preview)
        side_layout.addWidget(self.preview_button)
        side_layout.addStretch(1)
        splitter.addWidget(side)

        self.pdf_view = PdfPreview(splitter)
        self.pdf_view.setObjectName("pdf_view")
        self.pdf_view.setMinimumWidth(420)
        splitter.addWidget(self.pdf_view)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([340, 560])

        bottom = QHBoxLayout()
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("progress_bar")
        self.progress_bar.setMaximumWidth(260)
        self.progress_bar.hide()
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.buttons = QDialogButtonBox(self)
        self.issue_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.issue_button.setObjectName("issue_button")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.on_issue_button_clicked)
        self.buttons.rejected.connect(self.reject)
        bottom.addWidget(self.progress_bar)
        bottom.addWidget(self.cancel_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.preview)

        self.retranslate()
        self._update_buttons()
        self.resize(1000, 700)
        run_task(read_choices, services, kind, on_result=self.on_choices_read, context=self, name="certificate choices")
        if subject:
            self.on_subject_entered()

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        if self.kind == "sanitization":
            self.setWindowTitle(self.tr("Issue a certificate of sanitization"))
            self.subject_label.setText(self.tr("&Asset:"))
            self.subject_combo.lineEdit().setPlaceholderText(self.tr("asset tag or serial number, then Enter"))
        else:
            self.setWindowTitle(self.tr("Issue a certificate of destruction"))
            self.subject_label.setText(self.tr("&Batch:"))
            self.subject_combo.lineEdit().setPlaceholderText(self.tr("a received batch's job number"))
        self.language_label.setText(self.tr("&Language:"))
        self.operator_label.setText(self.tr("&Operator:"))
        self.operator_edit.setPlaceholderText(self.tr("as recorded at receipt when empty"))
        self.witness_label.setText(self.tr("&Witness:"))
        self.witness_edit.setPlaceholderText(self.tr("as recorded at receipt when empty"))
        self.correction_box.setTitle(self.tr("This &corrects an earlier certificate"))
        self.supersedes_label.setText(self.tr("&Supersedes:"))
        self.reason_label.setText(self.tr("&Reason:"))
        self.reason_edit.setPlaceholderText(self.tr("why the earlier certificate is replaced"))
        self.preview_button.setText(self.tr("&Preview again"))
        self.issue_button.setText(self.tr("&Issue and save…"))
        self.issue_button.setToolTip(self.tr("Number, sign and record the certificate, then save the PDF"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._show_blockers()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Enter in a text box confirms that box (the subject is checked); it must neither issue nor close.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(QApplication.focusWidget(), QLineEdit):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- choices ------------------------------------------------------------------------------------
    def on_choices_read(self, choices: tuple[list[str], list[tuple[str, str]]]) -> None:
        batches, open_certs = choices
        text = self.subject_combo.currentText()
        self.subject_combo.blockSignals(True)
        self.subject_combo.clear()
        self.subject_combo.addItems(batches)
        self.subject_combo.setCurrentText(text)
        self.subject_combo.blockSignals(False)
        self._open_certs = open_certs
        self._fill_supersedes()

    def _fill_supersedes(self) -> None:
        subject = self.subject()
        current = self.supersedes_combo.currentText()
        self.supersedes_combo.blockSignals(True)
        self.supersedes_combo.clear()
        for number, of in self._open_certs:
            if not subject or of == subject:
                self.supersedes_combo.addItem(number)
        self.supersedes_combo.setCurrentText(current)
        self.supersedes_combo.blockSignals(False)

    def subject(self) -> str:
        return self.subject_combo.currentText().strip()

    def options(self) -> IssueOptions:
        correcting = self.correction_box.isChecked()
        return IssueOptions(
            subject=self.subject(), language=self.language_combo.currentData(),
            supersedes=(self.supersedes_combo.currentText().strip() or None) if correcting else None,
            reason=(self.reason_edit.text().strip() or None) if correcting else None,
            operator=self.operator_edit.text().strip() or None if self.kind == "destruction" else None,
            witness=self.witness_edit.text().strip() or None if self.kind == "destruction" else None,
        )

    @Slot()
    def on_subject_entered(self, *_args: Any) -> None:
        """A subject was typed or chosen: check it (asset blockers), then preview."""
        subject = self.subject()
        if not subject or self.result is not None:
            return
        self._fill_supersedes()
        if self.kind == "sanitization":
            if self._check_task is not None:
                self._check_task.cancel()
            self.status_label.setText(self.tr("Checking {asset}…").format(asset=subject))
            self._check_task = run_task(
                call_plain(self.services.certificates.sanitization_blockers), subject,
                on_result=lambda blockers: self.on_blockers_read(subject, blockers),
                on_error=self.on_blockers_failed, context=self, name="certificate blockers",
            )
        else:
            self.preview()

    def on_blockers_read(self, subject: str, blockers: list[str]) -> None:
        self._check_task = None
        if subject != self.subject():
            return
        self._blockers = list(blockers)
        self._show_blockers()
        if blockers:
            self.pdf_view.clear()
            self.preview_pdf = None
            self._previewed_options = None
            self.status_label.setText("")
            self._update_buttons()
            self.previewed.emit(None)
        else:
            self.preview()

    def on_blockers_failed(self, error: BaseException) -> None:
        self._check_task = None
        self._blockers = [error_text(error)]
        self._show_blockers()
        self.status_label.setText("")
        self._update_buttons()
        self.previewed.emit(None)

    def _show_blockers(self) -> None:
        if not self._blockers:
            self.blockers_label.hide()
            return
        self.blockers_label.setText(
            self.tr("No certificate can be issued yet:") + "\n" + "\n".join(f"• {b}" for b in self._blockers))
        self.blockers_label.show()

    def on_option_changed(self, *_args: Any) -> None:
        self._update_buttons()
        if self.subject() and not self._blockers and self.result is None:
            self.preview_timer.start()

    # --- preview ------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._preview_task is not None or self._issue_task is not None

    @Slot()
    def preview(self) -> bool:
        """Render the unsigned PREVIEW on a worker and show it."""
        self.preview_timer.stop()
        options = self.options()
        if not options.subject or self._issue_task is not None or self.result is not None:
            return False
        if self._preview_task is not None:
            self._preview_task.cancel()
        self._blockers = [] if self.kind == "destruction" else self._blockers
        self._show_blockers()
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr("Rendering the preview…"))
        self._start_progress()
        self._preview_task = run_task(
            certificate_work, self.services, self.kind, options, None, True,
            on_result=lambda result: self.on_preview_ready(options, result), on_error=self.on_preview_failed,
            on_progress=self.on_progress, context=self, name="certificate preview",
        )
        self._update_buttons()
        return True

    def on_preview_ready(self, options: IssueOptions, result: tuple[Issued, bytes] | str) -> None:
        self._preview_task = None
        self._end_progress()
        if result == CANCELLED:
            self.status_label.setText(self.tr("Preview cancelled."))
            self._update_buttons()
            return
        _issued, pdf = result  # type: ignore[misc]
        self.preview_pdf = pdf
        self._previewed_options = options
        self.pdf_view.show_pdf(pdf)
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr("Unsigned preview: the issued certificate gets its number and signature."))
        self._update_buttons()
        self.previewed.emit(pdf)

    def on_preview_failed(self, error: BaseException) -> None:
        self._preview_task = None
        self._end_progress()
        self.preview_pdf = None
        self._previewed_options = None
        self.pdf_view.clear()
        self.status_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.status_label.setText(error_text(error))
        self._update_buttons()
        self.previewed.emit(None)

    def on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)

    def _start_progress(self) -> None:
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)

    def _end_progress(self) -> None:
        self.progress_bar.hide()
        self.cancel_button.hide()

    # --- issuing ------------------------------------------------------------------------------------
    def can_issue(self) -> bool:
        return (not self.busy and self.result is None and self.preview_pdf is not None
                and self._previewed_options == self.options())

    def _update_buttons(self) -> None:
        self.issue_button.setEnabled(self.can_issue())
        self.preview_button.setEnabled(bool(self.subject()) and not self.busy and self.result is None and not self._blockers)
        editable = self._issue_task is None and self.result is None
        for widget in (self.subject_combo, self.language_combo, self.correction_box, self.operator_edit, self.witness_edit):
            widget.setEnabled(editable)

    def default_file_name(self) -> str:
        prefix = "sanitization" if self.kind == "sanitization" else "destruction"
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in self.subject()) or "certificate"
        return f"{prefix}-certificate-{safe}.pdf"

    @Slot()
    def on_issue_button_clicked(self) -> None:
        if not self.can_issue():
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the certificate"), self.default_file_name(), self.tr("PDF files (*.pdf)"))
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.issue_to(path)

    def issue_to(self, path: str) -> bool:
        """Issue the certificate as previewed and write it to ``path`` (on a worker)."""
        if not self.can_issue():
            return False
        self._stop.clear()
        options = self._previewed_options
        self.status_label.setStyleSheet("")
        self.status_label.setText(self.tr("Issuing and signing…"))
        self._start_progress()
        self._issue_task = run_task(
            certificate_work, self.services, self.kind, options, path, False, self._stop,
            on_result=lambda result: self.on_issued(path, result), on_error=self.on_issue_failed,
            on_progress=self.on_progress, context=self, name="issue certificate",
        )
        self._update_buttons()
        return True

    def on_issued(self, path: str, result: tuple[Issued, bytes] | str) -> None:
        self._issue_task = None
        self._end_progress()
        if result == CANCELLED:
            self.status_label.setText(self.tr("Cancelled: no certificate was issued."))
            self._update_buttons()
            return
        issued, pdf = result  # type: ignore[misc]
        self.result = issued
        self.pdf_view.show_pdf(pdf)
        self.status_label.setStyleSheet(f"color: {OK_COLOUR};")
        self.status_label.setText(self.tr("Certificate {number} issued and saved to {file}").format(
            number=issued.number, file=path))
        self._update_buttons()
        self.issued.emit(issued)

    def on_issue_failed(self, error: BaseException) -> None:
        self._issue_task = None
        self._end_progress()
        self.status_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.status_label.setText(self.tr("Nothing was issued:") + " " + error_text(error))
        self._update_buttons()

    @Slot()
    def cancel(self) -> None:
        """Stop the preview, or the issue while it renders (the service then records nothing)."""
        if self._preview_task is not None:
            self._preview_task.cancel()
            self._preview_task = None
            self._end_progress()
            self.status_label.setText(self.tr("Preview cancelled."))
        if self._issue_task is not None:
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling…"))
        self._update_buttons()

    def reject(self) -> None:
        if self._issue_task is not None:
            self.cancel()  # its outcome must still be seen: close once it has come
            return
        if self._preview_task is not None:
            self._preview_task.cancel()
            self._preview_task = None
        if self._check_task is not None:
            self._check_task.cancel()
        self.preview_timer.stop()
        super().reject()


# --- several assets at once ---------------------------------------------------------------------------
@dataclass
class BulkOutcome:
    """What a run of :func:`bulk_issue_work` did, in the order the assets were listed."""

    directory: str
    #: (the asset as listed, its certificate).
    issued: list[tuple[str, Issued]]
    #: (the asset as listed, why no certificate was issued).
    skipped: list[tuple[str, str]]
    #: Assets the run did not reach because it was cancelled.
    not_reached: list[str]

    @property
    def cancelled(self) -> bool:
        return bool(self.not_reached)


def bulk_issue_work(
    services: Services, refs: list[str], directory: str, language: str, stop: threading.Event,
    *, progress: Callable[[int, int], None], is_cancelled: Callable[[], bool],
) -> BulkOutcome:
    """Worker thread: a certificate of sanitization per asset into ``directory`` (``<number>.pdf``).

    Assets that are not in the inventory are set aside first (the service's run stops at the first one
    otherwise); the service then issues each of the others in its own transaction and skips those that
    cannot be certified, with the reason. ``stop`` ends the run between two certificates, so every
    certificate issued has its PDF in the folder.
    """

    def cancelled() -> bool:
        return is_cancelled() or stop.is_set()

    try:
        Path(directory).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ValidationError(QCoreApplication.translate("BulkIssueDialog", "The folder {folder} cannot be used: {reason}").format(
            folder=directory, reason=exc.strerror or exc)) from exc
    total = len(refs)
    reasons: dict[str, str] = {}
    known: list[str] = []
    checked = 0
    for ref in refs:
        if cancelled():
            break
        try:
            services.certificates.sanitization_blockers(ref)
        except (NotFoundError, ValidationError) as exc:  # not in the inventory, or names several assets
            reasons[ref] = core_text(exc)
        else:
            known.append(ref)
        checked += 1
    issued: list[Issued] = []
    skipped: list[tuple[str, str]] = []
    if checked == total and known and not cancelled():
        offset = len(reasons)
        progress(offset, total)
        issued, skipped = services.certificates.issue_sanitization_many(
            known, Path(directory), language=language, is_cancelled=cancelled,
            progress=lambda done, _known: progress(offset + done, total))
    # The service lists what it issued in order, without the asset: the skipped ones tell them apart.
    skipped_reasons = dict(skipped)
    numbers = iter(issued)
    outcome_of: dict[str, Issued | str] = {}
    for ref in known[:len(issued) + len(skipped)]:
        outcome_of[ref] = skipped_reasons[ref] if ref in skipped_reasons else next(numbers)
    outcome = BulkOutcome(directory, [], [], [])
    for ref in refs:
        if ref in reasons:
            outcome.skipped.append((ref, reasons[ref]))
        elif ref in outcome_of:
            done = outcome_of[ref]
            if isinstance(done, str):
                outcome.skipped.append((ref, done))
            else:
                outcome.issued.append((ref, done))
        else:
            outcome.not_reached.append(ref)
    return outcome


class BulkIssueDialog(QDialog):
    """Certificates of sanitization for several assets at once, saved into a folder as ``<number>.pdf``."""

    #: A run ended (BulkOutcome), also a cancelled one; None when it stopped on an error (some
    #: certificates may have been issued before it).
    finished_run = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None, *, assets: list[str] | None = None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("BulkIssueDialog")
        self.result: BulkOutcome | None = None
        self.failure: str | None = None
        self._task: TaskHandle | None = None
        self._stop = threading.Event()
        #: The list the last run was for: issuing it again would certify the same assets twice.
        self._last_refs: list[str] | None = None

        layout = QVBoxLayout(self)
        self.assets_label = QLabel(self)
        self.assets_edit = QPlainTextEdit(self)
        self.assets_edit.setObjectName("assets_edit")
        self.assets_edit.setMinimumHeight(self.fontMetrics().height() * 6 + 12)
        if assets:
            self.assets_edit.setPlainText("\n".join(assets))
        self.assets_edit.textChanged.connect(self._update_buttons)
        self.assets_label.setBuddy(self.assets_edit)
        layout.addWidget(self.assets_label)
        layout.addWidget(self.assets_edit, 1)
        form = QFormLayout()
        self.folder_label = QLabel(self)
        folder_row = QHBoxLayout()
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("folder_edit")
        self.folder_edit.textChanged.connect(self._update_buttons)
        self.choose_folder_button = QPushButton(self)
        self.choose_folder_button.setObjectName("choose_folder_button")
        self.choose_folder_button.setAutoDefault(False)
        self.choose_folder_button.clicked.connect(self.on_choose_folder_button_clicked)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_folder_button)
        self.folder_label.setBuddy(self.folder_edit)
        form.addRow(self.folder_label, folder_row)
        self.language_label = QLabel(self)
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("language_combo")
        for code, name in i18n.LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(i18n.current_language())))
        self.language_label.setBuddy(self.language_combo)
        form.addRow(self.language_label, self.language_combo)
        layout.addLayout(form)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("hint_label")
        self.hint_label.setWordWrap(True)
        layout.addWidget(self.hint_label)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label.hide()
        layout.addWidget(self.summary_label)
        self.result_tree = QTreeWidget(self)
        self.result_tree.setObjectName("result_tree")
        self.result_tree.setColumnCount(2)
        self.result_tree.setRootIsDecorated(True)
        self.result_tree.setUniformRowHeights(True)
        self.result_tree.setAlternatingRowColors(True)
        self.result_tree.setWordWrap(False)
        self.result_tree.hide()  # until a run has something to list
        layout.addWidget(self.result_tree, 2)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        layout.addWidget(self.error_label)

        bottom = QHBoxLayout()
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("progress_bar")
        self.progress_bar.setMinimumWidth(200)
        self.progress_bar.setMaximumWidth(260)
        self.progress_bar.hide()
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.buttons = QDialogButtonBox(self)
        self.issue_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.issue_button.setObjectName("issue_button")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.on_issue_button_clicked)
        self.buttons.rejected.connect(self.reject)
        bottom.addWidget(self.progress_bar)
        bottom.addWidget(self.cancel_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self.retranslate()
        self._update_buttons()
        self.resize(700, 560)

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Issue certificates for several assets"))
        self.assets_label.setText(self.tr("&Assets: asset tags or serial numbers, one per line"))
        self.assets_edit.setPlaceholderText(self.tr("IT-000101\nIT-000102\nPF2ABCD1"))
        self.folder_label.setText(self.tr("&Folder:"))
        self.folder_edit.setPlaceholderText(self.tr("where the PDF files are saved"))
        self.choose_folder_button.setText(self.tr("C&hoose…"))
        self.language_label.setText(self.tr("&Language:"))
        self.hint_label.setText(self.tr(
            "Each asset gets a certificate of sanitization of its own, signed and saved as <number>.pdf in the "
            "folder. Assets that cannot be certified yet are skipped and listed with the reason."))
        self.result_tree.setHeaderLabels([self.tr("Asset"), self.tr("Certificate or reason")])
        self.issue_button.setText(self.tr("&Issue"))
        self.issue_button.setToolTip(self.tr("Number, sign and record a certificate for each listed asset"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.progress_bar.setFormat(self.tr("%v of %m"))
        self._show_result()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Enter in the folder box must not issue: issuing is a deliberate click.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(QApplication.focusWidget(), QLineEdit):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- choices ------------------------------------------------------------------------------------
    def asset_refs(self) -> list[str]:
        """The listed assets, each once, in order."""
        refs = (line.strip() for line in self.assets_edit.toPlainText().splitlines())
        return list(dict.fromkeys(ref for ref in refs if ref))

    def folder(self) -> str:
        return self.folder_edit.text().strip()

    @Slot()
    def on_choose_folder_button_clicked(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the certificates"), self.folder())
        if path:
            self.folder_edit.setText(path)

    @property
    def busy(self) -> bool:
        return self._task is not None

    def can_issue(self) -> bool:
        refs = self.asset_refs()
        return not self.busy and bool(refs) and bool(self.folder()) and refs != self._last_refs

    def _update_buttons(self) -> None:
        self.issue_button.setEnabled(self.can_issue())
        editable = not self.busy
        for widget in (self.assets_edit, self.folder_edit, self.choose_folder_button, self.language_combo):
            widget.setEnabled(editable)

    # --- issuing ------------------------------------------------------------------------------------
    @Slot()
    def on_issue_button_clicked(self) -> None:
        self.issue()

    def issue(self) -> bool:
        """Issue for every listed asset (on a worker), with progress and Cancel."""
        if not self.can_issue():
            return False
        refs = self.asset_refs()
        self._stop.clear()
        self._last_refs = refs
        self.result = None
        self.failure = None
        self.progress_bar.setRange(0, len(refs))
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self._set_summary(self.tr("Issuing {n} certificates…").format(n=len(refs)))
        self.result_tree.clear()
        self.result_tree.hide()
        self.error_label.hide()
        self._task = run_task(
            bulk_issue_work, self.services, refs, self.folder(), self.language_combo.currentData(), self._stop,
            on_result=self.on_finished, on_error=self.on_failed, on_progress=self.on_progress, context=self,
            name="issue certificates",
        )
        self._update_buttons()
        return True

    def on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        if not self._stop.is_set():
            self._set_summary(self.tr("Issuing… {done} of {total} assets done").format(done=done, total=total))

    def _end_progress(self) -> None:
        self.progress_bar.hide()
        self.cancel_button.hide()

    def on_finished(self, outcome: BulkOutcome) -> None:
        self._task = None
        self._end_progress()
        self.result = outcome
        if outcome.cancelled:
            # What was not reached stays in the list, so that Issue goes on with it.
            self._last_refs = None
            self.assets_edit.setPlainText("\n".join(outcome.not_reached))
        self._show_result()
        self._update_buttons()
        self.finished_run.emit(outcome)

    def on_failed(self, error: BaseException) -> None:
        self._task = None
        self._end_progress()
        self.failure = error_text(error)
        self._last_refs = None
        self._show_result()
        self._update_buttons()
        self.finished_run.emit(None)

    @Slot()
    def cancel(self) -> None:
        """Stop after the certificate being signed: every certificate issued so far is whole."""
        if self._task is None:
            return
        self._stop.set()
        self.cancel_button.setEnabled(False)
        self._set_summary(self.tr("Cancelling… the certificate being signed is finished first."))

    def reject(self) -> None:
        if self._task is not None:
            self.cancel()  # its outcome must still be seen: close once it has come
            return
        super().reject()

    def _set_summary(self, text: str) -> None:
        self.summary_label.setText(text)
        self.summary_label.setVisible(bool(text))

    def _show_result(self) -> None:
        tree = self.result_tree
        tree.clear()
        tree.setVisible(self.result is not None and self.failure is None)
        if self.failure is not None:
            self._set_summary(self.tr(
                "The run stopped. Any certificate issued before the problem is in the folder and in the list."))
            self.error_label.setText(self.failure)
            self.error_label.show()
            return
        self.error_label.hide()
        outcome = self.result
        if outcome is None:
            if not self.busy:
                self._set_summary("")
            return
        text = self.tr("{issued} certificates issued into {folder}; {skipped} assets skipped.").format(
            issued=len(outcome.issued), folder=outcome.directory, skipped=len(outcome.skipped))
        if outcome.cancelled:
            text = self.tr("Cancelled: {n} assets were not reached; they are left in the list.").format(
                n=len(outcome.not_reached)) + " " + text
        self._set_summary(text)
        groups = (
            (self.tr("Issued ({n})"), [(ref, c.number, str(c.path), None) for ref, c in outcome.issued]),
            (self.tr("Skipped ({n})"), [(ref, reason, reason, ERROR_COLOUR) for ref, reason in outcome.skipped]),
            (self.tr("Not reached ({n})"), [(ref, "", "", None) for ref in outcome.not_reached]),
        )
        for title, rows in groups:
            if not rows:
                continue
            group = QTreeWidgetItem([title.format(n=len(rows))])
            tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            for ref, detail, tip, colour in rows:
                item = QTreeWidgetItem([ref, detail])
                item.setToolTip(1, tip)
                if colour:
                    item.setForeground(1, QColor(colour))
                group.addChild(item)
        tree.expandAll()
        tree.resizeColumnToContents(0)
        tree.setColumnWidth(0, min(max(tree.columnWidth(0), 120), 220))


# --- the organisation ---------------------------------------------------------------------------------
def show_logo(preview: QLabel, logo: bytes | None) -> None:
    """The organisation's logo scaled into ``preview``, or why there is none to show."""
    pixmap = QPixmap()
    if logo and pixmap.loadFromData(logo):
        preview.setPixmap(pixmap.scaled(preview.contentsRect().size(), Qt.AspectRatioMode.KeepAspectRatio,
                                        Qt.TransformationMode.SmoothTransformation))
    else:
        preview.setPixmap(QPixmap())
        preview.setText(QCoreApplication.translate("OrganisationDialog", "No logo") if not logo
                        else QCoreApplication.translate("OrganisationDialog", "Not an image"))


class OrganisationDialog(QDialog):
    """The issuing organisation printed on every certificate: name, contacts, registration number, logo."""

    saved = Signal(object)  # OrganisationProfile

    LOGO_SIZE = 96

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("OrganisationDialog")
        self._task: TaskHandle | None = None
        self.logo: bytes | None = None
        self._logo_changed = False
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        for key in ("name", "address", "phone", "email", "registration_no", "website"):
            edit: QLineEdit | QPlainTextEdit
            if key == "address":
                edit = QPlainTextEdit(self)
                edit.setFixedHeight(self.fontMetrics().height() * 3 + 12)
            else:
                edit = QLineEdit(self)
            edit.setObjectName(f"{key}_edit")
            label = QLabel(self)
            label.setBuddy(edit)
            self.labels[key] = label
            self.edits[key] = edit
            form.addRow(label, edit)
        self.logo_label = QLabel(self)
        logo_row = QHBoxLayout()
        self.logo_preview = QLabel(self)
        self.logo_preview.setObjectName("logo_preview")
        self.logo_preview.setFixedSize(self.LOGO_SIZE * 2, self.LOGO_SIZE)
        self.logo_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QVBoxLayout()
        self.choose_logo_button = QPushButton(self)
        self.choose_logo_button.setObjectName("choose_logo_button")
        self.choose_logo_button.setAutoDefault(False)
        self.choose_logo_button.clicked.connect(self.on_choose_logo_button_clicked)
        self.remove_logo_button = QPushButton(self)
        self.remove_logo_button.setObjectName("remove_logo_button")
        self.remove_logo_button.setAutoDefault(False)
        self.remove_logo_button.clicked.connect(self.remove_logo)
        buttons.addWidget(self.choose_logo_button)
        buttons.addWidget(self.remove_logo_button)
        buttons.addStretch(1)
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(buttons)
        logo_row.addStretch(1)
        form.addRow(self.logo_label, logo_row)
        layout.addLayout(form)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(520, 440)
        run_task(call_plain(services.organisation.get), on_result=self.on_profile_read, on_error=self.on_failed,
                 context=self, name="read organisation")

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Organisation"))
        texts = {
            "name": self.tr("&Name:"), "address": self.tr("&Address:"), "phone": self.tr("&Phone:"),
            "email": self.tr("&E-mail:"), "registration_no": self.tr("&Registration no.:"), "website": self.tr("&Website:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.edits["name"].setPlaceholderText(self.tr("printed on every certificate; required"))
        self.logo_label.setText(self.tr("Logo:"))
        self.choose_logo_button.setText(self.tr("&Choose logo…"))
        self.choose_logo_button.setToolTip(self.tr("A PNG or JPEG image of at most 2 MB"))
        self.remove_logo_button.setText(self.tr("Re&move logo"))
        self._show_logo()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def on_profile_read(self, profile: OrganisationProfile) -> None:
        for key, edit in self.edits.items():
            value = getattr(profile, key) or ""
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(value)
            else:
                edit.setText(value)
        self.logo = profile.logo
        self._logo_changed = False
        self._show_logo()

    def on_failed(self, error: BaseException) -> None:
        self.error_label.setText(error_text(error))
        self.error_label.show()

    def _show_logo(self) -> None:
        show_logo(self.logo_preview, self.logo)
        self.remove_logo_button.setEnabled(bool(self.logo))

    @Slot()
    def on_choose_logo_button_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the logo"), "", self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.set_logo_file(path)

    def set_logo_file(self, path: str) -> bool:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.on_failed(ItamError(self.tr("Cannot read {file}: {reason}").format(file=path, reason=exc.strerror or exc)))
            return False
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            self.on_failed(ItamError(self.tr("{file} is not a PNG or JPEG image").format(file=Path(path).name)))
            return False
        self.error_label.hide()
        self.logo = data
        self._logo_changed = True
        self._show_logo()
        return True

    @Slot()
    def remove_logo(self) -> None:
        self.logo = None
        self._logo_changed = True
        self._show_logo()

    def values(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for key, edit in self.edits.items():
            text = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
            out[key] = text.strip() or None
        return out

    @Slot()
    def save(self) -> bool:
        if self._task is not None:
            return False
        kwargs: dict[str, Any] = self.values()
        if self._logo_changed:
            if self.logo is None:
                kwargs["remove_logo"] = True
            else:
                kwargs["logo"] = self.logo
        self.error_label.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        # A partial: "name" is one of the profile's fields and also run_task's own keyword.
        update = partial(self.services.organisation.update, **kwargs)
        self._task = run_task(call_plain(update), on_result=self.on_saved, on_error=self.on_save_failed, context=self,
                              name="save organisation")
        return True

    def on_saved(self, profile: OrganisationProfile) -> None:
        self._task = None
        self.saved.emit(profile)
        self.accept()

    def on_save_failed(self, error: BaseException) -> None:
        self._task = None
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        self.on_failed(error)
