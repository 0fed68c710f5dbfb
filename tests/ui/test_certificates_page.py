"""The certificates page: preview and issue, corrections, destruction certificates, the organisation,
saving, verification by drag and drop, the signing certificate, and issuing for several assets at once."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton

from itam.services.sanitization import WipeEntry
from ui import i18n
from ui.dialogs.certificate_dialog import (
    BulkIssueDialog,
    CertificateDialog,
    OrganisationDialog,
)
from ui.dialogs.signer_dialog import SignerDialog
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


# --- the signing certificate ---------------------------------------------------------------------------
def _p12(path: Path, password: bytes, *, common_name: str = "Li Lei", with_ca: bool = False) -> str:
    """A PKCS#12 file with an ECDSA key whose certificate may sign (digitalSignature): self-signed, or
    issued by a small CA that comes in the file too. Returns the certificate's SHA-256 fingerprint."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Big Corp")])

    def usage(*, ca: bool) -> x509.KeyUsage:
        return x509.KeyUsage(digital_signature=not ca, content_commitment=False, key_encipherment=False,
                             data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                             encipher_only=False, decipher_only=False)

    def cert(subject, issuer, public_key, signing_key, *, ca: bool) -> x509.Certificate:
        now = dt.datetime.now(dt.UTC)
        return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
                .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
                .not_valid_after(now + dt.timedelta(days=400))
                .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
                .add_extension(usage(ca=ca), critical=True)
                .sign(signing_key, hashes.SHA256()))

    key = ec.generate_private_key(ec.SECP256R1())
    extra = []
    if with_ca:
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca = cert(name("Big Corp Root CA"), name("Big Corp Root CA"), ca_key.public_key(), ca_key, ca=True)
        leaf = cert(name(common_name), ca.subject, key.public_key(), ca_key, ca=False)
        extra = [ca]
    else:
        leaf = cert(name(common_name), name(common_name), key.public_key(), key, ca=False)
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"signer", key, leaf, extra, serialization.BestAvailableEncryption(password)))
    return leaf.fingerprint(hashes.SHA256()).hex()


def shown_fingerprint(dialog) -> str:
    return dialog.values["fingerprint"].text().replace(":", "").replace("\n", "").lower()


def loaded(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.info is not None or dialog.failure is not None, timeout=10_000)
    return dialog.info


def import_p12(qtbot, dialog, path: Path, password: str):
    dialog.choose_file(str(path))
    assert dialog.import_box.isVisible()
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(dialog.password_edit, password)
    with qtbot.waitSignal(dialog.signer_changed, timeout=10_000) as done:
        dialog.import_now_button.click()
    assert dialog.password_edit.text() == ""  # never kept
    return done.args[0]


def test_the_signer_dialog_shows_the_fingerprint_once_the_first_issue_made_the_key(qtbot, page, services, organisation):
    from reports.signing import CERT_FILE, signing_dir

    page.signer_button.click()
    dialog = page.dialogs[-1]
    assert isinstance(dialog, SignerDialog)
    info = loaded(qtbot, dialog)
    assert not info.exists
    assert "created, with a local CA, when the first certificate is issued" in dialog.state_label.text()
    assert not dialog.values["fingerprint"].isVisible() and not dialog.export_button.isEnabled()
    assert not (signing_dir() / CERT_FILE).exists()  # looking made no key
    dialog.reject()

    sanitized_laptop(services)
    services.certificates.issue_sanitization("IT-000101")
    signer = services.certificates.signer()
    dialog = page.open_signer_dialog()
    info = loaded(qtbot, dialog)
    assert info.exists and info.fingerprint == signer.fingerprint
    assert shown_fingerprint(dialog) == signer.fingerprint
    assert dialog.values["subject"].text() == signer.subject
    assert dialog.values["not_after"].text() == f"{signer.not_after:%Y-%m-%d}"
    assert dialog.values["directory"].text() == str(signing_dir())
    assert not dialog.state_label.isVisible()

    # The CA certificate exported for PDF readers is the local CA (no key in it).
    target = Path(dialog.values["directory"].text()).parent / "exported-ca.pem"
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        assert dialog.export_to(str(target))
    assert target.read_bytes() == (signing_dir() / "ca-cert.pem").read_bytes()
    assert b"PRIVATE KEY" not in target.read_bytes()
    assert dialog.status_label.text().startswith(f"CA certificate saved to {target}")
    dialog.reject()


