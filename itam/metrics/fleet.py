"""Fleet circularity metrics for a period and a slice, computed in SQL (issue 5 item 2, DOMAIN.md §6).

The figures come from the register (``assets``) and the dated lifecycle events (``lifecycle_events``, one per
move with a metrics pathway, see resources/lifecycle.toml). Every query aggregates in the database and returns
a few hundred groups at most; Python then applies the factor set to the groups. Definitions:

Arising (GB/T 43145-2023 Annex A, n_pr / m_pr)
    Assets with a ``retire``, ``lost`` or ``missing`` event in the period, each once. *Collected* (n_col /
    m_col): those of them not lost, stolen or missing now. R_col = collected / arising, by mass and by count.
Processed, recovery rate, reuse share, e-waste diverted
    Assets with a fate event in the period (redeploy, remarket, donate, refurbish, harvest, recycle, destroy),
    each counted once with its latest fate in the period. m_u: redeploy, remarket, donate; m_m: refurbish,
    harvest; m_r: recycle, and destroy by a certified processor; m_rov: energy recovery (no lifecycle move
    records it, so 0 unless your lifecycle adds one). R_rov = (m_u + m_m + m_r + m_rov) / processed mass;
    reuse share = (m_u + m_m) / processed mass; e-waste diverted = m_u + m_m + recycling and destruction by
    a processor holding a current certification on the day.
Mass
    The weight weighed at the event, else the asset's weight, else the factor set's (model, else category)
    default; the notes say how many masses were defaults.
Service life achieved
    For the ``retire`` events of the period: years from purchase to retirement over the policy's refresh
    years for the category (resources/policy.toml), summed over the assets with a purchase date:
    Σ actual / Σ target.
Avoided emissions (never netted off the inventory)
    Per event of a reuse pathway: n × (E × s × d − p × E) − parts fitted, with E the displaced new device's
    embodied kgCO2e (model override, else category; the high value for the high bound), s = min(1, second-life
    years / reference life), d the displacement factor (internal reuse for life extension, redeploy,
    refurbish and harvest; the external market for remarket and donate; the low bound takes the smallest
    displacement factor of the set for every pathway) and p the process's own share (reuse, or refurbish).
    Harvest credits the recovered parts' footprints (recorded parts, else the asset's RAM) instead of E × s.
    Recycling and destruction earn no credit here.
Use phase (inventory, Scope 2 of the organisation)
    Active days in the period (from purchase, or registration, to the first retirement or loss) × the
    category's (or model's) kWh per year / 365.25 × the grid intensity of the site's country (location,
    else the organisation's country, else WORLD) for the period's last year, with the factor set's fallbacks.
Materials saved
    Reused mass × the UNEP IRP material-reduction share of the process (reuse, repair for life extension,
    refurbish), as a low and a high figure; the low one is the default.
Value recovered
    Money received (sale, parts) + avoided purchases (internal reuse: the asset's purchase cost × s) − costs
    recorded on the events, per currency (never converted).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import and_, case, cast, exists, func, literal, not_, or_, select
from sqlalchemy.orm import Session, aliased

from itam.errors import ValidationError
from itam.lifecycle import default_lifecycle
from itam.lifecycle.recommend import Policy, default_policy
from itam.messages import tr
from itam.metrics.factors import FactorSet, default_factor_set
from itam.metrics.index import evaluate, load_spec
from itam.metrics.results import (
    AssetLine,
    CategoryLife,
    Finding,
    FleetMetrics,
    MoneyRow,
    MonthRow,
    PathwayRow,
    Period,
    Ratio,
    Slice,
    UsePhaseRow,
)
from itam.models import (
    Asset,
    LifecycleEvent,
    LifecycleEventPart,
    Location,
    Party,
    Scan,
    SanitizationRecord,
    StorageMedium,
)
from itam.paths import resource

ARISING = ("retire", "lost", "missing")
FATES = ("redeploy", "remarket", "donate", "refurbish", "harvest", "recycle", "destroy")
#: GB/T 43145-2023 Annex A mass class of each fate (destroy is "r" only when the processor is certified).
RECOVERY_CLASS = {"redeploy": "u", "remarket": "u", "donate": "u", "refurbish": "m", "harvest": "m",
                  "recycle": "r", "destroy": "none"}
CREDITED = ("life_extension", "redeploy", "remarket", "donate", "refurbish", "harvest")
CHANNEL = {"life_extension": "internal_reuse", "redeploy": "internal_reuse", "refurbish": "internal_reuse",
           "harvest": "internal_reuse", "remarket": "external_market", "donate": "external_market"}
PROCESS = {"life_extension": "reuse", "redeploy": "reuse", "remarket": "reuse", "donate": "reuse",
           "refurbish": "refurbish", "harvest": "reuse"}
#: UNEP IRP material-reduction range used for each reuse pathway's materials saved.
MATERIAL_PROCESS = {"life_extension": "repair", "redeploy": "reuse", "remarket": "reuse", "donate": "reuse",
                    "refurbish": "refurbish"}
INTERNAL = ("life_extension", "redeploy", "refurbish")
PATHWAY_ORDER = ("retire", "lost", "missing", *CREDITED, "recycle", "destroy")
LOST_STATUSES = ("lost_stolen", "missing")
LOSSES = ("lost", "missing")
DEFAULT_SPEC = ("metrics", "it_circularity_index.json")
EXAMPLES = 20
YEAR_DAYS = 365.25


@dataclass(frozen=True)
class Options:
    """What a computation uses besides the period and the slice."""

    factor_set: FactorSet | None = None
    policy: Policy | None = None
    spec: str | Path | None = None  # the index specification; default the shipped IT circularity set
    country: str | None = None  # the organisation's country for the grid factor when a site has none
    today: date | None = None


# ----------------------------------------------------------------------------------------------------------------
# Portable SQL pieces (SQLite stores datetimes as ISO text; PostgreSQL has real types)


def _day_number(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(column)
    return func.extract("epoch", column) / 86400.0


def _month(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return func.substr(column, 1, 7)
    return func.to_char(column, "YYYY-MM")


def _greatest(session: Session, a: Any, b: Any) -> Any:
    return func.max(a, b) if session.get_bind().dialect.name == "sqlite" else func.greatest(a, b)


def _least(session: Session, a: Any, b: Any) -> Any:
    return func.min(a, b) if session.get_bind().dialect.name == "sqlite" else func.least(a, b)


def _unflattened(session: Session, query: Any) -> Any:
    """A subquery SQLite will not merge into its parent (LIMIT -1 stops the flattener): the parent's GROUP BY
    then sorts the subquery's few computed columns instead of the wide source rows (half the time)."""
    if session.get_bind().dialect.name == "sqlite":
        query = query.limit(-1)
    return query.subquery()


