"""AssetTableModel: the windowed page cache, SQL sorting and filtering, localised cells, Qt's model checks."""

from __future__ import annotations

import shutil
import sqlite3
import time

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from ui import i18n
from ui.models.asset_table import COLUMNS, PLACEHOLDER, AssetIdRole, AssetRowRole, AssetTableModel
from ui.workers import wait_for_tasks

COL = {c.key: i for i, c in enumerate(COLUMNS)}


@pytest.fixture
def db_url(inventory_db_url):
    """Every test here works on its own copy of the 300-asset demo inventory."""
    return inventory_db_url


@pytest.fixture
def model(qtbot, services):
    m = AssetTableModel(services, batch_size=120)
    with qtbot.waitSignal(m.total_counted, timeout=5000) as counted:
        m.refresh()
    assert counted.args == [300]
    yield m
    assert wait_for_tasks()


def column_values(model: AssetTableModel, key: str) -> list:
    return [getattr(model.row_at(r), key) for r in range(model.rowCount())]


def test_every_counted_row_has_a_place_and_pages_are_read_as_shown(model):
    assert model.rowCount() == 300  # the count arrived: the scroll bar has its final size at once
    assert model.columnCount() == len(COLUMNS)
    assert not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # nothing left: a no-op
    assert model.rowCount() == 300
    assert model.index(150, 0).data() == PLACEHOLDER  # not read yet
    # row_at reads an uncached page for an explicit action.
    ids = [model.row_at(r).id for r in range(model.rowCount())]
    assert len(set(ids)) == 300
    assert model.index(299, 0).data(AssetIdRole) == ids[299]


def test_the_first_page_shows_at_once_and_the_count_inserts_the_rest(qtbot, services):
    model = AssetTableModel(services, batch_size=120)
    with qtbot.waitSignal(model.rowsInserted, timeout=5000) as inserted:
        model.refresh()
        assert model.rowCount() == 120  # read synchronously, before the count
        assert model.canFetchMore(QModelIndex())
    assert inserted.args[1:] == [120, 299]
    assert model.rowCount() == 300 and model.total == 300
    assert wait_for_tasks()


def test_fetch_more_before_the_count_waits_for_it(qtbot, services):
    model = AssetTableModel(services, batch_size=120)
    model.refresh()
    model.fetchMore(QModelIndex())  # the count is still on its worker
    assert model.rowCount() == 120
    with qtbot.waitSignal(model.total_counted, timeout=5000):
        pass
    assert model.rowCount() == 300
    assert wait_for_tasks()


def test_sort_is_done_in_sql_and_resets(qtbot, model):
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.sort(COL["serial"], Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "serial" and model.query.descending
    assert model.row_at(0).serial == "SN0000299"  # the largest of all, not only of a loaded batch
    serials = column_values(model, "serial")
    assert serials == sorted(serials, reverse=True)
    assert model.sort_column == COL["serial"]
    assert model.sort_order == Qt.SortOrder.DescendingOrder

    model.sort(COL["purchase_date"], Qt.SortOrder.AscendingOrder)
    dates = column_values(model, "purchase_date")
    assert dates == sorted(dates)


def test_columns_sql_cannot_sort_are_ignored(model):
    assert not model.is_sortable(COL["location"])
    before = model.query
    model.sort(COL["location"], Qt.SortOrder.DescendingOrder)
    assert model.query == before


def test_filters_reset_and_count(qtbot, model):
    with qtbot.waitSignal(model.total_counted, timeout=5000) as counted:
        model.set_filter(search="sn000012")
    # SN0000120 … SN0000129, case-insensitively: all in one batch, so counted without a query.
    assert counted.args == [10]
    assert model.rowCount() == 10
    assert all(r.serial.startswith("SN000012") for r in map(model.row_at, range(10)))

    model.set_filter(category="server")
    assert model.rowCount() > 0
    assert set(column_values(model, "category")) == {"server"}

    model.set_filter(status="deployed")
    assert set(column_values(model, "status")) == {"deployed"}

    model.set_filter(search="no such thing at all")
    assert model.rowCount() == 0
    assert model.total == 0
    assert not model.canFetchMore(QModelIndex())


def test_count_runs_on_a_worker_for_large_results(qtbot, model):
    with qtbot.waitSignal(model.total_counted, timeout=5000) as counted:
        model.set_filter(search="SN")
        # Only the first batch is loaded until the count query answers on its worker.
        assert model.rowCount() == 120 and model.total is None
    assert counted.args == [300]
    assert model.rowCount() == 300


def test_cells_are_localised(qtbot, model):
    model.set_filter(status="deployed", category="laptop")
    index = model.index(0, COL["status"])
    assert index.data() == "Deployed"
    assert model.index(0, COL["category"]).data() == "Laptop"
    assert model.index(0, COL["stage"]).data() == "6 · Asset use"
    assert model.headerData(COL["asset_tag"], Qt.Orientation.Horizontal) == "Asset tag"
    assert model.headerData(COL["status"], Qt.Orientation.Horizontal) == "Status"

    with qtbot.waitSignal(model.headerDataChanged, timeout=1000):
        i18n.set_language("zh_CN")
        model.retranslate()
    assert index.data() == "已部署"
    assert model.index(0, COL["category"]).data() == "笔记本电脑"
    assert model.index(0, COL["stage"]).data() == "6 · 资产使用"
    assert model.headerData(COL["asset_tag"], Qt.Orientation.Horizontal) == "资产编号"
    assert model.headerData(COL["status"], Qt.Orientation.Horizontal) == "状态"
    assert model.headerData(COL["assignee"], Qt.Orientation.Horizontal) == "使用人"


def test_flagged_rows_are_marked(model):
    model.set_filter(search="SN0000000")
    flagged = model.index(0, 0)
    assert model.row_at(0).flag == "found_after_loss"
    assert not flagged.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert flagged.data(Qt.ItemDataRole.FontRole).bold()
    assert "Found again" in flagged.data(Qt.ItemDataRole.ToolTipRole)

    model.set_filter(search="SN0000100")
    plain = model.index(0, 0)
    assert plain.data(Qt.ItemDataRole.DecorationRole) is None
    assert plain.data(Qt.ItemDataRole.FontRole) is None
    assert plain.data(AssetRowRole).serial == "SN0000100"


def test_rows_are_frozen_values(model):
    row = model.row_at(0)
    with pytest.raises(AttributeError):
        row.serial = "changed"  # type: ignore[misc]


def test_model_passes_qt_model_tester_while_fetching(qtbot, qtmodeltester, model):
    qtmodeltester.check(model)  # Qt's C++ QAbstractItemModelTester, which stays connected
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())
    assert model.index(250, 1).data() == PLACEHOLDER
    qtbot.waitUntil(lambda: model.index(250, 1).data() != PLACEHOLDER, timeout=5000)  # dataChanged, checked
    model.retranslate()