def test_importing_a_pkcs12_makes_it_the_signer_of_new_certificates(qtbot, page, services, organisation, tmp_path):
    sanitized_laptop(services)
    sanitized_laptop(services, "IT-000102", "PF2ABCD2")
    sanitized_laptop(services, "IT-000103", "PF2ABCD3")
    _first, first_pdf = services.certificates.issue_sanitization("IT-000101")
    before = services.certificates.signer().fingerprint
    dialog = page.open_signer_dialog()
    loaded(qtbot, dialog)

    p12 = tmp_path / "li-lei.p12"
    fingerprint = _p12(p12, b"s3cret pass")
    info = import_p12(qtbot, dialog, p12, "s3cret pass")
    assert info.fingerprint == fingerprint != before
    assert services.certificates.signer().fingerprint == fingerprint
    assert shown_fingerprint(dialog) == fingerprint
    assert "CN=Li Lei" in dialog.values["subject"].text()
    assert "Imported" in dialog.status_label.text() and not dialog.import_box.isVisible()
    assert not dialog.error_label.isVisible()

    # A certificate issued now carries the imported signature; the one issued before still verifies.
    _second, pdf = services.certificates.issue_sanitization("IT-000102")
    checks = {name: ok for name, ok, _detail in services.certificates.verify(pdf).checks}
    # "signer trusted" needs the self-signed certificate among the trust roots, which reports.signing leaves
    # out once a local CA had been made (see test_a_self_signed_import_is_a_trust_root).
    assert all(ok for name, ok in checks.items() if name != "signer trusted"), checks
    assert "Li Lei" in services.certificates.verify(pdf).signer
    assert services.certificates.verify(first_pdf).ok

    # A certificate from a CA, imported with its CA: what is issued then verifies in full.
    company = tmp_path / "company.p12"
    fingerprint = _p12(company, b"another one", common_name="Northwind signing", with_ca=True)
    info = import_p12(qtbot, dialog, company, "another one")
    assert services.certificates.signer().fingerprint == fingerprint == info.fingerprint
    assert info.ca_subject == "O=Big Corp,CN=Big Corp Root CA"
    _third, pdf = services.certificates.issue_sanitization("IT-000103")
    result = services.certificates.verify(pdf)
    assert result.ok, result.checks
    assert services.certificates.verify(first_pdf).ok
    dialog.reject()


def test_a_self_signed_import_is_a_trust_root(qtbot, page, services, organisation, tmp_path):
    sanitized_laptop(services)
    sanitized_laptop(services, "IT-000102", "PF2ABCD2")
    services.certificates.issue_sanitization("IT-000101")
    dialog = page.open_signer_dialog()
    loaded(qtbot, dialog)
    p12 = tmp_path / "li-lei.p12"
    _p12(p12, b"pw")
    import_p12(qtbot, dialog, p12, "pw")
    dialog.reject()
    _issued, pdf = services.certificates.issue_sanitization("IT-000102")
    assert services.certificates.verify(pdf).ok


def test_a_wrong_pkcs12_password_is_shown_inline_and_changes_nothing(qtbot, page, services, tmp_path):
    from reports.signing import CERT_FILE, signing_dir

    dialog = page.open_signer_dialog()
    loaded(qtbot, dialog)
    p12 = tmp_path / "li-lei.p12"
    _p12(p12, b"right")
    dialog.choose_file(str(p12))
    qtbot.keyClicks(dialog.password_edit, "Tr0ub4dor&3")
    with qtbot.waitSignal(dialog.signer_changed, timeout=3000, raising=False) as changed:
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)  # Enter imports; it does not close the dialog
        qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    assert not changed.signal_triggered
    text = dialog.error_label.text()
    assert text.startswith("Nothing was imported:") and "passphrase is wrong" in text
    assert "Tr0ub4dor" not in text  # the password is never shown
    assert dialog.isVisible() and dialog.import_box.isVisible() and dialog.password_edit.text() == ""
    assert not (signing_dir() / CERT_FILE).exists()
    dialog.close_import()
    dialog.reject()


