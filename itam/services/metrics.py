"""Fleet circularity metrics over the register for a period and a slice (issue 5; computed in SQL)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from itam.metrics.factors import FactorSet, load_factor_set
from itam.metrics.fleet import FleetCalculator, Options
from itam.metrics.results import AssetLine, FleetMetrics, Period, Slice
from itam import security
from itam.services.context import ServiceContext, requires
from itam.services.organisation import OrganisationService


class MetricsService:
    def __init__(self, ctx: ServiceContext, organisation: OrganisationService):
        self.ctx = ctx
        self.organisation = organisation

    @requires(security.READ)
    def options(self, *, factors: str | Path | FactorSet | None = None, spec: str | Path | None = None) -> Options:
        """The factor set (a path, a loaded set, or the default), the index specification and the
        organisation's country for sites without one."""
        fs = load_factor_set(factors) if isinstance(factors, (str, Path)) else factors
        return Options(factor_set=fs, spec=spec, country=self.organisation.get().country)

    @requires(security.REPORTS)
    def compute(self, period: Period, slice_: Slice | None = None, *, options: Options | None = None) -> FleetMetrics:
        """Every figure of the period in one read transaction (one consistent snapshot)."""
        options = options or self.options()
        with self.ctx.db.read() as s:
            return FleetCalculator(s, period, slice_, options).compute()

    @requires(security.REPORTS)
    def asset_lines(self, period: Period, slice_: Slice | None = None, *, options: Options | None = None) -> Iterator[AssetLine]:
        """The period's lifecycle events with their assets and factors, streamed (for the CSR workbook)."""
        options = options or self.options()
        with self.ctx.db.read() as s:
            yield from FleetCalculator(s, period, slice_, options).asset_lines()

    # -- reports (the CLI and the GUI write them the same way) -----------------------------------------------
    @requires(security.REPORTS)
    def write_lifecycle_report(self, period: Period, slice_: Slice | None, path: str | Path, *, language: str = "en",
                               options: Options | None = None) -> tuple[Path, FleetMetrics]:
        from reports.lifecycle_report import render_lifecycle_report

        metrics = self.compute(period, slice_, options=options)
        out = render_lifecycle_report(metrics, Path(path), language=language,
                                      organisation=report_organisation(self.organisation.get()))
        return Path(out), metrics

    @requires(security.REPORTS)
    def write_csr_workbook(self, period: Period, slice_: Slice | None, path: str | Path, *, language: str = "en",
                           options: Options | None = None, progress: Callable[[int, int], None] | None = None,
                           is_cancelled: Callable[[], bool] | None = None) -> tuple[Path, FleetMetrics]:
        """The figures first (so the number of per-asset rows is known), then the workbook; ``progress(rows
        written, rows)``; ``is_cancelled`` stops it with no file left behind."""
        from reports.csr_workbook import write_csr_workbook

        options = options or self.options()
        metrics = self.compute(period, slice_, options=options)
        total = max(sum(p.events for p in metrics.pathways), 1)
        if progress:
            progress(0, total)
        result = write_csr_workbook(
            metrics, self.asset_lines(period, slice_, options=options), Path(path), language=language,
            organisation_name=self.organisation.get().name or None,
            progress=(lambda n: progress(min(int(n), total), total)) if progress else None, is_cancelled=is_cancelled)
        return Path(getattr(result, "path", path)), metrics

    # -- what the GUI's selectors offer, and whether figures are stale ---------------------------------------
    @requires(security.READ)
    def slice_choices(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """The departments, locations and categories assets carry (distinct, sorted)."""
        from sqlalchemy import select

        from itam.models import Asset, Location

        with self.ctx.db.read() as s:
            departments = sorted({d.strip() for d in s.scalars(select(Asset.department).distinct()) if d and d.strip()},
                                 key=str.casefold)
            locations = sorted({n for n in s.scalars(select(Location.name).join(Asset, Asset.location_id == Location.id)
                                                     .distinct()) if n}, key=str.casefold)
            categories = sorted({c for c in s.scalars(select(Asset.category).distinct()) if c})
        return tuple(departments), tuple(locations), tuple(categories)

    @requires(security.READ)
    def data_version(self) -> tuple[int | None, int]:
        """A cheap fingerprint of the register: every change writes a history entry."""
        from sqlalchemy import func, select

        from itam.models import Asset, HistoryEntry

        with self.ctx.db.read() as s:
            return s.scalar(select(func.max(HistoryEntry.id))), s.scalar(select(func.count()).select_from(Asset)) or 0

    @requires(security.REPORTS)
    def write_asset_report(self, services: object, ref: str | int, path: str | Path, *, language: str = "en") -> Path:
        from reports.asset_report import render_asset_report

        return Path(render_asset_report(services, ref, Path(path), language=language))


def report_organisation(profile) -> object | None:  # noqa: ANN001 - OrganisationProfile → reports Organisation
    """The organisation as the PDF reports print it, or None when no profile has been set."""
    from reports.certificates import Organisation

    if not profile.complete:
        return None
    return Organisation(name=profile.name, address=profile.address, phone=profile.phone, email=profile.email,
                        registration_no=profile.registration_no, website=profile.website, logo=profile.logo)
