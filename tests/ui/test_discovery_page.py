"""The discovery page in the main window: targets, imports, the review queue, real loopback scans, no nmap.

Safety (DOMAIN.md §3): the only address scanned here is 127.0.0.1, always through the product (which
always passes -n). Everything else comes from recorded nmap XML under tests/data/nmap.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from itam.discovery import runner
from itam.models import utcnow
from ui import i18n
from ui.models.discovery_tables import HostTableModel

DATA = Path(__file__).resolve().parents[1] / "data" / "nmap"
LAN = DATA / "lan-mixed.xml"  # 11 hosts up, one per kind of device, all new to an empty inventory
LOOPBACK = "127.0.0.1"
#: Ports of the standard profile that nmap's service detection waits on when they accept and stay silent.
SILENT_PORTS = (5900, 8291, 7000, 5985, 8443)

requires_nmap = pytest.mark.skipif(
    not runner.nmap_available(), reason="nmap is not installed (sudo apt install nmap): real-scan test skipped"
)
# QMessageBox fixes its size after its window exists, which the test-only "offscreen" platform cannot pass on.
message_boxes = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _fresh_nmap_detection():
    runner.reset_detection()
    yield
    runner.reset_detection()


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def page(qtbot, window):
    """The discovery page, open, once its first reads (queues, nmap detection) are done."""
    page = window.discovery
    window.show_page("discovery")
    wait_for_queues(qtbot, page)
    return page


def import_file(qtbot, page, path: Path):
    """Import through the page; returns the outcome once the queues have been read again."""
    with qtbot.waitSignal(page.scan_finished, timeout=10_000) as done:
        page.import_xml(str(path))
    wait_for_queues(qtbot, page)
    return done.args[0]


def wait_for_queues(qtbot, page) -> None:
    """Until the latest read of the review queue, conflicts and missing assets has been shown."""
    qtbot.waitUntil(lambda: page._queue_task is None, timeout=10_000)


def row_of(model, column: str, value: str) -> int:
    col = model.column_of(column)
    return next(r for r in range(model.rowCount()) if model.index(r, col).data() == value)


def select(view, rows: list[int]) -> None:
    selection = view.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(view.model().index(row, 0), flags)


def close_message(qtbot, page) -> str:
    box = page.message_box
    qtbot.waitUntil(lambda: box.isVisible())
    text = box.text()
    box.close()
    qtbot.waitUntil(lambda: page.message_box is None)
    return text


# --- targets ---------------------------------------------------------------------------------------
def test_bad_targets_are_explained_inline_and_start_nothing(qtbot, page, monkeypatch):
    called = []
    monkeypatch.setattr(page.services.discovery, "scan", lambda *a, **k: called.append(a))
    page.targets_edit.setText("198.18.0.2 -oN /tmp/owned")
    qtbot.keyClick(page.targets_edit, Qt.Key.Key_Return)
    assert page.target_error_label.isVisible()
    assert "-oN" in page.target_error_label.text()
    assert page.job is None and not page.scanning
    assert page.start_button.isEnabled() or page.nmap_missing

    page.targets_edit.clear()
    qtbot.keyClicks(page.targets_edit, "printer-3f;rm")  # typing hides the old message
    assert not page.target_error_label.isVisible()
    assert page.start_scan() is False
    assert "printer-3f;rm" in page.target_error_label.text()

    page.targets_edit.clear()
    assert page.start_scan() is False
    assert "no targets" in page.target_error_label.text()
    qtbot.wait(50)  # nothing queued behind our back either
    assert called == [] and page.job is None


@message_boxes
def test_a_large_scan_asks_first_and_no_starts_nothing(qtbot, page, monkeypatch):
    discovery = page.services.discovery
    monkeypatch.setattr(discovery, "settings", replace(discovery.settings, large_scan_limit=2))
    monkeypatch.setattr(page, "_nmap_error", None)
    page.targets_edit.setText("127.0.0.1/30")
    assert page.start_scan() is True
    box = page.message_box
    qtbot.waitUntil(lambda: box.isVisible())
    assert "4 addresses" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(lambda: page.message_box is None)
    assert page.job is None


def test_profiles_say_what_they_do(page):
    combo = page.profile_combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["quick", "standard", "deep"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["Quick sweep", "Standard", "Deep"]
    deep = combo.itemData(2, Qt.ItemDataRole.ToolTipRole)
    assert "root" in deep and "OS detection" in deep
    assert page.targets_edit.placeholderText().startswith("e.g. 198.18.0.0/24")


# --- importing and the review queue ----------------------------------------------------------------
def test_importing_nmap_xml_fills_the_hosts_and_the_review_queue(qtbot, page):
    outcome = import_file(qtbot, page, LAN)
    assert outcome.summary.new_devices == 11
    hosts = page.hosts_model
    assert hosts.rowCount() == 11
    printer = row_of(hosts, "address", "198.18.0.10")
    assert hosts.index(printer, hosts.column_of("category")).data() == "Printer"
    assert hosts.index(printer, hosts.column_of("vendor")).data() == "Hewlett Packard"
    assert hosts.index(printer, hosts.column_of("outcome")).data() == "New"
    assert "9100" in hosts.index(printer, hosts.column_of("ports")).data()
    evidence = hosts.index(printer, hosts.column_of("category")).data(Qt.ItemDataRole.ToolTipRole)
    assert "JetDirect" in evidence
    phone = row_of(hosts, "address", "198.18.0.11")
    assert hosts.index(phone, hosts.column_of("vendor")).data() == "(randomised MAC)"

    queue = page.queue_model
    assert queue.rowCount() == 11
    assert page.tabs.tabText(1) == "Review queue (11)"
    assert page.tabs.tabText(0) == "Hosts (11)"
    row = row_of(queue, "address", "198.18.0.13")
    assert queue.index(row, queue.column_of("category")).data() == "Server"
    assert queue.index(row, queue.column_of("confidence")).data() == "86 %"
    assert queue.index(row, queue.column_of("times_seen")).data() == "1"
    assert "Kerberos" in queue.index(row, queue.column_of("category")).data(Qt.ItemDataRole.ToolTipRole)
    assert "new: 11" in page.status_label.text()

    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: page.tabs.tabText(1) == "待审核（11）")
    assert queue.index(row, queue.column_of("category")).data() == "服务器"
    assert queue.headerData(0, Qt.Orientation.Horizontal) == "地址"


@message_boxes
def test_accepting_creates_assets_that_the_inventory_page_shows(qtbot, window, page):
    import_file(qtbot, page, LAN)
    assert window.model.rowCount() == 0
    queue = page.queue_model
    assert not page.accept_button.isEnabled()

    select(page.queue_view, [row_of(queue, "address", "198.18.0.10")])
    assert page.accept_button.isEnabled() and page.asset_tag_edit.isEnabled()
    with qtbot.waitSignal(page.assets_changed, timeout=10_000):
        qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: queue.rowCount() == 10)
    assert window.model.rowCount() == 1
    printer = window.model.row_at(0)
    assert (printer.category, printer.hostname) == ("printer", "npi8a1b2c.office.example")

    # Several at once, with the category chosen by a person.
    select(page.queue_view, [row_of(queue, "address", "198.18.0.12"), row_of(queue, "address", "198.18.0.20")])
    assert not page.asset_tag_edit.isEnabled()  # one tag cannot name two devices
    page.override_combo.setCurrentIndex(page.override_combo.findData("laptop"))
    with qtbot.waitSignal(page.assets_changed, timeout=10_000):
        page.accept_button.click()
    qtbot.waitUntil(lambda: queue.rowCount() == 8)
    assert sorted(window.model.row_at(r).category for r in range(window.model.rowCount())) == [
        "laptop", "laptop", "printer",
    ]

    # A device with a randomised MAC needs an asset tag to be recognised later.
    page.override_combo.setCurrentIndex(0)
    select(page.queue_view, [row_of(queue, "address", "198.18.0.21")])
    page.accept_button.click()
    assert "asset tag" in close_message(qtbot, page)
    assert queue.rowCount() == 8
    page.asset_tag_edit.setText("TAB-0001")
    with qtbot.waitSignal(page.assets_changed, timeout=10_000):
        page.accept_button.click()
    qtbot.waitUntil(lambda: queue.rowCount() == 7)
    assert page.asset_tag_edit.text() == ""

    # Ctrl+2 opens the inventory page, which lists what was accepted.
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page is window.inventory
    assert window.navigation.currentRow() == 1
    assert window.count_label.text() == "4 assets"
    tablet = window.services.assets.get("TAB-0001")
    assert tablet.fields["category"] == "tablet"
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page is page


def test_ignoring_removes_devices_from_the_queue_for_good(qtbot, page):
    import_file(qtbot, page, LAN)
    queue = page.queue_model
    select(page.queue_view, [row_of(queue, "address", "198.18.0.11"), row_of(queue, "address", "198.18.0.18")])
    with qtbot.waitSignal(page.queues_refreshed, timeout=10_000):
        page.ignore_button.click()
    assert queue.rowCount() == 9
    assert {c.address for c in queue.rows}.isdisjoint({"198.18.0.11", "198.18.0.18"})
    assert {c.address for c in page.services.discovery.candidates("ignored")} == {"198.18.0.11", "198.18.0.18"}

    # Seen again: counted, not queued again, and the hosts table says so.
    import_file(qtbot, page, LAN)
    assert queue.rowCount() == 9
    hosts = page.hosts_model
    assert hosts.index(row_of(hosts, "address", "198.18.0.18"), hosts.column_of("outcome")).data() == "Ignored"


def test_matched_hosts_and_conflicts_with_a_persons_entry(qtbot, page, services):
    services.assets.create({"asset_tag": "PRN-0001", "category": "printer", "hostname": "printer-old"},
                           macs=["3c:d9:2b:11:22:33"])
    with qtbot.waitSignal(page.assets_changed, timeout=10_000):
        import_file(qtbot, page, LAN)
    hosts = page.hosts_model
    row = row_of(hosts, "address", "198.18.0.10")
    assert hosts.index(row, hosts.column_of("outcome")).data() == "Matched: PRN-0001"
    assert "MAC address" in hosts.index(row, hosts.column_of("outcome")).data(Qt.ItemDataRole.ToolTipRole)
    assert page.queue_model.rowCount() == 10

    conflicts = page.conflicts_model
    assert conflicts.rowCount() == 1 and page.tabs.tabText(2) == "Conflicts (1)"
    assert [conflicts.index(0, c).data() for c in range(conflicts.columnCount())] == [
        "PRN-0001", "Hostname", "printer-old", "npi8a1b2c.office.example", "#1",
    ]
    assert not page.apply_button.isEnabled()
    select(page.conflicts_view, [0])
    with qtbot.waitSignal(page.assets_changed, timeout=10_000):
        page.apply_button.click()
    qtbot.waitUntil(lambda: conflicts.rowCount() == 0)
    assert services.assets.get("PRN-0001").fields["hostname"] == "npi8a1b2c.office.example"


@message_boxes
def test_missing_assets_can_be_marked_after_confirming(qtbot, page, services, db):
    old = services.assets.create({"asset_tag": "LAP-0001", "category": "laptop"}, status="deployed")
    services.assets.create({"asset_tag": "LAP-0002", "category": "laptop"}, status="deployed")
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE assets SET last_seen = ? WHERE id = ?", (utcnow() - timedelta(days=30), old.id))
    assert page.days_spin.value() == page.services.discovery.settings.missing_after_days == 14
    with qtbot.waitSignal(page.queues_refreshed, timeout=10_000):
        page.refresh()
    assert page.missing_model.rowCount() == 1
    assert page.missing_model.index(0, 0).data() == "LAP-0001"

    with qtbot.waitSignal(page.queues_refreshed, timeout=10_000):
        page.days_spin.setValue(40)  # debounced, then read again
    assert page.missing_model.rowCount() == 0 and not page.mark_missing_button.isEnabled()
    with qtbot.waitSignal(page.queues_refreshed, timeout=10_000):
        page.days_spin.setValue(14)

    page.mark_missing_button.click()
    box = page.message_box
    qtbot.waitUntil(lambda: box.isVisible())
    assert "14 days" in box.text()
    with qtbot.waitSignal(page.assets_changed, timeout=10_000):
        box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.missing_model.rowCount() == 0)
    assert services.assets.get("LAP-0001").status == "missing"
    assert services.assets.get("LAP-0002").status == "deployed"


@message_boxes
def test_a_file_that_is_not_nmap_xml_is_a_clear_message(qtbot, page):
    with qtbot.waitSignal(page.scan_finished, timeout=10_000) as done:
        page.import_xml(str(DATA / "not-nmap.xml"))
    assert done.args == [None]
    text = close_message(qtbot, page)
    assert "not nmap XML" in text and "Traceback" not in text
    assert page.status_label.text() == "Nothing was imported."
    assert page.import_button.isEnabled()


@message_boxes
def test_a_truncated_file_keeps_what_was_complete(qtbot, page):
    outcome = import_file(qtbot, page, DATA / "truncated.xml")
    assert outcome.result.partial
    assert page.hosts_model.rowCount() == 2
    assert "truncated" in close_message(qtbot, page)


def test_host_table_model_passes_qt_checks(qtmodeltester, qtbot, page):
    outcome = import_file(qtbot, page, LAN)
    model = HostTableModel()
    model.set_hosts(outcome.hosts)
    model.set_outcomes(outcome.summary.outcomes, outcome.asset_labels)
    model.sort(model.column_of("confidence"), Qt.SortOrder.DescendingOrder)
    confidences = [r.classification.confidence for r in model.rows]
    assert confidences == sorted(confidences, reverse=True)
    qtmodeltester.check(model)
    qtmodeltester.check(page.queue_model)


# --- real scans of 127.0.0.1 -----------------------------------------------------------------------
@requires_nmap
def test_a_quick_scan_of_loopback_shows_the_host(qtbot, page):
    page.targets_edit.setText(LOOPBACK)
    page.profile_combo.setCurrentIndex(page.profile_combo.findData("quick"))
    with qtbot.waitSignal(page.scan_finished, timeout=60_000) as done:
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
        assert page.scanning and not page.start_button.isEnabled() and page.cancel_button.isEnabled()
        assert page.progress_bar.isVisible()
    wait_for_queues(qtbot, page)
    outcome = done.args[0]
    assert outcome is not None and not outcome.result.partial
    assert "-n" in outcome.result.command and outcome.result.targets == (LOOPBACK,)
    assert [r.host.address for r in page.hosts_model.rows] == [LOOPBACK]
    assert page.hosts_model.index(0, page.hosts_model.column_of("outcome")).data() == "New"
    assert [c.address for c in page.queue_model.rows] == [LOOPBACK]
    assert page.status_label.text().startswith("Scan #1 finished: hosts up: 1")
    assert not page.progress_bar.isVisible() and page.start_button.isEnabled()
    assert page.settings.discovery_targets == LOOPBACK and page.settings.discovery_profile == "quick"


@pytest.fixture
def silent_listener():
    """One TCP port on 127.0.0.1 that accepts and never speaks: nmap's service detection waits on it."""
    server = None
    for port in SILENT_PORTS:
        candidate = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        candidate.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            candidate.bind((LOOPBACK, port))
        except OSError:
            candidate.close()
            continue
        server = candidate
        break
    if server is None:
        pytest.skip(f"none of the ports {SILENT_PORTS} is free on {LOOPBACK}")
    server.listen(8)
    server.settimeout(0.2)
    held: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(timeout=2)
    server.close()
    for conn in held:
        conn.close()


