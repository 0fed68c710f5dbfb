"""The factor library (DOMAIN.md §6, issue 5 item 1): versioned, sourced factors for the circularity metrics.

A factor set is one TOML file (the shipped ones live in ``resources/factors/``, a user's in
``data_dir()/factors/``). Every number carries its provenance as a :class:`Factor`: value, source, year,
licence, quality (``measured`` / ``manufacturer`` / ``category_default`` / ``estimate``) and a note.

* :func:`load_factor_set` reads and validates one file; :func:`default_factor_set` is the user's
  ``data_dir()/factors/active.toml`` when it exists, else the newest shipped set;
  :func:`available_factor_sets` lists the shipped and the user's files with their name and version.
* :meth:`FactorSet.category` falls back to ``other`` (``fallback=True`` with a reason) for an unknown
  category; :meth:`FactorSet.device` applies a per-model override (a manufacturer's declaration beats the
  category default); :meth:`FactorSet.grid` takes the nearest earlier year of the country, else the
  country's nearest later year, else WORLD (always saying why in ``Factor.fallback``).
* :meth:`FactorSet.describe` gives the rows of a report's methodology appendix; ``name``, ``version`` and
  ``sha256`` identify the set a report used.

Validation at load refuses, with a :class:`itam.errors.ConfigurationError` naming the file, the table and
the key: numbers that are not finite or are negative, weights or reference lives of 0 (except in a
``virtual`` category), a high embodied value below the default, a factor without source / year / licence /
quality or with an unknown quality, unknown keys, and a set without the ``other`` category.
"""

from __future__ import annotations

import hashlib
import math
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from itam.errors import ConfigurationError, ValidationError
from itam.messages import join, tr
from itam.paths import data_dir, resource

QUALITIES = ("measured", "manufacturer", "category_default", "estimate")
CATEGORY_FACTORS = ("weight_kg", "embodied_kgco2e", "embodied_kgco2e_high", "kwh_per_year", "reference_life_years")
UNITS = {
    "weight_kg": "kg",
    "embodied_kgco2e": "kgCO2e",
    "embodied_kgco2e_high": "kgCO2e",
    "kwh_per_year": "kWh/year",
    "reference_life_years": "years",
}
MODEL_FACTORS = ("embodied_kgco2e", "embodied_kgco2e_high", "weight_kg", "kwh_per_year")
#: Shares a manufacturer declares per model: recycled material in the product (GB/T 43145 R_mrec) and its
#: designed recoverability (R_cov), each a fraction of the product's mass.
MODEL_SHARES = ("recycled_content", "recoverability")
#: Pathways whose avoided-emissions credit needs the years of further use they deliver.
SECOND_LIFE_PATHWAYS = ("life_extension", "redeploy", "remarket", "donate", "refurbish")
MEASURES = ("ghg_reduction", "material_reduction")
BOUNDS = ("low", "high")
WORLD = "WORLD"
#: Common names that are not ISO 3166 alpha-2 codes.
COUNTRY_ALIASES = {"UK": "GB", "GLOBAL": WORLD, "WORLDWIDE": WORLD}
#: Largest factor file read, in bytes.
MAX_FILE_BYTES = 5_000_000
SHIPPED_DIR = "factors"
ACTIVE_FILE = "active.toml"

_PROVENANCE = ("source", "year", "licence", "quality", "note")
_SET_KEYS = ("name", "version", "published", "licence", "notes", "default_bound")
_TOP_KEYS = ("set", "category", "grid", "component", "displacement", "process_share", "value_retention", "model",
             "second_life")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_COUNTRY = re.compile(r"^(?:[A-Z]{2}|WORLD)$")


@dataclass(frozen=True)
class Factor:
    """One number with its provenance. ``fallback`` says why a lookup did not find an exact match."""

    value: float
    source: str
    year: int
    licence: str
    quality: str
    note: str = ""
    fallback: str | None = None


@dataclass(frozen=True)
class CategoryFactors:
    """The factors for one device category (or one model, when ``model`` is set)."""

    key: str
    weight_kg: Factor
    embodied_kgco2e: Factor
    embodied_kgco2e_high: Factor
    kwh_per_year: Factor
    reference_life_years: Factor
    note: str = ""
    virtual: bool = False
    #: True when the category asked for is not in the set and ``other`` was used instead.
    fallback: bool = False
    #: Why the factors are not the category's own (unknown category), or None.
    reason: str | None = None
    #: "manufacturer model" when a per-model override was applied.
    model: str | None = None
    overridden: tuple[str, ...] = ()

    def factors(self) -> dict[str, Factor]:
        return {name: getattr(self, name) for name in CATEGORY_FACTORS}


