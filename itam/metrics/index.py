"""The composite evaluation index (DOMAIN.md §6, issue 5 item 3).

A specification is a tree of indicators::

    {"name": "IT circularity index",
     "weights": "global" | "local",          # default "global"
     "pairwise": [[1, 3], ["1/3", 1]],       # optional: AHP for the top-level indicators
     "indicators": [
        {"id": "use", "name": "Use", "weight": 0.6,
         "pairwise": [[1, 2], ["1/2", 1]],   # optional, instead of weights on the children
         "children": [
            {"id": "life", "name": "Life achieved", "benchmark": 1.0, "direction": "higher", "actual": 0.9},
            …]},
        …]}

Weights
    ``"weights": "global"`` (the default): a leaf's ``weight`` is its global weight; a group's weight is
    optional and, when absent, is the sum of its children's. ``"weights": "local"``: every weight is
    relative to its siblings and a leaf's global weight is the product of the local weights along its path.
    A group (or the specification itself, for the top level) may carry ``"pairwise"`` instead of weights
    on its children: AHP derives the children's local weights from the principal eigenvector of the
    matrix, and a consistency ratio CR ≥ 0.10 is refused.
    Every sibling set must sum to 1 (to its parent's weight, in global mode) within 1 % or the file is
    refused; off by more than 0.001 but within 1 % gives a warning and the weights are used as given (not
    rescaled). The leaf global weights together are held to the same rule.

Evaluation
    I = actual / benchmark where higher is better, benchmark / actual where lower is better; I is not
    capped at 1 (as published). score = global weight × I; P = Σ leaf scores. A group's score is the sum
    of its children's scores and its index is score / global weight. Grades: 1 "very high" P ≥ 0.9,
    2 "high" 0.8 ≤ P < 0.9, 3 "medium" 0.7 ≤ P < 0.8, 4 "low" 0.6 ≤ P < 0.7, 5 "very low" P < 0.6.
    P is graded after rounding to 9 decimals, so that float noise (0.3 + 0.6 = 0.8999999999999999) does
    not cost a grade.

Values that cannot be computed (decisions)
    * a benchmark must be a number > 0: a benchmark of 0 (or below) can never give an index, so the
      specification is refused with a message naming the indicator;
    * an actual must be a number ≥ 0; a missing (absent or null) actual or benchmark, or an actual of 0
      where lower is better (benchmark / 0), makes that indicator *not computable*: it is excluded, a
      warning says why, and P is the sum over the computed indicators only. ``coverage`` is the sum of
      the global weights that were computed (1.0 when everything was) and ``score_on_coverage`` is
      P / coverage for comparison; the grade is always that of P. If nothing at all can be computed the
      evaluation is refused. P is never NaN or infinite.

Every problem in the input is an :class:`itam.errors.ValidationError` with a message naming the
indicator or group.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itam.errors import ValidationError
from itam.messages import tr

#: Deepest indicator level accepted (top-level indicators are level 1).
MAX_DEPTH = 10
#: Most indicators accepted in one specification.
MAX_INDICATORS = 10_000
#: Largest specification file read, in bytes.
MAX_SPEC_BYTES = 5_000_000
#: A sibling set (or all leaf weights together) off by more than this is refused …
SUM_REFUSE = 0.01
#: … and off by more than this gives a warning.
SUM_WARN = 0.001
#: Relative tolerance of a_ji = 1 / a_ij and of the diagonal 1 in a pairwise matrix.
RECIPROCAL_TOLERANCE = 1e-6
#: AHP refuses a consistency ratio at or above this.
CR_LIMIT = 0.10
#: Saaty's random consistency index RI for n = 1 … 15.
RANDOM_INDEX = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59)
MAX_PAIRWISE = len(RANDOM_INDEX)
#: Pairwise entries must lie within 1/PAIRWISE_RANGE … PAIRWISE_RANGE (Saaty's scale is 1/9 … 9).
PAIRWISE_RANGE = 1e6

DIRECTIONS = ("higher", "lower")
WEIGHT_MODES = ("global", "local")
LANGUAGES = ("en", "zh_CN")

_EPS = 1e-9
_LABELS = {
    "en": ("very high", "high", "medium", "low", "very low"),
    "zh_CN": ("很高", "高", "中", "低", "很低"),
}
_LANGUAGE_ALIASES = {"en": "en", "en_us": "en", "en_gb": "en", "zh": "zh_CN", "zh_cn": "zh_CN", "zh-cn": "zh_CN",
                     "zh_hans": "zh_CN", "zh-hans": "zh_CN"}
_FRACTION = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(?:/\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*)?$")


# --------------------------------------------------------------------------------------------------------------
# Grades


def normalise_language(language: str | None) -> str:
    """``"en"`` or ``"zh_CN"`` (also accepts ``zh``, ``zh-CN``, ``en_US`` …)."""
    if language is None:
        return "en"
    key = str(language).strip().lower()
    if key in _LANGUAGE_ALIASES:
        return _LANGUAGE_ALIASES[key]
    raise ValidationError(tr("unknown language {language!r}: use one of {languages}", language=language,
                             languages=", ".join(LANGUAGES)))


def grade(p: float) -> int:
    """The grade 1 … 5 of a total P (1 is best), after rounding P to 9 decimals."""
    if isinstance(p, bool) or not isinstance(p, (int, float)) or not math.isfinite(p):
        raise ValidationError(tr("cannot grade P = {p!r}: it is not a finite number", p=p))
    q = round(float(p), 9)
    if q >= 0.9:
        return 1
    if q >= 0.8:
        return 2
    if q >= 0.7:
        return 3
    if q >= 0.6:
        return 4
    return 5


def grade_label(level: int, language: str = "en") -> str:
    """The name of a grade: 1 "very high" / 很高 … 5 "very low" / 很低."""
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
        raise ValidationError(tr("a grade is 1 to 5, not {level!r}", level=level))
    return _LABELS[normalise_language(language)][level - 1]


# --------------------------------------------------------------------------------------------------------------
# Numbers


def _show(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(value: Any, what: str, *, fractions: bool = False) -> float:
    """A finite float from a JSON number (or, with ``fractions``, a string such as "1/3" or "0.5")."""
    if isinstance(value, bool) or value is None:
        raise ValidationError(tr("{what} must be a number, not {value}", what=what, value=_show(value)))
    if isinstance(value, int):
        try:
            number = float(value)
        except OverflowError:
            raise ValidationError(tr("{what} is too large: {value}", what=what, value=_show(value))) from None
    elif isinstance(value, float):
        number = value
    elif fractions and isinstance(value, str):
        match = _FRACTION.match(value) if len(value) <= 100 else None
        if not match:
            raise ValidationError(tr("{what} must be a number or a fraction such as \"1/3\", not {value}", what=what,
                                     value=_show(value)))
        try:
            number = float(match.group(1))
            if match.group(2) is not None:
                denominator = float(match.group(2))
                if denominator == 0:
                    raise ValidationError(tr("{what} divides by zero: {value}", what=what, value=_show(value)))
                number /= denominator
        except (OverflowError, ZeroDivisionError):
            raise ValidationError(tr("{what} is not a usable number: {value}", what=what, value=_show(value))) from None
    else:
        raise ValidationError(
            tr("{what} must be a fraction string or a number, not {value}", what=what, value=_show(value)) if fractions
            else tr("{what} must be a number, not {value}", what=what, value=_show(value)))
    if not math.isfinite(number):
        raise ValidationError(tr("{what} must be a finite number, not {value}", what=what, value=_show(value)))
    return number


# --------------------------------------------------------------------------------------------------------------
# AHP


@dataclass(frozen=True)
class Consistency:
    """AHP weights of one pairwise comparison matrix and its consistency.

    ``weights`` is the normalised principal eigenvector, ``lambda_max`` its eigenvalue,
    CI = (λmax − n) / (n − 1), RI Saaty's random index for n and CR = CI / RI (0 for n ≤ 2, which are
    always consistent).
    """

    group: str
    n: int
    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    ri: float
    cr: float

    def to_json(self) -> dict[str, Any]:
        return {"group": self.group, "n": self.n, "weights": list(self.weights), "lambda_max": self.lambda_max,
                "ci": self.ci, "ri": self.ri, "cr": self.cr}


def parse_pairwise(matrix: Any, group: str | None = None) -> list[list[float]]:
    """Check and convert a pairwise comparison matrix: square, 1 ≤ n ≤ 15, positive, reciprocal, diagonal 1."""
    where = tr("the pairwise matrix of {group}", group=tr("the matrix") if group is None else group)
    if not isinstance(matrix, (list, tuple)) or not matrix:
        raise ValidationError(tr("{where} must be a non-empty list of rows, not {value}", where=where,
                                 value=_show(matrix)))
    n = len(matrix)
    if n > MAX_PAIRWISE:
        raise ValidationError(tr("{where} has {n} rows: AHP here compares at most {limit} items "
                                 "(Saaty's random index is tabulated up to 15); group them further",
                                 where=where, n=n, limit=MAX_PAIRWISE))
    rows: list[list[float]] = []
    for i, row in enumerate(matrix, 1):
        if not isinstance(row, (list, tuple)):
            raise ValidationError(tr("{where}: row {i} must be a list, not {value}", where=where, i=i, value=_show(row)))
        if len(row) != n:
            raise ValidationError(tr("{where} is not square: it has {n} rows but row {i} has {entries} entries",
                                     where=where, n=n, i=i, entries=len(row)))
        values = []
        for j, cell in enumerate(row, 1):
            value = _number(cell, tr("{where}: entry ({i}, {j})", where=where, i=i, j=j), fractions=True)
            if value <= 0:
                raise ValidationError(tr("{where}: entry ({i}, {j}) is {value}; every entry must be positive",
                                         where=where, i=i, j=j, value=_show(cell)))
            if not 1 / PAIRWISE_RANGE <= value <= PAIRWISE_RANGE:
                raise ValidationError(tr("{where}: entry ({i}, {j}) = {value:g} is outside 1/{limit:g} … "
                                         "{limit:g} (Saaty's scale runs from 1/9 to 9)",
                                         where=where, i=i, j=j, value=value, limit=PAIRWISE_RANGE))
            values.append(value)
        rows.append(values)
    for i in range(n):
        if abs(rows[i][i] - 1.0) > RECIPROCAL_TOLERANCE:
            raise ValidationError(tr("{where}: the diagonal entry ({i}, {i}) must be 1, not {value:g}",
                                     where=where, i=i + 1, value=rows[i][i]))
        for j in range(i + 1, n):
            if abs(rows[i][j] * rows[j][i] - 1.0) > RECIPROCAL_TOLERANCE:
                raise ValidationError(tr(
                    "{where} is not reciprocal: entry ({row}, {column}) = {value:.6g} should be "
                    "1/{mirror:.6g} = {expected:.6g} (write fractions as strings such as \"1/3\")",
                    where=where, row=j + 1, column=i + 1, value=rows[j][i], mirror=rows[i][j],
                    expected=1 / rows[i][j],
                ))
    return rows


def _matvec(a: list[list[float]], w: list[float]) -> list[float]:
    return [math.fsum(x * y for x, y in zip(row, w)) for row in a]


def _principal_eigenvector(a: list[list[float]]) -> list[float]:
    """The Perron vector of a positive matrix, normalised to sum 1 (no numpy needed for n ≤ 15).

    Repeated squaring of the (rescaled) matrix converges to the rank-one limit quickly even when the
    eigenvalue gap is small; a few plain power iterations then polish the vector against the original.
    """
    n = len(a)
    if n == 1:
        return [1.0]

    def normalised(v: list[float]) -> list[float]:
        s = math.fsum(v)
        return [x / s for x in v]

    top = max(max(row) for row in a)
    b = [[x / top for x in row] for row in a]
    w = normalised([math.fsum(row) for row in b])
    for _ in range(64):
        b = [[math.fsum(b[i][k] * b[k][j] for k in range(n)) for j in range(n)] for i in range(n)]
        top = max(max(row) for row in b)
        b = [[x / top for x in row] for row in b]
        new = normalised([math.fsum(row) for row in b])
        done = max(abs(x - y) for x, y in zip(new, w)) < 1e-15
        w = new
        if done:
            break
    for _ in range(200):
        new = normalised(_matvec(a, w))
        done = max(abs(x - y) for x, y in zip(new, w)) < 1e-16
        w = new
        if done:
            break
    return w


def ahp(matrix: Any, group: str | None = None, *, refuse_inconsistent: bool = True) -> Consistency:
    """AHP weights and consistency of a pairwise comparison matrix; refuses CR ≥ 0.10 unless told not to."""
    if group is None:
        group = tr("the matrix")
    a = parse_pairwise(matrix, group)
    n = len(a)
    w = _principal_eigenvector(a)
    lambda_max = math.fsum(_matvec(a, w)) if n > 1 else 1.0
    if not (math.isfinite(lambda_max) and all(math.isfinite(x) and x >= 0 for x in w)):  # pragma: no cover - guard
        raise ValidationError(tr("the pairwise matrix of {group} cannot be solved: its values are too extreme",
                                 group=group))
    ci = max(0.0, (lambda_max - n) / (n - 1)) if n > 1 else 0.0
    ri = RANDOM_INDEX[n - 1]
    cr = ci / ri if ri > 0 else 0.0
    result = Consistency(group=group, n=n, weights=tuple(w), lambda_max=lambda_max, ci=ci, ri=ri, cr=cr)
    if refuse_inconsistent and cr >= CR_LIMIT:
        raise ValidationError(tr(
            "the pairwise matrix of {group} is too inconsistent: CR = {cr:.4f} (CI = {ci:.4f}, "
            "λmax = {lambda_max:.4f}, n = {n}, RI = {ri:.2f}); AHP accepts CR < {limit:.2f}: revise the comparisons",
            group=group, cr=cr, ci=ci, lambda_max=lambda_max, n=n, ri=ri, limit=CR_LIMIT,
        ))
    return result


# --------------------------------------------------------------------------------------------------------------
# Specification


@dataclass(frozen=True)
class Indicator:
    """One node of the indicator tree, with its weights resolved.

    ``weight`` is the weight as written in the file (None when AHP derived it or a global-mode group left
    it out); ``local_weight`` is relative to the siblings and ``global_weight`` the product along the path.
    A group carries ``consistency`` when its children's weights come from a pairwise matrix.
    """

    id: str
    name: str
    weight: float | None
    benchmark: float | None
    direction: str | None
    actual: float | None
    children: tuple[Indicator, ...] = ()
    local_weight: float = 0.0
    global_weight: float = 0.0
    note: str | None = None
    name_zh_CN: str | None = None
    consistency: Consistency | None = None

    @property
    def is_group(self) -> bool:
        return bool(self.children)

    def walk(self) -> Iterator[Indicator]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class IndexSpec:
    """A parsed specification: its indicators with resolved weights, and warnings found while parsing."""

    name: str
    weights: str
    indicators: tuple[Indicator, ...]
    warnings: tuple[str, ...] = ()
    consistency: Consistency | None = None  # of the top-level pairwise matrix, when there is one
    version: str | None = None
    description: str | None = None
    source: str | None = None

    def walk(self) -> Iterator[Indicator]:
        """Every indicator, depth first."""
        for indicator in self.indicators:
            yield from indicator.walk()

    def leaves(self) -> list[Indicator]:
        return [i for i in self.walk() if not i.is_group]

    def find(self, indicator_id: str) -> Indicator:
        for indicator in self.walk():
            if indicator.id == indicator_id:
                return indicator
        raise ValidationError(tr("{name!r} has no indicator {indicator!r}", name=self.name, indicator=indicator_id))


@dataclass
class _Raw:
    id: str
    name: str
    weight: float | None
    benchmark: float | None
    direction: str | None
    actual: float | None
    note: str | None
    name_zh_CN: str | None
    pairwise: Any
    children: list[_Raw]


class _Parser:
    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.count = 0
        self.warnings: list[str] = []

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def text(self, value: Any, what: str, *, required: bool = False, limit: int = 2000) -> str | None:
        if value is None:
            if required:
                raise ValidationError(tr("{what} is missing", what=what))
            return None
        if not isinstance(value, str):
            raise ValidationError(tr("{what} must be text, not {value}", what=what, value=_show(value)))
        value = value.strip()
        if required and not value:
            raise ValidationError(tr("{what} is empty", what=what))
        if len(value) > limit:
            raise ValidationError(tr("{what} is longer than {limit} characters", what=what, limit=limit))
        return value or None

    def node(self, data: Any, depth: int, where: str) -> _Raw:
        if depth > MAX_DEPTH:
            raise ValidationError(tr("{where} is nested more than {limit} levels deep", where=where, limit=MAX_DEPTH))
        if not isinstance(data, Mapping):
            raise ValidationError(tr("{where} must be an object with \"id\", \"name\" … not {value}", where=where,
                                     value=_show(data)))
        self.count += 1
        if self.count > MAX_INDICATORS:
            raise ValidationError(tr("the specification has more than {limit} indicators", limit=MAX_INDICATORS))
        indicator_id = self.text(data.get("id"), tr("the id of {where}", where=where), required=True, limit=200)
        if indicator_id in self.seen:
            raise ValidationError(tr("indicator id {id!r} is used more than once; ids must be unique", id=indicator_id))
        self.seen.add(indicator_id)
        label = tr("indicator {id!r}", id=indicator_id)
        name = self.text(data.get("name"), tr("the name of {label}", label=label), limit=500) or indicator_id
        name_zh = self.text(data.get("name_zh_CN"), tr("the name_zh_CN of {label}", label=label), limit=500)
        note = self.text(data.get("note"), tr("the note of {label}", label=label), limit=5000)
        weight = None
        if data.get("weight") is not None:
            weight = _number(data["weight"], tr("the weight of {label}", label=label))
            if weight < 0:
                raise ValidationError(tr("the weight of {label} is negative ({weight:g}); weights must be ≥ 0",
                                         label=label, weight=weight))
        children_data = data.get("children")
        if children_data is None:
            children_data = []
        if not isinstance(children_data, (list, tuple)):
            raise ValidationError(tr("the children of {label} must be a list, not {value}", label=label,
                                     value=_show(children_data)))
        children = [self.node(c, depth + 1, tr("child {k} of {label}", k=k, label=label))
                    for k, c in enumerate(children_data, 1)]
        pairwise = data.get("pairwise")
        benchmark = actual = direction = None
        if children:
            ignored = [key for key in ("benchmark", "actual", "direction") if data.get(key) is not None]
            if ignored:
                keys = ", ".join(ignored)
                self.warn(tr("{label} is a group: its {keys} is ignored (a group's index comes from its children)",
                             label=label, keys=keys) if len(ignored) == 1 else
                          tr("{label} is a group: its {keys} are ignored (a group's index comes from its children)",
                             label=label, keys=keys))
        else:
            if pairwise is not None:
                raise ValidationError(tr("{label} has a pairwise matrix but no children to weigh", label=label))
            raw_direction = data.get("direction")
            if raw_direction is None:
                raise ValidationError(tr("{label} has no direction: give \"higher\" or \"lower\" (which is better)",
                                         label=label))
            if not isinstance(raw_direction, str) or raw_direction.strip().lower() not in DIRECTIONS:
                raise ValidationError(tr("{label} has an unknown direction {value}: "
                                         "use \"higher\" or \"lower\" (which is better)",
                                         label=label, value=_show(raw_direction)))
            direction = raw_direction.strip().lower()
            if data.get("benchmark") is not None:
                benchmark = _number(data["benchmark"], tr("the benchmark of {label}", label=label))
                if benchmark <= 0:
                    raise ValidationError(tr(
                        "the benchmark of {label} is {benchmark:g}: it must be greater than 0, since the index "
                        "divides by it (or into it) and a benchmark of {benchmark:g} can never give a meaningful index",
                        label=label, benchmark=benchmark,
                    ))
            if data.get("actual") is not None:
                actual = _number(data["actual"], tr("the actual value of {label}", label=label))
                if actual < 0:
                    raise ValidationError(tr("the actual value of {label} is negative ({actual:g}); "
                                             "the index needs values ≥ 0", label=label, actual=actual))
        return _Raw(indicator_id, name, weight, benchmark, direction, actual, note, name_zh, pairwise, children)


def _declared_global(raw: _Raw) -> float:
    """Global mode: a node's global weight as the file declares it (its weight, or the sum of its children's)."""
    if raw.weight is not None:
        return raw.weight
    if not raw.children:
        raise ValidationError(tr("indicator {id!r} has no weight", id=raw.id))
    if raw.pairwise is not None:
        raise ValidationError(tr("group {id!r} needs a weight: its children's weights come from its pairwise "
                                 "matrix, so they cannot add up to one", id=raw.id))
    return math.fsum(_declared_global(c) for c in raw.children)


def _check_sum(total: float, target: float, what: str, parser: _Parser) -> None:
    if target > 0:
        off = abs(total - target) / target
    else:
        off = abs(total - target)
    if off > SUM_REFUSE + _EPS:
        raise ValidationError(tr("{what} sum to {total:.6g}, not {target:.6g} (off by {off:.2%}, more than the "
                                 "{limit:.0%} allowed)", what=what, total=total, target=target, off=off,
                                 limit=SUM_REFUSE))
    if off > SUM_WARN + _EPS:
        parser.warn(tr("{what} sum to {total:.6g}, not {target:.6g} (off by {off:.2%}); "
                       "they are used as given, not rescaled", what=what, total=total, target=target, off=off))


def _resolve(siblings: list[_Raw], parent_global: float, pairwise: Any, group: str, mode: str,
             parser: _Parser, *, top: bool = False) -> tuple[list[Indicator], Consistency | None]:
    consistency = None
    if pairwise is not None:
        weighted = [c.id for c in siblings if c.weight is not None]
        if weighted:
            raise ValidationError(tr("{group} has a pairwise matrix and weights on its children ({ids}): "
                                     "give one or the other", group=group, ids=", ".join(weighted)))
        consistency = ahp(pairwise, group)
        if consistency.n != len(siblings):
            raise ValidationError(tr("the pairwise matrix of {group} is {n}×{n} but {group} has {count} indicators "
                                     "to weigh", group=group, n=consistency.n, count=len(siblings)))
        local = list(consistency.weights)
        global_ = [parent_global * w for w in local]
    elif mode == "local":
        for c in siblings:
            if c.weight is None:
                raise ValidationError(tr("indicator {id!r} has no weight", id=c.id))
        local = [c.weight for c in siblings]  # type: ignore[misc]
        what = tr("the top-level weights") if top else tr("the local weights under {group}", group=group)
        _check_sum(math.fsum(local), 1.0, what, parser)
        global_ = [parent_global * w for w in local]
    else:
        global_ = [_declared_global(c) for c in siblings]
        what = tr("the top-level weights") if top else tr("the weights under {group}", group=group)
        _check_sum(math.fsum(global_), parent_global, what, parser)
        local = [g / parent_global if parent_global > 0 else 0.0 for g in global_]

    built = []
    for raw, lw, gw in zip(siblings, local, global_):
        children: list[Indicator] = []
        child_consistency = None
        if raw.children:
            children, child_consistency = _resolve(raw.children, gw, raw.pairwise, tr("group {id!r}", id=raw.id),
                                                   mode, parser)
        built.append(Indicator(
            id=raw.id, name=raw.name, weight=raw.weight, benchmark=raw.benchmark, direction=raw.direction,
            actual=raw.actual, children=tuple(children), local_weight=lw, global_weight=gw, note=raw.note,
            name_zh_CN=raw.name_zh_CN, consistency=child_consistency,
        ))
    return built, consistency


def parse_spec(data: Any, *, source: str | None = None) -> IndexSpec:
    """Check a specification (the decoded JSON object) and resolve its weights."""
    if not isinstance(data, Mapping):
        raise ValidationError(tr("an index specification must be a JSON object with \"name\" and \"indicators\", "
                                 "not {value}", value=_show(data)))
    parser = _Parser()
    name = parser.text(data.get("name"), tr("the specification's name"), limit=500) or "composite index"
    mode = data.get("weights", "global")
    if mode is None:
        mode = "global"
    if not isinstance(mode, str) or mode.strip().lower() not in WEIGHT_MODES:
        raise ValidationError(tr("\"weights\" must be \"global\" or \"local\", not {value}", value=_show(mode)))
    mode = mode.strip().lower()
    version = data.get("version")
    if version is not None:
        if isinstance(version, bool) or not isinstance(version, (str, int, float)):
            raise ValidationError(tr("the specification's version must be text or a number, not {value}",
                                     value=_show(version)))
        version = str(version)[:100]
    description = parser.text(data.get("description"), tr("the specification's description"), limit=10000)
    indicators = data.get("indicators")
    if not isinstance(indicators, (list, tuple)) or not indicators:
        raise ValidationError(tr("the specification needs \"indicators\": a non-empty list of indicators"))
    raws = [parser.node(item, 1, tr("top-level indicator {k}", k=k)) for k, item in enumerate(indicators, 1)]
    roots, consistency = _resolve(raws, 1.0, data.get("pairwise"), tr("the top level"), mode, parser, top=True)
    leaves = [i for root in roots for i in root.walk() if not i.is_group]
    total = math.fsum(i.global_weight for i in leaves)
    before = len(parser.warnings)
    off = abs(total - 1.0)
    if off > SUM_REFUSE + _EPS:
        raise ValidationError(tr("the global weights of the leaf indicators sum to {total:.6g}, not 1 "
                                 "(off by {off:.2%}, more than the {limit:.0%} allowed)", total=total, off=off,
                                 limit=SUM_REFUSE))
    if off > SUM_WARN + _EPS and before == 0:
        parser.warn(tr("the global weights of the leaf indicators sum to {total:.6g}, not 1 (off by {off:.2%}); "
                       "they are used as given, not rescaled", total=total, off=off))
    return IndexSpec(name=name, weights=mode, indicators=tuple(roots), warnings=tuple(parser.warnings),
                     consistency=consistency, version=version, description=description, source=source)


def _reject_constant(name: str) -> Any:
    raise ValidationError(tr("the specification contains {name}, which is not a number JSON allows", name=name))


def parse_spec_text(text: str | bytes, *, source: str | None = None) -> IndexSpec:
    """Decode JSON text and check it as a specification."""
    where = source or tr("the specification")
    limit = MAX_SPEC_BYTES // 1_000_000
    if isinstance(text, bytes):
        if len(text) > MAX_SPEC_BYTES:
            raise ValidationError(tr("{where} is larger than {limit} MB", where=where, limit=limit))
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(tr("{where} is not UTF-8 text: {reason} at byte {byte}", where=where,
                                     reason=exc.reason, byte=exc.start)) from None
    if len(text) > MAX_SPEC_BYTES:
        raise ValidationError(tr("{where} is larger than {limit} MB", where=where, limit=limit))
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ValidationError(tr("{where} is not valid JSON: {error} (line {line}, column {column})", where=where,
                                 error=exc.msg, line=exc.lineno, column=exc.colno)) from None
    except RecursionError:
        raise ValidationError(tr("{where} is nested too deeply", where=where)) from None
    except ValueError as exc:  # e.g. an integer with too many digits
        raise ValidationError(tr("{where} cannot be read: {error}", where=where, error=str(exc))) from None
    return parse_spec(data, source=source)


def load_spec(path: str | Path) -> IndexSpec:
    """Read and check a specification file (UTF-8 JSON, at most 5 MB)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SPEC_BYTES:
            raise ValidationError(tr("{path} is {size:.1f} MB; a specification may be at most {limit} MB",
                                     path=str(path), size=size / 1_000_000, limit=MAX_SPEC_BYTES // 1_000_000))
        with path.open("rb") as handle:
            raw = handle.read(MAX_SPEC_BYTES + 1)
    except FileNotFoundError:
        raise ValidationError(tr("no such specification file: {path}", path=str(path))) from None
    except IsADirectoryError:
        raise ValidationError(tr("{path} is a directory, not a specification file", path=str(path))) from None
    except OSError as exc:
        raise ValidationError(tr("cannot read {path}: {error}", path=str(path), error=str(exc.strerror or exc))) from None
    except ValueError as exc:  # e.g. a NUL byte in the name
        raise ValidationError(tr("cannot read {path}: {error}", path=_show(str(path)), error=str(exc))) from None
    return parse_spec_text(raw, source=str(path))


def default_spec_path() -> Path:
    """The shipped IT circularity indicator set (``resources/metrics/it_circularity_index.json``)."""
    from itam.paths import resource

    return resource("metrics", "it_circularity_index.json")


def load_default_spec() -> IndexSpec:
    return load_spec(default_spec_path())


# --------------------------------------------------------------------------------------------------------------
# Evaluation


@dataclass(frozen=True)
class IndicatorResult:
    """One evaluated indicator. ``index`` and ``score`` are None when it could not be computed (``reason``)."""

    id: str
    name: str
    parent: str | None
    depth: int
    is_group: bool
    weight: float | None
    local_weight: float
    global_weight: float
    direction: str | None
    benchmark: float | None
    actual: float | None
    index: float | None
    score: float | None
    coverage: float
    reason: str | None = None
    note: str | None = None
    name_zh_CN: str | None = None
    consistency: Consistency | None = None
    children: tuple[IndicatorResult, ...] = ()

    def display_name(self, language: str = "en") -> str:
        if normalise_language(language) == "zh_CN" and self.name_zh_CN:
            return self.name_zh_CN
        return self.name

    def walk(self) -> Iterator[IndicatorResult]:
        yield self
        for child in self.children:
            yield from child.walk()

    def to_json(self, *, nested: bool, language: str = "en") -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id, "name": self.display_name(language), "parent": self.parent, "depth": self.depth,
            "group": self.is_group, "index": self.index, "score": self.score, "weight": self.local_weight,
            "weight_given": self.weight, "global_weight": self.global_weight, "direction": self.direction,
            "benchmark": self.benchmark, "actual": self.actual, "computed": self.score is not None,
            "coverage": self.coverage, "reason": self.reason, "note": self.note,
        }
        if self.consistency is not None:
            data["consistency"] = self.consistency.to_json()
        if nested:
            data["children"] = [c.to_json(nested=True, language=language) for c in self.children]
        return data


@dataclass(frozen=True)
class IndexResult:
    """P, its grade and every indicator's index and score."""

    name: str
    score: float
    grade: int
    coverage: float
    warnings: tuple[str, ...]
    indicators: tuple[IndicatorResult, ...]
    weights: str = "global"
    consistency: tuple[Consistency, ...] = ()
    version: str | None = None
    source: str | None = None

    @property
    def p(self) -> float:
        return self.score

    @property
    def score_on_coverage(self) -> float | None:
        """P / coverage: what P would be if the missing indicators scored like the computed ones."""
        return self.score / self.coverage if self.coverage > 0 else None

    def label(self, language: str = "en") -> str:
        return grade_label(self.grade, language)

    def flat(self) -> list[IndicatorResult]:
        """Every indicator, depth first."""
        return [r for root in self.indicators for r in root.walk()]

    def leaves(self) -> list[IndicatorResult]:
        return [r for r in self.flat() if not r.is_group]

    def get(self, indicator_id: str) -> IndicatorResult:
        for r in self.flat():
            if r.id == indicator_id:
                return r
        raise ValidationError(tr("{name!r} has no indicator {indicator!r}", name=self.name, indicator=indicator_id))

    def to_json(self, language: str = "en") -> dict[str, Any]:
        """``{"name", "score": P, "grade", "label", "coverage", "warnings", "indicators": [flat, depth first,
        each with "parent"], "tree": [nested]}`` plus the weights mode, consistency of every AHP matrix,
        source and version."""
        language = normalise_language(language)
        return {
            "name": self.name,
            "version": self.version,
            "source": self.source,
            "score": self.score,
            "grade": self.grade,
            "label": self.label(language),
            "language": language,
            "labels": {lang: self.label(lang) for lang in LANGUAGES},
            "coverage": self.coverage,
            "score_on_coverage": self.score_on_coverage,
            "weights": self.weights,
            "warnings": list(self.warnings),
            "consistency": [c.to_json() for c in self.consistency],
            "indicators": [r.to_json(nested=False, language=language) for r in self.flat()],
            "tree": [r.to_json(nested=True, language=language) for r in self.indicators],
        }


def _as_spec(spec: IndexSpec | Mapping | str | Path) -> IndexSpec:
    if isinstance(spec, IndexSpec):
        return spec
    if isinstance(spec, (str, Path)):
        return load_spec(spec)
    return parse_spec(spec)  # refuses anything but a mapping


def _check_actuals(spec: IndexSpec, actuals: Mapping[str, Any] | None) -> dict[str, float | None]:
    if actuals is None:
        return {}
    if not isinstance(actuals, Mapping):
        raise ValidationError(tr("actual values must be given as a mapping of indicator id to value, not {value}",
                                 value=_show(actuals)))
    leaves = {i.id: i for i in spec.leaves()}
    groups = {i.id for i in spec.walk() if i.is_group}
    checked: dict[str, float | None] = {}
    for key, value in actuals.items():
        if key in groups:
            raise ValidationError(tr("{id!r} is a group: its value comes from its children, give theirs", id=key))
        if key not in leaves:
            raise ValidationError(tr("{name!r} has no indicator {indicator}", name=spec.name, indicator=_show(key)))
        if value is None:
            checked[key] = None
            continue
        label = tr("indicator {id!r}", id=key)
        number = _number(value, tr("the actual value of {label}", label=label))
        if number < 0:
            raise ValidationError(tr("the actual value of {label} is negative ({actual:g}); "
                                     "the index needs values ≥ 0", label=label, actual=number))
        checked[key] = number
    return checked


def evaluate(spec: IndexSpec | Mapping | str | Path, actuals: Mapping[str, Any] | None = None) -> IndexResult:
    """Evaluate a specification (parsed, a dict, or a file path).

    ``actuals`` maps leaf ids to actual values and overrides those in the file (how the shipped indicator
    set, which has no actuals, is computed from the inventory); None as a value means "not available".
    """
    spec = _as_spec(spec)
    overrides = _check_actuals(spec, actuals)
    warnings = list(spec.warnings)
    skipped: list[str] = []
    consistency: list[Consistency] = [spec.consistency] if spec.consistency else []

    def leaf(ind: Indicator, parent: str | None, depth: int) -> IndicatorResult:
        actual = overrides.get(ind.id, ind.actual)
        index = None
        reason = None
        if actual is None and ind.benchmark is None:
            reason = tr("no actual value and no benchmark")
        elif actual is None:
            reason = tr("no actual value")
        elif ind.benchmark is None:
            reason = tr("no benchmark")
        elif ind.direction == "higher":
            index = actual / ind.benchmark
        elif actual == 0:
            reason = tr("the actual value is 0 where lower is better: the index benchmark / actual divides by zero")
        else:
            index = ind.benchmark / actual
        score = None
        if index is not None:
            score = ind.global_weight * index
            if not (math.isfinite(index) and math.isfinite(score)):
                index = score = None
                reason = tr("the index overflows (actual and benchmark are too far apart)")
        if reason is not None:
            skipped.append(ind.id)
            warnings.append(tr("indicator {id!r} ({name}) is not computed: {reason}; it is left out of P "
                               "(global weight {weight:.4g})", id=ind.id, name=ind.name, reason=reason,
                               weight=ind.global_weight))
        return IndicatorResult(
            id=ind.id, name=ind.name, parent=parent, depth=depth, is_group=False, weight=ind.weight,
            local_weight=ind.local_weight, global_weight=ind.global_weight, direction=ind.direction,
            benchmark=ind.benchmark, actual=actual, index=index, score=score,
            coverage=ind.global_weight if score is not None else 0.0, reason=reason, note=ind.note,
            name_zh_CN=ind.name_zh_CN,
        )

    def node(ind: Indicator, parent: str | None, depth: int) -> IndicatorResult:
        if not ind.is_group:
            return leaf(ind, parent, depth)
        if ind.consistency is not None:
            consistency.append(ind.consistency)
        children = tuple(node(c, ind.id, depth + 1) for c in ind.children)
        computed = [c.score for c in children if c.score is not None]
        score = math.fsum(computed) if computed else None
        index = None
        reason = None
        if score is None:
            reason = tr("none of its indicators could be computed")
        elif not math.isfinite(score):
            score, reason = None, tr("its score overflows")
        elif ind.global_weight > 0:
            index = score / ind.global_weight
        else:
            reason = tr("its weight is 0, so it has no index")
        return IndicatorResult(
            id=ind.id, name=ind.name, parent=parent, depth=depth, is_group=True, weight=ind.weight,
            local_weight=ind.local_weight, global_weight=ind.global_weight, direction=None, benchmark=None,
            actual=None, index=index, score=score, coverage=math.fsum(c.coverage for c in children),
            reason=reason, note=ind.note, name_zh_CN=ind.name_zh_CN, consistency=ind.consistency, children=children,
        )

    roots = tuple(node(i, None, 1) for i in spec.indicators)
    leaves = [r for root in roots for r in root.walk() if not r.is_group]
    scored = [r for r in leaves if r.score is not None]
    if not scored:
        raise ValidationError(tr("nothing to compute in {name!r}: no indicator has both an actual value and a "
                                 "usable benchmark", name=spec.name))
    p = math.fsum(r.score for r in scored)  # type: ignore[misc]
    if not math.isfinite(p):
        raise ValidationError(tr("the scores of {name!r} overflow: actual values and benchmarks are too far apart",
                                 name=spec.name))
    coverage = math.fsum(r.global_weight for r in scored)
    total = math.fsum(r.global_weight for r in leaves)
    if skipped:
        ids = ", ".join(skipped[:10]) + (" …" if len(skipped) > 10 else "")
        if coverage > 0:
            warnings.append(tr(
                "P = {p:.4f} is based on the remaining weight only: {skipped} of {leaves} indicators ({ids}) could "
                "not be computed, so P covers {coverage:.4g} of {total:.4g} of the weight; P / coverage = {ratio:.4f}",
                p=p, skipped=len(skipped), leaves=len(leaves), ids=ids, coverage=coverage, total=total,
                ratio=p / coverage))
        else:
            warnings.append(tr(
                "P = {p:.4f} is based on the remaining weight only: {skipped} of {leaves} indicators ({ids}) could "
                "not be computed, so P covers {coverage:.4g} of {total:.4g} of the weight",
                p=p, skipped=len(skipped), leaves=len(leaves), ids=ids, coverage=coverage, total=total))
    return IndexResult(name=spec.name, score=p, grade=grade(p), coverage=coverage, warnings=tuple(warnings),
                       indicators=roots, weights=spec.weights, consistency=tuple(consistency),
                       version=spec.version, source=spec.source)


__all__ = [
    "CR_LIMIT", "DIRECTIONS", "LANGUAGES", "MAX_DEPTH", "MAX_INDICATORS", "MAX_PAIRWISE", "MAX_SPEC_BYTES",
    "PAIRWISE_RANGE",
    "RANDOM_INDEX", "SUM_REFUSE", "SUM_WARN", "Consistency", "IndexResult", "IndexSpec", "Indicator",
    "IndicatorResult", "ahp", "default_spec_path", "evaluate", "grade", "grade_label", "load_default_spec",
    "load_spec", "normalise_language", "parse_pairwise", "parse_spec", "parse_spec_text",
]
