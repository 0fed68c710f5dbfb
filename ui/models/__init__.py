"""Qt item models over the services (they import no views)."""

from ui.models.asset_table import COLUMNS, AssetIdRole, AssetRowRole, AssetTableModel

__all__ = ["COLUMNS", "AssetIdRole", "AssetRowRole", "AssetTableModel"]