def _bounds(period: Period) -> tuple[datetime, datetime]:
    return datetime.combine(period.start, time.min), datetime.combine(period.end + timedelta(days=1), time.min)


# ----------------------------------------------------------------------------------------------------------------


class _Collector:
    """Notes and the factor rows used, gathered while the figures are computed."""

    def __init__(self, fs: FactorSet):
        self.fs = fs
        self.notes: list[str] = []
        self.used: set[str] = set()
        self.default_mass: dict[str, int] = defaultdict(int)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def device(self, category: str | None, manufacturer: str | None, model: str | None):  # noqa: ANN201
        dev = self.fs.device(category, manufacturer, model)
        if dev.fallback and dev.reason:
            self.note(dev.reason)
        for name in dev.factors():
            if dev.model and name in dev.overridden:
                self.used.add(f"model {dev.model}: {name}")
            else:
                self.used.add(f"{dev.key}: {name}")
        return dev

    def displacement(self, channel: str) -> float:
        self.used.add(f"displacement {channel}")
        return self.fs.displacement(channel).value

    def low_displacement(self) -> float:
        for key in self.fs.displacements:
            self.used.add(f"displacement {key}")
        return min(f.value for f in self.fs.displacements.values())

    def process_share(self, process: str) -> float:
        self.used.add(f"process share {process}")
        return self.fs.process_share(process).value

    def second_life(self, pathway: str) -> float:
        self.used.add(f"second life {pathway}")
        return self.fs.second_life(pathway).value

    def component(self, kind: str, size: float | None) -> float | None:
        try:
            f = self.fs.component(kind, size)
        except ValidationError as exc:
            self.note(tr("a part was left out of the avoided emissions: {error}", error=_message(exc)))
            return None
        if f.fallback:
            self.note(f.fallback)
        sizes = [s for k, s in self.fs.components if k == kind]
        listed = size if size in sizes else (None if None in sizes else min(sizes, key=lambda s: abs(s - (size or 0))))
        self.used.add(f"component {kind}" + (f" {listed:g} GB" if listed is not None else ""))
        return f.value

    def retention(self, process: str) -> tuple[float, float]:
        r = self.fs.value_retention(process, "material_reduction")
        self.used.add(f"value retention {process} material_reduction")
        return r.low, r.high

    def grid(self, country: str, year: int) -> tuple[float, str | None]:
        f = self.fs.grid(country, year)
        for (code, y), row in self.fs.grid_rows.items():
            if y == f.year and row.value == f.value and row.source == f.source:
                self.used.add(f"grid {code} {y}")
                if code == country:
                    break
        return f.value, f.fallback

    def rows(self) -> tuple[dict[str, Any], ...]:
        return tuple(r for r in self.fs.describe() if r["what"] in self.used)