def test_model_passes_qt_model_tester_across_resets(qtmodeltester, services, qtbot):
    # Both testers run their checks, fetchMore included, from inside modelReset before they have
    # noted that the reset ended, and then take the batch that fetchMore inserts for a change nested
    # in the reset. Views never fetch from inside a reset, so here every listing fits one batch.
    model = AssetTableModel(services, batch_size=500)
    model.refresh()
    qtmodeltester.check(model)
    model.sort(COL["hostname"], Qt.SortOrder.DescendingOrder)
    model.set_filter(search="lap")
    model.set_filter(category="server", status="deployed")
    model.set_filter()
    model.refresh()
    model.retranslate()
    assert model.rowCount() == 300
    assert wait_for_tasks()


# --- the window over a larger listing -------------------------------------------------------------------
COPIES = 10  # 300 demo assets and ten copies of them: 3,300 rows


@pytest.fixture
def big_db_url(inventory_template, tmp_path):
    """The demo inventory with COPIES more copies of every asset (unique tags and serials)."""
    target = tmp_path / "big.sqlite3"
    shutil.copyfile(inventory_template, target)
    conn = sqlite3.connect(target)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(assets)") if r[1] != "id"]
    changed = {"asset_tag": "asset_tag || '-C' || :n", "serial": "serial || '-C' || :n"}
    select = ", ".join(changed.get(c, c) for c in columns)
    with conn:
        for n in range(COPIES):
            conn.execute(f"INSERT INTO assets ({', '.join(columns)}) SELECT {select} FROM assets WHERE id <= 300", {"n": n})
    conn.close()
    return f"sqlite:///{target}"


@pytest.fixture
def big_model(qtbot, big_db_url):
    from itam.db import open_database
    from itam.services import Actor, Services

    database = open_database(big_db_url, backup=False)
    services = Services(database, Actor("tester", "cli"))
    m = AssetTableModel(services, batch_size=50, cache_pages=6)
    with qtbot.waitSignal(m.total_counted, timeout=5000) as counted:
        m.refresh()
    assert counted.args == [300 * (COPIES + 1)]
    m.fetchMore(QModelIndex())
    yield m
    assert wait_for_tasks()
    database.dispose()


def slow_pages(monkeypatch, model, seconds: float = 0.3) -> None:
    """Pages after the first take ``seconds`` to read (on the worker): results arrive late."""
    services = model._services
    original = services.assets.list

    def slow(query):
        if query.offset:
            time.sleep(seconds)
        return original(query)

    monkeypatch.setattr(services.assets, "list", slow)


