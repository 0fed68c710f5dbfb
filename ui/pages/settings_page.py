"""The settings page: language and theme, the database, the organisation, factor sets and sites, policies.

Six tabs:

* **General** applies at once: the interface language (through :mod:`ui.i18n`), the colour theme (a
  :class:`QPalette` on the application) and the month the fiscal year starts in; each is remembered in
  :class:`ui.settings.Settings`.
* **Database** shows the database in use and its schema revision, and stages the database for the *next*
  start (the embedded default, another SQLite file, or a PostgreSQL server URL) in the settings. Nothing is
  switched while the application runs.
* **Organisation** edits the profile printed on certificates and used by the metrics (country, reporting
  currency, logo); Save/Revert; the signing certificate opens the existing :class:`SignerDialog`.
* **Factors and sites** lists the emission-factor sets (shipped and the user's, which one is active, files
  that do not load), makes the user's own copy of the shipped set, and edits each site's grid country.
* **Policies** edits the refresh cycle per category, each circular lever's age limit and worst condition,
  and discovery's missing-after days; Save writes the user's own policy file (comments kept, the shipped
  file untouched), Revert discards, and "Restore the shipped defaults" sets the user's file aside.
* **Users** lists who may use the inventory and their roles; administrators add users, change roles, disable
  and enable them (:mod:`ui.pages.users_tab`). What the user's role may not change is greyed out everywhere.

Database reads run on the task pool; nothing here blocks the GUI thread for more than a small file's read.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from functools import partial
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QLocale,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QIcon,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from itam import security
from itam.errors import ItamError, ValidationError
from itam.lifecycle.policy_store import (
    REFRESH_RANGE,
    current_values,
    is_customised,
    setting,
)
from itam.lifecycle.recommend import GRADES, policy_file
from itam.metrics.factors import (
    ACTIVE_FILE,
    FactorSetInfo,
    available_factor_sets,
    user_dir,
)
from itam.paths import data_dir, default_database_url
from itam.services import Services
from itam.services.organisation import (
    OrganisationProfile,
    list_locations,
    set_location_country,
)
from ui import access, i18n
from ui.dialogs.certificate_dialog import show_logo
from ui.dialogs.signer_dialog import SignerDialog, SignerInfo
from ui.dialogs.wipe_dialog import ERROR_COLOUR, OK_COLOUR, error_text
from ui.i18n import core_text
from ui.pages import Page
from ui.settings import Settings
from ui.workers import TaskHandle, call_plain, run_task

_CONTEXT = "SettingsPage"
log = logging.getLogger(__name__)

#: The levers whose limits the Policies tab edits, each with its age-limit key, best lever first.
LEVER_LIMITS = (
    ("life_extension", "max_years_over_refresh"),
    ("redeploy", "max_years_over_refresh"),
    ("remarket", "max_age_years"),
    ("refurbish", "max_age_years"),
    ("harvest", "max_age_years"),
)

#: Tab keys in order (remembered in settings.settings_tab).
TABS = ("general", "database", "organisation", "factors", "policies", "users", "credentials")
TAB_TITLES = {
    "general": QT_TRANSLATE_NOOP("SettingsPage", "&General"),
    "database": QT_TRANSLATE_NOOP("SettingsPage", "&Database"),
    "organisation": QT_TRANSLATE_NOOP("SettingsPage", "&Organisation"),
    "factors": QT_TRANSLATE_NOOP("SettingsPage", "Factors and &sites"),
    "policies": QT_TRANSLATE_NOOP("SettingsPage", "&Policies"),
    "users": QT_TRANSLATE_NOOP("SettingsPage", "&Users"),
    "credentials": QT_TRANSLATE_NOOP("SettingsPage", "&Credentials"),
}
THEMES = {
    "system": QT_TRANSLATE_NOOP("SettingsPage", "Follow the system"),
    "light": QT_TRANSLATE_NOOP("SettingsPage", "Light"),
    "dark": QT_TRANSLATE_NOOP("SettingsPage", "Dark"),
}
ORIGINS = {
    "shipped": QT_TRANSLATE_NOOP("SettingsPage", "shipped"),
    "user": QT_TRANSLATE_NOOP("SettingsPage", "yours"),
}
#: The organisation's text fields, in form order.
ORG_FIELDS = ("name", "address", "phone", "email", "registration_no", "website", "country", "currency")
LOGO_SIZE = 80
#: Example server URL shown as a placeholder and in messages.
SERVER_EXAMPLE = "postgresql+psycopg://itam@db.example.org:5432/itam"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


# --- theme ---------------------------------------------------------------------------------------------
def theme_palette(theme: str) -> QPalette:
    """The palette for ``system`` (the style's own), ``light`` or ``dark``."""
    style = QApplication.style()
    if theme == "dark":
        p = QPalette()
        window, base, alt, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(53, 53, 56), QColor(230, 230, 230)
        disabled = QColor(128, 128, 128)
        highlight = QColor(42, 130, 218)
        for role, colour in (
            (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
            (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, alt),
            (QPalette.ColorRole.ToolTipBase, QColor(60, 60, 64)), (QPalette.ColorRole.ToolTipText, text),
            (QPalette.ColorRole.PlaceholderText, QColor(150, 150, 150)), (QPalette.ColorRole.Text, text),
            (QPalette.ColorRole.Button, alt), (QPalette.ColorRole.ButtonText, text),
            (QPalette.ColorRole.BrightText, QColor(255, 80, 80)), (QPalette.ColorRole.Light, QColor(75, 75, 80)),
            (QPalette.ColorRole.Midlight, QColor(62, 62, 66)), (QPalette.ColorRole.Mid, QColor(40, 40, 42)),
            (QPalette.ColorRole.Dark, QColor(25, 25, 27)), (QPalette.ColorRole.Shadow, QColor(0, 0, 0)),
            (QPalette.ColorRole.Highlight, highlight), (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
            (QPalette.ColorRole.Link, QColor(100, 170, 255)), (QPalette.ColorRole.LinkVisited, QColor(180, 140, 255)),
        ):
            p.setColor(role, colour)
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
        p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor(80, 80, 80))
        return p
    if theme == "light":
        p = QPalette(QColor(239, 239, 239))  # Qt's light default, whatever the desktop's scheme
        p.setColor(QPalette.ColorRole.Base, QColor(255, 255, 255))
        p.setColor(QPalette.ColorRole.Text, QColor(0, 0, 0))
        p.setColor(QPalette.ColorRole.WindowText, QColor(0, 0, 0))
        p.setColor(QPalette.ColorRole.ButtonText, QColor(0, 0, 0))
        p.setColor(QPalette.ColorRole.Highlight, QColor(48, 140, 198))
        p.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
        return p
    return style.standardPalette()


def apply_theme(theme: str) -> None:
    """Give the application the theme's palette (call at start-up with ``settings.theme`` as well)."""
    QApplication.setPalette(theme_palette(theme))


# --- database choice -----------------------------------------------------------------------------------
def sqlite_url_for_file(path: str) -> str:
    """``sqlite:///…`` for a SQLite file whose folder exists; ValidationError (translated) otherwise."""
    text = path.strip()
    text = text.removeprefix("sqlite:///")
    if not text:
        raise ValidationError(QCoreApplication.translate("SettingsPage", "Choose the SQLite file (Browse…), or type its path."))
    p = Path(os.path.expanduser(text))
    if not p.is_absolute():
        raise ValidationError(QCoreApplication.translate("SettingsPage", "Give the SQLite file's full path, not {path}.").format(path=text))
    if p.is_dir():
        raise ValidationError(QCoreApplication.translate("SettingsPage", "{path} is a folder: give a file's path, e.g. {example}.").format(
            path=str(p), example=str(p / "itam.sqlite3")))
    if not p.parent.is_dir():
        raise ValidationError(QCoreApplication.translate("SettingsPage", "The folder {folder} does not exist.").format(folder=str(p.parent)))
    return f"sqlite:///{p}"


def server_url(text: str) -> str:
    """A checked PostgreSQL URL (``postgresql://`` gets psycopg 3); ValidationError (translated) otherwise."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    raw = text.strip()
    if not raw:
        raise ValidationError(QCoreApplication.translate("SettingsPage", "Type the server's URL, e.g. {example}.").format(example=SERVER_EXAMPLE))
    try:
        url = make_url(raw)
        port = url.port  # a non-numeric port raises here or in make_url
    except (ArgumentError, ValueError):
        raise ValidationError(QCoreApplication.translate("SettingsPage", "{url} is not a database URL. A server URL looks like {example}.").format(
            url=raw, example=SERVER_EXAMPLE)) from None
    if url.get_backend_name() == "sqlite":
        raise ValidationError(QCoreApplication.translate("SettingsPage", "That is a SQLite file: choose \"Embedded SQLite file\" for it."))
    if url.get_backend_name() != "postgresql":
        raise ValidationError(QCoreApplication.translate("SettingsPage", "itam works with PostgreSQL servers, not {backend}. A server URL looks like {example}.")
                              .format(backend=url.get_backend_name(), example=SERVER_EXAMPLE))
    if "+" not in url.drivername:
        url = url.set(drivername="postgresql+psycopg")
    elif url.get_driver_name() != "psycopg":
        raise ValidationError(QCoreApplication.translate("SettingsPage", "itam talks to PostgreSQL through psycopg 3: write postgresql+psycopg://, not {driver}://.")
                              .format(driver=url.drivername))
    if url.password:
        raise ValidationError(QCoreApplication.translate("SettingsPage",
            "Leave the password out of the URL: the settings file is plain text. Put it in the file ~/.pgpass "
            "or the PGPASSWORD environment variable, where the PostgreSQL driver finds it."))
    if not url.host:
        raise ValidationError(QCoreApplication.translate("SettingsPage", "The URL names no server. A server URL looks like {example}.").format(example=SERVER_EXAMPLE))
    if not url.database:
        raise ValidationError(QCoreApplication.translate("SettingsPage", "The URL names no database (the part after the last /). A server URL looks like {example}.")
                              .format(example=SERVER_EXAMPLE))
    if port is not None and not 0 < port < 65536:
        raise ValidationError(QCoreApplication.translate("SettingsPage", "{port} is not a port number (1 … 65535).").format(port=port))
    return url.render_as_string(hide_password=False)


@dataclass(frozen=True)
class DatabaseInfo:
    """The database in use: its URL without password, its schema revision and the newest this version knows."""

    display_url: str
    revision: str | None
    head: str | None


def read_database_info(services: Services, *, progress: Any, is_cancelled: Any) -> DatabaseInfo:
    from itam.db.migrate import current_revision, head_revision

    return DatabaseInfo(services.db.display_url, current_revision(services.db), head_revision())


def read_factor_sets(*, progress: Any, is_cancelled: Any) -> list[FactorSetInfo]:
    return available_factor_sets()


def copy_shipped_set(source: str, *, progress: Any, is_cancelled: Any) -> str:
    """Worker: copy the shipped factor file to the user's active file (never over an existing one)."""
    folder = user_dir()
    target = folder / ACTIVE_FILE
    if target.exists():
        raise ValidationError(QCoreApplication.translate("SettingsPage", "{file} exists already: it was not replaced.").format(file=str(target)))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    except OSError as exc:
        raise ValidationError(QCoreApplication.translate("SettingsPage", "{file} could not be written: {reason}").format(
            file=str(target), reason=exc.strerror or exc)) from exc
    return str(target)


def _open_folder(path: Path | str) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


# --- the page ------------------------------------------------------------------------------------------
class SettingsPage(Page):
    """Preferences, the database for the next start, the organisation, factors, sites and policies."""

    key = "settings"

    #: The interface language was switched (its code).
    language_changed = Signal(str)
    #: The theme was switched (``system``, ``light``, ``dark``).
    theme_changed = Signal(str)
    #: The fiscal year's first month was chosen (1 … 12): pages with a period selector follow it.
    fiscal_year_start_month_changed = Signal(int)
    #: The database for the next start was saved (its URL, "" for the default).
    database_saved = Signal(str)
    #: The database in use was read (DatabaseInfo).
    database_info_loaded = Signal(object)
    #: The organisation was read (OrganisationProfile) / saved (OrganisationProfile) / not saved (message).
    organisation_loaded = Signal(object)
    organisation_saved = Signal(object)
    organisation_save_failed = Signal(str)
    #: The factor sets were listed (list of FactorSetInfo).
    factor_sets_loaded = Signal(object)
    #: The shipped set was copied to the user's active file (its path).
    factor_set_copied = Signal(str)
    #: The policy file changed (saved or reset): recommendations should be worked out again.
    policy_saved = Signal()
    #: The locations were read (list of (name, country)).
    locations_loaded = Signal(object)
    #: A user was added or changed (the window reads the acting user's role again).
    users_changed = Signal()
    #: A location's country was saved (name, code or "") / refused (name, message).
    location_country_saved = Signal(str, str)
    location_country_failed = Signal(str, str)

    def __init__(self, services: Services, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.setObjectName("settings_page")
        self._tasks: set[TaskHandle] = set()
        self._loaded = False
        self.database_info: DatabaseInfo | None = None
        self.profile: OrganisationProfile | None = None
        self.logo: bytes | None = None
        self._logo_changed = False
        self._org_task: TaskHandle | None = None
        self._org_error: str | None = None
        self._org_status = False
        self._db_status: tuple[str, str] | None = None
        self.factor_sets: list[FactorSetInfo] = []
        self.locations: list[tuple[str, str | None]] = []
        self._filling_locations = False
        self._location_error: str | None = None
        self._factor_error: str | None = None
        self.signer_dialog: SignerDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 9, 9, 4)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settings_tabs")
        layout.addWidget(self.tabs)
        self._build_general()
        self._build_database()
        self._build_organisation()
        self._build_factors()
        self._build_policies()
        self._build_users()
        self._build_credentials()
        self.tabs.currentChanged.connect(self.on_tabs_currentChanged)

        self.retranslate()
        self._show_database_choice()
        self._update_org_buttons()

    # --- building -----------------------------------------------------------------------------------
    @staticmethod
    def _form(parent: QWidget | None) -> QFormLayout:
        form = QFormLayout(parent) if parent is not None else QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return form

    @staticmethod
    def _note(parent: QWidget, name: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet("color: palette(placeholder-text);")
        return label

    @staticmethod
    def _value(parent: QWidget, name: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    @staticmethod
    def _status(parent: QWidget, name: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        return label

    @staticmethod
    def _button(parent: QWidget, name: str, slot: Any, icon: QStyle.StandardPixmap | None = None) -> QPushButton:
        button = QPushButton(parent)
        button.setObjectName(name)
        button.setAutoDefault(False)
        if icon is not None:
            button.setIcon(QApplication.style().standardIcon(icon))
        button.clicked.connect(slot)
        return button

    def _build_general(self) -> None:
        tab = QWidget(self.tabs)
        tab.setObjectName("general_tab")
        outer = QVBoxLayout(tab)
        self.general_box = QGroupBox(tab)
        form = self._form(self.general_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)

        self.language_label = QLabel(self.general_box)
        self.language_combo = QComboBox(self.general_box)
        self.language_combo.setObjectName("language_combo")
        for code, native in i18n.LANGUAGES.items():
            self.language_combo.addItem(native, code)  # each language in its own name, as is customary
        self.language_label.setBuddy(self.language_combo)
        form.addRow(self.language_label, self.language_combo)

        self.theme_label = QLabel(self.general_box)
        self.theme_combo = QComboBox(self.general_box)
        self.theme_combo.setObjectName("theme_combo")
        for key in THEMES:
            self.theme_combo.addItem("", key)
        self.theme_label.setBuddy(self.theme_combo)
        form.addRow(self.theme_label, self.theme_combo)

        self.fiscal_label = QLabel(self.general_box)
        self.fiscal_combo = QComboBox(self.general_box)
        self.fiscal_combo.setObjectName("fiscal_month_combo")
        for month in range(1, 13):
            self.fiscal_combo.addItem("", month)
        self.fiscal_label.setBuddy(self.fiscal_combo)
        form.addRow(self.fiscal_label, self.fiscal_combo)
        outer.addWidget(self.general_box)
        self.general_note = self._note(tab, "general_note")
        outer.addWidget(self.general_note)
        self.general_status = self._status(tab, "general_status")
        outer.addWidget(self.general_status)
        outer.addStretch(1)

        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(self.settings.theme)))
        self.fiscal_combo.setCurrentIndex(self.settings.fiscal_year_start_month - 1)
        self.language_combo.activated.connect(self.on_language_combo_activated)
        self.theme_combo.activated.connect(self.on_theme_combo_activated)
        self.fiscal_combo.activated.connect(self.on_fiscal_combo_activated)
        self.tabs.addTab(tab, "")

    def _build_database(self) -> None:
        tab = QWidget(self.tabs)
        tab.setObjectName("database_tab")
        outer = QVBoxLayout(tab)

        self.current_box = QGroupBox(tab)
        form = self._form(self.current_box)
        self.current_url_label = QLabel(self.current_box)
        self.current_url_value = self._value(self.current_box, "current_url_value")
        form.addRow(self.current_url_label, self.current_url_value)
        self.revision_label = QLabel(self.current_box)
        self.revision_value = self._value(self.current_box, "revision_value")
        form.addRow(self.revision_label, self.revision_value)
        outer.addWidget(self.current_box)

        self.next_box = QGroupBox(tab)
        grid = QVBoxLayout(self.next_box)
        self.database_group = QButtonGroup(self.next_box)
        self.default_radio = QRadioButton(self.next_box)
        self.default_radio.setObjectName("default_radio")
        self.default_path_label = self._note(self.next_box, "default_path_label")
        self.default_path_label.setContentsMargins(22, 0, 0, 4)
        self.file_radio = QRadioButton(self.next_box)
        self.file_radio.setObjectName("file_radio")
        file_row = QHBoxLayout()
        file_row.setContentsMargins(22, 0, 0, 4)
        self.file_edit = QLineEdit(self.next_box)
        self.file_edit.setObjectName("file_edit")
        self.file_edit.setClearButtonEnabled(True)
        self.browse_button = self._button(self.next_box, "browse_button", self.on_browse_button_clicked,
                                          QStyle.StandardPixmap.SP_DirOpenIcon)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        self.server_radio = QRadioButton(self.next_box)
        self.server_radio.setObjectName("server_radio")
        server_row = QHBoxLayout()
        server_row.setContentsMargins(22, 0, 0, 4)
        self.server_edit = QLineEdit(self.next_box)
        self.server_edit.setObjectName("server_edit")
        self.server_edit.setClearButtonEnabled(True)
        self.server_edit.setPlaceholderText(SERVER_EXAMPLE)
        server_row.addWidget(self.server_edit, 1)
        for i, radio in enumerate((self.default_radio, self.file_radio, self.server_radio)):
            self.database_group.addButton(radio, i)
        grid.addWidget(self.default_radio)
        grid.addWidget(self.default_path_label)
        grid.addWidget(self.file_radio)
        grid.addLayout(file_row)
        grid.addWidget(self.server_radio)
        grid.addLayout(server_row)
        self.next_note = self._note(self.next_box, "next_start_note")
        grid.addWidget(self.next_note)
        self.override_note = self._status(self.next_box, "override_note")
        grid.addWidget(self.override_note)
        self.database_status = self._status(self.next_box, "database_status")
        grid.addWidget(self.database_status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.database_revert_button = self._button(self.next_box, "database_revert_button", self.revert_database,
                                                   QStyle.StandardPixmap.SP_DialogResetButton)
        self.database_save_button = self._button(self.next_box, "database_save_button", self.save_database,
                                                 QStyle.StandardPixmap.SP_DialogSaveButton)
        buttons.addWidget(self.database_revert_button)
        buttons.addWidget(self.database_save_button)
        grid.addLayout(buttons)
        outer.addWidget(self.next_box)
        outer.addStretch(1)

        self.database_group.idToggled.connect(self.on_database_choice_changed)
        self.file_edit.textEdited.connect(self.on_database_choice_changed)
        self.server_edit.textEdited.connect(self.on_database_choice_changed)
        self.file_edit.returnPressed.connect(self.save_database)
        self.server_edit.returnPressed.connect(self.save_database)
        self.tabs.addTab(tab, "")

    def _build_organisation(self) -> None:
        tab = QWidget(self.tabs)
        tab.setObjectName("organisation_tab")
        outer = QVBoxLayout(tab)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(tab)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(scroll)
        inner.setObjectName("organisation_inner")
        # The tab's own background, like the other tabs (the scroll area paints the window colour otherwise).
        scroll.setStyleSheet("QScrollArea, #organisation_inner { background: transparent; }")
        scroll.viewport().setAutoFillBackground(False)
        inner_layout = QVBoxLayout(inner)
        self.org_box = QGroupBox(inner)
        form = self._form(self.org_box)
        self.org_labels: dict[str, QLabel] = {}
        self.org_edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        for key in ORG_FIELDS:
            edit: QLineEdit | QPlainTextEdit
            if key == "address":
                edit = QPlainTextEdit(self.org_box)
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(self.fontMetrics().height() * 3 + 12)
                edit.textChanged.connect(self._update_org_buttons)
            else:
                edit = QLineEdit(self.org_box)
                edit.textChanged.connect(self._update_org_buttons)
                edit.returnPressed.connect(self.save_organisation)
            if key in ("country", "currency"):
                edit.setMaxLength(8)
                edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("MMMMMMMM") + 24)
            edit.setObjectName(f"{key}_edit")
            label = QLabel(self.org_box)
            label.setBuddy(edit)
            self.org_labels[key] = label
            self.org_edits[key] = edit
            form.addRow(label, edit)

        self.logo_label = QLabel(self.org_box)
        logo_row = QHBoxLayout()
        self.logo_preview = QLabel(self.org_box)
        self.logo_preview.setObjectName("logo_preview")
        self.logo_preview.setFixedSize(LOGO_SIZE * 2, LOGO_SIZE)
        self.logo_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        logo_buttons = QVBoxLayout()
        self.choose_logo_button = self._button(self.org_box, "choose_logo_button", self.on_choose_logo_button_clicked)
        self.remove_logo_button = self._button(self.org_box, "remove_logo_button", self.remove_logo)
        logo_buttons.addWidget(self.choose_logo_button)
        logo_buttons.addWidget(self.remove_logo_button)
        logo_buttons.addStretch(1)
        logo_row.addWidget(self.logo_preview)
        logo_row.addLayout(logo_buttons)
        logo_row.addStretch(1)
        self.logo_label.setBuddy(self.choose_logo_button)
        form.addRow(self.logo_label, logo_row)
        inner_layout.addWidget(self.org_box)

        self.org_status = self._status(inner, "org_status")
        inner_layout.addWidget(self.org_status)
        buttons = QHBoxLayout()
        self.signer_button = self._button(inner, "signer_button", self.open_signer_dialog)
        buttons.addWidget(self.signer_button)
        buttons.addStretch(1)
        self.org_revert_button = self._button(inner, "org_revert_button", self.revert_organisation,
                                              QStyle.StandardPixmap.SP_DialogResetButton)
        self.org_save_button = self._button(inner, "org_save_button", self.save_organisation,
                                            QStyle.StandardPixmap.SP_DialogSaveButton)
        buttons.addWidget(self.org_revert_button)
        buttons.addWidget(self.org_save_button)
        inner_layout.addLayout(buttons)
        inner_layout.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        self.tabs.addTab(tab, "")

    @staticmethod
    def _table(parent: QWidget, name: str, columns: int) -> QTableWidget:
        table = QTableWidget(0, columns, parent)
        table.setObjectName(name)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.horizontalHeader().setHighlightSections(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        return table

    def _build_factors(self) -> None:
        tab = QWidget(self.tabs)
        tab.setObjectName("factors_tab")
        outer = QVBoxLayout(tab)

        self.factors_box = QGroupBox(tab)
        box = QVBoxLayout(self.factors_box)
        self.factors_table = self._table(self.factors_box, "factor_sets_table", 5)
        self.factors_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.factors_table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        rows_height = self.factors_table.verticalHeader().defaultSectionSize()
        self.factors_table.setMinimumHeight(rows_height * 3 + 28)
        self.factors_table.setMaximumHeight(rows_height * 6 + 28)
        box.addWidget(self.factors_table, 1)
        self.factors_note = self._note(self.factors_box, "factors_note")
        box.addWidget(self.factors_note)
        self.factors_status = self._status(self.factors_box, "factors_status")
        box.addWidget(self.factors_status)
        buttons = QHBoxLayout()
        self.copy_set_button = self._button(self.factors_box, "copy_set_button", self.on_copy_set_button_clicked,
                                            QStyle.StandardPixmap.SP_FileDialogNewFolder)
        self.factor_folder_button = self._button(self.factors_box, "factor_folder_button", self.open_factor_folder,
                                                 QStyle.StandardPixmap.SP_DirIcon)
        buttons.addWidget(self.copy_set_button)
        buttons.addWidget(self.factor_folder_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        outer.addWidget(self.factors_box)

        self.sites_box = QGroupBox(tab)
        sites = QVBoxLayout(self.sites_box)
        self.sites_note = self._note(self.sites_box, "sites_note")
        sites.addWidget(self.sites_note)
        self.locations_table = self._table(self.sites_box, "locations_table", 2)
        self.locations_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.locations_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.locations_table.setMinimumHeight(110)
        sites.addWidget(self.locations_table, 1)
        self.locations_status = self._status(self.sites_box, "locations_status")
        sites.addWidget(self.locations_status)
        outer.addWidget(self.sites_box, 1)
        self.locations_table.itemChanged.connect(self.on_locations_table_itemChanged)
        self.tabs.addTab(tab, "")

    def _build_policies(self) -> None:
        tab = QWidget(self.tabs)
        tab.setObjectName("policies_tab")
        outer = QVBoxLayout(tab)
        self.policy_box = QGroupBox(tab)
        box = QVBoxLayout(self.policy_box)
        form = self._form(None)
        self.policy_file_label = QLabel(self.policy_box)
        self.policy_file_value = self._value(self.policy_box, "policy_file_value")
        form.addRow(self.policy_file_label, self.policy_file_value)
        self.missing_label = QLabel(self.policy_box)
        self.missing_spin = QSpinBox(self.policy_box)
        self.missing_spin.setObjectName("missing_after_spin")
        self.missing_spin.setRange(1, 3650)
        self.missing_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.missing_label.setBuddy(self.missing_spin)
        form.addRow(self.missing_label, self.missing_spin)
        box.addLayout(form)
        columns = QHBoxLayout()
        # Refresh cycle per category: one spin box each, in two columns.
        self.refresh_box = QGroupBox(self.policy_box)
        self.refresh_box.setObjectName("refresh_years_box")
        self.refresh_grid = QGridLayout(self.refresh_box)
        self.refresh_spins: dict[str, QDoubleSpinBox] = {}
        self.refresh_labels: dict[str, QLabel] = {}
        columns.addWidget(self.refresh_box, 0, Qt.AlignmentFlag.AlignTop)
        # Lever limits: one row per lever, its age limit and the worst condition it accepts.
        self.levers_box = QGroupBox(self.policy_box)
        self.levers_box.setObjectName("lever_limits_box")
        grid = QGridLayout(self.levers_box)
        self.lever_headers = (QLabel(self.levers_box), QLabel(self.levers_box), QLabel(self.levers_box))
        for col, header in enumerate(self.lever_headers):
            header.setStyleSheet("font-weight: bold;")
            grid.addWidget(header, 0, col)
        self.lever_labels: dict[str, QLabel] = {}
        self.policy_inputs: dict[str, QDoubleSpinBox | QSpinBox | QComboBox] = {"discovery.missing_after_days": self.missing_spin}
        for row, (lever, years_key) in enumerate(LEVER_LIMITS, start=1):
            label = QLabel(self.levers_box)
            self.lever_labels[lever] = label
            grid.addWidget(label, row, 0)
            spin = QDoubleSpinBox(self.levers_box)
            spin.setObjectName(f"{lever}_{years_key}_spin")
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            high = setting(f"{lever}.{years_key}").high
            spin.setRange(0, high)
            grid.addWidget(spin, row, 1)
            self.policy_inputs[f"{lever}.{years_key}"] = spin
            if lever != "harvest":
                combo = QComboBox(self.levers_box)
                combo.setObjectName(f"{lever}_min_condition_combo")
                for grade in GRADES:
                    combo.addItem(grade, grade)
                grid.addWidget(combo, row, 2)
                self.policy_inputs[f"{lever}.min_condition"] = combo
        grid.setRowStretch(len(LEVER_LIMITS) + 1, 1)
        columns.addWidget(self.levers_box, 0, Qt.AlignmentFlag.AlignTop)
        columns.addStretch(1)
        box.addLayout(columns)
        self.policy_note = self._note(self.policy_box, "policy_note")
        box.addWidget(self.policy_note)
        self.policy_status = self._status(self.policy_box, "policy_status")
        box.addWidget(self.policy_status)
        box.addStretch(1)
        buttons = QHBoxLayout()
        self.policy_save_button = self._button(self.policy_box, "policy_save_button", self.save_policy,
                                               QStyle.StandardPixmap.SP_DialogSaveButton)
        buttons.addWidget(self.policy_save_button)
        self.policy_revert_button = self._button(self.policy_box, "policy_revert_button", self.load_policy,
                                                 QStyle.StandardPixmap.SP_DialogResetButton)
        buttons.addWidget(self.policy_revert_button)
        self.policy_reset_button = self._button(self.policy_box, "policy_reset_button", self.reset_policy,
                                                QStyle.StandardPixmap.SP_BrowserReload)
        buttons.addWidget(self.policy_reset_button)
        buttons.addStretch(1)
        self.policy_folder_button = self._button(self.policy_box, "policy_folder_button", self.open_policy_folder,
                                                 QStyle.StandardPixmap.SP_DirIcon)
        buttons.addWidget(self.policy_folder_button)
        box.addLayout(buttons)
        outer.addWidget(self.policy_box, 1)
        self.policy_path: Path | None = None
        self.policy_values: dict[str, Any] = {}
        self.tabs.addTab(tab, "")

    def _build_users(self) -> None:
        from ui.pages.users_tab import UsersTab

        self.users_tab = UsersTab(self.services, self._start, self.tabs)
        self.users_tab.users_changed.connect(self.users_changed)
        self.tabs.addTab(self.users_tab, "")

    def _build_credentials(self) -> None:
        from ui.pages.credentials_panel import CredentialsPanel

        self.credentials_panel = CredentialsPanel(self.services, self.tabs)
        self.tabs.addTab(self.credentials_panel, "")

    def apply_permissions(self) -> None:
        """Grey out what the user's role may not change here (organisation, sites, factors, policy, users)."""
        may = access.allowed(self.services, security.SETTINGS)
        self._update_org_buttons()
        self._show_policy_note()
        access.gate(self.copy_set_button, self.services, security.SETTINGS)
        access.gate(self.policy_save_button, self.services, security.SETTINGS)
        self.locations_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed if may else QAbstractItemView.EditTrigger.NoEditTriggers)
        self.users_tab.apply_permissions()
        access.gate(self.credentials_panel.add_button, self.services, security.SETTINGS)

    # --- Page ---------------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Settings")

    def icon(self) -> QIcon:
        return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogInfoView)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.refresh()

    def refresh(self) -> None:
        """Read everything again; staged edits of the organisation and the database choice are kept."""
        self._loaded = True
        self._start(read_database_info, self.services, on_result=self.on_database_info,
                    on_error=self.on_database_info_failed, name="settings: database info")
        if not self.organisation_dirty() and self._org_task is None:
            self._start(call_plain(self.services.organisation.get), on_result=self.on_profile_read,
                        on_error=self.on_profile_failed, name="settings: read organisation")
        self.load_factor_sets()
        self.load_locations()
        self.load_policy()
        self.users_tab.refresh()
        self.credentials_panel.refresh()

    def restore_settings(self, settings: Settings) -> None:
        tab = settings.settings_tab
        if tab in TABS:
            self.tabs.setCurrentIndex(TABS.index(tab))

    def save_settings(self, settings: Settings) -> None:
        settings.settings_tab = TABS[self.tabs.currentIndex()]

    def shutdown(self) -> None:
        for handle in list(self._tasks):
            handle.cancel()
        self._tasks.clear()
        self._org_task = None

    def close_dialogs(self) -> None:
        super().close_dialogs()

    def _start(self, fn: Any, *args: Any, on_result: Any, on_error: Any, name: str) -> TaskHandle:
        holder: list[TaskHandle] = []

        def done(result: Any) -> None:
            self._tasks.discard(holder[0])
            on_result(result)

        def failed(error: BaseException) -> None:
            self._tasks.discard(holder[0])
            on_error(error)

        handle = run_task(fn, *args, on_result=done, on_error=failed, context=self, name=name)
        holder.append(handle)
        self._tasks.add(handle)
        return handle

    @property
    def busy(self) -> bool:
        """Some read or save of the page is still running."""
        return bool(self._tasks)

    def tab_key(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(key))

    @Slot(int)
    def on_tabs_currentChanged(self, index: int) -> None:
        if 0 <= index < len(TABS):
            self.settings.settings_tab = TABS[index]

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        for i, key in enumerate(TABS):
            self.tabs.setTabText(i, _tr(TAB_TITLES[key]))
        self.tabs.setTabToolTip(0, self.tr("Language, theme and fiscal year; changes apply at once"))
        self.tabs.setTabToolTip(1, self.tr("The database in use, and the one to open at the next start"))
        self.tabs.setTabToolTip(2, self.tr("The organisation printed on certificates and used by the metrics"))
        self.tabs.setTabToolTip(3, self.tr("Emission-factor sets, and the country of each site's electricity grid"))
        self.tabs.setTabToolTip(4, self.tr("The refresh cycles and discovery limits in force"))
        self.tabs.setTabToolTip(5, self.tr("Who may use this inventory, and their roles"))
        self.tabs.setTabToolTip(6, self.tr("Credential sets for SNMP, SSH and WinRM audits (secrets encrypted)"))
        self._retranslate_general()
        self._retranslate_database()
        self._retranslate_organisation()
        self._retranslate_factors()
        self._retranslate_policies()
        self.setWhatsThis(self.tr(
            "Settings: the interface language and theme, the database for the next start, the organisation's profile, "
            "the emission-factor sets and the sites' grid countries, and the policies in force."))

    def _retranslate_general(self) -> None:
        self.general_box.setTitle(self.tr("Interface"))
        self.language_label.setText(self.tr("&Language:"))
        self.language_combo.setToolTip(self.tr("The interface language; it changes at once and is remembered"))
        index = self.language_combo.findData(i18n.current_language())
        self.language_combo.setCurrentIndex(max(0, index))
        self.theme_label.setText(self.tr("&Theme:"))
        for i in range(self.theme_combo.count()):
            self.theme_combo.setItemText(i, _tr(THEMES[self.theme_combo.itemData(i)]))
        self.theme_combo.setToolTip(self.tr(
            "The colours of the interface: follow the system (the style's standard colours), light or dark"))
        self.fiscal_label.setText(self.tr("&Fiscal year starts in:"))
        locale = QLocale()
        for i in range(12):
            self.fiscal_combo.setItemText(i, locale.standaloneMonthName(i + 1, QLocale.FormatType.LongFormat))
        self.fiscal_combo.setToolTip(self.tr(
            "The month the organisation's fiscal year starts in: the dashboard's and the reports' "
            "\"Last fiscal year\" period begins then"))
        self.general_note.setText(self.tr(
            "These choices apply at once and are kept for this user on this computer. The organisation, factor sets "
            "and policies are shared by everyone using the same database."))

    def _retranslate_database(self) -> None:
        self.current_box.setTitle(self.tr("In use now"))
        self.current_url_label.setText(self.tr("Database:"))
        self.current_url_value.setToolTip(self.tr("The database this window works on (without any password)"))
        self.revision_label.setText(self.tr("Schema revision:"))
        self.revision_value.setToolTip(self.tr(
            "The revision of the database's tables; itam upgrades older databases at start-up, after a backup"))
        self._show_database_info()
        self.next_box.setTitle(self.tr("At the next start"))
        self.default_radio.setText(self.tr("&The standard embedded database (SQLite, in your data folder)"))
        self.default_radio.setToolTip(self.tr("Use the SQLite file itam keeps in your data folder"))
        self.default_path_label.setText(default_database_url().removeprefix("sqlite:///"))
        self.file_radio.setText(self.tr("&Embedded SQLite file:"))
        self.file_radio.setToolTip(self.tr("Use another SQLite file, e.g. one on a shared drive for a single user"))
        self.file_edit.setPlaceholderText(self.tr("full path of a .sqlite3 file; it is created if it does not exist"))
        self.file_edit.setToolTip(self.tr("The SQLite file to open at the next start; its folder must exist"))
        self.browse_button.setText(self.tr("&Browse…"))
        self.browse_button.setToolTip(self.tr("Choose the SQLite file with a dialog"))
        self.server_radio.setText(self.tr("PostgreSQL ser&ver:"))
        self.server_radio.setToolTip(self.tr("Share one database between workstations on a PostgreSQL server"))
        self.server_edit.setToolTip(self.tr(
            "The server's URL: postgresql+psycopg://user@host:5432/database. Leave the password out: "
            "put it in ~/.pgpass or PGPASSWORD"))
        self.next_note.setText(self.tr(
            "Takes effect at the next start: itam does not switch databases while it runs. Nothing is copied "
            "between databases."))
        overrides = []
        if os.environ.get("ITAM_DATABASE_URL"):
            overrides.append("ITAM_DATABASE_URL")
        if overrides:
            self.override_note.setText(self.tr(
                "The environment variable {name} is set: it wins over this choice, as does --db on the command line.")
                .format(name=overrides[0]))
            self.override_note.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.override_note.show()
        self.database_revert_button.setText(self.tr("&Revert"))
        self.database_revert_button.setToolTip(self.tr("Show the choice that is saved again"))
        self.database_save_button.setText(self.tr("S&ave"))
        self.database_save_button.setToolTip(self.tr("Remember this database for the next start"))
        self._show_database_status()

    def _retranslate_organisation(self) -> None:
        self.org_box.setTitle(self.tr("Organisation"))
        labels = {
            "name": self.tr("&Name:"), "address": self.tr("&Address:"), "phone": self.tr("P&hone:"),
            "email": self.tr("&E-mail:"), "registration_no": self.tr("Reg&istration no.:"),
            "website": self.tr("&Website:"), "country": self.tr("Coun&try:"), "currency": self.tr("C&urrency:"),
        }
        tips = {
            "name": self.tr("The organisation's name, printed on every certificate; required"),
            "address": self.tr("The postal address printed on certificates"),
            "phone": self.tr("A telephone number printed on certificates"),
            "email": self.tr("An e-mail address printed on certificates"),
            "registration_no": self.tr("The company registration number (e.g. the unified social credit code)"),
            "website": self.tr("The organisation's website, printed on certificates"),
            "country": self.tr(
                "ISO 3166 code of two letters (CN, GB, US …): the electricity grid of sites that have no country"),
            "currency": self.tr("ISO 4217 code of three letters (CNY, EUR, USD …): the currency reports use"),
        }
        for key in ORG_FIELDS:
            self.org_labels[key].setText(labels[key])
            self.org_edits[key].setToolTip(tips[key])
        self.org_edits["name"].setPlaceholderText(self.tr("printed on every certificate; required"))
        self.org_edits["country"].setPlaceholderText("CN")
        self.org_edits["currency"].setPlaceholderText("CNY")
        self.logo_label.setText(self.tr("Logo:"))
        self.logo_preview.setToolTip(self.tr("The logo as certificates show it"))
        self.choose_logo_button.setText(self.tr("Choose &logo…"))
        self.choose_logo_button.setToolTip(self.tr("A PNG or JPEG image of at most 2 MB"))
        self.remove_logo_button.setText(self.tr("Re&move logo"))
        self.remove_logo_button.setToolTip(self.tr("Issue certificates without a logo"))
        self.signer_button.setText(self.tr("Signing &certificate…"))
        self.signer_button.setToolTip(self.tr(
            "The certificate that signs every issued certificate: show it, import your own, export the CA"))
        self.org_revert_button.setText(self.tr("&Revert"))
        self.org_revert_button.setToolTip(self.tr("Discard the changes and show the saved profile again"))
        self.org_save_button.setText(self.tr("Sa&ve"))
        self.org_save_button.setToolTip(self.tr("Save the profile in the database (Enter)"))
        self._show_logo()
        self._show_org_status()

    def _retranslate_factors(self) -> None:
        self.factors_box.setTitle(self.tr("Emission-factor sets"))
        self.factors_table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Version"), self.tr("Origin"), self.tr("In use"), self.tr("File")])
        self.factors_table.setToolTip(self.tr(
            "The factor sets itam knows: the shipped ones and yours in {folder}; the one in use is marked").format(
            folder=str(user_dir())))
        self.factors_note.setText(self.tr(
            "itam uses {file} when it exists, otherwise the newest shipped set. Reports print the set they used.")
            .format(file=str(user_dir() / ACTIVE_FILE)))
        self.copy_set_button.setText(self.tr("Use a &copy of the shipped set…"))
        self.copy_set_button.setToolTip(self.tr(
            "Copy the newest shipped set to {file} to edit its factors; an existing file is never replaced").format(
            file=str(user_dir() / ACTIVE_FILE)))
        self.factor_folder_button.setText(self.tr("Open the factor &folder"))
        self.factor_folder_button.setToolTip(self.tr("Open {folder} in the file manager").format(folder=str(user_dir())))
        self._fill_factor_sets()
        self.sites_box.setTitle(self.tr("Sites"))
        self.sites_note.setText(self.tr(
            "The country of each site picks its electricity grid's emission factor; a site without one uses the "
            "organisation's country. Double-click a country to change it (two letters, e.g. CN; empty clears it)."))
        self.locations_table.setHorizontalHeaderLabels([self.tr("Location"), self.tr("Country")])
        self.locations_table.setToolTip(self.tr("Edit the Country column: an ISO 3166 code of two letters, or empty"))
        self._show_label_status(self.locations_status, self._location_error, ERROR_COLOUR)
        self._show_label_status(self.factors_status, self._factor_error, ERROR_COLOUR)

    def _retranslate_policies(self) -> None:
        self.policy_box.setTitle(self.tr("Policies in force"))
        self.policy_file_label.setText(self.tr("Policy file:"))
        self.policy_file_value.setToolTip(self.tr("The file the recommendation and discovery policies are read from"))
        self.missing_label.setText(self.tr("Report &missing after:"))
        self.missing_spin.setSuffix(self.tr(" days"))
        self.missing_spin.setToolTip(self.tr(
            "An asset that discovery has seen before but not for this many days is reported as missing"))
        self.refresh_box.setTitle(self.tr("Planned refresh cycle per category (years)"))
        self.refresh_box.setToolTip(self.tr(
            "How many years an asset of each category serves before its planned refresh; the Lifecycle page "
            "recommends a lever once an asset is past it"))
        for category, label in self.refresh_labels.items():
            label.setText(i18n.category_name(category) + ":")
        self.levers_box.setTitle(self.tr("Circular levers"))
        for header, text in zip(self.lever_headers, (self.tr("Lever"), self.tr("Age limit"),
                                                     self.tr("Worst condition")), strict=True):
            header.setText(text)
        for lever, label in self.lever_labels.items():
            label.setText(i18n.lever_name(lever))
        for (lever, years_key) in LEVER_LIMITS:
            spin = self.policy_inputs[f"{lever}.{years_key}"]
            if years_key == "max_years_over_refresh":
                spin.setSuffix(self.tr(" years past refresh"))
                spin.setToolTip(self.tr("At most this many years past the category's refresh cycle"))
            else:
                spin.setSuffix(self.tr(" years old"))
                spin.setToolTip(self.tr("At most this many years old"))
            combo = self.policy_inputs.get(f"{lever}.min_condition")
            if combo is not None:
                combo.setToolTip(self.tr(
                    "The worst condition grade this lever accepts: A as new, B good, C worn but working, "
                    "D faulty but repairable, F broken"))
        self.policy_save_button.setText(self.tr("&Save policy"))
        self.policy_save_button.setToolTip(self.tr(
            "Save these values to your own policy file in the data folder (Alt+S); they apply at once"))
        self.policy_revert_button.setText(self.tr("Re&vert"))
        self.policy_revert_button.setToolTip(self.tr("Discard the changes not saved yet"))
        self.policy_reset_button.setText(self.tr("Restore the shipped &defaults…"))
        self.policy_reset_button.setToolTip(self.tr(
            "Stop using your own policy file (it is kept as policy.toml.bak) and use the shipped policy"))
        self.policy_folder_button.setText(self.tr("Open the policy &folder"))
        self.policy_folder_button.setToolTip(self.tr("Open the folder that holds the policy file"))
        self._show_policy_note()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @staticmethod
    def _show_label_status(label: QLabel, text: str | None, colour: str) -> None:
        if text:
            label.setText(text)
            label.setStyleSheet(f"color: {colour};")
            label.show()
        else:
            label.hide()

    # --- general ------------------------------------------------------------------------------------
    @Slot(int)
    def on_language_combo_activated(self, index: int) -> None:
        self.set_language(self.language_combo.itemData(index))

    def set_language(self, code: str) -> bool:
        """Switch the interface language now and remember it."""
        if code == i18n.current_language():
            return True
        ok = i18n.set_language(code)
        self.settings.language = i18n.current_language()
        if not ok:
            self._show_label_status(self.general_status, self.tr(
                "The translation for {language} is missing: the interface stays in English.").format(
                language=i18n.LANGUAGES.get(code, code)), ERROR_COLOUR)
            self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(i18n.current_language())))
        else:
            self.general_status.hide()
        self.language_changed.emit(i18n.current_language())
        return ok

    @Slot(int)
    def on_theme_combo_activated(self, index: int) -> None:
        self.set_theme(self.theme_combo.itemData(index))

    def set_theme(self, theme: str) -> None:
        self.settings.theme = theme
        apply_theme(self.settings.theme)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(self.settings.theme)))
        self.theme_changed.emit(self.settings.theme)

    @Slot(int)
    def on_fiscal_combo_activated(self, index: int) -> None:
        self.set_fiscal_year_start_month(index + 1)

    def set_fiscal_year_start_month(self, month: int) -> None:
        self.settings.fiscal_year_start_month = month
        self.fiscal_combo.setCurrentIndex(self.settings.fiscal_year_start_month - 1)
        self.fiscal_year_start_month_changed.emit(self.settings.fiscal_year_start_month)

    # --- database -----------------------------------------------------------------------------------
    def on_database_info(self, info: DatabaseInfo) -> None:
        self.database_info = info
        self._show_database_info()
        self.database_info_loaded.emit(info)

    def on_database_info_failed(self, error: BaseException) -> None:
        self.database_info = DatabaseInfo(self.services.db.display_url, None, None)
        self._show_database_info(error_text(error))

    def _show_database_info(self, failure: str | None = None) -> None:
        info = self.database_info
        self.current_url_value.setText(info.display_url if info else self.services.db.display_url)
        if failure:
            self.revision_value.setText(self.tr("cannot be read: {reason}").format(reason=failure))
        elif info is None:
            self.revision_value.setText(self.tr("reading…"))
        elif info.revision is None:
            self.revision_value.setText(self.tr("none (an empty database)"))
        elif info.revision == info.head:
            self.revision_value.setText(self.tr("{revision} (up to date)").format(revision=info.revision))
        else:
            self.revision_value.setText(self.tr("{revision} (this version of itam knows up to {head})").format(
                revision=info.revision, head=info.head or "?"))

    def _saved_choice(self) -> tuple[int, str]:
        """The saved database as (radio id, URL or path)."""
        url = self.settings.database_url
        if not url or url == default_database_url():
            return 0, ""
        if url.startswith("sqlite:///"):
            return 1, url.removeprefix("sqlite:///")
        return 2, url

    def _show_database_choice(self) -> None:
        kind, value = self._saved_choice()
        self.file_edit.setText(value if kind == 1 else "")
        self.server_edit.setText(value if kind == 2 else "")
        self.database_group.button(kind).setChecked(True)
        self._update_database_buttons()

    def staged_database_url(self) -> str:
        """The URL the form describes (checked; ValidationError with a translated message)."""
        kind = self.database_group.checkedId()
        if kind == 1:
            return sqlite_url_for_file(self.file_edit.text())
        if kind == 2:
            return server_url(self.server_edit.text())
        return ""

    def database_dirty(self) -> bool:
        kind, value = self._saved_choice()
        if self.database_group.checkedId() != kind:
            return True
        if kind == 1:
            return self.file_edit.text().strip() != value
        if kind == 2:
            return self.server_edit.text().strip() != value
        return False

    def on_database_choice_changed(self, *_args: Any) -> None:
        self._db_status = None
        self._show_database_status()
        self._update_database_buttons()

    def _update_database_buttons(self) -> None:
        kind = self.database_group.checkedId()
        self.file_edit.setEnabled(kind == 1)
        self.browse_button.setEnabled(kind == 1)
        self.server_edit.setEnabled(kind == 2)
        dirty = self.database_dirty()
        self.database_save_button.setEnabled(dirty)
        self.database_revert_button.setEnabled(dirty)

    def _show_database_status(self) -> None:
        if self._db_status is None:
            self.database_status.hide()
            return
        self._show_label_status(self.database_status, *self._db_status)

    @Slot()
    def on_browse_button_clicked(self) -> None:
        start = self.file_edit.text().strip() or str(data_dir())
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Choose the SQLite database file"), start,
            self.tr("SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.file_radio.setChecked(True)
            self.file_edit.setText(path)
            self.on_database_choice_changed()

    @Slot()
    def save_database(self) -> bool:
        """Check the chosen database and remember it for the next start; a bad one is refused with the reason."""
        try:
            url = self.staged_database_url()
        except ValidationError as exc:
            self._db_status = (self.tr("Not saved: {reason}").format(reason=core_text(exc)), ERROR_COLOUR)
            self._show_database_status()
            (self.file_edit if self.database_group.checkedId() == 1 else self.server_edit).setFocus()
            return False
        self.settings.database_url = url
        self.settings.sync()
        self._show_database_choice()
        if url.startswith("postgresql") and find_spec("psycopg") is None:
            self._db_status = (self.tr(
                "Saved. The PostgreSQL driver (psycopg) is not installed: install it before the next start "
                "(pip install \"psycopg[binary]\")."), ERROR_COLOUR)
        else:
            self._db_status = (self.tr("Saved: itam opens {url} at the next start.").format(
                url=self._display(url) or self.tr("the standard embedded database")), OK_COLOUR)
        self._show_database_status()
        self.database_saved.emit(url)
        self.status_message.emit(self.tr("The database for the next start was saved"), 6000)
        return True

    @staticmethod
    def _display(url: str) -> str:
        if not url:
            return ""
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)

    @Slot()
    def revert_database(self) -> None:
        self._db_status = None
        self._show_database_choice()
        self._show_database_status()

    # --- organisation -------------------------------------------------------------------------------
    def on_profile_read(self, profile: OrganisationProfile) -> None:
        self._set_profile(profile)
        self.organisation_loaded.emit(profile)

    def on_profile_failed(self, error: BaseException) -> None:
        self._org_error = self.tr("The organisation cannot be read:") + " " + error_text(error)
        self._org_status = False
        self._show_org_status()

    def _set_profile(self, profile: OrganisationProfile) -> None:
        self.profile = profile
        for key, edit in self.org_edits.items():
            value = getattr(profile, key) or ""
            if isinstance(edit, QPlainTextEdit):
                edit.setPlainText(value)
            else:
                edit.setText(value)
        self.logo = profile.logo
        self._logo_changed = False
        self._show_logo()
        self._update_org_buttons()

    def organisation_values(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for key, edit in self.org_edits.items():
            text = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
            out[key] = text.strip() or None
        return out

    def organisation_dirty(self) -> bool:
        if self._logo_changed:
            return True
        saved = self.profile or OrganisationProfile()
        values = self.organisation_values()
        return any((values[k] or None) != (getattr(saved, k) or None) for k in ORG_FIELDS)

    @Slot()
    def _update_org_buttons(self) -> None:
        busy = self._org_task is not None
        dirty = self.organisation_dirty()
        # Saving the profile is for administrators (greyed out, saying so, for other roles).
        access.gate(self.org_save_button, self.services, security.SETTINGS, dirty and not busy)
        self.org_revert_button.setEnabled(dirty and not busy)
        access.gate(self.remove_logo_button, self.services, security.SETTINGS, bool(self.logo) and not busy)
        access.gate(self.choose_logo_button, self.services, security.SETTINGS, not busy)
        if dirty and self._org_status:
            self._org_status = False
            self._show_org_status()

    def _show_org_status(self) -> None:
        if self._org_error:
            self._show_label_status(self.org_status, self._org_error, ERROR_COLOUR)
        elif self._org_status:
            self._show_label_status(self.org_status, self.tr("Saved."), OK_COLOUR)
        else:
            self.org_status.hide()

    def _show_logo(self) -> None:
        show_logo(self.logo_preview, self.logo)

    @Slot()
    def on_choose_logo_button_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the logo"), "", self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.set_logo_file(path)

    def set_logo_file(self, path: str) -> bool:
        """Stage the image file as the logo (saved with Save)."""
        try:
            size = Path(path).stat().st_size
            if size > 2_000_000:
                raise ValidationError(self.tr("{file} is larger than 2 MB: use a smaller PNG or JPEG.").format(
                    file=Path(path).name))
            data = Path(path).read_bytes()
        except OSError as exc:
            self._org_error = self.tr("Cannot read {file}: {reason}").format(file=path, reason=exc.strerror or exc)
            self._show_org_status()
            return False
        except ValidationError as exc:
            self._org_error = core_text(exc)
            self._show_org_status()
            return False
        pixmap = QPixmap()
        if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")) or not pixmap.loadFromData(data):
            self._org_error = self.tr("{file} is not a PNG or JPEG image.").format(file=Path(path).name)
            self._show_org_status()
            return False
        self._org_error = None
        self.logo = data
        self._logo_changed = True
        self._show_logo()
        self._show_org_status()
        self._update_org_buttons()
        return True

    @Slot()
    def remove_logo(self) -> None:
        self.logo = None
        self._logo_changed = self.profile is None or self.profile.logo is not None
        self._show_logo()
        self._update_org_buttons()

    @Slot()
    def save_organisation(self) -> bool:
        """Save the staged profile (on a worker); a ValidationError is shown and nothing is saved."""
        if self._org_task is not None or not self.organisation_dirty():
            return False
        kwargs: dict[str, Any] = self.organisation_values()
        if self._logo_changed:
            if self.logo is None:
                kwargs["remove_logo"] = True
            else:
                kwargs["logo"] = self.logo
        self._org_error = None
        self._org_status = False
        self._show_org_status()
        # A partial: "name" is one of the profile's fields and also run_task's own keyword.
        update = partial(self.services.organisation.update, **kwargs)
        self._org_task = self._start(call_plain(update), on_result=self.on_organisation_saved,
                                     on_error=self.on_organisation_save_failed, name="settings: save organisation")
        self._update_org_buttons()
        return True

    def on_organisation_saved(self, profile: OrganisationProfile) -> None:
        self._org_task = None
        self._set_profile(profile)
        self._org_error = None
        self._org_status = True
        self._show_org_status()
        self.organisation_saved.emit(profile)
        self.status_message.emit(self.tr("Organisation saved: {name}").format(name=profile.name), 8000)

    def on_organisation_save_failed(self, error: BaseException) -> None:
        self._org_task = None
        message = error_text(error)
        self._org_error = self.tr("Nothing was saved:") + " " + message
        self._org_status = False
        self._show_org_status()
        self._update_org_buttons()
        low = message.lower()
        for key in ("country", "currency", "logo", "name"):
            if key in low:
                if key == "logo":
                    self.choose_logo_button.setFocus()
                else:
                    self.org_edits[key].setFocus()
                    if isinstance(self.org_edits[key], QLineEdit):
                        self.org_edits[key].selectAll()
                break
        self.organisation_save_failed.emit(message)

    @Slot()
    def revert_organisation(self) -> None:
        self._org_error = None
        self._org_status = False
        self._set_profile(self.profile or OrganisationProfile())
        self._show_org_status()

    @Slot()
    def open_signer_dialog(self) -> SignerDialog:
        """The existing signing-certificate dialog (non-modal, like the certificates page opens it)."""
        dialog = SignerDialog(self.services, self.window())
        dialog.signer_changed.connect(self.on_signer_changed)
        self.signer_dialog = dialog
        self._open(dialog)
        return dialog

    def on_signer_changed(self, info: SignerInfo) -> None:
        self.status_message.emit(self.tr("Certificates are now signed by {subject}").format(subject=info.subject), 10_000)

    # --- factor sets --------------------------------------------------------------------------------
    def load_factor_sets(self) -> None:
        self._start(read_factor_sets, on_result=self.on_factor_sets, on_error=self.on_factor_sets_failed,
                    name="settings: factor sets")

    def on_factor_sets(self, sets: list[FactorSetInfo]) -> None:
        self.factor_sets = list(sets)
        self._fill_factor_sets()
        self.factor_sets_loaded.emit(self.factor_sets)

    def on_factor_sets_failed(self, error: BaseException) -> None:
        self._factor_error = self.tr("The factor sets cannot be listed:") + " " + error_text(error)
        self._show_label_status(self.factors_status, self._factor_error, ERROR_COLOUR)

    def active_factor_set(self) -> FactorSetInfo | None:
        return next((s for s in self.factor_sets if s.active), None)

    def _fill_factor_sets(self) -> None:
        table = self.factors_table
        table.setRowCount(len(self.factor_sets))
        bold = table.font()
        bold.setBold(True)
        for row, info in enumerate(self.factor_sets):
            if info.error:
                cells = [self.tr("(does not load)"), "", _tr(ORIGINS.get(info.origin, info.origin)), "",
                         f"{info.path.name}: {info.error}"]
            else:
                cells = [info.name or "", info.version or "", _tr(ORIGINS.get(info.origin, info.origin)),
                         "✔" if info.active else "", str(info.path)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if info.error:
                    item.setForeground(QColor(ERROR_COLOUR))
                    item.setToolTip(info.error)
                elif info.active:
                    item.setFont(bold)
                    item.setToolTip(self.tr("In use: reports and the dashboard compute with this set"))
                    if column == 4:
                        item.setToolTip(f"{info.path}\nSHA-256 {info.sha256}")
                elif column == 4:
                    item.setToolTip(f"{info.path}\nSHA-256 {info.sha256}")
                if column == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, column, item)

    @Slot()
    def on_copy_set_button_clicked(self) -> None:
        self.copy_shipped_set()

    def copy_shipped_set(self) -> bool:
        """Copy the newest shipped set to the user's active file, unless one exists; then offer the folder."""
        target = user_dir() / ACTIVE_FILE
        if target.exists():
            self._ask(self.tr("You have your own factor set"), self.tr(
                "{file} exists already and is the set in use; it was not replaced. Edit it with a text editor, or "
                "delete it to go back to the shipped set.\n\nOpen its folder?").format(file=str(target)),
                self.on_open_folder_answered, yes_text=self.tr("Open the folder"))
            return False
        shipped = [s for s in self.factor_sets if s.origin == "shipped" and s.error is None]
        newest = next((s for s in shipped if s.active), None) or (shipped[-1] if shipped else None)
        if newest is None:
            self._factor_error = self.tr("There is no shipped factor set to copy.")
            self._show_label_status(self.factors_status, self._factor_error, ERROR_COLOUR)
            return False
        self._factor_error = None
        self._start(copy_shipped_set, str(newest.path), on_result=self.on_set_copied, on_error=self.on_copy_failed,
                    name="settings: copy factor set")
        return True

    def on_set_copied(self, path: str) -> None:
        self._show_label_status(self.factors_status, self.tr(
            "Copied to {file}: it is the set in use from now on. Edit its factors with a text editor.").format(file=path),
            OK_COLOUR)
        self.load_factor_sets()
        self.factor_set_copied.emit(path)
        self._ask(self.tr("Factor set copied"), self.tr(
            "The shipped factor set was copied to {file}; itam computes with it from now on.\n\nOpen its folder?")
            .format(file=path), self.on_open_folder_answered, yes_text=self.tr("Open the folder"))

    def on_copy_failed(self, error: BaseException) -> None:
        self._factor_error = self.tr("Nothing was copied:") + " " + error_text(error)
        self._show_label_status(self.factors_status, self._factor_error, ERROR_COLOUR)

    def on_open_folder_answered(self, button: QMessageBox.StandardButton) -> None:
        if button == QMessageBox.StandardButton.Yes:
            self.open_factor_folder()

    @Slot()
    def open_factor_folder(self) -> None:
        folder = user_dir()
        folder.mkdir(parents=True, exist_ok=True)
        _open_folder(folder)

    # --- locations ----------------------------------------------------------------------------------
    def load_locations(self) -> None:
        self._start(call_plain(list_locations), self.services.ctx, on_result=self.on_locations,
                    on_error=self.on_locations_failed, name="settings: locations")

    def on_locations(self, rows: list[tuple[str, str | None]]) -> None:
        self.locations = list(rows)
        self._filling_locations = True
        try:
            table = self.locations_table
            table.setRowCount(len(rows))
            for row, (name, country) in enumerate(rows):
                name_item = QTableWidgetItem(name)
                name_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                country_item = QTableWidgetItem(country or "")
                country_item.setData(Qt.ItemDataRole.UserRole, country or "")
                country_item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable)
                country_item.setToolTip(self.tr("ISO 3166 code of two letters; empty: the organisation's country"))
                table.setItem(row, 0, name_item)
                table.setItem(row, 1, country_item)
        finally:
            self._filling_locations = False
        self._location_error = None
        self._show_label_status(self.locations_status, None if rows else self.tr(
            "No locations yet: they come from the assets' Location field."), OK_COLOUR)
        self.locations_loaded.emit(self.locations)

    def on_locations_failed(self, error: BaseException) -> None:
        self._location_error = self.tr("The locations cannot be read:") + " " + error_text(error)
        self._show_label_status(self.locations_status, self._location_error, ERROR_COLOUR)

    def _set_country_text(self, item: QTableWidgetItem, text: str) -> None:
        self._filling_locations = True
        try:
            item.setText(text)
            item.setData(Qt.ItemDataRole.UserRole, text)
        finally:
            self._filling_locations = False

    @Slot(QTableWidgetItem)
    def on_locations_table_itemChanged(self, item: QTableWidgetItem) -> None:
        if self._filling_locations or item.column() != 1:
            return
        name_item = self.locations_table.item(item.row(), 0)
        if name_item is None:
            return
        self.set_location_country(name_item.text(), item.text())

    def set_location_country(self, name: str, text: str) -> bool:
        """Save a location's country (on a worker); a refused code is reported and the cell reverted."""
        row = next((r for r in range(self.locations_table.rowCount())
                    if self.locations_table.item(r, 0) and self.locations_table.item(r, 0).text() == name), None)
        if row is None:
            return False
        item = self.locations_table.item(row, 1)
        old = item.data(Qt.ItemDataRole.UserRole) or ""
        code = text.strip().upper()
        if code == old:
            if item.text() != old:
                self._set_country_text(item, old)
            return False

        def saved(_result: Any) -> None:
            self._set_country_text(item, code)
            self._location_error = None
            self._show_label_status(self.locations_status, self.tr("{location}: country set to {country}.").format(
                location=name, country=code or self.tr("(none: the organisation's)")), OK_COLOUR)
            self.location_country_saved.emit(name, code)

        def failed(error: BaseException) -> None:
            self._set_country_text(item, old)
            message = error_text(error)
            self._location_error = self.tr("{location}: not changed: {reason}").format(location=name, reason=message)
            self._show_label_status(self.locations_status, self._location_error, ERROR_COLOUR)
            self.location_country_failed.emit(name, message)

        # The text as typed goes to the service, so that a refusal quotes what the person wrote.
        self._start(call_plain(set_location_country), self.services.ctx, name, text.strip() or None,
                    on_result=saved, on_error=failed, name="settings: location country")
        return True

    # --- policies -----------------------------------------------------------------------------------
    def load_policy(self) -> None:
        """Read the policy in force into the form (a small TOML file: read on the GUI thread)."""
        from itam.errors import ItamError

        try:
            values = current_values()
            failure = None
        except ItamError as exc:
            values, failure = {}, error_text(exc)
        self.policy_path = policy_file()
        self.policy_values = values
        self._fill_refresh_spins([k.partition(".")[2] for k in values if k.startswith("refresh_years.")])
        for name, value in values.items():
            widget = self.policy_inputs.get(name)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(value)))
            elif widget is not None:
                widget.setValue(float(value))
        self._show_label_status(self.policy_status, self.tr("The policy cannot be read:") + " " + failure
                                if failure else None, ERROR_COLOUR)
        self._show_policy_note()

    def _fill_refresh_spins(self, categories: list[str]) -> None:
        if list(self.refresh_spins) == categories:
            return
        for widget in (*self.refresh_spins.values(), *self.refresh_labels.values()):
            widget.deleteLater()
        self.refresh_spins.clear()
        self.refresh_labels.clear()
        half = (len(categories) + 1) // 2
        low, high = REFRESH_RANGE
        for i, category in enumerate(categories):
            label = QLabel(i18n.category_name(category) + ":", self.refresh_box)
            label.setToolTip(category)
            spin = QDoubleSpinBox(self.refresh_box)
            spin.setObjectName(f"refresh_{category}_spin")
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setRange(low, high)
            label.setBuddy(spin)
            row, col = i % half, (i // half) * 2
            self.refresh_grid.addWidget(label, row, col, Qt.AlignmentFlag.AlignRight)
            self.refresh_grid.addWidget(spin, row, col + 1)
            self.refresh_spins[category] = spin
            self.refresh_labels[category] = label
            self.policy_inputs[f"refresh_years.{category}"] = spin

    def policy_changes(self) -> dict[str, Any]:
        """The values in the form that differ from the policy in force."""
        changes = {}
        for name, widget in self.policy_inputs.items():
            value = widget.currentData() if isinstance(widget, QComboBox) else widget.value()
            old = self.policy_values.get(name)
            if old is None or (value != old if isinstance(widget, QComboBox) else abs(float(old) - value) > 1e-9):
                changes[name] = value
        return changes

    def _show_policy_note(self) -> None:
        path = self.policy_path
        self.policy_file_value.setText(str(path) if path else "")
        if path is not None and is_customised():
            text = self.tr("Your own policy file is in force. Saved changes apply at once to recommendations, "
                           "metrics and discovery; you may also edit the file by hand (its comments are kept).")
        else:
            text = self.tr("The shipped policy is in force. Saving writes your own copy to the data folder, "
                           "which updates of itam leave alone.")
        self.policy_note.setText(text)
        access.gate(self.policy_reset_button, self.services, security.SETTINGS, path is not None and is_customised())

    @Slot()
    def save_policy(self) -> bool:
        """Save the changed values to the user's policy file; a refused value changes nothing."""
        changes = self.policy_changes()
        if not changes:
            self._show_label_status(self.policy_status, self.tr("Nothing to save: the policy is unchanged."), OK_COLOUR)
            return True
        try:
            path = self.services.policy.save(changes)  # administrators only
        except (ItamError, OSError) as exc:
            self._show_label_status(self.policy_status, self.tr("The policy was not saved:") + " " + core_text(exc),
                                    ERROR_COLOUR)
            return False
        self._policy_applied()
        self._show_label_status(self.policy_status, self.tr("Saved {n} changes to {file}.").format(
            n=len(changes), file=str(path)), OK_COLOUR)
        return True

    @Slot()
    def reset_policy(self) -> None:
        """Ask, then set the user's policy file aside (as policy.toml.bak) and use the shipped one."""
        self._ask(self.tr("Restore the shipped policy"), self.tr(
            "Use the shipped policy again? Your policy file is kept as policy.toml.bak in the data folder."),
            self.on_reset_policy_answered, yes_text=self.tr("Restore"))

    def on_reset_policy_answered(self, button: QMessageBox.StandardButton) -> None:
        if button != QMessageBox.StandardButton.Yes:
            return
        try:
            backup = self.services.policy.reset()  # administrators only
        except (ItamError, OSError) as exc:
            self._show_label_status(self.policy_status, self.tr("The policy was not reset:") + " " + core_text(exc),
                                    ERROR_COLOUR)
            return
        self._policy_applied()
        self._show_label_status(self.policy_status, self.tr(
            "The shipped policy is in force again; your file was kept as {file}.").format(file=str(backup)), OK_COLOUR)

    def _policy_applied(self) -> None:
        """The policy file changed: discovery and this form read it again."""
        from itam.services.discovery import load_discovery_settings

        try:
            self.services.discovery.settings = load_discovery_settings()
        except (OSError, ValueError) as exc:  # the recommendations already validated the file
            log.warning("cannot reload the discovery settings: %s", exc)
        self.load_policy()
        self.policy_saved.emit()

    @Slot()
    def open_policy_folder(self) -> None:
        if self.policy_path is not None:
            _open_folder(self.policy_path.parent)


__all__ = ["SettingsPage", "apply_theme", "server_url", "sqlite_url_for_file", "theme_palette"]
