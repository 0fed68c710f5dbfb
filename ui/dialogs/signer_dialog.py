"""The certificate signing key: what it is, where it is kept, and replacing or exporting it.

:class:`SignerDialog` shows the signing certificate that signs every issued certificate (subject, issuer,
SHA-256 fingerprint, valid-until date) and the folder that keeps it. It can make a PKCS#12 file (.p12/.pfx,
from a public or company CA) the signer, export the CA certificate that clients add to their PDF reader's
trusted certificates, and deliberately create a new local key and CA. Replaced files stay in the folder,
renamed, so certificates signed before still verify (``reports.signing``).

Every step runs on the task pool. The dialog holds no key material: the workers hand back a
:class:`SignerInfo` of public facts only, and the PKCS#12 password goes to the worker and is cleared from
its field at once; neither is ever shown or logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from itam import security
from itam.errors import ConfigurationError, ValidationError
from itam.services import Services
from ui import access
from ui.dialogs.wipe_dialog import ERROR_COLOUR, OK_COLOUR, error_text
from ui.workers import TaskHandle, run_task

#: Bytes of a fingerprint per line as shown (32 bytes of SHA-256: two lines).
FINGERPRINT_BYTES_PER_LINE = 16


@dataclass(frozen=True)
class SignerInfo:
    """Public facts about the signer (never its key). ``exists`` is false until the first issue makes one."""

    directory: str
    exists: bool
    subject: str = ""
    issuer: str = ""
    fingerprint: str = ""  # SHA-256 of the signing certificate (DER), lowercase hex
    not_after: datetime | None = None
    #: The top of the signer's chain as PEM: what a PDF reader is told to trust.
    ca_pem: bytes = b""
    ca_subject: str = ""


def format_fingerprint(fingerprint: str) -> str:
    """``ab12…`` as ``AB:12:…``, sixteen bytes a line."""
    pairs = [fingerprint[i:i + 2].upper() for i in range(0, len(fingerprint), 2)]
    return "\n".join(":".join(pairs[i:i + FINGERPRINT_BYTES_PER_LINE])
                     for i in range(0, len(pairs), FINGERPRINT_BYTES_PER_LINE))


def _info(signer: Any, directory: Path) -> SignerInfo:
    """What the dialog may know of a ``reports.signing.Signer``: no key."""
    from cryptography.hazmat.primitives import serialization

    root = signer.roots[0]
    return SignerInfo(
        directory=str(signer.directory or directory), exists=True, subject=signer.subject,
        issuer=signer.certificate.issuer.rfc4514_string(), fingerprint=signer.fingerprint, not_after=signer.not_after,
        ca_pem=root.public_bytes(serialization.Encoding.PEM), ca_subject=root.subject.rfc4514_string(),
    )


# --- workers -------------------------------------------------------------------------------------------
def read_signer(services: Services, *, progress: Any, is_cancelled: Any) -> SignerInfo:
    """Worker thread: the current signer, without making one (the first issue does that)."""
    from reports.signing import CERT_FILE, load_or_create_signer, signing_dir

    directory = signing_dir()
    if not (directory / CERT_FILE).exists():
        if services.certificates.list(limit=1):
            services.certificates.signer()  # certificates were signed, so it is lost: this says how to go on
        return SignerInfo(directory=str(directory), exists=False)
    org = services.organisation.get()
    if org.complete:
        signer = services.certificates.signer(org)
    else:  # the key is there but the organisation is not set yet: show it all the same
        signer = load_or_create_signer(org.name or "", create=False)
    return _info(signer, directory)


def import_work(services: Services, path: str, password: str, *, progress: Any, is_cancelled: Any) -> SignerInfo:
    """Worker thread: make the PKCS#12 file's key and certificates the signer (administrators)."""
    from reports.signing import signing_dir

    signer = services.certificates.import_signer(Path(path), password or None)
    return _info(signer, signing_dir())


def create_work(services: Services, *, progress: Any, is_cancelled: Any) -> SignerInfo:
    """Worker thread: a new local CA and signing key, replacing the current ones (kept, renamed)."""
    from reports.signing import signing_dir

    org = services.organisation.get()
    if not org.complete:
        raise ConfigurationError(QCoreApplication.translate(
            "SignerDialog", "Set the organisation's name first (Organisation…): the new CA and signing certificate carry it."))
    return _info(services.certificates.new_signer(org.name), signing_dir())


def export_work(data: bytes, path: str, *, progress: Any, is_cancelled: Any) -> str:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise ValidationError(QCoreApplication.translate("SignerDialog", "{file} could not be written: {reason}").format(
            file=path, reason=exc.strerror or exc)) from exc
    return path