def test_row_count_is_the_total(big_model):
    assert big_model.rowCount() == big_model.total == 3300
    assert big_model.loaded_rows == 50  # only the first page is held
    assert big_model.cached_pages == (0,)


def test_uncached_row_shows_placeholder_until_its_page_arrives(qtbot, big_model):
    index = big_model.index(3210, COL["serial"])
    assert index.data() == PLACEHOLDER
    assert index.data(AssetIdRole) is None
    with qtbot.waitSignal(big_model.dataChanged, timeout=5000) as changed:
        pass
    first, last = changed.args[0], changed.args[1]
    assert (first.row(), last.row()) == (3200, 3249)  # the whole page, announced once
    assert index.data() != PLACEHOLDER and "-C" in index.data()  # a copy: sorted after the demo tags
    assert big_model.cached_pages == (0, 64)
    assert big_model.row_of_asset(index.data(AssetIdRole)) == 3210


def test_requests_are_coalesced_per_page(qtbot, big_model):
    for row in range(1000, 1050):
        for column in range(len(COLUMNS)):
            big_model.index(row, column).data()
    QApplication.processEvents()  # the dispatch: one read for the page
    assert big_model.pages_in_flight == (20,)
    qtbot.waitUntil(lambda: 20 in big_model.cached_pages, timeout=5000)


def test_cache_stays_bounded_while_scrolling_through_everything(qtbot, big_model):
    seen = set()
    most = 0
    for page in range(big_model.rowCount() // 50):
        rows = range(page * 50, page * 50 + 50, 10)  # what a view paints of that page
        for row in rows:
            big_model.index(row, 0).data()
        qtbot.waitUntil(lambda r=rows.start: big_model.index(r, 0).data() != PLACEHOLDER, timeout=5000)
        seen.update(big_model.index(r, 0).data(AssetIdRole) for r in rows)
        most = max(most, len(big_model.cached_pages))
        assert big_model.loaded_rows <= 6 * 50
    assert most == 6
    assert len(seen) == 3300 // 10
    assert set(big_model.cached_pages) == {60, 61, 62, 63, 64, 65}
    assert big_model.index(0, 0).data() == PLACEHOLDER  # evicted long ago: read again when shown


def test_pages_scrolled_away_are_dropped(qtbot, monkeypatch, big_model):
    slow_pages(monkeypatch, big_model)
    for page in (10, 11, 12):
        big_model.index(page * 50, 0).data()
    QApplication.processEvents()
    assert big_model.pages_in_flight == (10, 11)  # at most two at a time; 12 waits
    big_model.index(40 * 50, 0).data()  # the view moved on: only page 40 is painted now
    QApplication.processEvents()
    assert big_model.pages_in_flight == (40,)
    qtbot.waitUntil(lambda: 40 in big_model.cached_pages, timeout=5000)
    assert wait_for_tasks()
    QApplication.processEvents()
    assert big_model.cached_pages == (0, 40)


def test_a_new_filter_discards_late_pages_of_the_old_query(qtbot, monkeypatch, big_model):
    slow_pages(monkeypatch, big_model)
    loaded = []
    big_model.page_loaded.connect(loaded.append)
    assert big_model.index(2000, 0).data() == PLACEHOLDER
    QApplication.processEvents()
    assert big_model.pages_in_flight == (40,)
    big_model.set_filter(search="-C3")  # while page 40 of the unfiltered listing is being read
    assert big_model.pages_in_flight == ()
    assert wait_for_tasks()  # the late result comes back…
    for _ in range(5):
        QApplication.processEvents()
    assert loaded == []  # …and is dropped
    assert big_model.cached_pages == (0,)
    assert big_model.rowCount() == big_model.total > 50  # the new query's count
    assert all(big_model.row_at(r).serial.endswith("-C3") for r in range(50))


def test_generation_check_drops_results_of_an_older_query(big_model):
    old = big_model._generation
    big_model.refresh()
    big_model._on_page(old, 7, (big_model.row_at(0),))  # a result that slipped through
    assert 7 not in big_model.cached_pages


def test_row_at_reads_an_uncached_row_for_an_explicit_action(big_model):
    row = big_model.row_at(3299)
    assert row is not None and "-C" in row.serial
    assert big_model.asset_id_at(3299) == row.id
    assert 65 in big_model.cached_pages
    assert len(big_model.all_ids()) == 3300


def test_windowed_model_passes_qt_model_tester(qtbot, qtmodeltester, big_model):
    qtmodeltester.check(big_model)
    for row in (0, 1234, 3299):
        big_model.index(row, 0).data()
    qtbot.waitUntil(lambda: big_model.index(3299, 0).data() != PLACEHOLDER, timeout=5000)
    big_model.sort(COL["serial"], Qt.SortOrder.DescendingOrder)
    assert wait_for_tasks()