@requires_nmap
def test_cancelling_a_scan_keeps_the_window_responsive_and_reports_partial(qtbot, window, page, silent_listener):
    page.targets_edit.setText(LOOPBACK)
    page.profile_combo.setCurrentIndex(page.profile_combo.findData("standard"))
    with qtbot.waitActive(window):
        window.activateWindow()
    with qtbot.waitSignal(page.scan_finished, timeout=30_000) as done:
        qtbot.keyClick(page.targets_edit, Qt.Key.Key_Return)  # Enter starts
        assert page.scanning
        # The GUI thread is free while nmap runs: pages switch, the status line answers.
        window.page_actions[1].trigger()
        assert window.current_page is window.inventory
        window.page_actions[2].trigger()
        assert page.status_label.text().startswith("Scanning 127.0.0.1 (Standard)")
        qtbot.keyClick(page.targets_edit, Qt.Key.Key_Escape)  # Esc cancels
        assert not page.cancel_button.isEnabled()
        assert page.status_label.text().startswith("Cancelling")
    outcome = done.args[0]
    assert outcome.result.cancelled and outcome.result.partial
    kept = len(outcome.hosts)
    assert page.hosts_model.rowCount() == kept
    expected = "Cancelled — 1 host found so far was kept." if kept == 1 else f"Cancelled — {kept} hosts found so far were kept."
    assert page.status_label.text() == expected
    assert page.services.discovery.scans()[0].partial
    assert page.start_button.isEnabled() and not page.scanning


