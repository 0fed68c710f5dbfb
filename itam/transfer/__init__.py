"""Inventory import (CSV, XLSX) and export: reading files, mapping their columns, planning and writing.

The service front ends use is :class:`itam.services.transfer.TransferService`.
"""

from itam.transfer.exporter import EXPORT_COLUMNS, ExportResult
from itam.transfer.importer import (
    FieldChange,
    ImportPlan,
    ImportResult,
    PlannedCreate,
    PlannedUpdate,
    RowProblem,
    TransferCancelled,
)
from itam.transfer.mapping import TARGETS, ColumnMap

__all__ = [
    "EXPORT_COLUMNS",
    "TARGETS",
    "ColumnMap",
    "ExportResult",
    "FieldChange",
    "ImportPlan",
    "ImportResult",
    "PlannedCreate",
    "PlannedUpdate",
    "RowProblem",
    "TransferCancelled",
]
