"""The reports page over a demo fleet: a real fleet lifecycle PDF, CSR workbook and asset PDF through the GUI
(the file dialog bypassed), cancel leaves no file, clear errors, opening the result, and Chinese."""

from __future__ import annotations

import shutil
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from itam.metrics.results import Period
from tests.ui.test_dashboard_page import demo_file
from ui import i18n

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

EMPTY = Period(date(2001, 1, 1), date(2001, 12, 31))


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    """The 120-asset demo fleet of test_dashboard_page (built once per run)."""
    return demo_file(tmp_path_factory)


@pytest.fixture
def db_url(demo_template, tmp_path):
    target = tmp_path / "itam.sqlite3"
    shutil.copyfile(demo_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def window(make_window, settings):
    settings.main_window_page = "reports"  # open on the reports page: the dashboard computes nothing meanwhile
    return make_window()


@pytest.fixture
def page(qtbot, window):
    page = window.reports
    assert window.current_page is page
    return page


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    return folder


def generate(qtbot, page) -> str:
    with qtbot.waitSignal(page.generated, timeout=60_000) as done:
        page.generate_button.click()
    return done.args[0]


def close_message(qtbot, page) -> str:
    box = page.message_box
    qtbot.waitUntil(lambda: box.isVisible())
    text = box.text()
    box.close()
    qtbot.waitUntil(lambda: page.message_box is None)
    return text


def test_fleet_lifecycle_pdf(qtbot, page, out, monkeypatch, settings):
    from pypdf import PdfReader

    assert page.kind() == "lifecycle"
    assert page.language() == "en"  # the interface language
    assert page.file_edit.text().endswith(".pdf")
    assert not page.open_button.isVisible()
    target = out / "fleet.pdf"
    page.set_output_path(str(target))
    written = generate(qtbot, page)
    assert written == str(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    reader = PdfReader(str(target))
    assert len(reader.pages) >= 1
    text = "".join(p.extract_text() or "" for p in reader.pages)
    assert page.selector.period().start.isoformat() in text
    assert sorted(p.name for p in out.iterdir()) == ["fleet.pdf"]  # no temporary file left
    assert page.open_button.isVisible() and page.folder_button.isVisible()
    assert "Saved" in page.status_label.text()
    assert settings.reports_folder == str(out)

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page.open_button.click()
    page.folder_button.click()
    assert opened == [QUrl.fromLocalFile(str(target)), QUrl.fromLocalFile(str(out))]


def test_csr_workbook_xlsx(qtbot, page, out, services):
    from openpyxl import load_workbook

    page.set_kind("csr")
    assert page.file_edit.text().endswith(".xlsx")
    target = out / "csr.xlsx"
    page.set_output_path(str(target))
    progress = []
    page.progressed.connect(lambda done, total: progress.append((done, total)))
    generate(qtbot, page)
    wb = load_workbook(target, read_only=True)
    assert len(wb.sheetnames) >= 4
    events = sum(p.events for p in services.metrics.compute(page.selector.period()).pathways)
    assert events > 0
    assert progress and progress[-1] == (events, events)
    wb.close()
    assert sorted(p.name for p in out.iterdir()) == ["csr.xlsx"]


def test_cancelling_the_workbook_leaves_no_file(qtbot, page, out, monkeypatch):
    import reports.csr_workbook as csr

    real = csr.write_csr_workbook

    def slow(*args, progress=None, is_cancelled=None, **kwargs):
        # After the rows are written, wait until the person has pressed Cancel (the real writer then checks).
        def rows(n):
            progress(n)
            deadline = time.monotonic() + 10
            while not is_cancelled() and time.monotonic() < deadline:
                time.sleep(0.01)

        return real(*args, progress=rows, is_cancelled=is_cancelled, **kwargs)

    monkeypatch.setattr(csr, "write_csr_workbook", slow)
    page.set_kind("csr")
    page.set_output_path(str(out / "csr.xlsx"))
    with qtbot.waitSignal(page.progressed, timeout=30_000, check_params_cb=lambda done, total: done > 0):
        page.generate_button.click()
    assert page.running and page.cancel_button.isEnabled() and not page.generate_button.isEnabled()
    with qtbot.waitSignal(page.generation_cancelled, timeout=30_000):
        page.cancel_button.click()
    assert list(out.iterdir()) == []
    assert "Cancelled" in page.status_label.text()
    assert not page.open_button.isVisible()
    assert page.generate_button.isEnabled() and not page.cancel_button.isEnabled()


def test_unknown_asset_is_an_error_message(qtbot, page, out):
    page.set_kind("asset")
    assert page.asset_edit.isVisible()
    assert not page.selector.period_row.isEnabled()
    page.asset_edit.setText("NO-SUCH-ASSET")
    page.set_output_path(str(out / "asset.pdf"))
    with qtbot.waitSignal(page.generation_failed, timeout=30_000):
        page.generate_button.click()
    assert "NO-SUCH-ASSET" in close_message(qtbot, page)
    assert list(out.iterdir()) == []
    assert "NO-SUCH-ASSET" in page.status_label.text()


def test_asset_lifecycle_pdf(qtbot, page, out, services):
    from pypdf import PdfReader

    tag = services.assets.get(1, with_history=False).fields["asset_tag"]
    page.set_kind("asset")
    page.asset_edit.setText(tag)
    assert Path(page.file_edit.text()).name == f"asset-lifecycle_{tag}.pdf"
    page.set_output_path(str(out / "asset.pdf"))
    generate(qtbot, page)
    assert (out / "asset.pdf").read_bytes().startswith(b"%PDF")
    text = "".join(p.extract_text() or "" for p in PdfReader(str(out / "asset.pdf")).pages)
    assert tag in text


def test_missing_folder_is_refused_before_starting(qtbot, page, tmp_path):
    page.set_output_path(str(tmp_path / "no such folder" / "fleet.pdf"))
    page.generate_button.click()
    assert not page.running
    assert "does not exist" in close_message(qtbot, page)


def test_an_empty_period_is_not_an_error(qtbot, page, out):
    from pypdf import PdfReader

    page.selector.set_period(EMPTY)
    target = out / "empty.pdf"
    page.set_output_path(str(target))
    generate(qtbot, page)
    assert target.read_bytes().startswith(b"%PDF")
    assert len(PdfReader(str(target)).pages) >= 1


def test_a_suffix_is_added_and_the_suggested_name_follows_the_choices(qtbot, page, out):
    assert Path(page.file_edit.text()).name == (
        f"fleet-lifecycle_{page.selector.period().start.isoformat()}_{page.selector.period().end.isoformat()}.pdf"
    )
    page.selector.set_period(EMPTY)
    assert Path(page.file_edit.text()).name == "fleet-lifecycle_2001-01-01_2001-12-31.pdf"
    page.set_kind("csr")
    assert Path(page.file_edit.text()).name == "csr-workbook_2001-01-01_2001-12-31.xlsx"
    page.set_output_path(str(out / "my report"))
    written = generate(qtbot, page)
    assert written == str(out / "my report.xlsx")


def test_reports_page_in_chinese(qtbot, window, page, out):
    from pypdf import PdfReader

    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: page.generate_button.text() == "生成(&G)")
    assert window.navigation.item(7).text() == "报告"
    assert page.kind_combo.currentText() == "设备群生命周期报告（PDF）"
    assert page.language() == "zh_CN"  # follows the interface language until chosen
    assert page.cancel_button.text() == "取消"
    target = out / "zh.pdf"
    page.set_output_path(str(target))
    generate(qtbot, page)
    assert "已保存" in page.status_label.text()
    assert PdfReader(str(target)).pages
    page.set_language("en")
    i18n.set_language("en")
    qtbot.waitUntil(lambda: page.generate_button.text() == "&Generate")
    assert page.language() == "en"


def test_closing_the_window_while_generating_stops(qtbot, window, page, out, monkeypatch):
    import reports.csr_workbook as csr

    real = csr.write_csr_workbook
    started = threading.Event()

    def slow(*args, progress=None, is_cancelled=None, **kwargs):
        def rows(n):
            started.set()
            deadline = time.monotonic() + 10
            while not is_cancelled() and time.monotonic() < deadline:
                time.sleep(0.01)

        return real(*args, progress=rows, is_cancelled=is_cancelled, **kwargs)

    monkeypatch.setattr(csr, "write_csr_workbook", slow)
    page.set_kind("csr")
    page.set_output_path(str(out / "csr.xlsx"))
    page.generate_button.click()
    qtbot.waitUntil(started.is_set, timeout=30_000)
    t0 = time.monotonic()
    window.close()
    from ui.workers import wait_for_tasks

    assert wait_for_tasks(10_000)
    assert time.monotonic() - t0 < 5
    assert list(out.iterdir()) == []
