"""Fleet circularity metrics over the register for a period and a slice (issue 5; computed in SQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from itam.metrics.factors import FactorSet, load_factor_set
from itam.metrics.fleet import FleetCalculator, Options
from itam.metrics.results import AssetLine, FleetMetrics, Period, Slice
from itam.services.context import ServiceContext
from itam.services.organisation import OrganisationService


class MetricsService:
    def __init__(self, ctx: ServiceContext, organisation: OrganisationService):
        self.ctx = ctx
        self.organisation = organisation

    def options(self, *, factors: str | Path | FactorSet | None = None, spec: str | Path | None = None) -> Options:
        """The factor set (a path, a loaded set, or the default), the index specification and the
        organisation's country for sites without one."""
        fs = load_factor_set(factors) if isinstance(factors, (str, Path)) else factors
        return Options(factor_set=fs, spec=spec, country=self.organisation.get().country)

    def compute(self, period: Period, slice_: Slice | None = None, *, options: Options | None = None) -> FleetMetrics:
        """Every figure of the period in one read transaction (one consistent snapshot)."""
        options = options or self.options()
        with self.ctx.db.read() as s:
            return FleetCalculator(s, period, slice_, options).compute()

    def asset_lines(self, period: Period, slice_: Slice | None = None, *, options: Options | None = None) -> Iterator[AssetLine]:
        """The period's lifecycle events with their assets and factors, streamed (for the CSR workbook)."""
        options = options or self.options()
        with self.ctx.db.read() as s:
            yield from FleetCalculator(s, period, slice_, options).asset_lines()
