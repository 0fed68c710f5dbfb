"""Roles in the window: the status bar names the user and role, what the role may not do is greyed out with a
tooltip naming the role it needs, and Settings → Users lets an administrator manage users."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel

from itam.services import Actor, Services

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def team(services):
    """The bootstrap administrator "tester" registers a viewer and a technician."""
    services.assets.create({"asset_tag": "M-1", "category": "monitor", "serial": "SN-M1", "data_bearing": "false"})
    services.users.add("tester", "administrator")
    services.users.add("vera", "viewer", display_name="Vera Wang")
    services.users.add("tom", "technician")
    return services


@pytest.fixture
def window_as(qtbot, services, settings):
    from ui.main_window import MainWindow
    from ui.workers import wait_for_tasks

    windows = []

    def make(login: str):
        window = MainWindow(Services(services.db, Actor(login, "gui")), settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.model.total is not None)
        windows.append(window)
        return window

    yield make
    for window in windows:
        for page in window.pages:
            page.shutdown()
            page.close_dialogs()
    assert wait_for_tasks()


NEEDS_TECH = "Needs the role technician or administrator; you are vera (viewer)."
NEEDS_ITAD = "Needs the role ITAD operator or administrator; you are vera (viewer)."
NEEDS_ADMIN = "Needs the role administrator; you are vera (viewer)."


def test_a_viewer_sees_their_role_and_every_writing_action_greyed_out_with_the_role_it_needs(qtbot, team, window_as):
    window = window_as("vera")
    assert window.user_label.text() == "User: vera (viewer)"
    assert "read the inventory" in window.user_label.toolTip()
    assert not window.import_action.isEnabled() and window.import_action.toolTip() == NEEDS_TECH
    assert window.export_action.isEnabled()  # a viewer may export

    inv = window.inventory
    inv.table.selectionModel().select(inv.model.index(0, 0), QItemSelectionModel.SelectionFlag.Select
                                      | QItemSelectionModel.SelectionFlag.Rows)
    menu = inv.build_selection_menu()
    actions = {a.text(): a for a in menu.actions()}
    move = next(a for text, a in actions.items() if text.startswith("&Move"))
    assert not move.isEnabled() and "technician or administrator" in move.toolTip()
    assert not actions["&Assign to…"].isEnabled() and actions["&Assign to…"].toolTip() == NEEDS_TECH
    assert not actions["Add to ITAD &batch…"].isEnabled() and actions["Add to ITAD &batch…"].toolTip() == NEEDS_ITAD
    assert actions["&Export selected…"].isEnabled()

    discovery = window.discovery
    assert not discovery.import_button.isEnabled() and discovery.import_button.toolTip() == NEEDS_TECH
    assert not discovery.start_button.isEnabled() and discovery.start_button.toolTip() == NEEDS_TECH
    san = window.sanitization
    for button in (san.import_nwipe_button, san.import_csv_button, san.record_button):
        assert not button.isEnabled() and button.toolTip() == NEEDS_TECH
    assert not window.batches.new_button.isEnabled() and window.batches.new_button.toolTip() == NEEDS_ITAD
    certs = window.certificates
    for button in (certs.issue_sanitization_button, certs.issue_destruction_button, certs.bulk_issue_button):
        assert not button.isEnabled() and button.toolTip() == NEEDS_ITAD
    settings_page = window.settings_page
    assert not settings_page.policy_save_button.isEnabled() and settings_page.policy_save_button.toolTip() == NEEDS_ADMIN
    assert not settings_page.users_tab.add_button.isEnabled()
    assert settings_page.users_tab.add_button.toolTip() == NEEDS_ADMIN


def test_a_technician_may_import_but_not_issue_certificates(qtbot, team, window_as):
    window = window_as("tom")
    assert window.user_label.text() == "User: tom (technician)"
    assert window.import_action.isEnabled()
    assert window.import_action.toolTip() != NEEDS_TECH
    assert window.discovery.import_button.isEnabled()
    assert not window.certificates.issue_sanitization_button.isEnabled()
    assert "ITAD operator or administrator; you are tom (technician)" in \
        window.certificates.issue_sanitization_button.toolTip()


def test_a_role_changed_by_an_administrator_applies_at_the_next_refresh(qtbot, team, window_as):
    window = window_as("tom")
    assert window.import_action.isEnabled()
    team.users.set_role("tom", "viewer")
    window.refresh_action.trigger()
    assert window.user_label.text() == "User: tom (viewer)"
    assert not window.import_action.isEnabled()
    assert window.import_action.toolTip() == "Needs the role technician or administrator; you are tom (viewer)."


def test_the_bootstrap_administrator_is_named_so_in_the_status_bar(qtbot, services, window_as):
    window = window_as("tester")
    assert window.user_label.text() == "User: tester (administrator)"
    assert "No users are registered" in window.user_label.toolTip()
    assert window.import_action.isEnabled() and window.settings_page.users_tab.add_button.isEnabled()


def test_an_administrator_adds_users_changes_roles_and_disables_them_in_settings(qtbot, team, window_as):
    window = window_as("tester")
    tab = window.settings_page.users_tab
    window.show_page("settings")
    window.settings_page.show_tab("users")
    qtbot.waitUntil(lambda: len(tab.users) == 3, timeout=10_000)
    assert [tab.table.item(r, 0).text() for r in range(3)] == ["tester", "tom", "vera"]
    assert tab.table.item(2, 1).text() == "Vera Wang" and tab.table.item(2, 2).text() == "viewer"

    dialog = tab.open_add_dialog()
    dialog.login_edit.setText("olga")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("itad_operator"))
    with qtbot.waitSignal(tab.users_changed, timeout=10_000):
        dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: any(u.login == "olga" for u in tab.users), timeout=10_000)
    assert team.users.get("olga").role == "itad_operator"
    assert "Added olga as ITAD operator." in tab.status.text()

    tab.select("vera")
    with qtbot.waitSignal(tab.users_changed, timeout=10_000):
        tab.change_role("vera", "technician")
    assert team.users.get("vera").role == "technician"
    tab.select("tom")
    with qtbot.waitSignal(tab.users_changed, timeout=10_000):
        tab.toggle_active()
    assert not team.users.get("tom").active
    qtbot.waitUntil(lambda: tab.selected_user() is not None and not tab.selected_user().active, timeout=10_000)
    assert tab.active_button.text() == "&Enable"

    # The last administrator: the service refuses, the tab says why.
    tab.select("tester")
    with qtbot.waitSignal(tab.user_change_failed, timeout=10_000) as failed:
        tab.change_role("tester", "viewer")
    assert "tester is the last active administrator" in failed.args[0]


def test_the_start_up_sign_in_asks_for_an_itam_password(qtbot, services):
    from ui.dialogs.sign_in import sign_in

    services.users.add("tester", "administrator")
    services.users.add("tom", "technician", password="correct horse battery")
    tom = Services(services.db, Actor("tom", "gui"))
    answers = iter([("guess", True), ("correct horse battery", True)])
    problems = []

    def ask(user, problem):
        problems.append((user, problem))
        return next(answers)

    assert sign_in(tom, ask=ask)
    assert problems == [("tom", None), ("tom", "wrong password for user tom")]
    assert tom.ctx.identity().signed_in
    assert sign_in(Services(services.db, Actor("tester", "gui")), ask=lambda *_: pytest.fail("no password to ask"))
    assert not sign_in(Services(services.db, Actor("tom", "gui")), ask=lambda *_: ("", False))


def test_an_unregistered_user_is_told_once_at_start_up(qtbot, team):
    from ui.dialogs.sign_in import refusal

    assert refusal(team) is None
    assert "user mallory is not registered in this inventory" in refusal(Services(team.db, Actor("mallory", "gui")))
    team.users.disable("vera")
    assert "user vera is disabled" in refusal(Services(team.db, Actor("vera", "gui")))


def test_the_app_refuses_an_unregistered_user_once_and_exits(monkeypatch, tmp_path, qapp, db, db_url):
    import main as main_module
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    Services(db, Actor("boss", "cli")).users.add("boss", "administrator")  # ITAM_USER is "tester": not registered
    db.dispose()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    assert main_module.main(["--db", db_url, "--lang", "en"]) == 2
    assert len(shown) == 1 and shown[0][0] == "itam cannot start"
    assert "You may not use this inventory." in shown[0][1] and "user tester is not registered" in shown[0][1]
