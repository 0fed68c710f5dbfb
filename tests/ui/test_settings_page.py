"""The settings page on its own: organisation profile, language and theme, the database for the next start,
factor sets, the sites' grid countries and the policies in force; renders every tab to /tmp/settings_<tab>.png."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QDesktopServices, QPixmap
from PySide6.QtWidgets import QApplication

from itam.metrics.factors import ACTIVE_FILE, user_dir
from itam.services.organisation import list_locations
from tests.ui.conftest import populate
from ui import i18n
from ui.workers import wait_for_tasks

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SERVER = "postgresql+psycopg://itam@db.example.org:5432/itam"


@pytest.fixture
def page(qtbot, services, settings, monkeypatch):
    from ui.pages.settings_page import SettingsPage

    opened: list = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page = SettingsPage(services, settings)
    page.opened_urls = opened
    qtbot.addWidget(page)
    page.resize(1000, 680)
    with qtbot.waitSignals([page.organisation_loaded, page.factor_sets_loaded, page.locations_loaded,
                            page.database_info_loaded], timeout=10_000):
        page.show()
    yield page
    page.shutdown()
    page.close_dialogs()
    assert wait_for_tasks()  # nothing may read the database once the fixture disposes of it
    from ui.pages.settings_page import apply_theme

    apply_theme("system")


def close_message(qtbot, page, answer=None) -> str:
    box = page.message_box
    qtbot.waitUntil(lambda: box.isVisible())
    text = box.text()
    if answer is not None:
        box.button(answer).click()
    else:
        box.close()
    qtbot.waitUntil(lambda: page.message_box is None)
    return text


def png(tmp_path) -> str:
    pixmap = QPixmap(120, 40)
    pixmap.fill(QColor("#1565c0"))
    path = tmp_path / "logo.png"
    assert pixmap.save(str(path), "PNG")
    return str(path)


# --- organisation ------------------------------------------------------------------------------------------
def test_organisation_profile_is_saved(qtbot, page, services, tmp_path):
    page.show_tab("organisation")
    assert not page.org_save_button.isEnabled()  # nothing staged yet
    qtbot.keyClicks(page.org_edits["name"], "Acme Recycling Ltd")
    page.org_edits["address"].setPlainText("1 Green Road\nShanghai")
    page.org_edits["email"].setText("itad@acme.example")
    page.org_edits["country"].setText("gb")
    page.org_edits["currency"].setText("eur")
    assert page.set_logo_file(png(tmp_path))
    assert page.org_save_button.isEnabled() and page.org_revert_button.isEnabled()
    with qtbot.waitSignal(page.organisation_saved, timeout=10_000):
        qtbot.mouseClick(page.org_save_button, Qt.MouseButton.LeftButton)

    profile = services.organisation.get()
    assert profile.name == "Acme Recycling Ltd"
    assert profile.address == "1 Green Road\nShanghai"
    assert profile.email == "itad@acme.example"
    assert (profile.country, profile.currency) == ("GB", "EUR")
    assert profile.logo and profile.logo.startswith(b"\x89PNG")
    # The form shows what was stored (codes upper-cased) and has nothing staged any more.
    assert page.org_edits["country"].text() == "GB"
    assert page.org_status.isVisible() and page.org_status.text() == "Saved."
    assert not page.org_save_button.isEnabled()

    # Remove the logo, then revert an unsaved edit.
    page.remove_logo()
    with qtbot.waitSignal(page.organisation_saved, timeout=10_000):
        page.save_organisation()
    assert services.organisation.get().logo is None
    page.org_edits["phone"].setText("+44 20 0000 0000")
    assert page.org_revert_button.isEnabled()
    page.org_revert_button.click()
    assert page.org_edits["phone"].text() == ""
    assert not page.org_save_button.isEnabled()


def test_bad_country_is_refused_and_nothing_saved(qtbot, page, services):
    page.show_tab("organisation")
    page.org_edits["name"].setText("Acme")
    page.org_edits["country"].setText("Britain")
    with qtbot.waitSignal(page.organisation_save_failed, timeout=10_000) as failed:
        page.org_save_button.click()
    assert "country" in failed.args[0]
    assert page.org_status.isVisible()
    assert page.org_status.text().startswith("Nothing was saved:")
    assert "BRITAIN" in page.org_status.text().upper()
    assert page.org_edits["country"].hasFocus() or not page.isActiveWindow()
    assert services.organisation.get().name == ""  # nothing stored
    assert page.org_save_button.isEnabled()  # the edit stays staged, to be corrected
    page.org_edits["country"].setText("GB")
    with qtbot.waitSignal(page.organisation_saved, timeout=10_000):
        page.org_save_button.click()
    assert services.organisation.get().country == "GB"
    assert page.org_status.text() == "Saved."


def test_signing_certificate_opens_the_signer_dialog(qtbot, page):
    from ui.dialogs.signer_dialog import SignerDialog

    page.show_tab("organisation")
    with qtbot.waitSignal(page.signer_button.clicked):
        page.signer_button.click()
    dialog = page.signer_dialog
    assert isinstance(dialog, SignerDialog)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: dialog.info is not None or dialog.failure is not None, timeout=10_000)
    dialog.reject()
    qtbot.waitUntil(lambda: not page.dialogs)


# --- general -----------------------------------------------------------------------------------------------
def test_language_switches_to_chinese_and_back(qtbot, page, settings):
    page.show_tab("policies")
    assert page.fiscal_combo.itemText(0) == "January"
    assert page.refresh_labels["laptop"].text() == "Laptop:"
    assert page.tabs.tabText(0) == "&General"
    zh = page.language_combo.findData("zh_CN")
    with qtbot.waitSignal(page.language_changed) as changed:
        page.language_combo.setCurrentIndex(zh)
        page.language_combo.activated.emit(zh)
    assert changed.args == ["zh_CN"]
    assert i18n.current_language() == "zh_CN" and settings.language == "zh_CN"
    # The page retranslated itself on Qt's LanguageChange event.
    qtbot.waitUntil(lambda: page.fiscal_combo.itemText(0) == "一月")
    assert page.refresh_labels["laptop"].text() == i18n.category_name("laptop") + ":" != "Laptop:"
    assert page.tabs.tabText(0) == QCoreApplication.translate("SettingsPage", "&General")
    assert page.language_combo.currentData() == "zh_CN"

    en = page.language_combo.findData("en")
    page.language_combo.setCurrentIndex(en)
    page.language_combo.activated.emit(en)
    qtbot.waitUntil(lambda: page.fiscal_combo.itemText(0) == "January")
    assert page.refresh_labels["laptop"].text() == "Laptop:"
    assert page.tabs.tabText(0) == "&General"
    assert settings.language == "en"


def test_theme_and_fiscal_month(qtbot, page, settings):
    dark = page.theme_combo.findData("dark")
    with qtbot.waitSignal(page.theme_changed):
        page.theme_combo.activated.emit(dark)
    assert settings.theme == "dark"
    assert QApplication.palette().color(page.palette().ColorRole.Window).lightness() < 80
    system = page.theme_combo.findData("system")
    page.theme_combo.activated.emit(system)
    assert settings.theme == "system"
    assert QApplication.palette().color(page.palette().ColorRole.Window) == QApplication.style().standardPalette().color(
        page.palette().ColorRole.Window)

    with qtbot.waitSignal(page.fiscal_year_start_month_changed) as changed:
        page.fiscal_combo.activated.emit(3)  # April
    assert changed.args == [4]
    assert settings.fiscal_year_start_month == 4


# --- database ----------------------------------------------------------------------------------------------
def test_database_choice_is_stored_and_bad_urls_refused(qtbot, page, settings, services, tmp_path):
    page.show_tab("database")
    assert page.current_url_value.text() == services.db.display_url
    assert "up to date" in page.revision_value.text()
    assert page.default_radio.isChecked()
    assert not page.database_save_button.isEnabled()

    page.server_radio.setChecked(True)
    page.server_edit.setText(SERVER)
    assert page.database_save_button.isEnabled()
    with qtbot.waitSignal(page.database_saved) as saved:
        page.database_save_button.click()
    assert saved.args == [SERVER]
    assert settings.database_url == SERVER
    assert page.database_status.isVisible()
    assert not page.database_save_button.isEnabled()

    # A plain postgresql:// gets psycopg 3.
    page.server_edit.setText("postgresql://itam@10.0.0.5/assets")
    assert page.save_database()
    assert settings.database_url == "postgresql+psycopg://itam@10.0.0.5/assets"

    for bad, says in [
        ("not a url", "is not a database URL"),
        ("mysql://itam@db/itam", "PostgreSQL"),
        ("postgresql+psycopg://itam:secret@db/itam", "password"),
        ("postgresql+psycopg:///itam", "names no server"),
        ("postgresql+psycopg://itam@db.example.org:5432", "names no database"),
        ("postgresql+psycopg://itam@db:port/itam", "is not a database URL"),
        ("", "Type the server"),
    ]:
        page.server_edit.setText(bad)
        assert not page.save_database(), bad
        assert page.database_status.isVisible()
        assert says in page.database_status.text(), (bad, page.database_status.text())
        assert page.database_status.text().startswith("Not saved:")
    assert settings.database_url == "postgresql+psycopg://itam@10.0.0.5/assets"  # unchanged by the refusals

    # An embedded SQLite file elsewhere; a folder that does not exist is refused.
    page.file_radio.setChecked(True)
    page.file_edit.setText(str(tmp_path / "missing" / "itam.sqlite3"))
    assert not page.save_database()
    assert "does not exist" in page.database_status.text()
    target = tmp_path / "other.sqlite3"
    page.file_edit.setText(str(target))
    assert page.save_database()
    assert settings.database_url == f"sqlite:///{target}"
    assert "next start" in page.database_status.text()

    # Revert shows the saved choice; the default clears the setting.
    page.server_radio.setChecked(True)
    assert page.database_revert_button.isEnabled()
    page.database_revert_button.click()
    assert page.file_radio.isChecked() and page.file_edit.text() == str(target)
    page.default_radio.setChecked(True)
    assert page.save_database()
    assert settings.database_url == ""


# --- factor sets and sites ---------------------------------------------------------------------------------
def test_factor_sets_show_the_shipped_set_in_use(qtbot, page, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    page.show_tab("factors")
    assert page.factors_table.rowCount() >= 1
    active = [r for r in range(page.factors_table.rowCount()) if page.factors_table.item(r, 3).text() == "✔"]
    assert len(active) == 1
    row = active[0]
    assert page.factors_table.item(row, 2).text() == "shipped"
    assert page.active_factor_set().origin == "shipped"

    # Copy it: the user's file becomes the set in use; the page offers the folder.
    with qtbot.waitSignal(page.factor_set_copied, timeout=10_000) as copied:
        assert page.copy_shipped_set()
    assert copied.args[0] == str(user_dir() / ACTIVE_FILE)
    assert (user_dir() / ACTIVE_FILE).is_file()
    text = close_message(qtbot, page, QMessageBox.StandardButton.Yes)
    assert ACTIVE_FILE in text
    assert page.opened_urls and page.opened_urls[-1].toLocalFile() == str(user_dir())
    qtbot.waitUntil(lambda: page.active_factor_set() is not None and page.active_factor_set().origin == "user")
    # A second copy never replaces the user's file.
    before = (user_dir() / ACTIVE_FILE).read_bytes()
    assert not page.copy_shipped_set()
    assert "exists already" in close_message(qtbot, page, QMessageBox.StandardButton.No)
    assert (user_dir() / ACTIVE_FILE).read_bytes() == before

    # A file that does not load is listed with its problem.
    (user_dir() / "broken.toml").write_text("this is = not [valid", encoding="utf-8")
    with qtbot.waitSignal(page.factor_sets_loaded, timeout=10_000):
        page.load_factor_sets()
    broken = [r for r in range(page.factors_table.rowCount()) if "broken.toml" in page.factors_table.item(r, 4).text()]
    assert broken and page.factors_table.item(broken[0], 0).text() == "(does not load)"


def test_location_country_edit_persists_and_bad_one_reverts(qtbot, page, services):
    populate(services, 12, flagged=0)
    with qtbot.waitSignal(page.locations_loaded, timeout=10_000):
        page.refresh()
    page.show_tab("factors")
    table = page.locations_table
    names = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "Shanghai office" in names
    row = names.index("Shanghai office")
    cell = table.item(row, 1)
    assert cell.flags() & Qt.ItemFlag.ItemIsEditable
    assert not table.item(row, 0).flags() & Qt.ItemFlag.ItemIsEditable

    with qtbot.waitSignal(page.location_country_saved, timeout=10_000) as saved:
        cell.setText("cn")  # what the editor commits
    assert saved.args == ["Shanghai office", "CN"]
    assert dict(list_locations(services.ctx))["Shanghai office"] == "CN"
    assert table.item(row, 1).text() == "CN"

    with qtbot.waitSignal(page.location_country_failed, timeout=10_000) as failed:
        table.item(row, 1).setText("China")
    assert "China" in failed.args[1]
    assert table.item(row, 1).text() == "CN"  # reverted
    assert dict(list_locations(services.ctx))["Shanghai office"] == "CN"
    assert page.locations_status.isVisible() and "not changed" in page.locations_status.text()

    with qtbot.waitSignal(page.location_country_saved, timeout=10_000) as cleared:
        table.item(row, 1).setText("")
    assert cleared.args == ["Shanghai office", ""]
    assert dict(list_locations(services.ctx))["Shanghai office"] is None


# --- policies ----------------------------------------------------------------------------------------------
@pytest.fixture
def own_data_dir(tmp_path, monkeypatch):
    from itam.lifecycle.recommend import default_policy

    monkeypatch.setenv("ITAM_DATA_DIR", str(tmp_path / "data"))
    default_policy.cache_clear()
    yield tmp_path / "data"
    default_policy.cache_clear()


def test_policies_show_the_values_in_force(qtbot, page, services):
    from itam.lifecycle.recommend import default_policy

    page.show_tab("policies")
    policy = default_policy()
    assert page.policy_file_value.text() == policy.source
    assert len(page.refresh_spins) == len(policy.refresh_years)
    assert page.refresh_spins["laptop"].value() == policy.refresh_years["laptop"]
    assert page.policy_inputs["remarket.min_condition"].currentText() == policy.remarket["min_condition"]
    assert page.missing_spin.value() == services.discovery.settings.missing_after_days
    assert "shipped policy is in force" in page.policy_note.text()
    assert not page.policy_reset_button.isEnabled()
    page.policy_folder_button.click()
    assert page.opened_urls[-1].toLocalFile().rstrip("/") == str(page.policy_path.parent)


def test_saving_the_policy_applies_it_at_once_and_reset_brings_the_shipped_one_back(qtbot, page, services, own_data_dir):
    from PySide6.QtWidgets import QMessageBox

    from itam.lifecycle.recommend import default_policy

    page.load_policy()
    page.show_tab("policies")
    page.refresh_spins["laptop"].setValue(3.5)
    page.missing_spin.setValue(30)
    page.policy_inputs["remarket.min_condition"].setCurrentIndex(1)  # B
    assert set(page.policy_changes()) == {"refresh_years.laptop", "discovery.missing_after_days", "remarket.min_condition"}
    assert page.policy_save_button.shortcut().toString() == "Alt+S"
    with qtbot.waitSignal(page.policy_saved, timeout=5_000):
        page.policy_save_button.click()
    copy = own_data_dir / "policy.toml"
    assert page.policy_status.text() == f"Saved 3 changes to {copy}."
    assert default_policy().refresh_for("laptop") == 3.5 and default_policy().remarket["min_condition"] == "B"
    assert services.discovery.settings.missing_after_days == 30
    assert page.policy_file_value.text() == str(copy) and "# Recommendation policy" in copy.read_text()
    assert page.policy_changes() == {} and page.policy_reset_button.isEnabled()

    page.refresh_spins["desktop"].setValue(9)
    page.policy_revert_button.click()
    assert page.refresh_spins["desktop"].value() == 5

    page.policy_reset_button.click()
    with qtbot.waitSignal(page.policy_saved, timeout=5_000):
        close_message(qtbot, page, QMessageBox.StandardButton.Yes)
    assert default_policy().refresh_for("laptop") == 4 and page.refresh_spins["laptop"].value() == 4
    assert services.discovery.settings.missing_after_days == 14
    assert (own_data_dir / "policy.toml.bak").is_file() and not copy.exists()


def test_a_policy_that_cannot_be_written_is_reported_and_left_as_it_was(qtbot, page, own_data_dir):
    from itam.lifecycle.recommend import default_policy

    own_data_dir.mkdir(parents=True, exist_ok=True)
    (own_data_dir / "policy.toml").mkdir()  # a folder where the file should be: the copy cannot be read
    page.load_policy()
    page.show_tab("policies")
    page.refresh_spins["laptop"].setValue(2)
    assert not page.save_policy()
    assert page.policy_status.isVisibleTo(page) and "not saved" in page.policy_status.text()
    assert default_policy().refresh_for("laptop") == 4


# --- tooltips, mnemonics and pictures ----------------------------------------------------------------------
def test_every_field_has_a_tooltip_and_tabs_have_mnemonics(page):
    from PySide6.QtWidgets import (
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QPushButton,
        QRadioButton,
        QTableWidget,
    )

    checked = 0
    for kind in (QComboBox, QLineEdit, QPlainTextEdit, QPushButton, QRadioButton, QTableWidget):
        for widget in page.findChildren(kind):
            if not widget.objectName() or widget.objectName().startswith("qt_"):
                continue
            assert widget.toolTip(), widget.objectName()
            checked += 1
    assert checked > 25
    for i in range(page.tabs.count()):
        assert "&" in page.tabs.tabText(i) and page.tabs.tabToolTip(i)


def test_render_tabs(qtbot, page, services):
    populate(services, 12, flagged=0)
    with qtbot.waitSignal(page.locations_loaded, timeout=10_000):
        page.refresh()
    page.org_edits["name"].setText("Acme Recycling Ltd")
    for key in ("general", "database", "organisation", "factors", "policies"):
        page.show_tab(key)
        qtbot.wait(20)
        assert page.grab().save(f"/tmp/settings_{key}.png")
