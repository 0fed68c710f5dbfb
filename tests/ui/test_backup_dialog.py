"""File → Back up / Restore: the dialog runs on a worker, shows progress, cancels cleanly, refuses bad files."""

from __future__ import annotations

import time

import pytest

from itam.db import backup as backups
from itam.services import AssetQuery
from tests.ui.conftest import populate
from ui.dialogs.backup_dialog import BACKUP, RESTORE, BackupDialog
from ui.workers import wait_for_tasks

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def make_dialog(qtbot, services):
    made = []

    def make(mode):
        dialog = BackupDialog(services, mode)
        qtbot.addWidget(dialog)
        dialog.show()
        made.append(dialog)
        return dialog

    yield make
    assert wait_for_tasks()


def test_back_up_then_restore_through_the_dialogs(qtbot, services, make_dialog, tmp_path):
    populate(services, 30, flagged=0)
    dialog = make_dialog(BACKUP)
    assert not dialog.start_button.isEnabled()  # no file yet
    dialog.path_edit.setText(str(tmp_path / "inventory.backup"))
    with qtbot.waitSignal(dialog.finished_ok, timeout=20_000) as done:
        dialog.start_button.click()
    assert (tmp_path / "inventory.backup").is_file() and done.args[0].check.assets == 30
    assert "Backed up to" in dialog.status_label.text() and "every hash chain verifies" in dialog.status_label.text()
    assert dialog.close_button.text() == "Close"
    dialog.grab().save("/tmp/backup_dialog.png")

    services.assets.create({"asset_tag": "AFTER-BACKUP", "category": "laptop"})
    restore = make_dialog(RESTORE)
    restore.path_edit.setText(str(tmp_path / "inventory.backup"))
    assert not restore.start_button.isEnabled()  # not before the person confirms
    restore.confirm_box.setChecked(True)
    with qtbot.waitSignal(restore.finished_ok, timeout=20_000):
        restore.start_button.click()
    assert services.assets.count(AssetQuery()) == 30  # the asset added after the backup is gone
    assert "kept in" in restore.status_label.text()
    restore.grab().save("/tmp/restore_dialog.png")


def test_cancel_leaves_no_file_and_the_window_responsive(qtbot, services, make_dialog, tmp_path, monkeypatch):
    populate(services, 30, flagged=0)
    monkeypatch.setattr(backups, "PAGES_PER_STEP", 1)
    real_stepper = backups._stepper

    def slow_stepper(progress, is_cancelled):  # a big database: each step takes a moment
        step = real_stepper(progress, is_cancelled)

        def slow(status, remaining, total):
            time.sleep(0.01)
            step(status, remaining, total)

        return slow

    monkeypatch.setattr(backups, "_stepper", slow_stepper)
    dialog = make_dialog(BACKUP)
    dialog.path_edit.setText(str(tmp_path / "x.backup"))
    dialog.progress_bar.valueChanged.connect(lambda _v: dialog.close_button.click())  # Cancel at the first step
    with qtbot.waitSignal(dialog.failed, timeout=20_000) as failed:
        dialog.start_button.click()
    assert failed.args == ["Cancelled: no backup was written."]
    assert not list(tmp_path.glob("*x.backup*"))
    assert dialog.isVisible() and dialog.start_button.isEnabled() and dialog.path_edit.isEnabled()


def test_a_file_that_is_not_a_backup_is_refused_with_a_clear_message(qtbot, services, make_dialog, tmp_path):
    populate(services, 5, flagged=0)
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a backup")
    dialog = make_dialog(RESTORE)
    dialog.path_edit.setText(str(bogus))
    dialog.confirm_box.setChecked(True)
    with qtbot.waitSignal(dialog.failed, timeout=20_000) as failed:
        dialog.start_button.click()
    assert "is not an itam backup" in failed.args[0]
    assert services.assets.count(AssetQuery()) == 5


def test_the_main_window_offers_backup_and_restore(make_window):
    window = make_window()
    texts = [a.text() for a in window.file_menu.actions()]
    assert "&Back up the database…" in texts and "Res&tore from a backup…" in texts
    window.backup_action.trigger()
    assert window.backup_dialog.isVisible() and window.backup_dialog.mode == "backup"
    window.backup_dialog.close()
