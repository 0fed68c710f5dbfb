"""Command-line form of the composite evaluation index: ``itam metrics index SPEC.json [--json]``.

It needs no database: the specification file carries the actual values (or ``--actual ID=VALUE`` gives
them, e.g. for the shipped indicator set ``resources/metrics/it_circularity_index.json``). Bad input
raises :class:`itam.errors.ValidationError`, which ``itam``'s ``main`` prints as one line.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from itam.errors import ValidationError

if TYPE_CHECKING:
    from itam.metrics.index import IndexResult

_INDEX_EPILOG = """\
SPEC is a JSON file: {"name": …, "weights": "global"|"local", "indicators": [{"id", "name", "weight",
"benchmark", "direction": "higher"|"lower", "actual", "children": [...]}]}; a group may carry "pairwise"
(an AHP comparison matrix) instead of weights on its children. The shipped IT circularity set is
resources/metrics/it_circularity_index.json (give its actual values with --actual).
"""


def add_parsers(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``metrics`` (with the action ``index``) to ``itam``'s sub-commands; returns the ``metrics`` parser.

    The action is optional (``args.metrics_command`` is None without one), so that the period metrics
    (``itam metrics --from … --to …``) can add their options to the returned parser.
    """
    p = sub.add_parser("metrics", help="circularity metrics and the composite evaluation index")
    m = p.add_subparsers(dest="metrics_command", metavar="ACTION")
    i = m.add_parser(
        "index", help="evaluate a composite index specification (P and its grade)",
        description="Evaluate a composite evaluation index: I = actual/benchmark (higher is better) or "
                    "benchmark/actual (lower is better), score = global weight × I, P = Σ scores, graded 1 "
                    "(very high, P ≥ 0.9) to 5 (very low, P < 0.6).",
        epilog=_INDEX_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    i.add_argument("spec", type=Path, metavar="SPEC.json", help="the indicator specification")
    i.add_argument("--actual", action="append", default=[], metavar="ID=VALUE",
                   help="an indicator's actual value, overriding the file's; repeatable; an empty VALUE means not available")
    i.add_argument("--language", default="en", choices=("en", "zh_CN"), help="language of the grade label")
    i.add_argument("--json", action="store_true", help="print the result as JSON")
    return p


def _actuals(items: list[str]) -> dict[str, Any]:
    actuals: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key:
            raise ValidationError(f"--actual wants ID=VALUE, not {item!r}")
        if not value:
            actuals[key] = None
            continue
        try:
            actuals[key] = float(value)
        except ValueError:
            raise ValidationError(f"--actual {key}: {value!r} is not a number") from None
    return actuals


def _num(value: float | None, digits: int = 4) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}"


def _plain(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def print_index(result: IndexResult, language: str = "en") -> None:
    """The human form: a table of indicators, then P and its grade, coverage and warnings."""
    from itam.cli.output import print_table
    from itam.metrics.index import normalise_language

    language = normalise_language(language)
    title = result.name + (f" (version {result.version})" if result.version else "")
    print(f"{title}; weights: {result.weights}")
    rows = []
    for r in result.flat():
        rows.append([
            "  " * (r.depth - 1) + r.id, r.display_name(language), _num(r.local_weight), _num(r.global_weight),
            "" if r.is_group else _plain(r.actual), "" if r.is_group else _plain(r.benchmark),
            "" if r.is_group else (r.direction or ""), _num(r.index), _num(r.score),
        ])
    print_table(["indicator", "name", "weight", "global", "actual", "benchmark", "better", "index", "score"], rows)
    for c in result.consistency:
        print(f"AHP {c.group}: n = {c.n}, λmax = {c.lambda_max:.4f}, CI = {c.ci:.4f}, CR = {c.cr:.4f} (< 0.10)")
    label = result.label(language)
    if language == "zh_CN":
        print(f"P = {result.score:.4f} → 第 {result.grade} 级（{label}）")
    else:
        print(f"P = {result.score:.4f} → level {result.grade} ({label})")
    if result.coverage < 1 - 1e-9:
        print(f"coverage: {result.coverage:.1%} of the weight was computed")
    if result.warnings:
        print("warnings:")
        for w in result.warnings:
            print(f"  - {w}")


def run_metrics(args: argparse.Namespace) -> int:
    """Run ``itam metrics index``; returns the exit code (ValidationError propagates to ``main``)."""
    from itam.cli.output import print_json
    from itam.metrics.index import evaluate, load_spec

    if getattr(args, "metrics_command", None) != "index":
        raise ValidationError("itam metrics: give an action, e.g. itam metrics index SPEC.json")
    spec = load_spec(args.spec)
    result = evaluate(spec, _actuals(args.actual) or None)
    if args.json:
        print_json(result.to_json(args.language))
    else:
        print_index(result, args.language)
    return 0
