"""The certificates page: preview and issue, corrections, destruction certificates, the organisation,
saving, and verification by drag and drop."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from itam.services.sanitization import WipeEntry
from ui import i18n
from ui.dialogs.certificate_dialog import CertificateDialog, OrganisationDialog
from ui.pages.certificates import CertificateTableModel

reports_ready = pytest.mark.skipif(
    not (Path(__file__).resolve().parents[2] / "reports" / "certificates.py").exists(),
    reason="the certificate renderer (reports/certificates.py) is not there yet",
)
pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"), reports_ready]

WHEN = datetime(2025, 3, 14, 10, 30)


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def page(qtbot, window):
    page = window.certificates
    window.show_page("certificates")
    qtbot.waitUntil(lambda: page._read_task is None, timeout=10_000)
    return page


@pytest.fixture
def organisation(services):
    return services.organisation.update(name="Northwind IT Services", address="12 Harbour Road, Shanghai",
                                        email="itad@northwind.example")


def sanitized_laptop(services, tag="IT-000101", serial="PF2ABCD1", *, record=True):
    detail = services.assets.create(
        {"asset_tag": tag, "serial": serial, "category": "laptop", "manufacturer": "Lenovo", "model": "ThinkPad T14"},
        media=[{"media_type": "nvme", "manufacturer": "Samsung", "model": "PM9A1", "serial": f"S4EV{serial}",
                "capacity_gb": 512}],
    )
    if record:
        services.sanitization.record(tag, detail.media[0].id, WipeEntry(
            category="purge", technique="nvme_sanitize", tool_label="NVMe Sanitize", result="pass", ended_at=WHEN,
            time_zone="Asia/Shanghai", verification="full", verification_result="pass", operator="Wang Lei",
            verifier="Li Na"))
    return detail


def received_batch(services, number="ITAD-2025-014"):
    services.parties.add("GreenCycle GmbH", "itad_vendor", certifications=[("R2v3", "R2-12345")])
    services.custody.create(number, vendor="GreenCycle GmbH")
    services.custody.add(number, ["IT-000101"])
    services.custody.freeze_manifest(number)
    services.custody.receive(number, serials=["PF2ABCD1"], operator="Zhang Wei", witness="Li Na")
    return number


def previewed(qtbot, dialog) -> bytes:
    with qtbot.waitSignal(dialog.previewed, timeout=30_000) as done:
        pass
    return done.args[0]


def wait_ready(qtbot, dialog) -> None:
    document = dialog.pdf_view.document
    qtbot.waitUntil(lambda: document.status() == QPdfDocument.Status.Ready, timeout=10_000)
    assert document.pageCount() >= 1


def issue(qtbot, dialog, path: Path):
    with qtbot.waitSignal(dialog.issued, timeout=30_000) as done:
        assert dialog.issue_to(str(path))
        assert not dialog.issue_button.isEnabled()
    return done.args[0]


def drop(qtbot, page, path: Path):
    """Drag a file onto the verification area and drop it, as a file manager would."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    area = page.drop_area
    position = QPointF(area.width() / 2, area.height() / 2)
    enter = QDragEnterEvent(position.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(area, enter)
    assert enter.isAccepted()
    event = QDropEvent(position, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(page.verified, timeout=30_000) as done:
        QApplication.sendEvent(area, event)
    return done.args[0]


# --- issuing -------------------------------------------------------------------------------------------
def test_the_dialog_previews_then_issues_a_file_that_verifies(qtbot, page, services, organisation, tmp_path):
    sanitized_laptop(services)
    page.issue_sanitization_button.click()
    dialog = page.dialogs[-1]
    assert isinstance(dialog, CertificateDialog)
    assert not dialog.issue_button.isEnabled()
    dialog.subject_combo.setCurrentText("IT-000101")
    with qtbot.waitSignal(dialog.previewed, timeout=30_000) as done:
        dialog.on_subject_entered()
        qtbot.waitUntil(lambda: dialog.progress_bar.isVisible() or dialog.preview_pdf is not None, timeout=10_000)
    pdf = done.args[0]
    assert pdf.startswith(b"%PDF")
    wait_ready(qtbot, dialog)
    assert not dialog.progress_bar.isVisible()
    assert "Unsigned preview" in dialog.status_label.text()
    assert dialog.issue_button.isEnabled()
    assert not dialog.blockers_label.isVisible()

    target = tmp_path / "certificate.pdf"
    issued = issue(qtbot, dialog, target)
    assert issued.number == "DS-000001"
    assert "DS-000001 issued and saved" in dialog.status_label.text()
    assert not dialog.issue_button.isEnabled()  # once only
    wait_ready(qtbot, dialog)
    data = target.read_bytes()
    result = services.certificates.verify(data)
    assert result.ok and result.number == "DS-000001"

    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    row = {c.key: page.model.index(0, i).data() for i, c in enumerate(page.model.COLUMNS)}
    assert (row["number"], row["kind"], row["subject"], row["by"], row["language"]) == (
        "DS-000001", "Sanitization", "IT-000101", "tester", "English")
    assert page.count_label.text() == "1 certificates issued"
    dialog.reject()


def test_blockers_are_shown_and_nothing_can_be_issued(qtbot, page, services, organisation):
    sanitized_laptop(services, record=False)
    dialog = page.open_certificate_dialog("sanitization", "IT-000101")
    assert previewed(qtbot, dialog) is None
    assert dialog.blockers_label.isVisible()
    assert "no sanitization record" in dialog.blockers_label.text()
    assert not dialog.issue_button.isEnabled() and not dialog.preview_button.isEnabled()
    dialog.reject()


def test_without_an_organisation_the_preview_says_what_to_do(qtbot, page, services):
    sanitized_laptop(services)
    dialog = page.open_certificate_dialog("sanitization", "IT-000101")
    assert previewed(qtbot, dialog) is None
    assert "organisation's name" in dialog.status_label.text()
    assert not dialog.issue_button.isEnabled()
    dialog.reject()


def test_a_correction_in_chinese_supersedes_the_first(qtbot, page, services, organisation, tmp_path):
    sanitized_laptop(services)
    first, _pdf = services.certificates.issue_sanitization("IT-000101")
    dialog = page.open_certificate_dialog("sanitization", "IT-000101")
    previewed(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.supersedes_combo.count() == 1)
    assert dialog.supersedes_combo.itemText(0) == first.number
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    dialog.correction_box.setChecked(True)
    dialog.supersedes_combo.setCurrentText(first.number)
    assert not dialog.issue_button.isEnabled()  # the preview no longer shows what would be issued
    # No reason: the service refuses, and says so.
    assert previewed(qtbot, dialog) is None
    assert "reason" in dialog.status_label.text()
    dialog.reason_edit.setText("Verifier's name was misspelt")
    previewed(qtbot, dialog)
    wait_ready(qtbot, dialog)
    issued = issue(qtbot, dialog, tmp_path / "corrected.pdf")
    assert issued.number == "DS-000002"
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    rows = {page.model.row_at(r).number: r for r in range(2)}
    model = page.model
    newer, older = rows["DS-000002"], rows["DS-000001"]
    assert model.index(newer, model.column_of("supersedes")).data() == "DS-000001"
    assert model.index(newer, model.column_of("language")).data() == "Chinese"
    assert "misspelt" in model.index(newer, model.column_of("supersedes")).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(older, model.column_of("superseded_by")).data() == "DS-000002"
    assert model.index(older, 0).data(Qt.ItemDataRole.ForegroundRole) == QColor("#808080")
    dialog.reject()


def test_a_destruction_certificate_for_a_received_batch(qtbot, page, services, organisation, tmp_path):
    sanitized_laptop(services)
    number = received_batch(services)
    dialog = page.open_certificate_dialog("destruction")
    qtbot.waitUntil(lambda: dialog.subject_combo.count() == 1)
    assert dialog.subject_combo.itemText(0) == number
    assert dialog.operator_edit.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.previewed, timeout=30_000) as done:
        dialog.subject_combo.setCurrentIndex(0)
        dialog.subject_combo.activated.emit(0)
    assert done.args[0] is not None
    wait_ready(qtbot, dialog)
    issued = issue(qtbot, dialog, tmp_path / "destruction.pdf")
    assert issued.number == "CD-000001" and issued.kind == "destruction"
    assert services.certificates.verify((tmp_path / "destruction.pdf").read_bytes()).ok
    dialog.reject()


def test_cancelling_the_preview_leaves_the_dialog_usable(qtbot, page, services, organisation):
    sanitized_laptop(services)
    dialog = page.open_certificate_dialog("sanitization", "IT-000101")
    previewed(qtbot, dialog)
    assert dialog.preview()
    assert dialog.cancel_button.isVisible()
    dialog.cancel()
    assert dialog.status_label.text() == "Preview cancelled."
    assert not dialog.progress_bar.isVisible()
    assert dialog.preview_button.isEnabled()
    previewed_again = dialog.preview()
    assert previewed_again
    assert previewed(qtbot, dialog) is not None
    dialog.reject()


# --- saving and verifying ----------------------------------------------------------------------------
def test_dropping_a_certificate_verifies_it_and_a_tampered_one_fails(qtbot, page, services, organisation, tmp_path):
    sanitized_laptop(services)
    issued, pdf = services.certificates.issue_sanitization("IT-000101")
    with qtbot.waitSignal(page.certificates_refreshed, timeout=10_000):
        page.refresh()
    page.table.selectionModel().select(
        page.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    assert page.save_button.isEnabled()
    saved = tmp_path / "DS-000001.pdf"
    with qtbot.waitSignal(page.pdf_saved, timeout=10_000):
        page.save_pdf(issued.number, str(saved))
    assert saved.read_bytes() == pdf

    result = drop(qtbot, page, saved)
    assert result.ok
    assert page.summary_label.text() == "✓ DS-000001.pdf: certificate DS-000001 is genuine and unchanged"
    assert len(page.check_rows) == len(result.checks)
    assert all(mark.text() == "✓" for mark, _name, _detail in page.check_rows)
    names = [name.text() for _mark, name, _detail in page.check_rows]
    assert "Signature" in names and "Issued by this database" in names
    assert page.check_rows[0][2].text().replace("\u200b", "") == result.checks[0][2]

    tampered = tmp_path / "tampered.pdf"
    data = bytearray(pdf)
    at = data.find(b"ThinkPad")
    if at < 0:
        at = len(data) // 3
    data[at] ^= 0x01
    tampered.write_bytes(bytes(data))
    result = drop(qtbot, page, tampered)
    assert not result.ok
    summary = page.summary_label.text()
    assert summary.startswith("✗ tampered.pdf does not verify")
    assert ERROR_RED in page.summary_label.styleSheet()
    failed = [row for row in page.check_rows if row[0].text() == "✗"]
    assert failed and ERROR_RED in failed[0][0].styleSheet()


ERROR_RED = "#c62828"


def test_a_file_that_is_not_a_pdf_is_explained(qtbot, page, tmp_path):
    junk = tmp_path / "notes.pdf"
    junk.write_text("this is not a PDF at all", encoding="utf-8")
    with qtbot.waitSignal(page.verified, timeout=10_000) as done:
        page.verify_file(str(junk))
    result = done.args[0]
    assert result is None or not result.ok
    assert page.summary_label.text().startswith("✗ notes.pdf")
    assert "Traceback" not in page.summary_label.text()
    with qtbot.waitSignal(page.verified, timeout=10_000) as done:
        page.verify_file(str(tmp_path / "missing.pdf"))
    assert done.args == [None]
    assert "Cannot read" in page.summary_label.text()


def test_the_organisation_dialog_saves_the_profile_and_logo(qtbot, page, services, tmp_path):
    dialog = page.open_organisation_dialog()
    assert isinstance(dialog, OrganisationDialog)
    qtbot.wait(100)
    with qtbot.waitSignal(dialog.saved, timeout=3000, raising=False) as nameless:
        dialog.save()
        qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    assert not nameless.signal_triggered
    assert "needs a name" in dialog.error_label.text()

    logo = tmp_path / "logo.png"
    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#1565c0"))
    assert image.save(str(logo))
    assert dialog.set_logo_file(str(logo))
    assert dialog.logo_preview.pixmap() is not None and not dialog.logo_preview.pixmap().isNull()
    not_image = tmp_path / "logo.txt"
    not_image.write_text("no", encoding="utf-8")
    assert not dialog.set_logo_file(str(not_image))
    assert "not a PNG or JPEG" in dialog.error_label.text()

    dialog.edits["name"].setText("Northwind IT Services")
    dialog.edits["address"].setPlainText("12 Harbour Road\nShanghai")
    dialog.edits["registration_no"].setText("91310000MA1K000000")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save()
    profile = services.organisation.get()
    assert profile.name == "Northwind IT Services" and profile.address == "12 Harbour Road\nShanghai"
    assert profile.registration_no == "91310000MA1K000000"
    assert profile.logo == logo.read_bytes()

    again = page.open_organisation_dialog()
    qtbot.waitUntil(lambda: again.edits["name"].text() == "Northwind IT Services", timeout=10_000)
    assert again.remove_logo_button.isEnabled()
    again.remove_logo()
    with qtbot.waitSignal(again.saved, timeout=10_000):
        again.save()
    assert services.organisation.get().logo is None


def test_the_certificate_model_passes_qt_checks(qtmodeltester, qtbot, page, services, organisation):
    sanitized_laptop(services)
    first, _ = services.certificates.issue_sanitization("IT-000101")
    services.certificates.issue_sanitization("IT-000101", supersedes=first.number, reason="typo")
    with qtbot.waitSignal(page.certificates_refreshed, timeout=10_000):
        page.refresh()
    model = CertificateTableModel()
    model.set_rows(page.model.rows)
    model.sort(model.column_of("issued"), Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)
    qtmodeltester.check(page.model)


def test_switching_language_translates_the_page(qtbot, page):
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: page.verify_button.text() != "&Verify file…")
    assert page.verify_button.text() == "验证文件(&V)…"
    assert page.drop_area.label.text() == "将证书 PDF 拖放到此处进行验证"
    assert page.title() == "证书"
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "编号"
    i18n.set_language("en")
    qtbot.waitUntil(lambda: page.verify_button.text() == "&Verify file…")
