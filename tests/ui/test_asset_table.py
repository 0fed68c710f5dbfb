"""AssetTableModel: batches, SQL sorting and filtering, localised cells, Qt's model checks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from ui import i18n
from ui.models.asset_table import COLUMNS, AssetIdRole, AssetRowRole, AssetTableModel

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
    from ui.workers import wait_for_tasks

    assert wait_for_tasks()


def column_values(model: AssetTableModel, key: str) -> list:
    return [getattr(model.row_at(r), key) for r in range(model.rowCount())]


def test_first_batch_then_fetch_more_until_exhausted(model):
    assert model.rowCount() == 120
    assert model.columnCount() == len(COLUMNS)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 240
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 300
    assert not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # nothing left: a no-op
    assert model.rowCount() == 300
    ids = [model.index(r, 0).data(AssetIdRole) for r in range(model.rowCount())]
    assert len(set(ids)) == 300


def test_fetch_more_inserts_rows_with_signals(qtbot, model):
    with qtbot.waitSignal(model.rowsInserted, timeout=1000) as inserted:
        model.fetchMore(QModelIndex())
    assert inserted.args[1:] == [120, 239]


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
    # Only the first batch is loaded: the total came from the count query.
    assert model.rowCount() == 120
    assert counted.args == [300]


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


def test_model_passes_qt_model_tester_while_fetching(qtmodeltester, model):
    qtmodeltester.check(model)  # Qt's C++ QAbstractItemModelTester, which stays connected
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())
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
    from ui.workers import wait_for_tasks

    assert wait_for_tasks()
