"""Settings → Users: who may use this inventory and with which role (itam/security.py, docs/ROLES.md).

Lists the registered users; administrators add users, change a role, disable and enable them. Everyone else
sees the list with the buttons greyed out (their tooltips say that it needs an administrator). While no user is
registered, whoever opens the inventory is its administrator; the note above the list says so. Reads and changes
run on the task pool through the settings page's own task tracking.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from itam import security
from itam.services import Services
from itam.services.users import UserChange, UserView
from ui import access
from ui.dialogs.wipe_dialog import ERROR_COLOUR, OK_COLOUR, error_text
from ui.i18n import core_text
from ui.workers import call_plain

ROLES = security.ROLES


def role_text(role: str | None) -> str:
    return core_text(security.role_name(role))


class UserDialog(QDialog):
    """Add a user: login name, full name, role, and a password (SQLite) or a new database login (PostgreSQL)."""

    #: The values to add the user with (login, role, display_name, password, create_login).
    user_requested = Signal(dict)

    def __init__(self, postgresql: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("user_dialog")
        self.postgresql = postgresql
        self.setWindowTitle(self.tr("Add a user"))
        form = QFormLayout(self)
        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("user_login_edit")
        self.login_edit.setToolTip(self.tr("The login name: the operating-system login on a SQLite file, the "
                                           "database login on PostgreSQL"))
        form.addRow(self.tr("&Login name:"), self.login_edit)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("user_name_edit")
        self.name_edit.setToolTip(self.tr("The person's full name (optional)"))
        form.addRow(self.tr("&Full name:"), self.name_edit)
        self.role_combo = QComboBox(self)
        self.role_combo.setObjectName("user_role_combo")
        self.role_combo.setToolTip(self.tr("What the user may do: a viewer reads, a technician keeps the inventory, "
                                           "an ITAD operator runs batches and certificates, an administrator all"))
        for role in ROLES:
            self.role_combo.addItem(role_text(role), role)
        self.role_combo.setCurrentIndex(ROLES.index(security.TECHNICIAN))
        form.addRow(self.tr("&Role:"), self.role_combo)
        self.create_login_check = QCheckBox(self.tr("&Create the database login"), self)
        self.create_login_check.setObjectName("create_login_check")
        self.create_login_check.setToolTip(self.tr("Also create the PostgreSQL login, in the group role of its role"))
        self.create_login_check.setVisible(postgresql)
        self.create_login_check.setChecked(postgresql)
        if postgresql:
            form.addRow(self.create_login_check)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("user_password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setToolTip(
            self.tr("The login's password on the server (at least 8 characters)") if postgresql else
            self.tr("Optional: itam asks for it before this user acts (at least 8 characters)"))
        form.addRow(self.tr("&Password:"), self.password_edit)
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setObjectName("user_repeat_edit")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.setToolTip(self.tr("The same password again"))
        form.addRow(self.tr("Re&peat:"), self.repeat_edit)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("user_problem_label")
        self.problem_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.problem_label.hide()
        form.addRow(self.problem_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Add"))
        self.buttons.accepted.connect(self.on_accepted)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def values(self) -> dict[str, Any]:
        password = self.password_edit.text()
        return {
            "login": self.login_edit.text().strip(),
            "role": self.role_combo.currentData(),
            "display_name": self.name_edit.text().strip() or None,
            "password": password or None,
            "create_login": self.postgresql and self.create_login_check.isChecked(),
        }

    @Slot()
    def on_accepted(self) -> None:
        problem = None
        if not self.login_edit.text().strip():
            problem = self.tr("Give the login name.")
        elif self.password_edit.text() != self.repeat_edit.text():
            problem = self.tr("The two passwords differ.")
        if problem:
            self.problem_label.setText(problem)
            self.problem_label.show()
            return
        self.user_requested.emit(self.values())
        self.accept()


class UsersTab(QWidget):
    """The users and their roles; add, change role, disable and enable (administrators)."""

    #: The users were read (list of UserView).
    users_loaded = Signal(object)
    #: A user was added or changed (the window reads the acting user's role again).
    users_changed = Signal()
    #: A change was refused (the message).
    user_change_failed = Signal(str)

    def __init__(self, services: Services, start: Callable[..., Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("users_tab")
        self.services = services
        self._start = start
        self.users: list[UserView] = []
        self.dialog: UserDialog | None = None
        self._busy = False
        layout = QVBoxLayout(self)
        self.note = QLabel(self)
        self.note.setObjectName("users_note")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("users_table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.status = QLabel(self)
        self.status.setObjectName("users_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.add_button = self._button("add_user_button", self.open_add_dialog)
        self.role_button = self._button("change_role_button", lambda: self.change_role())
        self.active_button = self._button("toggle_user_button", lambda: self.toggle_active())
        for b in (self.add_button, self.role_button, self.active_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.retranslate()
        self._update_buttons()

    def _button(self, name: str, slot: Callable[[], None]) -> QPushButton:
        b = QPushButton(self)
        b.setObjectName(name)
        b.setAutoDefault(False)
        b.clicked.connect(slot)
        return b

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("User"), self.tr("Name"), self.tr("Role"), self.tr("State"),
                                              self.tr("Sign-in")])
        self.table.setToolTip(self.tr("The people who may use this inventory, and their roles"))
        self.add_button.setText(self.tr("&Add user…"))
        self.add_button.setToolTip(self.tr("Register a person with a role"))
        self.role_button.setText(self.tr("Change &role…"))
        self.role_button.setToolTip(self.tr("Give the selected user another role"))
        self._retranslate_active()
        self._show_note()
        if self.users:
            self.on_users(self.users)

    def _retranslate_active(self) -> None:
        user = self.selected_user()
        if user is not None and not user.active:
            self.active_button.setText(self.tr("&Enable"))
            self.active_button.setToolTip(self.tr("Let the selected user act again, with their role"))
        else:
            self.active_button.setText(self.tr("&Disable"))
            self.active_button.setToolTip(self.tr("Stop the selected user from acting (the history keeps their name)"))

    def _show_note(self) -> None:
        try:
            ident = self.services.ctx.cached_identity()
        except Exception:  # noqa: BLE001 - shown when the list is read
            return
        if ident.bootstrap:
            text = self.tr("No users are registered: whoever opens this inventory is its administrator. Adding the "
                           "first user makes this list decide who may act (you are registered too, as "
                           "administrator, when you add someone else).")
        else:
            text = self.tr("You are {user}. Only the users listed here may act, each with their role.").format(
                user=core_text(ident.describe()))
        self.note.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- reading ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._start(call_plain(self.services.users.list), on_result=self.on_users, on_error=self.on_failed,
                    name="settings: read users")

    def on_users(self, rows: list[UserView]) -> None:
        keep = self.selected_login()
        self.users = list(rows)
        self.table.setRowCount(len(rows))
        postgresql = any(u.database_login is not None for u in rows)
        for r, u in enumerate(rows):
            if postgresql:
                sign_in = ", ".join(u.database_groups) if u.database_login else self.tr("no database login")
            else:
                sign_in = self.tr("password") if u.has_password else self.tr("operating-system login")
            state = self.tr("active") if u.active else self.tr("disabled")
            for c, text in enumerate((u.login, u.display_name or "", role_text(u.role), state, sign_in)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, u.login)
                self.table.setItem(r, c, item)
            if u.login == keep:
                self.table.selectRow(r)
        self._show_note()
        self._update_buttons()
        self.users_loaded.emit(self.users)

    def on_failed(self, error: BaseException) -> None:
        self._busy = False
        self._show_status(error_text(error), ERROR_COLOUR)
        self._update_buttons()
        self.user_change_failed.emit(error_text(error))

    def selected_login(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def selected_user(self) -> UserView | None:
        login = self.selected_login()
        return next((u for u in self.users if u.login == login), None)

    def select(self, login: str) -> bool:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == login:
                self.table.selectRow(r)
                return True
        return False

    # --- changing -----------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        chosen = self.selected_user() is not None and not self._busy
        access.gate(self.add_button, self.services, security.USERS, not self._busy)
        access.gate(self.role_button, self.services, security.USERS, chosen)
        access.gate(self.active_button, self.services, security.USERS, chosen)
        self._retranslate_active()

    def apply_permissions(self) -> None:
        self._show_note()
        self._update_buttons()

    def _show_status(self, text: str | None, colour: str = OK_COLOUR) -> None:
        if text:
            self.status.setText(text)
            self.status.setStyleSheet(f"color: {colour};")
            self.status.show()
        else:
            self.status.hide()

    @Slot()
    def open_add_dialog(self) -> UserDialog:
        dialog = UserDialog(self.services.db.engine.dialect.name == "postgresql", self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.user_requested.connect(lambda values: self.add_user(**values))
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_user(self, login: str, role: str, display_name: str | None = None, password: str | None = None,
                 create_login: bool = False) -> None:
        def add(*, progress: Any, is_cancelled: Any) -> UserChange:
            return self.services.users.add(login, role, display_name=display_name, password=password,
                                           create_login=create_login)

        self._run(add, self.tr("Added {user} as {role}.").format(user=login, role=role_text(role)), select=login)

    def change_role(self, login: str | None = None, role: str | None = None) -> None:
        login = login or self.selected_login()
        if not login:
            return
        if role is None:
            user = self.selected_user()
            names = [role_text(r) for r in ROLES]
            current = ROLES.index(user.role) if user is not None and user.role in ROLES else 0
            chosen, ok = QInputDialog.getItem(self, self.tr("Change the role"),
                                              self.tr("Role of {user}:").format(user=login), names, current, False)
            if not ok:
                return
            role = ROLES[names.index(chosen)]
        self._run(call_plain(lambda: self.services.users.set_role(login, role)),
                  self.tr("{user} is now {role}.").format(user=login, role=role_text(role)), select=login)

    def toggle_active(self, login: str | None = None) -> None:
        login = login or self.selected_login()
        user = next((u for u in self.users if u.login == login), None)
        if user is None:
            return
        if user.active:
            self._run(call_plain(lambda: self.services.users.disable(login)),
                      self.tr("{user} is disabled.").format(user=login), select=login)
        else:
            self._run(call_plain(lambda: self.services.users.enable(login)),
                      self.tr("{user} is enabled again.").format(user=login), select=login)

    def _run(self, fn: Callable[..., UserChange], done_text: str, *, select: str) -> None:
        self._busy = True
        self._update_buttons()

        def done(change: UserChange) -> None:
            self._busy = False
            notes = [core_text(n) for n in change.notes]
            self._show_status(" ".join([done_text, *notes]), OK_COLOUR)
            self.users_changed.emit()
            self.refresh()
            self.select(select)

        self._start(fn, on_result=done, on_error=self.on_failed, name="settings: change a user")


__all__ = ["UserDialog", "UsersTab"]
