"""Importing and exporting the inventory: the one door the CLI and the GUI use for files."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from itam.errors import ImportFileError
from itam.messages import tr
from itam.services.assets import AssetQuery, AssetService
from itam import security
from itam.services.context import ServiceContext, requires
from itam.transfer.exporter import ExportResult, export_assets
from itam.transfer.importer import (
    CancelFn,
    ImportPlan,
    ImportResult,
    ProgressFn,
    apply_plan,
    build_plan,
    paused_gc,
)
from itam.transfer.reading import read_table

#: Imports that write at least this many rows refresh the database's planner statistics.
ANALYZE_AFTER_ROWS = 1_000


class TransferService:
    def __init__(self, ctx: ServiceContext, assets: AssetService):
        self.ctx = ctx
        self.assets = assets

    @requires(security.IMPORT)
    def plan_import(
        self,
        path: str | Path,
        *,
        mapping: Mapping[str, str | None] | None = None,
        match: str = "auto",
        encoding: str | None = None,
        sheet: str | None = None,
        ignore_unknown: bool = False,
        progress: ProgressFn | None = None,
        is_cancelled: CancelFn | None = None,
    ) -> ImportPlan:
        """A dry run: read and check the file, match its rows, and say what an import would do.

        ``mapping`` maps a column header to a field (``""`` or ``None``: skip the column) and beats the
        automatic mapping; ``match`` is ``"auto"`` (serial, then asset tag), ``"serial"`` or
        ``"asset_tag"``. Raises ImportFileError when the file cannot be read or its columns mapped;
        row problems are in the plan. Writes nothing.
        """
        with paused_gc():
            table = read_table(path, encoding=encoding, sheet=sheet)
            with self.ctx.db.read() as s:
                return build_plan(
                    s, table, mapping=mapping, match=match, ignore_unknown=ignore_unknown, progress=progress, is_cancelled=is_cancelled
                )

    @requires(security.IMPORT)
    def apply_import(
        self,
        plan_or_path: ImportPlan | str | Path,
        *,
        mapping: Mapping[str, str | None] | None = None,
        match: str = "auto",
        encoding: str | None = None,
        sheet: str | None = None,
        ignore_unknown: bool = False,
        skip_invalid: bool = False,
        progress: ProgressFn | None = None,
        is_cancelled: CancelFn | None = None,
    ) -> ImportResult:
        """Import a file, all or nothing: any row problem raises ImportFileError (with ``.problems``) and
        nothing is written, unless ``skip_invalid`` asks to write the valid rows only.

        Given a plan from :meth:`plan_import`, the import uses the plan's options and refuses to go on
        when the file or the inventory has changed since the preview (the plan is checked again inside
        the write transaction). Every created or changed asset gets history with source ``import`` and
        one operation id for the whole import. ``progress(done, total)`` counts rows written;
        ``is_cancelled()`` is checked between batches, and cancelling rolls everything back.
        """
        preview = plan_or_path if isinstance(plan_or_path, ImportPlan) else None
        if preview is not None:
            path: str | Path = preview.source
            mapping = dict(preview.explicit)
            match, encoding, sheet, ignore_unknown = preview.match, preview.encoding, preview.sheet, preview.ignore_unknown
        else:
            path = plan_or_path  # type: ignore[assignment]
        with paused_gc():
            table = read_table(path, encoding=encoding, sheet=sheet)
            if preview is not None and table.digest != preview.digest:
                raise ImportFileError(
                    tr("{file} has changed since the preview; preview the import again", file=Path(path).name)
                )
            operation = self.ctx.new_operation_id()
            with self.ctx.unit_of_work(source="import", operation=operation) as uow:
                plan = build_plan(
                    uow.session, table, mapping=mapping, match=match, ignore_unknown=ignore_unknown, is_cancelled=is_cancelled
                )
                if preview is not None and not plan.same_outcome(preview):
                    raise ImportFileError(tr(
                        "The inventory has changed since the preview, so the import would not do what it showed; "
                        "preview the import again"
                    ))
                result = apply_plan(uow, plan, skip_invalid=skip_invalid, progress=progress, is_cancelled=is_cancelled)
        if result.created + result.updated >= ANALYZE_AFTER_ROWS:
            # Fresh planner statistics: without them filtered listings pick the wrong index.
            self.ctx.db.analyze()
        return result

    @requires(security.EXPORT)
    def export(
        self,
        path: str | Path,
        query: AssetQuery | None = None,
        fmt: str | None = None,
        *,
        progress: ProgressFn | None = None,
        is_cancelled: CancelFn | None = None,
    ) -> ExportResult:
        """Export the assets a query matches (filters and sort; every row, not one page) to CSV or XLSX.

        The format comes from ``fmt`` (``"csv"``/``"xlsx"``) or the file's extension. The file appears
        only when complete; a failed or cancelled export leaves none.
        """
        with self.ctx.db.read() as s:
            return export_assets(s, path, query, fmt, progress=progress, is_cancelled=is_cancelled)
