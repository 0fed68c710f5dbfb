"""The same change to several assets: all of them, or none."""

from __future__ import annotations

import pytest

from itam.errors import ItamError


def test_update_many_is_all_or_nothing(services):
    for tag in ("A-1", "A-2"):
        services.assets.create({"asset_tag": tag, "category": "laptop"})
    assert services.assets.update_many(["A-1", "A-2"], {"department": "Sales"}, reason="reorg") == 2
    assert {services.assets.get(t).fields["department"] for t in ("A-1", "A-2")} == {"Sales"}
    from sqlalchemy import select

    from itam.models import HistoryEntry

    with services.db.read() as s:
        operations = set(s.scalars(select(HistoryEntry.operation).where(HistoryEntry.reason == "reorg")))
    assert len(operations) == 1 and None not in operations  # one operation groups them
    with pytest.raises(ItamError):
        services.assets.update_many(["A-1", "NOPE"], {"department": "HR"})
    assert services.assets.get("A-1").fields["department"] == "Sales"
    with pytest.raises(ItamError, match="lifecycle move"):
        services.assets.update_many(["A-1"], {"status": "sold"})
