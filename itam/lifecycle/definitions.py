"""Stages, statuses and transitions loaded from resources/lifecycle.toml and checked for sense."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from itam.errors import ConfigurationError
from itam.messages import join, tr
from itam.paths import resource

CUSTODY_KINDS = ("internal", "transit", "external")
REQUIREMENTS = ("reason", "party", "assignee", "location")
#: What a move means for the circularity metrics (resources/lifecycle.toml explains each).
#: Pathways by which an asset leaves service (waste arising).
LEAVES_SERVICE = ("retire", "lost", "missing")
PATHWAYS = ("retire", "lost", "missing", "life_extension", "redeploy", "remarket", "donate", "refurbish",
            "harvest", "recycle", "destroy")


@dataclass(frozen=True)
class Stage:
    number: int
    key: str
    name: str
    name_zh: str
    lever: str
    lever_name: str
    lever_name_zh: str


@dataclass(frozen=True)
class Status:
    key: str
    name: str
    name_zh: str
    custody: str
    stage: int | None = None
    terminal: bool = False
    in_use: bool = False
    initial: bool = False


@dataclass(frozen=True)
class Transition:
    key: str
    name: str
    name_zh: str
    sources: tuple[str, ...]
    target: str
    lever: str | None = None
    requires: tuple[str, ...] = ()
    guards: tuple[str, ...] = ()
    flag: str | None = None
    pathway: str | None = None


@dataclass(frozen=True)
class Lifecycle:
    stages: tuple[Stage, ...]
    statuses: dict[str, Status]
    transitions: dict[str, Transition]
    _by_pair: dict[tuple[str, str], Transition] = field(default_factory=dict, repr=False)

    @property
    def initial_status(self) -> Status:
        return next(s for s in self.statuses.values() if s.initial)

    def stage(self, number: int) -> Stage:
        for s in self.stages:
            if s.number == number:
                return s
        raise KeyError(number)

    def lever_keys(self) -> list[str]:
        """Levers best-first (stage 6 down to 1)."""
        return [s.lever for s in sorted(self.stages, key=lambda s: -s.number)]

    def stage_of_lever(self, lever: str) -> Stage:
        return next(s for s in self.stages if s.lever == lever)

    def allowed_from(self, status: str) -> list[Transition]:
        if self.statuses[status].terminal:
            return []
        return [t for t in self.transitions.values() if status in t.sources]

    def find(self, source: str, target: str) -> Transition | None:
        return self._by_pair.get((source, target))

    def in_service(self, status: str) -> bool:
        """In the organisation's hands at a use or deployment stage (in stock, deployed, in repair …)."""
        st = self.statuses.get(status)
        return st is not None and st.custody == "internal" and st.stage is not None and st.stage >= 5

    def in_service_statuses(self) -> tuple[str, ...]:
        return tuple(k for k in self.statuses if self.in_service(k))


def _load(path: Path, guard_names: frozenset[str]) -> Lifecycle:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(tr("Cannot read the lifecycle definition {path}: {error}", path=str(path),
                                    error=str(exc))) from exc
    problems: list[str] = []
    try:
        stages = tuple(Stage(**s) for s in data.get("stage", []))
        statuses = {}
        for raw in data.get("status", []):
            st = Status(**raw)
            statuses[st.key] = st
        transitions = {}
        for raw in data.get("transition", []):
            raw = dict(raw)
            raw["sources"] = tuple(raw.pop("from"))
            raw["target"] = raw.pop("to")
            raw["requires"] = tuple(raw.get("requires", ()))
            raw["guards"] = tuple(raw.get("guards", ()))
            t = Transition(**raw)
            transitions[t.key] = t
    except (TypeError, KeyError) as exc:
        raise ConfigurationError(tr("{path}: malformed entry ({error})", path=str(path), error=str(exc))) from exc

    numbers = sorted(s.number for s in stages)
    if numbers != [1, 2, 3, 4, 5, 6]:
        problems.append(tr("stages must be numbered 1 to 6, found {numbers}", numbers=str(numbers)))
    levers = {s.lever for s in stages}
    if sum(1 for s in statuses.values() if s.initial) != 1:
        problems.append(tr("exactly one status must be marked initial = true"))
    for st in statuses.values():
        if st.custody not in CUSTODY_KINDS:
            problems.append(tr("status {status}: custody must be one of {kinds}", status=st.key,
                               kinds=str(CUSTODY_KINDS)))
        if st.stage is not None and st.stage not in numbers:
            problems.append(tr("status {status}: unknown stage {stage}", status=st.key, stage=st.stage))
    by_pair: dict[tuple[str, str], Transition] = {}
    for t in transitions.values():
        for name in (*t.sources, t.target):
            if name not in statuses:
                problems.append(tr("transition {transition}: unknown status {status!r}", transition=t.key,
                                   status=name))
        for src in t.sources:
            if src in statuses and statuses[src].terminal:
                problems.append(tr("transition {transition}: leaves the terminal status {status!r}, which nothing "
                                   "may do", transition=t.key, status=src))
            if (src, t.target) in by_pair:
                problems.append(tr("transitions {first} and {second} both move {source} → {target}",
                                   first=by_pair[(src, t.target)].key, second=t.key, source=src, target=t.target))
            by_pair[(src, t.target)] = t
        if t.lever is not None and t.lever not in levers:
            problems.append(tr("transition {transition}: unknown lever {lever!r}", transition=t.key, lever=t.lever))
        if t.pathway is not None and t.pathway not in PATHWAYS:
            problems.append(tr("transition {transition}: unknown pathway {pathway!r} (known: {known})",
                               transition=t.key, pathway=t.pathway, known=", ".join(PATHWAYS)))
        for g in t.guards:
            if g not in guard_names:
                problems.append(tr("transition {transition}: unknown guard {guard!r} (known: {known})",
                                   transition=t.key, guard=g, known=", ".join(sorted(guard_names))))
        for r in t.requires:
            if r not in REQUIREMENTS:
                problems.append(tr("transition {transition}: unknown requirement {requirement!r} (known: {known})",
                                   transition=t.key, requirement=r, known=", ".join(REQUIREMENTS)))
    if problems:
        raise ConfigurationError(tr("The lifecycle definition {path} is inconsistent:\n  {problems}", path=str(path),
                                    problems=join(problems, "\n  ")))
    return Lifecycle(stages=stages, statuses=statuses, transitions=transitions, _by_pair=by_pair)


def load_lifecycle(path: Path | None = None) -> Lifecycle:
    from itam.lifecycle.guards import GUARDS

    return _load(path or resource("lifecycle.toml"), frozenset(GUARDS))


@lru_cache(maxsize=1)
def default_lifecycle() -> Lifecycle:
    return load_lifecycle()