@dataclass(frozen=True)
class ModelOverride:
    manufacturer: str
    model: str
    category: str | None
    factors: dict[str, Factor]
    shares: dict[str, Factor] = field(default_factory=dict)


@dataclass(frozen=True)
class RetentionRange:
    """A UNEP IRP value-retention range (shares of new) with its provenance."""

    process: str
    measure: str
    low: float
    high: float
    source: str
    year: int
    licence: str
    quality: str
    note: str = ""

    def value(self, bound: str = "low") -> float:
        if bound not in BOUNDS:
            raise ValidationError(tr("bound must be low or high, not {bound!r}", bound=bound))
        return self.low if bound == "low" else self.high


@dataclass(frozen=True)
class FactorSetInfo:
    """One entry of :func:`available_factor_sets`: ``error`` is set when the file does not load."""

    path: Path
    origin: str  # "shipped" | "user"
    name: str | None
    version: str | None
    sha256: str | None
    active: bool = False
    error: str | None = None


@dataclass(frozen=True)
class FactorSet:
    name: str
    version: str
    published: str | None
    licence: str
    notes: str
    sha256: str
    path: Path
    default_bound: str
    categories: dict[str, CategoryFactors]
    grid_rows: dict[tuple[str, int], Factor]
    components: dict[tuple[str, float | None], Factor]
    displacements: dict[str, Factor]
    process_shares: dict[str, Factor]
    retention: dict[tuple[str, str], RetentionRange]
    models: dict[tuple[str, str], ModelOverride] = field(default_factory=dict)
    second_lives: dict[str, Factor] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """What a report prints: ``name version (sha256 prefix)``."""
        return f"{self.name} {self.version} (sha256 {self.sha256[:12]})"

    # ---------------------------------------------------------------------------------------------------------
    # Devices

    def category(self, key: str | None) -> CategoryFactors:
        """The category's factors; an unknown or empty category gives ``other`` with ``fallback=True``."""
        text = (key or "").strip().lower()
        found = self.categories.get(text)
        if found is not None:
            return found
        reason = (tr("category {key!r} has no factors in {name} {version}: the 'other' category's factors are used",
                     key=key, name=self.name, version=self.version) if text
                  else tr("no category given: the 'other' category's factors are used"))
        return replace(self.categories["other"], fallback=True, reason=reason)

    def model_override(self, manufacturer: str | None, model: str | None) -> ModelOverride | None:
        return self.models.get((_norm(manufacturer), _norm(model)))

    def device(self, category: str | None, manufacturer: str | None = None, model: str | None = None) -> CategoryFactors:
        """The category's factors with a per-model override applied when the set has one for this model."""
        base = self.category(category)
        override = self.model_override(manufacturer, model)
        if override is None or (override.category is not None and override.category != base.key):
            return base
        factors = dict(override.factors)
        if "embodied_kgco2e" in factors and "embodied_kgco2e_high" not in factors:
            declared = factors["embodied_kgco2e"]
            same = tr("no range declared: high = declared value")
            factors["embodied_kgco2e_high"] = replace(
                declared, note=join([declared.note, same], "; ") if declared.note else same)
        if ("embodied_kgco2e_high" in factors and "embodied_kgco2e" not in factors
                and factors["embodied_kgco2e_high"].value < base.embodied_kgco2e.value):
            del factors["embodied_kgco2e_high"]  # a declared high alone must not fall below the category default
        return replace(base, model=f"{override.manufacturer} {override.model}", overridden=tuple(sorted(factors)),
                       **factors)

    # ---------------------------------------------------------------------------------------------------------
    # Grid, components, avoided emissions

    def grid(self, country: str | None, year: int | None = None) -> Factor:
        """kgCO2/kWh for a country (ISO 3166 alpha-2) and year.

        The country's value for that year, else its nearest earlier year, else its nearest later year, else
        WORLD by the same rule; ``fallback`` says which when it is not an exact match. ``year=None`` takes
        the latest year available.
        """
        code = (country or "").strip().upper()
        code = COUNTRY_ALIASES.get(code, code)
        wanted = f"{year}" if year is not None else tr("the latest year")
        found = self._grid_for(code, year) if code else None
        if found is not None:
            row, got = found
            if year is None or got == year:
                return row
            return replace(row, fallback=tr("no grid factor for {country} in {year}: the {got} value is used",
                                            country=code, year=year, got=got))
        row, got = self._grid_for(WORLD, year)  # WORLD is present (validated)
        return replace(row, fallback=tr("no grid factor for {country} ({wanted}): the WORLD average for {got} is used",
                                        country=code or tr("an unknown country"), wanted=wanted, got=got))

    def _grid_for(self, code: str, year: int | None) -> tuple[Factor, int] | None:
        years = sorted(y for c, y in self.grid_rows if c == code)
        if not years:
            return None
        if year is None:
            chosen = years[-1]
        else:
            earlier = [y for y in years if y <= year]
            chosen = earlier[-1] if earlier else years[0]
        return self.grid_rows[(code, chosen)], chosen

    def component(self, kind: str, size_gb: float | None = None) -> Factor:
        """kgCO2e of one harvested part. For a size the set does not list, the nearest listed size is used
        (the larger on a tie) and ``fallback`` says so; kinds without sizes (hdd, motherboard) ignore it."""
        k = (kind or "").strip().lower()
        rows = {size: f for (kd, size), f in self.components.items() if kd == k}
        if not rows:
            known = sorted({kd for kd, _ in self.components})
            raise ValidationError(tr("no component footprint for {kind!r} (known: {known})", kind=kind,
                                     known=", ".join(known)))
        if None in rows:
            return rows[None]
        if size_gb is None:
            raise ValidationError(tr("a {kind} footprint needs a size in GB (listed: {sizes})", kind=k,
                                     sizes=_sizes(rows)))
        if isinstance(size_gb, bool) or not isinstance(size_gb, (int, float)) or not math.isfinite(size_gb) or size_gb <= 0:
            raise ValidationError(tr("a {kind} size must be a number of GB above 0, not {size!r}", kind=k, size=size_gb))
        if size_gb in rows:
            return rows[size_gb]
        nearest = min(rows, key=lambda s: (abs(math.log(s / size_gb)), -s))
        return replace(rows[nearest], fallback=tr("no {kind} footprint for {size:g} GB: the {nearest:g} GB value is used",
                                                  kind=k, size=size_gb, nearest=nearest))

    def second_life(self, pathway: str) -> Factor:
        """Years of further use a reuse pathway delivers (for the share of a reference life it displaces)."""
        return self._lookup(self.second_lives, pathway, tr("second-life years"))

    def model_share(self, manufacturer: str | None, model: str | None, name: str, category: str | None = None) -> Factor | None:
        """A declared per-model share (``recycled_content``, ``recoverability``), or None."""
        override = self.model_override(manufacturer, model)
        if override is None or (override.category is not None and category is not None and override.category != category):
            return None
        return override.shares.get(name)

    def displacement(self, channel: str) -> Factor:
        return self._lookup(self.displacements, channel, tr("displacement factor"))

    def process_share(self, process: str) -> Factor:
        return self._lookup(self.process_shares, process, tr("process share"))

    def value_retention(self, process: str, measure: str) -> RetentionRange:
        found = self.retention.get(((process or "").lower(), (measure or "").lower()))
        if found is None:
            known = ", ".join(f"{p}/{m}" for p, m in sorted(self.retention))
            raise ValidationError(tr("no value-retention range for {process}/{measure} (known: {known})",
                                     process=process, measure=measure, known=known))
        return found

    @staticmethod
    def _lookup(table: dict[str, Factor], key: str, what: str) -> Factor:
        found = table.get((key or "").strip().lower())
        if found is None:
            raise ValidationError(tr("no {what} for {key!r} (known: {known})", what=what, key=key,
                                     known=", ".join(sorted(table))))
        return found

    # ---------------------------------------------------------------------------------------------------------
    # Methodology appendix

    def describe(self) -> list[dict[str, Any]]:
        """One row per factor: what, value, unit, source, year, licence, quality, note."""
        rows: list[dict[str, Any]] = []

        def add(what: str, f: Factor | RetentionRange, unit: str, value: Any = None) -> None:
            rows.append({"what": what, "value": f.value if value is None else value, "unit": unit,
                         "source": f.source, "year": f.year, "licence": f.licence, "quality": f.quality,
                         "note": f.note})

        for key, cat in self.categories.items():
            for name, f in cat.factors().items():
                add(f"{key}: {name}", f, UNITS[name])
        for (code, year), f in sorted(self.grid_rows.items()):
            add(f"grid {code} {year}", f, "kgCO2/kWh")
        for (kind, size), f in sorted(self.components.items(), key=lambda i: (i[0][0], i[0][1] or 0)):
            add(f"component {kind}" + (f" {size:g} GB" if size is not None else ""), f, "kgCO2e")
        for key, f in self.displacements.items():
            add(f"displacement {key}", f, "share")
        for key, f in self.process_shares.items():
            add(f"process share {key}", f, "share of new embodied")
        for key, f in self.second_lives.items():
            add(f"second life {key}", f, "years")
        for (process, measure), r in self.retention.items():
            add(f"value retention {process} {measure}", r, "share of new", value=r.value(self.default_bound))
            rows[-1]["range"] = (r.low, r.high)
        for m in self.models.values():
            for name, f in m.factors.items():
                add(f"model {m.manufacturer} {m.model}: {name}", f, UNITS[name])
            for name, f in m.shares.items():
                add(f"model {m.manufacturer} {m.model}: {name}", f, "share of mass")
        return rows