# --- without nmap ----------------------------------------------------------------------------------
def test_without_nmap_start_is_off_the_install_help_shows_and_import_works(qtbot, make_window, monkeypatch, tmp_path):
    empty = tmp_path / "no-nmap-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("ITAM_NMAP", raising=False)
    runner.reset_detection()
    window = make_window()
    page = window.discovery
    window.show_page("discovery")
    qtbot.waitUntil(lambda: page.nmap_missing)
    assert page.banner.isVisible()
    assert not page.start_button.isEnabled()
    assert page.import_button.isEnabled()
    text = page.banner_label.text()
    for how in ("apt install nmap", "dnf install nmap", "brew install nmap", "nmap.org/download"):
        assert how in text
    page.targets_edit.setText(LOOPBACK)
    assert page.start_scan() is False and page.job is None

    import_file(qtbot, page, LAN)
    assert page.queue_model.rowCount() == 11
    assert not page.start_button.isEnabled()


# --- the navigation shell --------------------------------------------------------------------------
def test_navigation_switches_pages_and_remembers_the_last_one(qtbot, settings, make_window):
    window = make_window()
    nav = window.navigation
    assert [nav.item(i).text() for i in range(nav.count())] == [
        "Dashboard", "Inventory", "Discovery", "Lifecycle", "Sanitization", "Batches & custody", "Certificates",
        "Reports", "Settings"]
    assert window.current_page is window.dashboard
    shortcuts = {a.text(): a.shortcut().toString() for a in window.view_menu.actions() if a.text()}
    assert shortcuts["Dashboard"] == "Ctrl+1" and shortcuts["Inventory"] == "Ctrl+2" and shortcuts["Reports"] == "Ctrl+8"
    assert shortcuts["Lifecycle"] == "Ctrl+4" and shortcuts["Settings"] == "Ctrl+9"

    nav.setCurrentRow(2)
    assert window.current_page is window.discovery and window.page_actions[2].isChecked()
    window.page_actions[1].trigger()
    assert nav.currentRow() == 1 and window.current_page is window.inventory
    window.page_actions[2].trigger()

    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: nav.item(2).text() == "网络发现")
    assert nav.item(1).text() == "资产清单"
    assert window.discovery.start_button.text() == "开始扫描(&S)"
    i18n.set_language("en")

    window.close()
    assert settings.main_window_page == "discovery"
    again = make_window()
    assert again.current_page is again.discovery


