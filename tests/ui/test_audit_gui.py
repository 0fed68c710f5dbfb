"""Settings → Credentials and the Audit now dialog: secrets never shown, per-host outcomes listed."""

from __future__ import annotations

import pytest

from itam.audit import vault
from ui.workers import wait_for_tasks

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
PASS = "correct horse battery"


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch):
    monkeypatch.setattr(vault, "_keyring", lambda: None)


@pytest.fixture
def panel(qtbot, services):
    from ui.pages.credentials_panel import CredentialsPanel

    panel = CredentialsPanel(services)
    qtbot.addWidget(panel)
    panel.resize(800, 400)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.refresh()
    yield panel
    assert wait_for_tasks()


def fill(dialog, kind, **values):
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
    for key, value in values.items():
        dialog.widgets[key].setText(value)


def test_adding_a_credential_creates_the_vault_and_lists_it_without_its_secret(qtbot, panel, services):
    assert panel.table.rowCount() == 0
    dialog = panel.add_credential()
    assert dialog.widgets["vault_again"].isVisibleTo(dialog)  # the first credential creates the vault
    fill(dialog, "snmp_v2c", name="lab-snmp", scope="198.18.0.0/24", community="very-secret",
         vault_passphrase=PASS, vault_again=PASS)
    assert not dialog.widgets["user"].isVisibleTo(dialog) and dialog.widgets["community"].isVisibleTo(dialog)
    dialog.grab().save("/tmp/credential_dialog.png")
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert panel.table.rowCount() == 1
    cells = [panel.table.item(0, c).text() for c in range(5)]
    assert cells[:4] == ["lab-snmp", "snmp_v2c", "", "198.18.0.0/24"] and "very-secret" not in " ".join(cells)
    assert services.credentials.usable(passphrase=PASS)[0].credential.community == "very-secret"
    panel.grab().save("/tmp/credentials_panel.png")


def test_a_refused_credential_keeps_the_form_open_with_the_reason(qtbot, panel, services):
    dialog = panel.add_credential()
    fill(dialog, "ssh", name="lab-ssh", scope="198.18.0.0/24", user="audit", password="pw-123456",
         vault_passphrase=PASS, vault_again="something else")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "differ" in dialog.status_label.text() and dialog.isVisible()
    fill(dialog, "ssh", scope="not an address", vault_again=PASS)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "not an address" in dialog.status_label.text(), timeout=10_000)
    assert services.credentials.list() == []


def test_audit_now_lists_a_host_that_cannot_be_audited_with_the_reason(qtbot, services):
    from ui.dialogs.audit_dialog import ADDRESSES, AuditDialog

    services.credentials.add("loop-ssh", "ssh", "127.0.0.1/32", {"user": "nobody", "password": "pw-123456"},
                             passphrase=PASS)
    dialog = AuditDialog(services, ADDRESSES, "127.0.0.1")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.passphrase_edit.isVisible(), timeout=5_000)  # no keyring: asks
    dialog.passphrase_edit.setText(PASS)
    with qtbot.waitSignal(dialog.audited, timeout=60_000) as done:
        dialog.start_button.click()
    run = done.args[0]
    assert run.audited == 0 and len(run.outcomes) == 1
    item = dialog.results.topLevelItem(0)
    assert item.text(0) == "127.0.0.1" and item.text(3)  # the reason, e.g. connection refused
    assert "0 of 1 hosts audited" in dialog.status_label.text()
    dialog.grab().save("/tmp/audit_dialog.png")
    assert wait_for_tasks()


def test_a_wrong_passphrase_is_a_clear_message(qtbot, services):
    from ui.dialogs.audit_dialog import ADDRESSES, AuditDialog

    services.credentials.add("loop-ssh", "ssh", "127.0.0.1/32", {"user": "nobody", "password": "pw-123456"},
                             passphrase=PASS)
    dialog = AuditDialog(services, ADDRESSES, "127.0.0.1")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase_edit.setText("wrong passphrase")
    with qtbot.waitSignal(dialog.failed, timeout=20_000) as failed:
        dialog.start_button.click()
    assert "wrong passphrase" in failed.args[0]
    assert dialog.start_button.isEnabled()
    assert wait_for_tasks()