# --------------------------------------------------------------------------------------------------------------
# Loading


def shipped_dir() -> Path:
    return resource(SHIPPED_DIR)


def user_dir() -> Path:
    return data_dir() / SHIPPED_DIR


def load_factor_set(path: str | Path | None = None) -> FactorSet:
    """Read and validate one factor file (default: :func:`default_factor_set`)."""
    if path is None:
        return default_factor_set()
    p = Path(path)
    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise ConfigurationError(tr("{path}: a factor file is at most {limit:,} bytes", path=str(p),
                                        limit=MAX_FILE_BYTES))
        raw = p.read_bytes()
    except OSError as exc:
        raise ConfigurationError(tr("cannot read the factor file {path}: {error}", path=str(p),
                                    error=str(exc.strerror or exc))) from exc
    return _cached(str(p), raw)


@lru_cache(maxsize=16)
def _cached(path: str, raw: bytes) -> FactorSet:
    return _parse(Path(path), raw)


def default_factor_set() -> FactorSet:
    """``data_dir()/factors/active.toml`` when the user has one, else the newest shipped set."""
    active = user_dir() / ACTIVE_FILE
    if active.is_file():
        return load_factor_set(active)
    shipped = sorted(shipped_dir().glob("*.toml"))
    if not shipped:
        raise ConfigurationError(tr("no factor set in {folder}", folder=str(shipped_dir())))
    sets = [load_factor_set(p) for p in shipped]
    return max(sets, key=lambda s: _version_key(s.version))