class FleetCalculator:
    """Computes :class:`FleetMetrics` with one session (a read transaction: one consistent snapshot)."""

    def __init__(self, session: Session, period: Period, slice_: Slice | None = None, options: Options | None = None):
        if period.end < period.start:
            raise ValidationError(tr("the period ends ({end}) before it starts ({start})", end=period.end,
                                     start=period.start))
        self.s = session
        self.period = period
        self.slice = slice_ or Slice()
        self.options = options or Options()
        self.fs = self.options.factor_set or default_factor_set()
        self.policy = self.options.policy or default_policy()
        self.c = _Collector(self.fs)
        self.start, self.end = _bounds(period)
        lifecycle = default_lifecycle()
        self.active_statuses = tuple(k for k, st in lifecycle.statuses.items()
                                     if st.custody == "internal" and st.stage is not None and st.stage >= 5)
        self.external_statuses = tuple(k for k, st in lifecycle.statuses.items() if st.custody == "external")
        self.location_id = self._location_id()

    # -- slice --------------------------------------------------------------------------------------------------
    def _location_id(self) -> int | None:
        if not self.slice.location:
            return None
        found = self.s.scalar(select(Location.id).where(Location.name == self.slice.location))
        if found is None:
            known = ", ".join(self.s.scalars(select(Location.name).order_by(Location.name).limit(20)))
            raise ValidationError(tr("no location named {name!r} (known: {known})", name=self.slice.location,
                                     known=known) if known else
                                  tr("no location named {name!r} (known: none)", name=self.slice.location))
        return found

    def where(self, a: Any = Asset) -> list[Any]:
        """The slice on the register's assets, or (``a`` = LifecycleEvent) on the events' own asset columns."""
        conditions = []
        if self.slice.department:
            conditions.append(a.department == self.slice.department)
        if self.slice.category:
            conditions.append(a.category == self.slice.category)
        if self.location_id is not None:
            conditions.append(a.location_id == self.location_id)
        return conditions

    def events(self, *pathways: str) -> list[Any]:
        """Events of the period (of these pathways), in the slice."""
        e = LifecycleEvent
        out = [e.occurred_at >= self.start, e.occurred_at < self.end, *self.where(e)]
        if pathways:
            out.append(e.pathway.in_(pathways))
        return out

    # -- mass ---------------------------------------------------------------------------------------------------
    def mass(self, category: str, manufacturer: str | None, model: str | None, known_kg: float | None,
             missing: int) -> float:
        """Known mass plus the default weight for the assets without one."""
        total = float(known_kg or 0.0)
        if missing:
            dev = self.c.device(category, manufacturer, model)
            total += missing * dev.weight_kg.value
            self.c.default_mass[category] += missing
        return total

    # -- the register -------------------------------------------------------------------------------------------
    def model_key(self, manufacturer: Any, model: Any) -> tuple[Any, Any]:
        """Group-by columns that keep manufacturer and model only for the models the factor set overrides
        (everything else is grouped by category alone: SQLite groups by sorting, so narrow keys are cheap)."""
        names = sorted({m.model.casefold() for m in self.fs.models.values()})
        if not names:
            return literal(None), literal(None)
        hit = func.lower(model).in_(names)
        return case((hit, manufacturer), else_=None), case((hit, model), else_=None)

    def register(self) -> dict[str, Any]:
        """Snapshot (stage, status, category), age profile, use-phase days and the period's purchases."""
        a = Asset
        s = self.s
        sliced = self.where()
        today = self.options.today or datetime.now(UTC).date()
        counts: dict[str, dict] = {"by_stage": defaultdict(int), "by_status": defaultdict(int),
                                   "by_category": defaultdict(int)}
        ages: dict[str, int] = defaultdict(int)
        if sliced:
            # One pass over the slice's rows: counts and whole years since purchase (by date comparisons).
            age = case((a.status.not_in(self.active_statuses), None), (a.purchase_date.is_(None), -1),
                       (a.purchase_date > today, None),
                       *((a.purchase_date >= today - timedelta(days=math.ceil(YEAR_DAYS * k) - 1), k - 1)
                         for k in range(1, 9)), else_=8)
            for stage, status, category, bucket, n in s.execute(
                select(a.stage, a.status, a.category, age, func.count()).where(*sliced)
                .group_by(a.stage, a.status, a.category, age)
            ):
                counts["by_stage"][stage] += n
                counts["by_status"][status] += n
                counts["by_category"][category] += n
                if bucket is not None:
                    ages["unknown" if bucket < 0 else "8+" if bucket >= 8 else str(bucket)] += n
        else:
            for name, column in (("by_stage", a.stage), ("by_status", a.status), ("by_category", a.category)):
                # Each walks its own index: no sort, no table rows.
                counts[name] = dict(s.execute(select(column, func.count()).group_by(column)).all())
            for _status, bought, n in s.execute(
                select(a.status, a.purchase_date, func.count()).where(a.status.in_(self.active_statuses))
                .group_by(a.status, a.purchase_date)
            ):
                if bought is None:
                    ages["unknown"] += n
                elif bought <= today:
                    years = int((today - bought).days // YEAR_DAYS)
                    ages["8+" if years >= 8 else str(years)] += n
        order = [str(i) for i in range(8)] + ["8+", "unknown"]
        out = {
            "total_assets": sum(counts["by_status"].values()),
            "by_stage": dict(sorted(counts["by_stage"].items(), reverse=True)),
            "by_status": dict(sorted(counts["by_status"].items(), key=lambda i: -i[1])),
            "by_category": dict(sorted(counts["by_category"].items(), key=lambda i: -i[1])),
            "age_profile": {k: ages.get(k, 0) for k in order if k != "unknown" or ages.get(k)},
        }
        out.update(self._use_phase())
        out.update(self._purchases())
        return out

    def _use_phase(self) -> dict[str, Any]:
        """Active days in the period per category (and overridden model) and country, in one scan."""
        a = Asset
        s = self.s
        start, end_excl = self.start, self.end
        began = func.coalesce(a.purchase_date, func.date(a.created_at)) if s.get_bind().dialect.name == "sqlite" \
            else func.coalesce(a.purchase_date, cast(a.created_at, a.purchase_date.type))
        out_at = a.out_of_service_at
        # Most assets are in service for the whole period: only the others pay for date arithmetic.
        partial = (_least(s, func.coalesce(_day_number(s, out_at), _day_number(s, literal(end_excl))),
                          _day_number(s, literal(end_excl)))
                   - _greatest(s, _day_number(s, began), _day_number(s, literal(start))))
        overlap = case(
            (began >= self.period.end + timedelta(days=1), 0),
            (and_(out_at.is_not(None), out_at <= start), 0),
            (and_(began <= self.period.start, or_(out_at.is_(None), out_at >= end_excl)), self.period.days),
            else_=partial,
        )
        if not self.fs.models and self.slice.is_all:
            # Grouped in the order of ix_assets_use_phase: no sort, no table rows. (A slice reads its own rows
            # through its index and sorts them, below: far fewer than walking every asset.)
            rows = [(category, None, None, location, days) for category, location, days in s.execute(
                select(a.category, a.location_id, func.sum(overlap)).where(*self.where())
                .group_by(a.category, a.location_id))]
        else:
            make, model = self.model_key(a.manufacturer, a.model)
            per_asset = _unflattened(s, select(a.category.label("category"), make.label("make"), model.label("model"),
                                               a.location_id.label("location_id"), overlap.label("days"))
                                     .where(*self.where()))
            c = per_asset.c
            rows = s.execute(
                select(c.category, c.make, c.model, c.location_id, func.sum(c.days))
                .group_by(c.category, c.make, c.model, c.location_id)
            ).all()
        country_of = {i: (c or "") for i, c in s.execute(select(Location.id, Location.country))}
        fallback_country = (self.options.country or "").upper() or "WORLD"
        year = self.period.end.year
        acc: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        grid_notes: dict[tuple[str, str], str | None] = {}
        without_country = False
        for category, manufacturer, model_name, location, n_days in rows:
            dev = self.c.device(category, manufacturer, model_name)
            code = country_of.get(location, "")
            if n_days and n_days > 0:
                without_country = without_country or not code
                code = (code or fallback_country).upper()
                factor, why = self.c.grid(code, year)
                asset_years = float(n_days) / YEAR_DAYS
                row = acc[(category, code)]
                row[0] += asset_years
                row[1] += asset_years * dev.kwh_per_year.value
                row[2] = factor
                grid_notes[(category, code)] = why
                if why:
                    self.c.note(why)
        result = tuple(
            UsePhaseRow(cat, code, v[0], v[1], v[2], v[1] * v[2], grid_notes[(cat, code)])
            for (cat, code), v in sorted(acc.items(), key=lambda i: -i[1][1])
        )
        if without_country and not self.options.country:
            self.c.note(tr("sites without a country and no organisation country: the WORLD grid average is used"))
        return {"use_phase": result, "use_phase_kwh": sum(r.kwh for r in result),
                "use_phase_kgco2e": sum(r.kgco2e for r in result)}

    def _purchases(self) -> dict[str, Any]:
        a = Asset
        rows = self.s.execute(
            select(a.category, a.manufacturer, a.model, func.sum(a.weight_kg),
                   func.sum(case((a.weight_kg.is_(None), 1), else_=0)))
            .where(a.purchase_date >= self.period.start, a.purchase_date <= self.period.end, *self.where())
            .group_by(a.category, a.manufacturer, a.model)
        ).all()
        total = cyc = cyc_mass = rec = rec_mass = 0.0
        for category, manufacturer, model, kg, missing in rows:
            mass = self.mass(category, manufacturer, model, kg, missing)
            total += mass
            share = self.fs.model_share(manufacturer, model, "recycled_content", category)
            if share is not None:
                cyc += mass * share.value
                cyc_mass += mass
                self.c.used.add(f"model {manufacturer} {model}: recycled_content")
            share = self.fs.model_share(manufacturer, model, "recoverability", category)
            if share is not None:
                rec += mass * share.value
                rec_mass += mass
                self.c.used.add(f"model {manufacturer} {model}: recoverability")
        if not total:
            self.c.note(tr("no device was bought in the period: the recycled content of purchases (R_mrec) is not "
                           "computed"))
        elif not cyc_mass:
            self.c.note(tr("no device bought in the period has a declared recycled content (add recycled_content to "
                           "a [[model]] of your factor set): R_mrec is not computed"))
        return {"recycled_content": Ratio(cyc, cyc_mass), "recycled_content_coverage": Ratio(cyc_mass, total),
                "recoverability": Ratio(rec, rec_mass)}

    # -- arising, collection, processing and recovery --------------------------------------------------------------
    def arising(self) -> dict[str, Any]:
        """Each asset once; it counts as collected unless it was lost or went missing in the period."""
        e = LifecycleEvent
        make, model = self.model_key(e.manufacturer, e.model)
        per_asset = (
            select(func.max(e.category).label("category"), func.max(make).label("make"), func.max(model).label("model"),
                   func.max(e.mass_kg).label("kg"), func.max(case((e.pathway.in_(LOSSES), 1), else_=0)).label("lost"))
            .where(*self.events(*ARISING)).group_by(e.asset_id).subquery()
        )
        p = per_asset.c
        rows = self.s.execute(
            select(p.category, p.make, p.model, p.lost, func.count(), func.sum(p.kg),
                   func.sum(case((p.kg.is_(None), 1), else_=0)))
            .group_by(p.category, p.make, p.model, p.lost)
        ).all()
        n_pr = n_col = 0
        m_pr = m_col = 0.0
        for category, manufacturer, model, lost, n, kg, missing in rows:
            mass = self.mass(category, manufacturer, model, kg, missing)
            n_pr += n
            m_pr += mass
            if not lost:
                n_col += n
                m_col += mass
        return {"arising_count": n_pr, "arising_kg": m_pr, "collected_count": n_col, "collected_kg": m_col,
                "collection_rate_mass": Ratio(m_col, m_pr), "collection_rate_count": Ratio(n_col, n_pr)}

    # -- processing and recovery ----------------------------------------------------------------------------------
    def processed(self) -> dict[str, Any]:
        """Each asset once, with its latest fate in the period."""
        last = select(func.max(LifecycleEvent.id).label("id")).where(*self.events(*FATES)) \
            .group_by(LifecycleEvent.asset_id).subquery()
        e = aliased(LifecycleEvent)
        make, model = self.model_key(e.manufacturer, e.model)
        rows = self.s.execute(
            select(e.pathway, e.certified, e.category, make, model, func.count(), func.sum(e.mass_kg),
                   func.sum(case((e.mass_kg.is_(None), 1), else_=0)))
            .select_from(last).join(e, e.id == last.c.id)
            .group_by(e.pathway, e.certified, e.category, make, model)
        ).all()
        masses: dict[str, list[float]] = {"u": [], "m": [], "r": [], "rov": [], "none": []}
        diverted_masses: list[float] = []
        count = 0
        for pathway, certified, category, manufacturer, model, n, kg, missing in rows:
            mass = self.mass(category, manufacturer, model, kg, missing)
            cls = RECOVERY_CLASS.get(pathway, "none")
            if pathway == "destroy" and certified:
                cls = "r"
            masses[cls].append(mass)
            count += n
            if cls in ("u", "m") or (cls == "r" and certified):
                diverted_masses.append(mass)
        # Correctly rounded sums: the same masses give the same total, so a share of all of it is exactly 1.
        classes = {k: math.fsum(v) for k, v in masses.items()}
        total = math.fsum(x for v in masses.values() for x in v)
        recovered = math.fsum(x for k in ("u", "m", "r", "rov") for x in masses[k])
        diverted = math.fsum(diverted_masses)
        return {"processed_count": count, "processed_kg": total, "recovery_mass": classes,
                "recovery_rate": Ratio(recovered, total), "reuse_share": Ratio(classes["u"] + classes["m"], total),
                "ewaste_diverted_kg": diverted, "ewaste_diverted_share": Ratio(diverted, total)}

    # -- every event of the period: pathways, avoided emissions, materials, value, months, service life -------------
    def pathways(self) -> dict[str, Any]:
        e = LifecycleEvent
        s = self.s
        month = _month(s, e.occurred_at)
        life_days = _day_number(s, e.occurred_at) - _day_number(s, e.purchase_date)
        retire = e.pathway == "retire"
        make, model = self.model_key(e.manufacturer, e.model)
        dated = and_(retire, e.purchase_date.is_not(None))
        ev = _unflattened(s, select(
            e.pathway.label("pathway"), e.category.label("category"), make.label("make"), model.label("model"),
            month.label("month"), e.currency.label("currency"), e.mass_kg.label("kg"), e.value.label("value"),
            e.cost.label("cost"), case((dated, 1), else_=0).label("dated"),
            case((dated, life_days), else_=None).label("days"),
        ).where(*self.events())).c
        rows = s.execute(
            select(ev.pathway, ev.category, ev.make, ev.model, ev.month, ev.currency, func.count(), func.sum(ev.kg),
                   func.sum(case((ev.kg.is_(None), 1), else_=0)), func.sum(ev.value), func.sum(ev.cost),
                   func.sum(ev.dated), func.sum(ev.days))
            .group_by(ev.pathway, ev.category, ev.make, ev.model, ev.month, ev.currency)
        ).all()
        distinct = dict(s.execute(
            select(e.pathway, func.count(func.distinct(e.asset_id))).where(*self.events()).group_by(e.pathway)
        ).all())
        parts = self._parts()
        low_d = self.c.low_displacement()
        bounds = ("low", "default", "high")
        credit: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(bounds, 0.0))
        materials: dict[str, dict[str, float]] = defaultdict(lambda: {"low": 0.0, "high": 0.0})
        events: dict[str, int] = defaultdict(int)
        mass_by: dict[str, float] = defaultdict(float)
        months: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0])
        money: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: Decimal(0)))
        lives: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])
        for (pathway, category, manufacturer, model, mon, currency, n, kg, missing, value, cost, dated,
             days) in rows:
            mass = self.mass(category, manufacturer, model, kg, missing)
            events[pathway] += n
            mass_by[pathway] += mass
            if pathway in ARISING or pathway in FATES:
                months[(mon, pathway)][0] += n
                months[(mon, pathway)][1] += mass
            if pathway in CREDITED and pathway != "harvest":
                dev = self.c.device(category, manufacturer, model)
                share = min(1.0, self.c.second_life(pathway) / dev.reference_life_years.value)
                d = self.c.displacement(CHANNEL[pathway])
                p = self.c.process_share(PROCESS[pathway])
                for bound, e_new, disp in (("low", dev.embodied_kgco2e.value, low_d),
                                           ("default", dev.embodied_kgco2e.value, d),
                                           ("high", dev.embodied_kgco2e_high.value, d)):
                    credit[pathway][bound] += n * (e_new * share * disp - p * e_new)
            if pathway in MATERIAL_PROCESS:
                low, high = self.c.retention(MATERIAL_PROCESS[pathway])
                materials[pathway]["low"] += mass * low
                materials[pathway]["high"] += mass * high
            if value is not None or cost is not None:
                cur = money[currency or "???"]
                cur["parts" if pathway == "harvest" else "resale"] += Decimal(str(value or 0))
                cur["costs"] += Decimal(str(cost or 0))
            if pathway == "retire":
                life = lives[category]
                life[0] += n
                life[1] += dated or 0
                life[2] += float(days or 0)
        # Parts: harvest credits what was recovered; every pathway is charged for what was fitted.
        d_int = self.c.displacement("internal_reuse") if "harvest" in events else 0.0
        p_reuse = self.c.process_share("reuse") if "harvest" in events else 0.0
        for (pathway, direction), kg in parts.items():
            if direction == "recovered" and pathway == "harvest":
                credit[pathway]["low"] += kg * (low_d - p_reuse)
                credit[pathway]["default"] += kg * (d_int - p_reuse)
                credit[pathway]["high"] += kg * (d_int - p_reuse)
            elif direction == "fitted":
                for bound in bounds:
                    credit[pathway][bound] -= kg
        rows_out = []
        for pathway in PATHWAY_ORDER:
            if pathway not in events:
                continue
            cls = RECOVERY_CLASS.get(pathway, "none") if pathway in FATES else "none"
            rows_out.append(PathwayRow(
                pathway=pathway, events=events[pathway], assets=distinct.get(pathway, 0), mass_kg=mass_by[pathway],
                co2e_avoided=dict(credit[pathway]) if pathway in CREDITED else dict.fromkeys(bounds, 0.0),
                materials_saved_kg=dict(materials[pathway]) if pathway in materials else {"low": 0.0, "high": 0.0},
                recovery_class=cls,
            ))
        totals = {b: sum(r.co2e_avoided[b] for r in rows_out) for b in bounds}
        mat_totals = {b: sum(r.materials_saved_kg[b] for r in rows_out) for b in ("low", "high")}
        month_rows = tuple(MonthRow(m, p, int(v[0]), v[1]) for (m, p), v in sorted(months.items()))
        out = {"pathways": tuple(rows_out), "co2e_avoided": totals, "materials_saved_kg": mat_totals,
               "retirements_by_month": month_rows}
        out.update(self._service_life(lives))
        out["value"] = self._value(money)
        return out

    def _parts(self) -> dict[tuple[str, str], float]:
        """kgCO2e of parts per (pathway, direction): recorded parts, and the RAM of harvests without any."""
        e, p = LifecycleEvent, LifecycleEventPart
        out: dict[tuple[str, str], float] = defaultdict(float)
        for pathway, direction, kind, size, qty in self.s.execute(
            select(e.pathway, p.direction, p.kind, p.size_gb, func.sum(p.quantity))
            .join(e, e.id == p.event_id).where(*self.events()).group_by(e.pathway, p.direction, p.kind, p.size_gb)
        ):
            kg = self.c.component(kind, size)
            if kg is not None:
                out[(pathway, direction)] += kg * qty
        recorded = exists().where(p.event_id == e.id, p.direction == "recovered")
        ram = self.s.execute(
            select(Asset.ram_gb, func.count()).join(e, e.asset_id == Asset.id)
            .where(*self.events("harvest"), not_(recorded)).group_by(Asset.ram_gb)
        ).all()
        assumed = 0
        for size, n in ram:
            if size:
                kg = self.c.component("ram", size)
                if kg is not None:
                    out[("harvest", "recovered")] += kg * n
                    assumed += n
        if ram:
            self.c.note(tr("{n} harvests recorded no parts: their RAM (where the register has its size, {assumed} of "
                           "them) is credited, nothing else", n=sum(n for _, n in ram), assumed=assumed))
        return out

    def _service_life(self, lives: dict[str, list[float]]) -> dict[str, Any]:
        out = []
        actual_total = target_total = 0.0
        undated = 0
        for category, (n, dated, total_days) in lives.items():
            n, dated = int(n), int(dated)
            target = self.policy.refresh_for(category)
            avg = total_days / dated / YEAR_DAYS if dated else None
            out.append(CategoryLife(category, n, dated, avg, target, avg / target if avg is not None else None))
            undated += n - dated
            if dated:
                actual_total += total_days / YEAR_DAYS
                target_total += target * dated
        if undated:
            self.c.note(tr("{n} retired assets have no purchase date and are left out of the service life", n=undated))
        out.sort(key=lambda x: -x.retired)
        return {"life_by_category": tuple(out), "life_achieved": actual_total / target_total if target_total else None}

    def _value(self, money: dict[str, dict[str, Decimal]]) -> tuple[MoneyRow, ...]:
        """Money on the events, and the purchases internal reuse avoided (the asset's cost × the life share)."""
        e = LifecycleEvent
        make, model = self.model_key(e.manufacturer, e.model)
        for pathway, category, manufacturer, model_name, currency, cost in self.s.execute(
            select(e.pathway, e.category, make, model, Asset.currency, func.sum(Asset.purchase_cost))
            .join(Asset, Asset.id == e.asset_id)
            .where(*self.events(*INTERNAL), Asset.purchase_cost.is_not(None))
            .group_by(e.pathway, e.category, make, model, Asset.currency)
        ):
            dev = self.c.device(category, manufacturer, model_name)
            share = min(1.0, self.c.second_life(pathway) / dev.reference_life_years.value)
            money[currency or "???"]["avoided"] += (Decimal(str(cost)) * Decimal(str(share))).quantize(Decimal("0.01"))
        if "???" in money:
            self.c.note(tr("some amounts have no currency; they are shown under ???"))
        return tuple(
            MoneyRow(cur, m["resale"], m["parts"], m["avoided"], m["costs"]) for cur, m in sorted(money.items())
        )

    # -- governance -------------------------------------------------------------------------------------------------
    def _unsanitized(self, asset_id: Any) -> Any:
        """A medium still in the asset lacking a verified, passing, policy-meeting record."""
        good = exists().where(
            SanitizationRecord.medium_id == StorageMedium.id, SanitizationRecord.verified.is_(True),
            SanitizationRecord.meets_policy.is_(True), SanitizationRecord.result.in_(("pass", "pass_with_warnings")),
        )
        return exists().where(StorageMedium.asset_id == asset_id, StorageMedium.removed.is_(False), not_(good))

    def sanitization(self) -> Ratio:
        e = LifecycleEvent
        left = select(e.asset_id).where(*self.events(), e.to_status.in_(self.external_statuses),
                                        e.data_bearing.is_(True)).distinct().subquery()
        total, bad = self.s.execute(
            select(func.count(), func.sum(case((self._unsanitized(left.c.asset_id), 1), else_=0))).select_from(left)
        ).one()
        return Ratio(float((total or 0) - (bad or 0)), float(total or 0))

    def discovery(self) -> Ratio:
        last = self.s.scalar(select(func.max(Scan.started_at)).where(Scan.started_at < self.end))
        if last is None:
            self.c.note(tr("no discovery scan before the period's end: discovery coverage is not computed"))
            return Ratio(0.0, 0.0)
        known, seen = self.s.execute(
            select(func.count(), func.sum(case((Asset.last_seen >= last, 1), else_=0)))
            .where(Asset.status.in_(self.active_statuses), Asset.first_seen.is_not(None), *self.where())
        ).one()
        return Ratio(float(seen or 0), float(known or 0))

    def findings(self) -> tuple[Finding, ...]:
        today = self.options.today or datetime.now(UTC).date()
        label = func.coalesce(Asset.asset_tag, Asset.serial, cast(Asset.id, Asset.asset_tag.type))
        out = []
        # Past refresh and still in use: one condition per category of the policy.
        cats = set(self.s.scalars(select(Asset.category).where(*self.where()).distinct()))
        conditions = []
        for category in cats:
            cutoff = today - timedelta(days=round(self.policy.refresh_for(category) * YEAR_DAYS))
            conditions.append(and_(Asset.category == category, Asset.purchase_date < cutoff))
        if conditions:
            cond = and_(Asset.status.in_(("deployed",)), or_(*conditions), *self.where())
            out.append(self._finding("past_refresh_in_use", tr("Assets past their refresh date still in use"), cond,
                                     label, Asset.purchase_date))
        out.append(self._finding("missing_finding", tr("Missing, lost or stolen assets"),
                                 and_(Asset.status.in_(LOST_STATUSES), *self.where()), label, Asset.updated_at))
        out.append(self._finding(
            "unsanitized_data_bearing", tr("Retired data-bearing assets without a verified sanitization"),
            and_(Asset.status.in_(("retired", "awaiting_sanitization")), Asset.data_bearing.is_(True),
                 self._unsanitized(Asset.id), *self.where()),
            label, Asset.updated_at))
        out.append(self._finding("found_after_loss", tr("Assets found again after a loss (flagged for review)"),
                                 and_(Asset.flag == "found_after_loss", *self.where()), label, Asset.updated_at))
        return tuple(out)

    def _finding(self, key: str, title: str, cond: Any, label: Any, order: Any) -> Finding:
        count = self.s.scalar(select(func.count()).select_from(Asset).where(cond)) or 0
        examples = tuple(self.s.scalars(select(label).where(cond).order_by(order, Asset.id).limit(EXAMPLES))) if count else ()
        return Finding(key, title, count, examples)

    # -- everything -------------------------------------------------------------------------------------------------
    def compute(self) -> FleetMetrics:
        fs = self.fs
        parts: dict[str, Any] = {}
        parts.update(self.register())
        parts.update(self.arising())
        parts.update(self.processed())
        parts.update(self.pathways())
        parts["sanitization_compliance"] = self.sanitization()
        parts["discovery_coverage"] = self.discovery()
        parts["findings"] = self.findings()
        if not parts["arising_count"] and not parts["processed_count"] and not parts["pathways"]:
            self.c.note(tr("no lifecycle event in {period} for {slice}: the period figures are empty",
                           period=self.period.label, slice=self.slice.label))
        for category, n in sorted(self.c.default_mass.items()):
            self.c.note(tr("{n} {category} masses were not recorded: the factor set's default weight is used",
                           n=n, category=category))
        metrics = FleetMetrics(
            period=self.period, slice=self.slice, generated_at=datetime.now(UTC).replace(tzinfo=None),
            factor_set=fs.label, factor_set_name=fs.name, factor_set_version=fs.version,
            factor_set_sha256=fs.sha256, index=None, notes=(), factors_used=(), **parts,
        )
        index = None
        try:
            spec = load_spec(self.options.spec or resource(*DEFAULT_SPEC))
            index = evaluate(spec, {k: v for k, v in metrics.index_actuals.items()
                                    if any(leaf.id == k for leaf in spec.leaves())})
        except ValidationError as exc:
            self.c.note(tr("the composite index is not computed: {error}", error=_message(exc)))
        from dataclasses import replace

        return replace(metrics, index=index, notes=tuple(self.c.notes), factors_used=self.c.rows())

    # -- per-asset lines (the CSR workbook's detail sheet) ---------------------------------------------------------
    def asset_lines(self, batch: int = 5000) -> Iterator[AssetLine]:
        """Every event of the period with its asset and the inputs of its credit, in event order.

        A line's credit is E × s × d − p × E − parts fitted, as in the period figures; for a harvest E is the
        footprint of the parts recovered (recorded, else the asset's RAM) and s = 1. The lines of a period add
        up to its default CO2e avoided."""
        e = LifecycleEvent
        q = (
            select(e.id, e.asset_id, e.pathway, e.transition, e.occurred_at, e.mass_kg, e.value, e.cost, e.currency,
                   Party.name, Asset.asset_tag, Asset.serial, e.category, e.manufacturer, e.model, e.department,
                   Location.name, e.purchase_date, Asset.ram_gb)
            .join(Asset, Asset.id == e.asset_id).outerjoin(Location, Location.id == e.location_id)
            .outerjoin(Party, Party.id == e.party_id)
            .where(*self.events()).order_by(e.occurred_at, e.id)
        )
        fitted = self._parts_by_event("fitted")
        recovered = self._parts_by_event("recovered")
        retired = self._retired_by_asset()
        devices: dict[tuple, Any] = {}
        for row in self.s.execute(q.execution_options(yield_per=batch)):
            (eid, aid, pathway, transition, occurred, kg, value, cost, currency, party, tag, serial, category,
             manufacturer, model, department, location, bought, ram) = row
            key = (category, manufacturer, model)
            dev = devices.get(key)
            if dev is None:
                dev = devices[key] = self.c.device(category, manufacturer, model)
            default = kg is None
            mass = dev.weight_kg.value if default else kg
            e_new, e_high = dev.embodied_kgco2e.value, dev.embodied_kgco2e_high.value
            share = d = p = 0.0
            if pathway == "harvest":
                e_new = recovered.get(eid) if eid in recovered else (self.c.component("ram", ram) or 0.0) if ram else 0.0
                e_high, share = e_new, 1.0
                d, p = self.c.displacement("internal_reuse"), self.c.process_share("reuse")
            elif pathway in CREDITED:
                share = min(1.0, self.c.second_life(pathway) / dev.reference_life_years.value)
                d = self.c.displacement(CHANNEL[pathway])
                p = self.c.process_share(PROCESS[pathway])
            parts_kg = fitted.get(eid, 0.0)
            credit = e_new * share * d - p * e_new - parts_kg if pathway in CREDITED else 0.0
            yield AssetLine(
                asset_id=aid, asset_tag=tag, serial=serial, category=category, manufacturer=manufacturer,
                model=model, department=department, location=location, purchase_date=bought,
                retired_at=retired.get(aid), pathway=pathway, transition=transition, occurred_at=occurred.date(),
                mass_kg=float(mass), mass_is_default=default, embodied_kgco2e=e_new, embodied_kgco2e_high=e_high,
                displacement=d, life_share=share, process_share=p, parts_kgco2e=parts_kg, co2e_avoided=credit,
                value=value, cost=cost, currency=currency, party=party,
            )

    def _parts_by_event(self, direction: str) -> dict[int, float]:
        e, p = LifecycleEvent, LifecycleEventPart
        out: dict[int, float] = defaultdict(float)
        for eid, kind, size, qty in self.s.execute(
            select(p.event_id, p.kind, p.size_gb, p.quantity).join(e, e.id == p.event_id)
            .where(p.direction == direction, *self.events())
        ):
            kg = self.c.component(kind, size)
            if kg is not None:
                out[eid] += kg * qty
        return out

    def _retired_by_asset(self) -> dict[int, date]:
        e = LifecycleEvent
        return {aid: (at.date() if isinstance(at, datetime) else datetime.fromisoformat(str(at)).date())
                for aid, at in self.s.execute(
                    select(e.asset_id, func.min(e.occurred_at)).where(*self.events(*ARISING)).group_by(e.asset_id))}