def test_creating_a_new_key_asks_first_and_old_certificates_still_verify(qtbot, page, services, organisation):
    sanitized_laptop(services)
    _first, pdf = services.certificates.issue_sanitization("IT-000101")
    before = services.certificates.signer().fingerprint
    dialog = page.open_signer_dialog()
    loaded(qtbot, dialog)
    box = dialog.confirm_new_key()
    assert "new local CA" in box.text() and "keep verifying" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: dialog.confirm_box is None)
    assert services.certificates.signer().fingerprint == before

    box = dialog.confirm_new_key()
    with qtbot.waitSignal(dialog.signer_changed, timeout=10_000) as done:
        box.findChild(QPushButton, "create_key_button").click()
    assert done.args[0].fingerprint == services.certificates.signer().fingerprint != before
    assert shown_fingerprint(dialog) == done.args[0].fingerprint
    assert services.certificates.verify(pdf).ok
    dialog.reject()


# --- several assets at once ----------------------------------------------------------------------------
def bulk_dialog(page, folder: Path, assets: list[str]) -> BulkIssueDialog:
    page.bulk_issue_button.click()
    dialog = page.dialogs[-1]
    assert isinstance(dialog, BulkIssueDialog)
    assert not dialog.issue_button.isEnabled()
    dialog.assets_edit.setPlainText("\n".join(assets))
    dialog.folder_edit.setText(str(folder))
    return dialog


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints", "This plugin does not support raise")
def test_issuing_for_several_assets_skips_the_ineligible_one_with_its_reason(qtbot, page, services, organisation,
                                                                              tmp_path):
    sanitized_laptop(services)
    sanitized_laptop(services, "IT-000102", "PF2ABCD2", record=False)
    sanitized_laptop(services, "IT-000103", "PF2ABCD3")
    folder = tmp_path / "out"
    dialog = bulk_dialog(page, folder, ["IT-000101", "", "IT-000102 ", "PF2ABCD3", "IT-000101"])
    assert dialog.asset_refs() == ["IT-000101", "IT-000102", "PF2ABCD3"]
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh_CN"))
    progress = []
    dialog.progress_bar.valueChanged.connect(progress.append)
    with qtbot.waitSignal(page.certificates_refreshed, timeout=30_000), \
            qtbot.waitSignal(dialog.finished_run, timeout=30_000) as done:
        dialog.issue_button.click()
        assert dialog.progress_bar.isVisible() and dialog.progress_bar.maximum() == 3
        assert not dialog.assets_edit.isEnabled()
    outcome = done.args[0]
    assert [(ref, c.number) for ref, c in outcome.issued] == [("IT-000101", "DS-000001"), ("PF2ABCD3", "DS-000002")]
    assert sorted(p.name for p in folder.iterdir()) == ["DS-000001.pdf", "DS-000002.pdf"]
    for _ref, issued in outcome.issued:
        result = services.certificates.verify((folder / f"{issued.number}.pdf").read_bytes())
        assert result.ok and result.number == issued.number
    assert services.certificates.get("DS-000002").language == "zh_CN"
    (ref, reason), = outcome.skipped
    assert ref == "IT-000102" and "no sanitization record" in reason
    assert max(progress) == 3

    assert not dialog.progress_bar.isVisible()
    assert dialog.summary_label.text() == f"2 certificates issued into {folder}; 1 assets skipped."
    tree = dialog.result_tree
    assert (tree.topLevelItem(0).text(0), tree.topLevelItem(1).text(0)) == ("Issued (2)", "Skipped (1)")
    skipped = tree.topLevelItem(1).child(0)
    assert skipped.text(0) == "IT-000102" and "no sanitization record" in skipped.text(1)
    assert not dialog.issue_button.isEnabled()  # the same list again would certify the same assets twice
    assert page.model.rowCount() == 2

    # An asset the inventory does not know is skipped too; the others are still issued.
    dialog.assets_edit.setPlainText("NOPE-1\nIT-000103")
    with qtbot.waitSignal(dialog.finished_run, timeout=30_000) as done:
        assert dialog.issue()
    outcome = done.args[0]
    assert [c.number for _ref, c in outcome.issued] == ["DS-000003"]
    assert outcome.skipped == [("NOPE-1", "no asset with tag, serial or id 'NOPE-1'")]
    assert page.open_bulk_issue_dialog() is dialog  # one run at a time
    dialog.reject()


