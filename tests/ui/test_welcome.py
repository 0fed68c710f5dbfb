"""The first-run welcome: when it shows, the demo fleet (and cancelling it), the language, the import."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from itam.services.assets import AssetQuery

#: The offscreen platform cannot pass a dialog's size hints on to a window manager (harmless).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CSV = (
    "asset_tag,serial,category,manufacturer,model\n"
    "LAP-001,SNX0001,laptop,Dell,Latitude 5420\n"
    "LAP-002,SNX0002,laptop,Lenovo,ThinkPad T14 Gen 3\n"
    "PRN-001,SNX0003,printer,HP,LaserJet M404dn\n"
)

#: Used only while the shipped .qm does not translate the welcome yet.
ZH = {
    "Welcome to itam": "欢迎使用 itam",
    "Start with an &empty inventory": "从空白清单开始(&E)",
    "Load the &demo fleet": "载入演示设备群(&D)",
    "&Import a spreadsheet…": "导入电子表格(&I)…",
}


class _DictTranslator(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):
        if context == "WelcomeDialog":
            return ZH.get(source, "")
        return ""


def _count(services) -> int:
    return services.assets.count(AssetQuery())


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def wait_tasks():
    from ui.workers import wait_for_tasks

    yield
    assert wait_for_tasks()


@pytest.fixture
def dialog(qtbot, services, settings, wait_tasks):
    from ui.dialogs.welcome import WelcomeDialog

    dlg = WelcomeDialog(services, settings)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


# --- when it shows -----------------------------------------------------------------------------------------
def test_shows_for_an_empty_database_and_opens_discovery_for_empty(qtbot, window, services, settings):
    from ui.app import show_welcome_if_due

    dlg = show_welcome_if_due(window, services, settings)
    assert dlg is not None and dlg.isVisible()
    assert dlg.windowTitle() == "Welcome to itam"
    qtbot.mouseClick(dlg.empty_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and dlg.choice == "empty"
    assert window.current_page.key == "discovery"
    assert not settings.welcome_done  # not ticked: it shows again while the database is empty
    assert show_welcome_if_due(window, services, settings) is not None


def test_not_shown_when_the_database_has_assets(qtbot, window, services, settings):
    from tests.ui.conftest import populate
    from ui.app import show_welcome_if_due

    populate(services, 3, flagged=0)
    assert show_welcome_if_due(window, services, settings) is None


def test_dont_show_again_is_remembered(qtbot, window, services, settings):
    from ui.app import show_welcome_if_due

    dlg = show_welcome_if_due(window, services, settings)
    dlg.dont_show_check.setChecked(True)
    qtbot.mouseClick(dlg.close_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and dlg.choice is None
    assert settings.welcome_done
    assert show_welcome_if_due(window, services, settings) is None


def test_create_main_window_shows_the_welcome_once_the_loop_runs(qtbot, services, settings):
    from ui.app import create_main_window
    from ui.workers import wait_for_tasks

    win = create_main_window(services, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: getattr(win, "welcome_dialog", None) is not None and win.welcome_dialog.isVisible())
    win.welcome_dialog.reject()
    win.close()
    assert wait_for_tasks()


# --- the demo fleet --------------------------------------------------------------------------------------
def test_demo_fleet_fills_the_database_and_opens_the_dashboard(qtbot, window, services, settings):
    from ui.app import show_welcome_if_due

    dlg = show_welcome_if_due(window, services, settings)
    qtbot.mouseClick(dlg.demo_button, Qt.MouseButton.LeftButton)
    assert dlg.demo_box.isVisible() and dlg.count_spin.value() == 300
    dlg.count_spin.setValue(40)
    with qtbot.waitSignal(dlg.demo_finished, timeout=20_000) as blocker:
        qtbot.mouseClick(dlg.start_demo_button, Qt.MouseButton.LeftButton)
        assert dlg.busy and dlg.progress_bar.isVisible() and dlg.cancel_button.isVisible()
        assert not dlg.empty_button.isEnabled()
    summary = blocker.args[0]
    assert not summary.cancelled and summary.assets == 40
    assert _count(services) == 40
    assert not dlg.isVisible() and dlg.choice == "demo"
    assert "40 assets" in dlg.status_label.text()
    assert window.current_page.key == "dashboard"
    assert "40 assets" in window.statusBar().currentMessage()
    # Once the database holds assets the welcome no longer shows.
    assert show_welcome_if_due(window, services, settings) is None


def test_cancelling_the_demo_keeps_a_consistent_database(qtbot, dialog, services):
    dialog.show()
    # Cancel at the first progress figure (after the first delivery batch is written).
    dialog.progress_bar.valueChanged.connect(lambda _v: dialog.cancel_button.click())
    with qtbot.waitSignal(dialog.demo_finished, timeout=20_000) as blocker:
        dialog.start_demo(200)
    summary = blocker.args[0]
    assert summary.cancelled
    written = _count(services)
    assert 0 < written < 200 and summary.assets == written
    assert dialog.isVisible() and dialog.choice is None  # stays open and says what was written
    assert str(written) in dialog.status_label.text() and "Cancelled" in dialog.status_label.text()
    assert not dialog.busy and dialog.close_button.isEnabled() and not dialog.demo_button.isEnabled()
    # The welcome no longer calls the database empty.
    assert "empty" not in dialog.intro_label.text()
    assert dialog.empty_button.text() == f"&Continue with the {written} demo assets written"
    # What was written is whole: every ledger still verifies.
    for report in services.audit.verify_ledgers().values():
        assert report.ok


def test_the_demo_refuses_a_database_with_assets(qtbot, dialog, services):
    from tests.ui.conftest import populate

    populate(services, 2, flagged=0)
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as blocker:
        dialog.start_demo(40)
    assert "already holds 2 assets" in blocker.args[0]
    assert dialog.status_label.isVisible() and "already holds 2 assets" in dialog.status_label.text()
    assert dialog.isVisible() and not dialog.busy and _count(services) == 2


# --- language ------------------------------------------------------------------------------------------
def test_language_switch_translates_the_dialog_and_is_remembered(qtbot, dialog, settings, qapp):
    from ui import i18n

    assert dialog.demo_button.text() == "Load the &demo fleet"
    i18n.set_language("zh_CN")
    shipped = QCoreApplication.translate("WelcomeDialog", "Welcome to itam") != "Welcome to itam"
    i18n.set_language("en")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Welcome to itam")
    dialog.grab().save("/tmp/welcome_test_en.png")

    extra = None
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    assert i18n.current_language() == "zh_CN" and settings.language == "zh_CN"
    if not shipped:  # the translations of this dialog are not in the .qm yet
        extra = _DictTranslator(qapp)
        qapp.installTranslator(extra)
    try:
        qtbot.waitUntil(lambda: dialog.windowTitle() != "Welcome to itam")
        for text in (dialog.windowTitle(), dialog.title_label.text(), dialog.empty_button.text(),
                     dialog.demo_button.text(), dialog.import_button.text()):
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
        if extra is not None:
            assert dialog.demo_button.text() == ZH["Load the &demo fleet"]
        dialog.grab().save("/tmp/welcome_test_zh.png")
    finally:
        if extra is not None:
            qapp.removeTranslator(extra)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    qtbot.waitUntil(lambda: dialog.windowTitle() == "Welcome to itam")
    assert i18n.current_language() == "en" and settings.language == "en"
    assert dialog.demo_button.text() == "Load the &demo fleet"


# --- import --------------------------------------------------------------------------------------------
def test_import_uses_the_inventory_entry_point_when_there_is_one(qtbot, window, services, settings, monkeypatch):
    from ui import app

    called = []
    monkeypatch.setattr(window.inventory, "start_import", lambda: called.append(True), raising=False)
    assert app.inventory_import_entry(window) is not None
    dlg = app.show_welcome_if_due(window, services, settings)
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and dlg.choice == "import"
    qtbot.waitUntil(lambda: called == [True])
    assert window.current_page.key == "inventory"


def test_import_previews_and_imports_a_csv(qtbot, window, services, settings, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    from ui import app

    path = tmp_path / "assets.csv"
    path.write_text(CSV, encoding="utf-8")
    monkeypatch.setattr(app, "inventory_import_entry", lambda _window: None)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    dlg = app.show_welcome_if_due(window, services, settings)
    with qtbot.waitSignal(dlg.import_planned, timeout=10_000):
        qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    assert _count(services) == 0  # a dry run first
    assert "3 new assets" in dlg.status_label.text()
    assert dlg.confirm_import_button.isVisible() and dlg.confirm_import_button.text() == "&Import 3 assets"
    with qtbot.waitSignal(dlg.import_finished, timeout=10_000) as blocker:
        qtbot.mouseClick(dlg.confirm_import_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].created == 3 and _count(services) == 3
    assert not dlg.isVisible() and dlg.choice == "import"
    assert window.current_page.key == "inventory"
    qtbot.waitUntil(lambda: window.model.total == 3)


def test_import_problems_are_shown(qtbot, dialog, services, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(CSV + "LAP-003,To Be Filled By O.E.M.,laptop,Dell,Latitude 5420\n", encoding="utf-8")
    with qtbot.waitSignal(dialog.import_planned, timeout=10_000):
        dialog.preview_import(str(path))
    text = dialog.status_label.text()
    assert "1 rows cannot be imported" in text and "row" in text
    assert dialog.confirm_import_button.text() == "Import the &valid rows only"
    with qtbot.waitSignal(dialog.import_finished, timeout=10_000) as blocker:
        dialog.confirm_import()
    assert blocker.args[0].created == 3 and blocker.args[0].skipped == 1


def test_unreadable_file_is_an_error(qtbot, dialog, tmp_path):
    path = tmp_path / "nothing.csv"
    path.write_bytes(b"")
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as blocker:
        dialog.preview_import(str(path))
    assert blocker.args[0] and dialog.status_label.isVisible()
    assert not dialog.confirm_import_button.isVisible()