def compute_metrics(session: Session, period: Period, slice_: Slice | None = None,
                    options: Options | None = None) -> FleetMetrics:
    return FleetCalculator(session, period, slice_, options).compute()


def parse_period(start: str | date | None, end: str | date | None, *, today: date | None = None) -> Period:
    """``--from``/``--to`` as dates (YYYY-MM-DD), a year (2025), a quarter (2025-Q3) or a month (2025-07);
    a missing end is today, a missing start 12 months before the end."""
    today = today or datetime.now(UTC).date()

    def parse(text: str | date | None, first: bool) -> date | None:
        if text is None or text == "":
            return None
        if isinstance(text, date):
            return text
        t = text.strip().upper()
        try:
            if len(t) == 4 and t.isdigit():
                return date(int(t), 1, 1) if first else date(int(t), 12, 31)
            if len(t) == 7 and t[4:6] == "-Q" and t[6] in "1234":
                q = int(t[6])
                begin = date(int(t[:4]), 3 * q - 2, 1)
                return begin if first else (date(begin.year + (q == 4), (3 * q) % 12 + 1, 1) - timedelta(days=1))
            if len(t) == 7 and t[4] == "-":
                begin = date(int(t[:4]), int(t[5:]), 1)
                return begin if first else (date(begin.year + (begin.month == 12), begin.month % 12 + 1, 1) - timedelta(days=1))
            return date.fromisoformat(t)
        except ValueError:
            raise ValidationError(tr("{text!r} is not a date: use YYYY-MM-DD, a year (2025), a quarter (2025-Q3) "
                                     "or a month (2025-07)", text=text)) from None

    begin, finish = parse(start, True), parse(end, False)
    if finish is None:
        finish = max(today, begin) if begin is not None else today
    if begin is None:
        begin = _year_after(finish, -1) + timedelta(days=1)
    if finish < begin:
        raise ValidationError(tr("the period ends ({end}) before it starts ({start})", end=finish, start=begin))
    return Period(begin, finish)


def _message(exc: Exception) -> Any:
    """The message an error carries (a translatable one when it was raised with ``tr``)."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)


def _year_after(d: date, years: int = 1) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def fiscal_year(today: date, first_month: int = 1) -> Period:
    """The last complete fiscal year that starts in ``first_month``."""
    start_year = today.year - 1 if today.month >= first_month else today.year - 2
    begin = date(start_year, first_month, 1)
    return Period(begin, _year_after(begin) - timedelta(days=1))


__all__: Sequence[str] = ("FleetCalculator", "Options", "compute_metrics", "fiscal_year", "parse_period")
