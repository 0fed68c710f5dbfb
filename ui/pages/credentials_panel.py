"""Settings → Credentials: the credential sets audits use (names, kinds, scopes; never their secrets).

Add… opens a form whose fields follow the kind (SNMP v2c community; SNMPv3 user, protocols and keys; SSH
user with a password or a key file; WinRM user and password). Secrets go straight to the vault, sealed on a
worker (the key derivation takes a moment), and are never shown again. The first credential creates the
vault and sets its passphrase.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from itam.audit.facts import SNMP_AUTH_PROTOCOLS, SNMP_PRIV_PROTOCOLS, WINRM_TRANSPORTS
from itam.services import Services
from ui.dialogs.wipe_dialog import ERROR_COLOUR, OK_COLOUR
from ui.i18n import core_text
from ui.workers import call_plain, run_task

KINDS = ("snmp_v2c", "snmp_v3", "ssh", "winrm")
#: kind -> the form rows it shows (besides name, kind and scope).
ROWS = {
    "snmp_v2c": ("community",),
    "snmp_v3": ("user", "auth_protocol", "auth_key", "priv_protocol", "priv_key"),
    "ssh": ("user", "port", "password", "key_file", "key_passphrase"),
    "winrm": ("user", "password", "transport", "https", "port"),
}
SECRET_ROWS = ("community", "auth_key", "priv_key", "password", "key_passphrase")


class CredentialDialog(QDialog):
    """The form for one new credential set."""

    saved = Signal(object)

    def __init__(self, services: Services, vault_exists: bool, needs_passphrase: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("credential_dialog")
        self.services = services
        self.vault_exists = vault_exists
        self.form = QFormLayout(self)
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}

        def row(key: str, widget: QWidget) -> None:
            widget.setObjectName(f"{key}_field")
            label = QLabel(self)
            label.setBuddy(widget)
            self.form.addRow(label, widget)
            self.widgets[key], self.labels[key] = widget, label

        self.kind_combo = QComboBox(self)
        for kind in KINDS:
            self.kind_combo.addItem("", kind)
        self.kind_combo.currentIndexChanged.connect(self._show_rows)
        row("kind", self.kind_combo)
        row("name", QLineEdit(self))
        row("scope", QLineEdit(self))
        row("user", QLineEdit(self))
        for key in SECRET_ROWS:
            edit = QLineEdit(self)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            row(key, edit)
        for key, choices in (("auth_protocol", SNMP_AUTH_PROTOCOLS), ("priv_protocol", ("", *SNMP_PRIV_PROTOCOLS)),
                             ("transport", WINRM_TRANSPORTS)):
            combo = QComboBox(self)
            for choice in choices:
                combo.addItem(choice or "—", choice or None)
            row(key, combo)
        self.widgets["auth_protocol"].setCurrentIndex(max(0, SNMP_AUTH_PROTOCOLS.index("SHA")))
        port = QSpinBox(self)
        port.setRange(0, 65535)
        port.setSpecialValueText(self.tr("default"))
        row("port", port)
        row("https", QCheckBox(self))
        key_row = QWidget(self)
        key_layout = QHBoxLayout(key_row)
        key_layout.setContentsMargins(0, 0, 0, 0)
        self.key_edit = QLineEdit(key_row)
        self.key_edit.setObjectName("key_file_edit")
        self.key_button = QPushButton(key_row)
        self.key_button.setAutoDefault(False)
        self.key_button.clicked.connect(self.browse_key)
        key_layout.addWidget(self.key_edit, 1)
        key_layout.addWidget(self.key_button)
        row("key_file", key_row)
        self.labels["key_file"].setBuddy(self.key_edit)
        for key in ("vault_passphrase", "vault_again"):
            edit = QLineEdit(self)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            row(key, edit)
        self._show_vault = needs_passphrase or not vault_exists
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        self.status_label.setWordWrap(True)
        self.form.addRow(self.status_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.form.addRow(self.buttons)
        self.resize(520, 0)
        self.retranslate()
        self._show_rows()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a credential set"))
        names = {"snmp_v2c": self.tr("SNMP v1/v2c (community)"), "snmp_v3": self.tr("SNMPv3 (user)"),
                 "ssh": self.tr("SSH (Linux, macOS, BSD)"), "winrm": self.tr("WinRM (Windows)")}
        for i, kind in enumerate(KINDS):
            self.kind_combo.setItemText(i, names[kind])
        texts = {
            "kind": self.tr("&Kind:"), "name": self.tr("&Name:"), "scope": self.tr("&Scope:"), "user": self.tr("&User:"),
            "community": self.tr("&Community:"), "auth_protocol": self.tr("Authentication:"),
            "auth_key": self.tr("Authentication &key:"), "priv_protocol": self.tr("Privacy:"),
            "priv_key": self.tr("Pri&vacy key:"), "password": self.tr("&Password:"), "key_file": self.tr("Private key &file:"),
            "key_passphrase": self.tr("Key passphrase:"), "transport": self.tr("Transport:"), "https": self.tr("HTTPS:"),
            "port": self.tr("Port:"), "vault_passphrase": self.tr("Vault passphrase:"),
            "vault_again": self.tr("Vault passphrase again:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.widgets["name"].setToolTip(self.tr("A name to choose this set by, e.g. lab-snmp"))
        self.widgets["scope"].setToolTip(self.tr(
            "The addresses and CIDR blocks this set may be used for, e.g. 10.1.0.0/16, 10.2.3.4 — it is never "
            "tried anywhere else"))
        self.widgets["vault_passphrase"].setToolTip(
            self.tr("Unlocks the credential vault; other computers sharing this database need it")
            if self.vault_exists else self.tr("Choose the credential vault's passphrase (at least 8 characters); "
                                              "other computers sharing this database will need it"))
        self.key_button.setText(self.tr("B&rowse…"))
        self.widgets["https"].setText(self.tr("port 5986, TLS"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot()
    def _show_rows(self) -> None:
        kind = self.kind_combo.currentData()
        shown = {"kind", "name", "scope", *ROWS[kind]}
        if self._show_vault:
            shown.add("vault_passphrase")
            if not self.vault_exists:
                shown.add("vault_again")
        for key, widget in self.widgets.items():
            self.form.setRowVisible(widget, key in shown)

    @Slot()
    def browse_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Private key"), str(Path.home() / ".ssh"))
        if path:
            self.key_edit.setText(path)

    def values(self) -> tuple[str, str, str, dict[str, Any], str | None]:
        """name, kind, scope, fields, vault passphrase — from the form (secrets included, never logged)."""
        kind = self.kind_combo.currentData()
        fields: dict[str, Any] = {}
        for key in ROWS[kind]:
            widget = self.widgets[key]
            if key == "key_file":
                path = self.key_edit.text().strip()
                if path:
                    try:
                        fields["private_key_pem"] = Path(path).expanduser().read_text(encoding="utf-8")
                    except (OSError, UnicodeDecodeError) as exc:
                        raise ValueError(self.tr("Cannot read the key file: {error}").format(error=exc)) from exc
            elif isinstance(widget, QLineEdit):
                fields[key] = widget.text()
            elif isinstance(widget, QComboBox):
                fields[key] = widget.currentData()
            elif isinstance(widget, QSpinBox):
                fields[key] = widget.value() or None
            elif isinstance(widget, QCheckBox):
                fields[key] = widget.isChecked()
        passphrase = self.widgets["vault_passphrase"].text() if self._show_vault else None
        if not self.vault_exists and passphrase != self.widgets["vault_again"].text():
            raise ValueError(self.tr("The two vault passphrases differ."))
        return (self.widgets["name"].text().strip(), kind, self.widgets["scope"].text(),
                {k: v for k, v in fields.items() if v not in (None, "")}, passphrase)

    @Slot()
    def save(self) -> None:
        try:
            name, kind, scope, fields, passphrase = self.values()
        except ValueError as exc:
            self._say(str(exc), ERROR_COLOUR)
            return
        self.buttons.setEnabled(False)
        self._say(self.tr("Sealing the secrets…"))
        run_task(call_plain(self.services.credentials.add), name, kind, scope, fields, passphrase=passphrase,
                 on_result=self._saved, on_error=self._failed, context=self, name="add credential")

    def _saved(self, view: Any) -> None:
        self.saved.emit(view)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self._say(core_text(error), ERROR_COLOUR)

    def _say(self, text: str, colour: str | None = None) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {colour};" if colour else "")


class CredentialsPanel(QWidget):
    """The list of credential sets with Add, Remove and Change passphrase."""

    loaded = Signal(object)
    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("credentials_panel")
        self.services = services
        self.credentials: list[Any] = []
        self.vault: Any = None
        self.dialog: CredentialDialog | None = None
        layout = QVBoxLayout(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("credentials_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("credentials_status")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add_credential_button")
        self.add_button.clicked.connect(self.add_credential)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("remove_credential_button")
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.note.setText(self.tr(
            "Credential sets let audits ask devices for their serial numbers, models, disks and software. Each is "
            "used only for the addresses in its scope. Secrets are encrypted in the database; this computer's "
            "keyring remembers the vault's key when there is one, otherwise the vault passphrase is asked for."))
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Kind"), self.tr("User"), self.tr("Scope"),
                                              self.tr("Added by")])
        self.table.setToolTip(self.tr("The credential sets audits may use; their secrets are never shown"))
        self.add_button.setText(self.tr("&Add…"))
        self.add_button.setToolTip(self.tr("Store a new credential set"))
        self.remove_button.setText(self.tr("&Remove"))
        self.remove_button.setToolTip(self.tr("Delete the selected credential set"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        def read() -> tuple[Any, Any]:
            return self.services.credentials.list(), self.services.credentials.vault_info()

        run_task(call_plain(read), on_result=self._on_loaded, on_error=lambda e: self._say(core_text(e), ERROR_COLOUR),
                 context=self, name="credentials: list")

    def _on_loaded(self, result: tuple[Any, Any]) -> None:
        self.credentials, self.vault = result
        self.table.setRowCount(len(self.credentials))
        for row, c in enumerate(self.credentials):
            for col, text in enumerate((c.name, c.kind, c.username or "", ", ".join(c.scope), c.created_by or "")):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._update_buttons()
        self.loaded.emit(self.credentials)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectedItems()))

    @Slot()
    def add_credential(self) -> CredentialDialog:
        exists = bool(self.vault and self.vault.exists)
        needs = not (self.vault and self.vault.in_keyring)
        self.dialog = CredentialDialog(self.services, exists, needs, self)
        self.dialog.saved.connect(self._on_saved)
        self.dialog.open()
        return self.dialog

    def _on_saved(self, view: Any) -> None:
        self._say(self.tr("Stored {name} for {scope}.").format(name=view.name, scope=", ".join(view.scope)), OK_COLOUR)
        self.refresh()
        self.changed.emit()

    @Slot()
    def remove_selected(self) -> None:
        rows = {i.row() for i in self.table.selectedItems()}
        if not rows:
            return
        name = self.credentials[min(rows)].name
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove a credential set"),
                          self.tr("Delete the credential set {name}? Audits will no longer use it.").format(name=name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda _code: self._remove_answered(box.standardButton(box.clickedButton()), name))
        self.message_box = box
        box.open()

    def _remove_answered(self, button: QMessageBox.StandardButton, name: str) -> None:
        if button != QMessageBox.StandardButton.Yes:
            return
        run_task(call_plain(self.services.credentials.remove), name,
                 on_result=lambda _r: (self._say(self.tr("Removed {name}.").format(name=name), OK_COLOUR),
                                       self.refresh(), self.changed.emit()),
                 on_error=lambda e: self._say(core_text(e), ERROR_COLOUR), context=self, name="remove credential")

    def _say(self, text: str, colour: str | None = None) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {colour};" if colour else "")