@message_boxes
def test_the_queue_shows_each_devices_audit_and_accepting_brings_it_into_the_inventory(qtbot, window, page):
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from itam.audit.facts import AuditFacts, InterfaceFact
    from itam.audit.merge import record_outcome
    from itam.messages import tr

    import_file(qtbot, page, LAN)
    services = window.services
    printer = AuditFacts(address="198.18.0.10", method="snmp", collected_at=datetime.now(UTC),
                         manufacturer="HP", model="LaserJet M507", serial="PHBQB12345",
                         interfaces=(InterfaceFact("eth0", "3c:d9:2b:11:22:33"),), printer_page_count=48213)
    refused = tr("SSH error from {address}: {reason}", address="198.18.0.12", reason="Authentication failed.")
    with services.ctx.unit_of_work(source="audit") as uow:
        record_outcome(uow, SimpleNamespace(address="198.18.0.10", method="snmp", credential_name="lab-snmp",
                                            facts=printer, error=None, seconds=0.1))
        record_outcome(uow, SimpleNamespace(address="198.18.0.12", method="ssh", credential_name="lab-ssh",
                                            facts=None, error=str(refused), seconds=0.2))
    page.refresh()
    wait_for_queues(qtbot, page)
    queue = page.queue_model
    audit = queue.column_of("audit")
    assert queue.index(row_of(queue, "address", "198.18.0.10"), audit).data() == "HP LaserJet M507 S/N PHBQB12345"
    assert queue.index(row_of(queue, "address", "198.18.0.12"), audit).data() == (
        "Not audited: SSH error from 198.18.0.12: Authentication failed.")
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: queue.headerData(audit, Qt.Orientation.Horizontal) == "审计")
    assert queue.index(row_of(queue, "address", "198.18.0.12"), audit).data() == (
        "未能审计：198.18.0.12 返回 SSH 错误：Authentication failed.")
    i18n.set_language("en")

    select(page.queue_view, [row_of(queue, "address", "198.18.0.10")])
    with qtbot.waitSignal(page.assets_changed, timeout=10_000):
        page.accept_button.click()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    qtbot.waitUntil(lambda: window.model.row_at(0) is not None and window.model.row_at(0).audit is not None)
    row = window.model.row_at(0)
    assert (row.manufacturer, row.model, row.serial) == ("HP", "LaserJet M507", "PHBQB12345")
    from ui.models.asset_table import COLUMN_KEYS

    cell = window.model.index(0, COLUMN_KEYS.index("audit")).data()
    assert cell.startswith("SNMP, ")


