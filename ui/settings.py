"""Typed access to the user's GUI preferences, stored with QSettings.

QSettings is used from the GUI thread only: Picard deadlocked when workers touched it (#1275, #1720).
Every read names its ``type=`` so that an INI file (where everything is a string) and the native
backends give the same Python type back.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QThread

ORGANIZATION = "itam"
APPLICATION = "itam"


class Settings:
    """The GUI's preferences. ``path`` picks an INI file (tests); otherwise the platform's usual place."""

    def __init__(self, path: str | None = None):
        if path is None:
            self._qs = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
        else:
            self._qs = QSettings(path, QSettings.Format.IniFormat)

    @property
    def file_name(self) -> str:
        return self._qs.fileName()

    def _check_thread(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() is not app.thread():
            raise RuntimeError("Settings are for the GUI thread only; pass plain values to workers")

    def _bytes(self, key: str) -> QByteArray:
        self._check_thread()
        return self._qs.value(key, QByteArray(), type=QByteArray)

    def _set(self, key: str, value: object) -> None:
        self._check_thread()
        self._qs.setValue(key, value)

    # --- language -----------------------------------------------------------------------------------
    @property
    def language(self) -> str:
        """The chosen interface language (``en``, ``zh_CN``), or ``""`` to follow the system."""
        self._check_thread()
        return self._qs.value("ui/language", "", type=str)

    @language.setter
    def language(self, value: str) -> None:
        self._set("ui/language", value)

    # --- main window --------------------------------------------------------------------------------
    @property
    def main_window_geometry(self) -> QByteArray:
        return self._bytes("main_window/geometry")

    @main_window_geometry.setter
    def main_window_geometry(self, value: QByteArray) -> None:
        self._set("main_window/geometry", value)

    @property
    def main_window_state(self) -> QByteArray:
        """Toolbar positions (QMainWindow.saveState)."""
        return self._bytes("main_window/state")

    @main_window_state.setter
    def main_window_state(self, value: QByteArray) -> None:
        self._set("main_window/state", value)

    @property
    def inventory_header_state(self) -> QByteArray:
        """Column widths and order of the inventory table."""
        return self._bytes("main_window/inventory_header")

    @inventory_header_state.setter
    def inventory_header_state(self, value: QByteArray) -> None:
        self._set("main_window/inventory_header", value)

    @property
    def main_window_page(self) -> str:
        """The key of the page that was open last (``inventory``, ``discovery`` …), or ``""``."""
        self._check_thread()
        return self._qs.value("main_window/page", "", type=str)

    @main_window_page.setter
    def main_window_page(self, value: str) -> None:
        self._set("main_window/page", value)

    # --- discovery ----------------------------------------------------------------------------------
    @property
    def discovery_targets(self) -> str:
        """The scan targets typed last time."""
        self._check_thread()
        return self._qs.value("discovery/targets", "", type=str)

    @discovery_targets.setter
    def discovery_targets(self, value: str) -> None:
        self._set("discovery/targets", value)

    @property
    def discovery_profile(self) -> str:
        """The scan profile chosen last time (``quick``, ``standard``, ``deep``), or ``""``."""
        self._check_thread()
        return self._qs.value("discovery/profile", "", type=str)

    @discovery_profile.setter
    def discovery_profile(self, value: str) -> None:
        self._set("discovery/profile", value)

    @property
    def discovery_hosts_header_state(self) -> QByteArray:
        """Column widths and order of the discovery page's hosts table."""
        return self._bytes("discovery/hosts_header")

    @discovery_hosts_header_state.setter
    def discovery_hosts_header_state(self, value: QByteArray) -> None:
        self._set("discovery/hosts_header", value)

    @property
    def discovery_queue_header_state(self) -> QByteArray:
        """Column widths and order of the discovery page's review queue."""
        return self._bytes("discovery/queue_header")

    @discovery_queue_header_state.setter
    def discovery_queue_header_state(self, value: QByteArray) -> None:
        self._set("discovery/queue_header", value)

    # --- sanitization -------------------------------------------------------------------------------
    @property
    def sanitization_records_header_state(self) -> QByteArray:
        """Column widths and order of the sanitization page's records table."""
        return self._bytes("sanitization/records_header")

    @sanitization_records_header_state.setter
    def sanitization_records_header_state(self, value: QByteArray) -> None:
        self._set("sanitization/records_header", value)

    # --- batches ------------------------------------------------------------------------------------
    @property
    def batches_list_header_state(self) -> QByteArray:
        """Column widths and order of the batches page's list of batches."""
        return self._bytes("batches/list_header")

    @batches_list_header_state.setter
    def batches_list_header_state(self, value: QByteArray) -> None:
        self._set("batches/list_header", value)

    @property
    def batches_splitter_state(self) -> QByteArray:
        """Where the batches page divides its list from the batch's details (QSplitter.saveState)."""
        return self._bytes("batches/splitter")

    @batches_splitter_state.setter
    def batches_splitter_state(self, value: QByteArray) -> None:
        self._set("batches/splitter", value)

    # --- certificates -------------------------------------------------------------------------------
    @property
    def certificates_list_header_state(self) -> QByteArray:
        """Column widths and order of the certificates page's list."""
        return self._bytes("certificates/list_header")

    @certificates_list_header_state.setter
    def certificates_list_header_state(self, value: QByteArray) -> None:
        self._set("certificates/list_header", value)

    @property
    def certificates_splitter_state(self) -> QByteArray:
        """Where the certificates page divides its list from the verification panel (QSplitter.saveState)."""
        return self._bytes("certificates/splitter")

    @certificates_splitter_state.setter
    def certificates_splitter_state(self, value: QByteArray) -> None:
        self._set("certificates/splitter", value)

    # --- dashboard and reports ----------------------------------------------------------------------
    @property
    def fiscal_year_start_month(self) -> int:
        """The month (1 … 12) the organisation's fiscal year starts in; January unless chosen."""
        self._check_thread()
        month = self._qs.value("metrics/fiscal_year_start_month", 1, type=int)
        return month if 1 <= month <= 12 else 1

    @fiscal_year_start_month.setter
    def fiscal_year_start_month(self, value: int) -> None:
        self._set("metrics/fiscal_year_start_month", int(value))

    @property
    def dashboard_period(self) -> str:
        """The dashboard's period preset chosen last time (``last_12_months``, ``last_year`` …), or ``""``."""
        self._check_thread()
        return self._qs.value("dashboard/period", "", type=str)

    @dashboard_period.setter
    def dashboard_period(self, value: str) -> None:
        self._set("dashboard/period", value)

    @property
    def reports_period(self) -> str:
        """The reports page's period preset chosen last time, or ``""``."""
        self._check_thread()
        return self._qs.value("reports/period", "", type=str)

    @reports_period.setter
    def reports_period(self, value: str) -> None:
        self._set("reports/period", value)

    @property
    def reports_kind(self) -> str:
        """The report type chosen last time (``lifecycle``, ``csr``, ``asset``), or ``""``."""
        self._check_thread()
        return self._qs.value("reports/kind", "", type=str)

    @reports_kind.setter
    def reports_kind(self, value: str) -> None:
        self._set("reports/kind", value)

    @property
    def reports_folder(self) -> str:
        """The folder a report was last saved into, or ``""``."""
        self._check_thread()
        return self._qs.value("reports/folder", "", type=str)

    @reports_folder.setter
    def reports_folder(self, value: str) -> None:
        self._set("reports/folder", value)

    # --- settings page ------------------------------------------------------------------------------
    @property
    def theme(self) -> str:
        """The colour theme: ``system`` (the style's standard palette), ``light`` or ``dark``."""
        self._check_thread()
        value = self._qs.value("ui/theme", "system", type=str)
        return value if value in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._set("ui/theme", value if value in ("system", "light", "dark") else "system")

    @property
    def database_url(self) -> str:
        """The database to open at the next start (a SQLAlchemy URL), or ``""`` for the embedded default.

        ``--db`` and ``ITAM_DATABASE_URL`` still win over it. Never holds a password (the settings page
        refuses one: this file is plain text).
        """
        self._check_thread()
        return self._qs.value("database/url", "", type=str)

    @database_url.setter
    def database_url(self, value: str) -> None:
        self._set("database/url", value or "")

    @property
    def settings_tab(self) -> str:
        """The settings page's tab that was open last (``general``, ``database`` …), or ``""``."""
        self._check_thread()
        return self._qs.value("settings/tab", "", type=str)

    @settings_tab.setter
    def settings_tab(self, value: str) -> None:
        self._set("settings/tab", value)

    # --- first run ----------------------------------------------------------------------------------
    @property
    def welcome_done(self) -> bool:
        """The person ticked "Don't show this again" in the first-run welcome."""
        self._check_thread()
        return self._qs.value("ui/welcome_done", False, type=bool)

    @welcome_done.setter
    def welcome_done(self, value: bool) -> None:
        self._set("ui/welcome_done", bool(value))

    def sync(self) -> None:
        self._check_thread()
        self._qs.sync()