def test_cancelling_a_bulk_run_leaves_only_whole_certificates(qtbot, page, services, organisation, tmp_path,
                                                               monkeypatch):
    tags = [f"IT-0002{i:02d}" for i in range(6)]
    for i, tag in enumerate(tags):
        sanitized_laptop(services, tag, f"PF3{i:05d}")
    issue = services.certificates.issue_sanitization

    def slowly(*args, **kwargs):  # time to press Cancel while the run is under way
        time.sleep(0.4)
        return issue(*args, **kwargs)

    monkeypatch.setattr(services.certificates, "issue_sanitization", slowly)
    folder = tmp_path / "out"
    dialog = bulk_dialog(page, folder, tags)
    with qtbot.waitSignal(dialog.finished_run, timeout=30_000) as done:
        assert dialog.issue()
        qtbot.waitUntil(lambda: dialog.progress_bar.value() >= 1, timeout=10_000)  # the window kept painting
        dialog.cancel_button.click()
        assert not dialog.cancel_button.isEnabled() and "Cancelling" in dialog.summary_label.text()
        dialog.reject()  # closing waits for the outcome
        assert dialog.isVisible()
    outcome = done.args[0]
    assert outcome.cancelled and 1 <= len(outcome.issued) < len(tags)
    assert [ref for ref, _c in outcome.issued] + outcome.not_reached == tags
    assert dialog.assets_edit.toPlainText().splitlines() == outcome.not_reached
    assert dialog.issue_button.isEnabled()  # goes on with what was not reached
    assert "Cancelled" in dialog.summary_label.text()

    # Every number issued has its whole PDF in the folder, and nothing else is there.
    numbers = [c.number for c in services.certificates.list()]
    assert sorted(numbers) == sorted(c.number for _ref, c in outcome.issued)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.pdf" for n in numbers)
    for number in numbers:
        assert (folder / f"{number}.pdf").read_bytes() == services.certificates.pdf(number)
    with qtbot.waitSignal(page.certificates_refreshed, timeout=10_000):
        page.refresh()
    assert page.model.rowCount() == len(numbers)
    dialog.reject()
    qtbot.waitUntil(lambda: dialog not in page.dialogs)


def test_a_bulk_run_without_an_organisation_says_what_to_do(qtbot, page, services, tmp_path):
    sanitized_laptop(services)
    dialog = bulk_dialog(page, tmp_path / "out", ["IT-000101"])
    with qtbot.waitSignal(dialog.finished_run, timeout=30_000) as done:
        assert dialog.issue()
    assert done.args == [None]
    assert dialog.error_label.isVisible() and "organisation's name" in dialog.error_label.text()
    assert "Traceback" not in dialog.error_label.text()
    assert dialog.issue_button.isEnabled()  # once the organisation is set, the same list can go
    assert services.certificates.list() == []
    dialog.reject()


def test_the_new_dialogs_are_translated(qtbot, page, services):
    signer = page.open_signer_dialog()
    loaded(qtbot, signer)
    bulk = page.open_bulk_issue_dialog(["IT-000101"])
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: signer.windowTitle() == "签名证书")
    assert signer.export_button.text() == "导出 CA 证书(&E)…"
    assert signer.row_labels["fingerprint"].text() == "SHA-256 指纹："
    assert "签发第一份证书时" in signer.state_label.text()
    assert bulk.windowTitle() == "为多项资产签发证书"
    assert page.signer_button.text() == "签名证书(&G)…"
    assert page.bulk_issue_button.text() == "为多项资产签发(&A)…"
    i18n.set_language("en")
    qtbot.waitUntil(lambda: signer.windowTitle() == "Signing certificate")
    signer.reject()
    bulk.reject()


def test_the_page_layout_is_kept_under_its_settings_keys(qtbot, page, services, settings):
    from PySide6.QtCore import QSettings

    from ui.pages.certificates import CertificatesPage

    page.table.horizontalHeader().resizeSection(0, 177)
    page.save_settings(settings)
    settings.sync()
    assert not settings.certificates_list_header_state.isEmpty()
    assert not settings.certificates_splitter_state.isEmpty()
    keys = QSettings(settings.file_name, QSettings.Format.IniFormat).allKeys()
    assert {"certificates/list_header", "certificates/splitter"} <= set(keys)  # the keys of earlier versions
    again = CertificatesPage(services, settings)
    qtbot.addWidget(again)
    again.restore_settings(settings)
    assert again.table.horizontalHeader().sectionSize(0) == 177
    qtbot.waitUntil(lambda: again._read_task is None, timeout=10_000)