@message_boxes
def test_auditing_the_hosts_found_fills_the_queues_audit_column(qtbot, window, page, monkeypatch):
    """No credential covers the imported (made-up) addresses, so nothing is contacted: each host is reported
    as not audited, with the reason, and the queue shows it once the audit run is stored."""
    from itam.audit import vault

    monkeypatch.setattr(vault, "_keyring", lambda: None)  # never the machine's keyring
    vault_passphrase = "page test passphrase"
    window.services.credentials.add("loop-ssh", "ssh", "127.0.0.1/32", {"user": "nobody", "password": "pw-123456"},
                                    passphrase=vault_passphrase)
    import_file(qtbot, page, LAN)
    assert page.audit_button.isEnabled()
    page.audit_button.click()
    dialog = page.audit_dialog
    dialog.passphrase_edit.setText(vault_passphrase)
    with qtbot.waitSignal(dialog.audited, timeout=60_000):
        dialog.start_button.click()
    qtbot.waitUntil(lambda: page._queue_task is None and bool(
        page.queue_model.index(0, page.queue_model.column_of("audit")).data()), timeout=10_000)
    queue = page.queue_model
    cells = {queue.index(r, queue.column_of("audit")).data() for r in range(queue.rowCount())}
    assert all(c.startswith("Not audited: ") for c in cells) and len(cells) == queue.rowCount(), cells
    assert "Not audited: no credential covers 198.18.0.10" in cells
    dialog.close()