class SignerDialog(QDialog):
    """The signing certificate: shown, imported from PKCS#12, exported as a CA certificate, or replaced."""

    #: The signer was read (SignerInfo), or could not be (None; the reason is shown).
    loaded = Signal(object)
    #: A PKCS#12 file was imported or a new key created (the new SignerInfo).
    signer_changed = Signal(object)
    #: The CA certificate was saved (its path).
    exported = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("SignerDialog")
        self.info: SignerInfo | None = None
        self.failure: str | None = None
        #: The PKCS#12 file chosen for import (the password is asked for next).
        self.import_path: str | None = None
        self.confirm_box: QMessageBox | None = None
        self._task: TaskHandle | None = None
        #: The running task replaces the key (an import or a new key): it finishes whole, and is seen.
        self._replacing = False
        self._status: tuple[str, str] | None = None  # (text, colour) of the last action's outcome

        layout = QVBoxLayout(self)
        self.certificate_box = QGroupBox(self)
        self.certificate_box.setObjectName("certificate_box")
        form = QFormLayout(self.certificate_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form = form
        self.state_label = self._value(self.certificate_box, "state_label")
        form.addRow(self.state_label)
        self.row_labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key in ("subject", "issuer", "fingerprint", "not_after", "directory"):
            label = QLabel(self.certificate_box)
            value = self._value(self.certificate_box, f"{key}_label")
            self.row_labels[key] = label
            self.values[key] = value
            form.addRow(label, value)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.values["fingerprint"].setFont(fixed)
        self.values["fingerprint"].setWordWrap(False)
        self.backup_label = self._value(self.certificate_box, "backup_label")
        form.addRow(self.backup_label)
        layout.addWidget(self.certificate_box)

        # Importing: the file, then its password.
        self.import_box = QGroupBox(self)
        self.import_box.setObjectName("import_box")
        import_form = QFormLayout(self.import_box)
        self.file_row_label = QLabel(self.import_box)
        self.file_label = self._value(self.import_box, "import_file_label")
        import_form.addRow(self.file_row_label, self.file_label)
        self.password_label = QLabel(self.import_box)
        self.password_edit = QLineEdit(self.import_box)
        self.password_edit.setObjectName("password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.on_import_now_button_clicked)
        self.password_label.setBuddy(self.password_edit)
        import_form.addRow(self.password_label, self.password_edit)
        self.import_note_label = self._value(self.import_box, "import_note_label")
        import_form.addRow(self.import_note_label)
        import_buttons = QHBoxLayout()
        import_buttons.addStretch(1)
        self.import_now_button = QPushButton(self.import_box)
        self.import_now_button.setObjectName("import_now_button")
        self.import_now_button.setAutoDefault(False)
        self.import_now_button.clicked.connect(self.on_import_now_button_clicked)
        self.import_cancel_button = QPushButton(self.import_box)
        self.import_cancel_button.setObjectName("import_cancel_button")
        self.import_cancel_button.setAutoDefault(False)
        self.import_cancel_button.clicked.connect(self.close_import)
        import_buttons.addWidget(self.import_now_button)
        import_buttons.addWidget(self.import_cancel_button)
        import_form.addRow(import_buttons)
        self.import_box.hide()
        layout.addWidget(self.import_box)

        self.error_label = self._value(self, "error_label")
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.status_label = self._value(self, "status_label")
        self.status_label.hide()
        layout.addWidget(self.status_label)
        layout.addStretch(1)

        actions = QHBoxLayout()
        self.import_button = self._button("import_button", self.on_import_button_clicked)
        self.export_button = self._button("export_button", self.on_export_button_clicked)
        self.new_key_button = self._button("new_key_button", self.on_new_key_button_clicked)
        for button in (self.import_button, self.export_button, self.new_key_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)

        bottom = QHBoxLayout()
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("progress_bar")
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        bottom.addWidget(self.progress_bar)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self.retranslate()
        self._update_buttons()
        self.resize(720, 440)
        self.refresh()

    def _value(self, parent: QWidget, name: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _button(self, name: str, slot: Any) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Signing certificate"))
        self.certificate_box.setTitle(self.tr("The certificate that signs every issued certificate"))
        texts = {
            "subject": self.tr("Subject:"), "issuer": self.tr("Issued by:"), "fingerprint": self.tr("SHA-256 fingerprint:"),
            "not_after": self.tr("Valid until:"), "directory": self.tr("Kept in:"),
        }
        for key, text in texts.items():
            self.row_labels[key].setText(text)
        self.import_box.setTitle(self.tr("Import a PKCS#12 file"))
        self.file_row_label.setText(self.tr("File:"))
        self.password_label.setText(self.tr("&Password:"))
        self.password_edit.setPlaceholderText(self.tr("the password the file was exported with"))
        self.import_note_label.setText(self.tr(
            "The file's key and certificate sign every certificate issued from now on. The current key is kept in the "
            "folder, renamed: certificates signed with it still verify."))
        self.import_now_button.setText(self.tr("&Import"))
        self.import_cancel_button.setText(self.tr("Cancel"))
        self.import_button.setText(self.tr("Import P&KCS#12…"))
        self.import_button.setToolTip(self.tr("Sign with your own certificate from a public or company CA (.p12, .pfx)"))
        self.export_button.setText(self.tr("&Export CA certificate…"))
        self.export_button.setToolTip(self.tr(
            "Save the CA certificate (PEM) for clients to add to their PDF reader's trusted certificates"))
        self.new_key_button.setText(self.tr("Create &new key…"))
        self.new_key_button.setToolTip(self.tr("Replace the signing key and its local CA with new ones"))
        self._show_info()
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Enter in the password field imports (its returnPressed); it must not also close the dialog.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(QApplication.focusWidget(), QLineEdit):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- showing ------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._task is not None

    def _update_buttons(self) -> None:
        busy = self.busy
        self.progress_bar.setVisible(busy)
        # Replacing the signing key is for administrators (greyed out, saying so, for other roles).
        access.gate(self.import_button, self.services, security.SETTINGS, not busy)
        self.export_button.setEnabled(not busy and self.info is not None and self.info.exists)
        access.gate(self.new_key_button, self.services, security.SETTINGS, not busy)
        access.gate(self.import_now_button, self.services, security.SETTINGS, not busy and self.import_path is not None)
        self.import_cancel_button.setEnabled(not busy)
        self.password_edit.setEnabled(not busy)

    def _show_info(self) -> None:
        info = self.info
        known = info is not None and info.exists
        for key in ("subject", "issuer", "fingerprint", "not_after"):
            self.row_labels[key].setVisible(known)
            self.values[key].setVisible(known)
        self.backup_label.setVisible(known)
        if info is None:
            self.state_label.setText(self.tr("Reading the signing certificate…") if self.failure is None else "")
            self.state_label.setVisible(self.failure is None)
            self.values["directory"].setText("")
            return
        self.values["directory"].setText(info.directory)
        if not info.exists:
            self.state_label.setText(self.tr(
                "There is no signing key yet: one is created, with a local CA, when the first certificate is issued. "
                "To sign with your own certificate instead, import it now."))
            self.state_label.show()
            return
        self.state_label.hide()
        self.values["subject"].setText(info.subject)
        self.values["issuer"].setText(info.issuer)
        self.values["fingerprint"].setText(format_fingerprint(info.fingerprint))
        self.values["not_after"].setText(f"{info.not_after:%Y-%m-%d}" if info.not_after else "")
        self.backup_label.setText(self.tr(
            "Back this folder up: without it no new certificate can be signed (issued ones still verify)."))

    def _show_status(self) -> None:
        if self._status is None:
            self.status_label.hide()
            return
        text, colour = self._status
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {colour};" if colour else "")
        self.status_label.show()

    def _set_status(self, text: str, colour: str = "") -> None:
        self._status = (text, colour)
        self._show_status()
        self._fit_height()

    def _show_error(self, text: str | None) -> None:
        if text:
            self.error_label.setText(text)
            self.error_label.show()
            self._fit_height()
        else:
            self.error_label.hide()

    # --- reading ------------------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Read the signer again (on a worker)."""
        if self._task is not None:
            return
        self._task = run_task(read_signer, self.services, on_result=self.on_read, on_error=self.on_read_failed,
                              context=self, name="read signer")
        self._update_buttons()

    def on_read(self, info: SignerInfo) -> None:
        self._task = None
        self.info = info
        self.failure = None
        self._show_info()
        self._update_buttons()
        self.loaded.emit(info)

    def on_read_failed(self, error: BaseException) -> None:
        self._task = None
        self.info = None
        self.failure = error_text(error)
        self._show_info()
        self._show_error(self.tr("The signing certificate cannot be read:") + " " + self.failure)
        self._update_buttons()
        self.loaded.emit(None)

    # --- importing ----------------------------------------------------------------------------------
    @Slot()
    def on_import_button_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import a PKCS#12 file"), "", self.tr("PKCS#12 files (*.p12 *.pfx);;All files (*)"))
        if path:
            self.choose_file(path)

    def choose_file(self, path: str) -> None:
        """Ask for the password of the chosen PKCS#12 file."""
        self.import_path = path
        self.file_label.setText(path)
        self.password_edit.clear()
        self._show_error(None)
        self.import_box.show()
        self._fit_height()
        self.password_edit.setFocus()
        self._update_buttons()

    def _fit_height(self) -> None:
        """Grow to show what was added (the import box, an error) rather than squeeze the rows."""
        layout = self.layout()
        layout.activate()
        wanted = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else self.sizeHint().height()
        if wanted > self.height():
            self.resize(self.width(), wanted)

    @Slot()
    def close_import(self) -> None:
        self.import_path = None
        self.password_edit.clear()
        self.import_box.hide()
        self._update_buttons()

    @Slot()
    def on_import_now_button_clicked(self) -> None:
        self.import_now()

    def import_now(self) -> bool:
        """Import the chosen file with the typed password (on a worker); the field is cleared at once."""
        if self.import_path is None or self._task is not None:
            return False
        password = self.password_edit.text()
        self.password_edit.clear()
        self._show_error(None)
        self._set_status(self.tr("Importing…"))
        self._replacing = True
        self._task = run_task(import_work, self.services, self.import_path, password, on_result=self.on_imported,
                              on_error=self.on_import_failed, context=self, name="import signer")
        self._update_buttons()
        return True

    def on_imported(self, info: SignerInfo) -> None:
        self._task = None
        self._replacing = False
        self.close_import()
        self._changed(info, self.tr("Imported: certificates issued from now on are signed by {subject}.").format(
            subject=info.subject))

    def on_import_failed(self, error: BaseException) -> None:
        self._task = None
        self._replacing = False
        self._status = None
        self._show_status()
        self._show_error(self.tr("Nothing was imported:") + " " + error_text(error))
        self._update_buttons()
        self.password_edit.setFocus()

    def _changed(self, info: SignerInfo, text: str) -> None:
        self.info = info
        self.failure = None
        self._show_error(None)
        self._show_info()
        self._set_status(text, OK_COLOUR)
        self._update_buttons()
        self.signer_changed.emit(info)

    # --- a new key ----------------------------------------------------------------------------------
    @Slot()
    def on_new_key_button_clicked(self) -> None:
        self.confirm_new_key()

    def confirm_new_key(self) -> QMessageBox:
        """Ask before replacing the key; :meth:`create_new_key` runs when the person agrees."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Create a new signing key?"), self.tr(
            "Certificates issued from now on will be signed by a new key and chain to a new local CA. Certificates "
            "issued so far keep verifying: the current key and CA stay in the folder, renamed.\n\n"
            "Clients who added the current CA certificate to their PDF reader need the new one as well "
            "(Export CA certificate…)."), QMessageBox.StandardButton.NoButton, self)
        create = box.addButton(self.tr("Create new key"), QMessageBox.ButtonRole.AcceptRole)
        create.setObjectName("create_key_button")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self.on_confirm_finished(box.clickedButton() is create))
        self.confirm_box = box
        box.open()
        return box

    def on_confirm_finished(self, agreed: bool) -> None:
        self.confirm_box = None
        if agreed:
            self.create_new_key()

    def create_new_key(self) -> bool:
        if self._task is not None:
            return False
        self._show_error(None)
        self._set_status(self.tr("Creating a new key…"))
        self._replacing = True
        self._task = run_task(create_work, self.services, on_result=self.on_created, on_error=self.on_create_failed,
                              context=self, name="new signer")
        self._update_buttons()
        return True

    def on_created(self, info: SignerInfo) -> None:
        self._task = None
        self._replacing = False
        self._changed(info, self.tr("A new key was created: certificates issued from now on chain to {ca}.").format(
            ca=info.ca_subject))

    def on_create_failed(self, error: BaseException) -> None:
        self._task = None
        self._replacing = False
        self._status = None
        self._show_status()
        self._show_error(self.tr("No new key was created:") + " " + error_text(error))
        self._update_buttons()

    # --- exporting ----------------------------------------------------------------------------------
    @Slot()
    def on_export_button_clicked(self) -> None:
        if self.info is None or not self.info.exists:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the CA certificate"), "ca-cert.pem", self.tr("PEM certificates (*.pem *.crt)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> bool:
        """Save the top of the signer's chain as PEM (on a worker)."""
        info = self.info
        if info is None or not info.exists or self._task is not None:
            return False
        self._show_error(None)
        self._task = run_task(export_work, info.ca_pem, path, on_result=self.on_exported,
                              on_error=self.on_export_failed, context=self, name="export CA certificate")
        self._update_buttons()
        return True

    def on_exported(self, path: str) -> None:
        self._task = None
        self._set_status(self.tr("CA certificate saved to {file}: clients add it to their PDF reader's trusted "
                                 "certificates to see the signature as valid.").format(file=path), OK_COLOUR)
        self._update_buttons()
        self.exported.emit(path)

    def on_export_failed(self, error: BaseException) -> None:
        self._task = None
        self._show_error(self.tr("The CA certificate was not saved:") + " " + error_text(error))
        self._update_buttons()

    def reject(self) -> None:
        if self._replacing:
            # Replacing the key finishes whole; its outcome must be seen before the dialog closes.
            self._set_status(self.tr("Wait: the signing key is being replaced…"))
            return
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.password_edit.clear()
        super().reject()
