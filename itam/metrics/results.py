"""What the fleet metrics return (issue 5 item 2): plain frozen data, shared by the CLI, the reports and the GUI.

Every ratio is ``None`` when its denominator is zero (an empty period, no purchases with a declared recycled
content …) and a note in :attr:`FleetMetrics.notes` says why: a report prints "—" and the note, never NaN.
Masses are kilograms, emissions kgCO2e, energy kWh, money in the currency named beside it.

Avoided emissions are always a separate figure (``co2e_avoided``), never netted off the use-phase
emissions (``use_phase``), which belong to the organisation's inventory (DOMAIN.md §6).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from itam.messages import tr
from itam.metrics.index import IndexResult

#: The bounds avoided emissions are given in.
BOUNDS = ("low", "default", "high")


@dataclass(frozen=True)
class Period:
    """A reporting period, both ends inclusive (whole days)."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


@dataclass(frozen=True)
class Slice:
    """Which assets the metrics cover; None = all. Values are matched exactly (category key, department,
    location name)."""

    department: str | None = None
    location: str | None = None
    category: str | None = None

    @property
    def label(self) -> str:
        parts = [f"{k}={v}" for k, v in (("department", self.department), ("location", self.location),
                                         ("category", self.category)) if v]
        return ", ".join(parts) or tr("all assets")

    @property
    def is_all(self) -> bool:
        return not (self.department or self.location or self.category)


@dataclass(frozen=True)
class Ratio:
    """numerator / denominator, with ``value`` None when the denominator is 0."""

    numerator: float
    denominator: float

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "numerator": self.numerator, "denominator": self.denominator}


@dataclass(frozen=True)
class PathwayRow:
    """One circular pathway (a lifecycle transition class) over the period: counts, mass and avoided CO2e."""

    pathway: str  # life_extension | redeploy | remarket | donate | refurbish | harvest | recycle | destroy | lost
    events: int
    assets: int
    mass_kg: float
    #: kgCO2e avoided, per bound (low / default / high); 0 for pathways that earn no credit.
    co2e_avoided: dict[str, float]
    #: kg of new material whose extraction is avoided (UNEP IRP range; low is the default bound).
    materials_saved_kg: dict[str, float]
    recovery_class: str  # u | m | r | rov | none


@dataclass(frozen=True)
class MonthRow:
    """Retirements by lever over time: one row per month (``YYYY-MM``) and pathway."""

    month: str
    pathway: str
    assets: int
    mass_kg: float


@dataclass(frozen=True)
class CategoryLife:
    """Service life achieved by the assets of one category retired in the period, against the target."""

    category: str
    retired: int
    with_dates: int
    average_years: float | None
    target_years: float
    ratio: float | None


@dataclass(frozen=True)
class UsePhaseRow:
    """Use-phase electricity and emissions of the active fleet for one category and country."""

    category: str
    country: str
    asset_years: float
    kwh: float
    grid_kgco2_per_kwh: float
    kgco2e: float
    grid_note: str | None = None


@dataclass(frozen=True)
class MoneyRow:
    """Value recovered in one currency: resale and parts, avoided purchases, minus costs."""

    currency: str
    resale: Decimal
    parts: Decimal
    avoided_purchases: Decimal
    costs: Decimal

    @property
    def net(self) -> Decimal:
        return self.resale + self.parts + self.avoided_purchases - self.costs