def available_factor_sets() -> list[FactorSetInfo]:
    """The shipped sets and the user's files (``data_dir()/factors/*.toml``), with name and version."""
    active = user_dir() / ACTIVE_FILE
    found: list[FactorSetInfo] = []
    for origin, folder in (("shipped", shipped_dir()), ("user", user_dir())):
        if not folder.is_dir():
            continue
        for p in sorted(folder.glob("*.toml")):
            try:
                s = load_factor_set(p)
            except ConfigurationError as exc:
                found.append(FactorSetInfo(p, origin, None, None, None, error=exc.args[0] if exc.args else str(exc)))
                continue
            found.append(FactorSetInfo(p, origin, s.name, s.version, s.sha256))
    if not active.is_file():
        shipped = [i for i in found if i.origin == "shipped" and i.error is None]
        if shipped:
            newest = max(shipped, key=lambda i: _version_key(i.version or ""))
            found = [replace(i, active=True) if i is newest else i for i in found]
    else:
        found = [replace(i, active=True) if i.path == active else i for i in found]
    return found


def _version_key(version: str) -> tuple:
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"[.\-]", version))


# --------------------------------------------------------------------------------------------------------------
# Validation


class _Reader:
    def __init__(self, path: Path):
        self.path = path

    def fail(self, where: str, message: str) -> ConfigurationError:
        return ConfigurationError(tr("{path}: {where}: {message}", path=str(self.path), where=where, message=message))

    def keys(self, table: Any, where: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> dict:
        if not isinstance(table, dict):
            raise self.fail(where, tr("must be a table"))
        unknown = sorted(set(table) - set(allowed))
        if unknown:
            raise self.fail(where, tr("unknown key {keys} (allowed: {allowed})", keys=", ".join(map(repr, unknown)),
                                      allowed=", ".join(allowed)))
        for key in required:
            if key not in table:
                raise self.fail(where, tr("{key} is missing", key=key))
        return table

    def text(self, value: Any, where: str, key: str, *, optional: bool = False) -> str:
        if value is None and optional:
            return ""
        if not isinstance(value, str) or (not value.strip() and not optional):
            raise self.fail(where, tr("{key} must be a non-empty text, not {value!r}", key=key, value=value))
        return value.strip()

    def number(self, value: Any, where: str, key: str, *, positive: bool = False) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(where, tr("{key} must be a number, not {value!r}", key=key, value=value))
        number = float(value)
        if not math.isfinite(number):
            raise self.fail(where, tr("{key} must be a finite number, not {value!r}", key=key, value=value))
        if number < 0:
            raise self.fail(where, tr("{key} must not be negative ({value!r})", key=key, value=value))
        if positive and number == 0:
            raise self.fail(where, tr("{key} must be above 0", key=key))
        return number

    def year(self, value: Any, where: str, key: str = "year") -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
            raise self.fail(where, tr("{key} must be a year such as 2024, not {value!r}", key=key, value=value))
        return value

    def provenance(self, table: dict, where: str, *, default_quality: str | None = None) -> dict[str, Any]:
        for key in ("source", "year", "licence", "quality"):
            if key not in table and not (key == "quality" and default_quality):
                raise self.fail(where, tr("{key} is missing (every factor needs source, year, licence and quality)",
                                          key=key))
        quality = table.get("quality", default_quality)
        if quality not in QUALITIES:
            raise self.fail(where, tr("quality must be one of {qualities}, not {quality!r}",
                                      qualities=", ".join(QUALITIES), quality=quality))
        return {
            "source": self.text(table["source"], where, "source"),
            "year": self.year(table["year"], where),
            "licence": self.text(table["licence"], where, "licence"),
            "quality": quality,
            "note": self.text(table.get("note"), where, "note", optional=True),
        }

    def factor(self, table: Any, where: str, *, positive: bool = False, value_key: str = "value",
               extra: tuple[str, ...] = (), default_quality: str | None = None) -> Factor:
        self.keys(table, where, (value_key, *_PROVENANCE, *extra), (value_key,))
        value = self.number(table[value_key], where, value_key, positive=positive)
        return Factor(value, **self.provenance(table, where, default_quality=default_quality))


def _parse(path: Path, raw: bytes) -> FactorSet:
    r = _Reader(path)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(tr("{path} is not a valid TOML factor file: {error}", path=str(path),
                                    error=str(exc))) from exc
    r.keys(data, tr("top level"), _TOP_KEYS, ("set", "category"))

    head = r.keys(data["set"], "[set]", _SET_KEYS, ("name", "version"))
    published = head.get("published")
    if published is not None and not isinstance(published, (date, datetime, str)):
        raise r.fail("[set]", tr("published must be a date, not {value!r}", value=published))
    version = head["version"]
    if isinstance(version, (int, float)) and not isinstance(version, bool):
        version = str(version)
    default_bound = head.get("default_bound", "low")
    if default_bound not in BOUNDS:
        raise r.fail("[set]", tr("default_bound must be low or high, not {value!r}", value=default_bound))

    known_categories = _category_keys()
    categories: dict[str, CategoryFactors] = {}
    cats = data["category"]
    if not isinstance(cats, dict):
        raise r.fail("[category]", tr("must be a table of categories"))
    for key, table in cats.items():
        where = f"[category.{key}]"
        if key not in known_categories:
            raise r.fail(where, tr("unknown category {key!r} (categories of resources/categories.toml: {known})",
                                   key=key, known=", ".join(sorted(known_categories))))
        r.keys(table, where, (*CATEGORY_FACTORS, "note", "virtual"), CATEGORY_FACTORS)
        virtual = table.get("virtual", False)
        if not isinstance(virtual, bool):
            raise r.fail(where, tr("virtual must be true or false, not {value!r}", value=virtual))
        factors = {
            name: r.factor(table[name], f"{where} {name}",
                           positive=name == "reference_life_years" or (name == "weight_kg" and not virtual))
            for name in CATEGORY_FACTORS
        }
        if factors["embodied_kgco2e_high"].value < factors["embodied_kgco2e"].value:
            raise r.fail(f"{where} embodied_kgco2e_high",
                         tr("the high value {high:g} is below the default {default:g}",
                            high=factors["embodied_kgco2e_high"].value, default=factors["embodied_kgco2e"].value))
        categories[key] = CategoryFactors(key=key, note=r.text(table.get("note"), where, "note", optional=True),
                                          virtual=virtual, **factors)
    if "other" not in categories:
        raise r.fail("[category]", tr("the 'other' category is missing (it is the fallback for unknown categories)"))

    grid: dict[tuple[str, int], Factor] = {}
    for i, row in enumerate(_array(r, data, "grid")):
        where = f"[[grid]] #{i + 1}"
        r.keys(row, where, ("country", "year", "value", *_PROVENANCE), ("country", "year", "value"))
        code = row["country"]
        if not isinstance(code, str) or not _COUNTRY.match(code):
            raise r.fail(where, tr("country must be an ISO 3166 alpha-2 code in capitals or \"WORLD\", not {value!r}",
                                   value=code))
        where = f"[[grid]] {code} {row['year']}"
        f = r.factor(row, where, extra=("country",))
        if (code, f.year) in grid:
            raise r.fail(where, tr("appears twice"))
        grid[(code, f.year)] = f
    if grid and not any(c == WORLD for c, _ in grid):
        raise r.fail("[[grid]]", tr("a WORLD row is needed (the fallback for countries without a value)"))
    if not grid:
        raise r.fail("[[grid]]", tr("no grid intensity given (at least a WORLD row is needed)"))

    components: dict[tuple[str, float | None], Factor] = {}
    for i, row in enumerate(_array(r, data, "component")):
        where = f"[[component]] #{i + 1}"
        r.keys(row, where, ("kind", "size_gb", "value", *_PROVENANCE), ("kind", "value"))
        kind = row["kind"]
        if not isinstance(kind, str) or not _KEY.match(kind):
            raise r.fail(where, tr("kind must be a lower-case name such as \"ram\", not {value!r}", value=kind))
        size = r.number(row["size_gb"], where, "size_gb", positive=True) if "size_gb" in row else None
        where = f"[[component]] {kind}" + (f" {size:g} GB" if size is not None else "")
        f = r.factor(row, where, extra=("kind", "size_gb"))
        if (kind, size) in components:
            raise r.fail(where, tr("appears twice"))
        components[(kind, size)] = f
    for kind in {k for k, _ in components}:
        sizes = [s for k, s in components if k == kind]
        if None in sizes and len(sizes) > 1:
            raise r.fail(f"[[component]] {kind}", tr("mixes rows with and without size_gb"))

    def shares(name: str) -> dict[str, Factor]:
        table = data.get(name, {})
        if not isinstance(table, dict):
            raise r.fail(f"[{name}]", tr("must be a table"))
        out = {}
        for key, row in table.items():
            f = r.factor(row, f"[{name}.{key}]")
            if f.value > 1:
                raise r.fail(f"[{name}.{key}] value", tr("is a share from 0 to 1, not {value:g}", value=f.value))
            out[key] = f
        return out

    displacements = shares("displacement")
    process_shares = shares("process_share")
    second_lives = data.get("second_life", {})
    if not isinstance(second_lives, dict):
        raise r.fail("[second_life]", tr("must be a table"))
    second_lives = {key: r.factor(row, f"[second_life.{key}]", positive=True) for key, row in second_lives.items()}
    for key in second_lives:
        if key not in SECOND_LIFE_PATHWAYS:
            raise r.fail(f"[second_life.{key}]", tr("unknown pathway (known: {known})",
                                                    known=", ".join(SECOND_LIFE_PATHWAYS)))

    retention: dict[tuple[str, str], RetentionRange] = {}
    for i, row in enumerate(_array(r, data, "value_retention")):
        where = f"[[value_retention]] #{i + 1}"
        r.keys(row, where, ("process", "measure", "low", "high", *_PROVENANCE), ("process", "measure", "low", "high"))
        process, measure = row["process"], row["measure"]
        if not isinstance(process, str) or not _KEY.match(process):
            raise r.fail(where, tr("process must be a lower-case name, not {value!r}", value=process))
        if measure not in MEASURES:
            raise r.fail(where, tr("measure must be one of {known}, not {value!r}", known=", ".join(MEASURES),
                                   value=measure))
        where = f"[[value_retention]] {process} {measure}"
        low = r.number(row["low"], where, "low")
        high = r.number(row["high"], where, "high")
        if high > 1:
            raise r.fail(where, tr("high is a share from 0 to 1, not {value:g}", value=high))
        if high < low:
            raise r.fail(where, tr("high {high:g} is below low {low:g}", high=high, low=low))
        if (process, measure) in retention:
            raise r.fail(where, tr("appears twice"))
        retention[(process, measure)] = RetentionRange(process, measure, low, high, **r.provenance(row, where))

    models: dict[tuple[str, str], ModelOverride] = {}
    for i, row in enumerate(_array(r, data, "model")):
        where = f"[[model]] #{i + 1}"
        r.keys(row, where, ("manufacturer", "model", "category", *MODEL_FACTORS, *MODEL_SHARES, *_PROVENANCE),
               ("manufacturer", "model"))
        manufacturer = r.text(row["manufacturer"], where, "manufacturer")
        model = r.text(row["model"], where, "model")
        where = f"[[model]] {manufacturer} {model}"
        category = row.get("category")
        if category is not None and category not in known_categories:
            raise r.fail(where, tr("unknown category {key!r}", key=category))
        given = [k for k in MODEL_FACTORS if k in row]
        given_shares = [k for k in MODEL_SHARES if k in row]
        if not given and not given_shares:
            raise r.fail(where, tr("gives none of {keys}", keys=", ".join(MODEL_FACTORS + MODEL_SHARES)))
        prov = r.provenance(row, where, default_quality="manufacturer")
        factors = {k: Factor(r.number(row[k], where, k, positive=k == "weight_kg"), **prov) for k in given}
        model_shares = {k: Factor(r.number(row[k], where, k), **prov) for k in given_shares}
        for k, f in model_shares.items():
            if f.value > 1:
                raise r.fail(f"{where} {k}", tr("is a share from 0 to 1, not {value:g}", value=f.value))
        if "embodied_kgco2e" in factors and "embodied_kgco2e_high" in factors \
                and factors["embodied_kgco2e_high"].value < factors["embodied_kgco2e"].value:
            raise r.fail(f"{where} embodied_kgco2e_high", tr("the high value is below the declared value"))
        key = (_norm(manufacturer), _norm(model))
        if key in models:
            raise r.fail(where, tr("appears twice"))
        models[key] = ModelOverride(manufacturer, model, category, factors, model_shares)

    return FactorSet(
        name=r.text(head["name"], "[set]", "name"),
        version=r.text(version, "[set]", "version"),
        published=None if published is None else str(published),
        licence=r.text(head.get("licence"), "[set]", "licence", optional=True),
        notes=r.text(head.get("notes"), "[set]", "notes", optional=True),
        sha256=hashlib.sha256(raw).hexdigest(),
        path=path,
        default_bound=default_bound,
        categories=categories,
        grid_rows=grid,
        components=components,
        displacements=displacements,
        process_shares=process_shares,
        retention=retention,
        models=models,
        second_lives=second_lives,
    )


def _array(r: _Reader, data: dict, name: str) -> list:
    rows = data.get(name, [])
    if not isinstance(rows, list):
        raise r.fail(f"[[{name}]]", tr("must be an array of tables ([[{name}]])", name=name))
    return rows


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _sizes(rows: dict) -> str:
    return ", ".join(f"{s:g} GB" for s in sorted(rows))


@lru_cache(maxsize=1)
def _category_keys() -> frozenset[str]:
    with open(resource("categories.toml"), "rb") as fh:
        return frozenset(c["key"] for c in tomllib.load(fh)["category"])