@dataclass(frozen=True)
class Finding:
    """A top finding for management: what, how many, and up to 20 example assets (tag or serial)."""

    key: str  # past_refresh_in_use | missing_finding | unsanitized_data_bearing | found_after_loss
    title: str
    count: int
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class FleetMetrics:
    period: Period
    slice: Slice
    generated_at: datetime
    factor_set: str  # FactorSet.label: name, version and sha256 prefix
    factor_set_name: str
    factor_set_version: str
    factor_set_sha256: str

    # Snapshot of the register now (charts: assets by stage and status, age profile).
    total_assets: int
    by_stage: dict[int, int]
    by_status: dict[str, int]
    by_category: dict[str, int]
    #: Active assets now (in use, in stock or in repair) by whole years since purchase: {"0": n, "1": n, …, "8+": n,
    #: "unknown": n}.
    age_profile: dict[str, int]

    # GB/T 43145-2023 Annex A and the other period figures.
    arising_count: int
    arising_kg: float
    collected_count: int
    collected_kg: float
    collection_rate_mass: Ratio
    collection_rate_count: Ratio
    processed_count: int
    processed_kg: float
    #: m_u, m_m, m_r, m_rov and the unrecovered rest ("none"), kg.
    recovery_mass: dict[str, float]
    recovery_rate: Ratio
    reuse_share: Ratio
    ewaste_diverted_kg: float
    ewaste_diverted_share: Ratio
    recycled_content: Ratio
    #: Share of the purchased mass for which the manufacturer declares a recycled content.
    recycled_content_coverage: Ratio
    recoverability: Ratio
    life_by_category: tuple[CategoryLife, ...]
    life_achieved: float | None
    sanitization_compliance: Ratio
    discovery_coverage: Ratio

    pathways: tuple[PathwayRow, ...]
    retirements_by_month: tuple[MonthRow, ...]
    co2e_avoided: dict[str, float]
    materials_saved_kg: dict[str, float]
    use_phase: tuple[UsePhaseRow, ...]
    use_phase_kwh: float
    use_phase_kgco2e: float
    value: tuple[MoneyRow, ...]

    index: IndexResult | None
    findings: tuple[Finding, ...]
    #: Fallbacks and gaps, in words (default weights used, factors missing, empty period …).
    notes: tuple[str, ...] = ()
    #: The factor rows the figures used: what, value, unit, source, year, licence, quality, note.
    factors_used: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    @property
    def index_actuals(self) -> dict[str, float | None]:
        """The actual values of the shipped IT circularity indicator set, by leaf id."""
        return {
            "life_achieved": self.life_achieved,
            "recycled_content": self.recycled_content.value,
            "collection_rate": self.collection_rate_mass.value,
            "reuse_share": self.reuse_share.value,
            "recovery_rate": self.recovery_rate.value,
            "sanitization_compliance": self.sanitization_compliance.value,
            "discovery_coverage": self.discovery_coverage.value,
        }

    def to_json(self, language: str = "en") -> dict[str, Any]:
        def plain(value: Any) -> Any:
            if isinstance(value, Ratio):
                return value.to_json()
            if isinstance(value, Decimal):
                return str(value)
            if isinstance(value, (date, datetime)):
                return value.isoformat()
            if isinstance(value, dict):
                return {str(k): plain(v) for k, v in value.items()}
            if isinstance(value, (list, tuple)):
                return [plain(v) for v in value]
            return value

        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if name == "index":
                out[name] = value.to_json(language) if value is not None else None
            elif name in ("period", "slice"):
                out[name] = plain(asdict(value))
            elif name in ("pathways", "retirements_by_month", "life_by_category", "use_phase", "findings"):
                out[name] = [plain(asdict(v)) for v in value]
            elif name == "value":
                out[name] = [plain({**asdict(v), "net": v.net}) for v in value]
            else:
                out[name] = plain(value)
        return out


@dataclass(frozen=True)
class AssetLine:
    """One row of the CSR workbook's per-asset sheet: an asset with a lifecycle event in the period."""

    asset_id: int
    asset_tag: str | None
    serial: str | None
    category: str
    manufacturer: str | None
    model: str | None
    department: str | None
    location: str | None
    purchase_date: date | None
    retired_at: date | None
    pathway: str
    transition: str
    occurred_at: date
    mass_kg: float
    mass_is_default: bool
    #: The displaced new device's embodied kgCO2e (default and high), the displacement, life share and process
    #: share used, so that a spreadsheet formula can recompute the credit.
    embodied_kgco2e: float
    embodied_kgco2e_high: float
    displacement: float
    life_share: float
    process_share: float
    parts_kgco2e: float
    co2e_avoided: float
    value: Decimal | None
    cost: Decimal | None
    currency: str | None
    party: str | None
