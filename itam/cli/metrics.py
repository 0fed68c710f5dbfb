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
from itam.messages import tr

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
    p = sub.add_parser(
        "metrics", help="circularity metrics for a period, and the composite evaluation index",
        description="Without an action: the fleet's circularity metrics for a period and slice, computed from the "
                    "register and its dated lifecycle events (GB/T 43145-2023 Annex A rates, e-waste diverted, "
                    "CO2e avoided low/default/high, use-phase emissions, service life, value recovered) and the "
                    "shipped IT circularity index graded from them. With 'index': evaluate a specification file.",
        epilog=_FLEET_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_period_options(p)
    p.add_argument("--json", action="store_true", help="print every figure as JSON")
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

    r = sub.add_parser(
        "report", help="lifecycle PDF reports and the CSR Excel workbook",
        description="Write a report for a period and slice: 'lifecycle' (fleet lifecycle PDF for management), "
                    "'csr' (Excel workbook with KPIs, charts, per-asset detail, factors and methodology) or "
                    "'asset ASSET' (one asset's lifecycle PDF: history, custody, sanitization, certificates).",
        epilog=_FLEET_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rs = r.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    for name, help_text, suffix in (("lifecycle", "fleet lifecycle PDF", "pdf"), ("csr", "CSR Excel workbook", "xlsx")):
        rp = rs.add_parser(name, help=help_text, epilog=_FLEET_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
        rp.add_argument("-o", "--output", required=True, type=Path, metavar=f"FILE.{suffix}")
        add_period_options(rp)
        rp.add_argument("--language", default="en", choices=("en", "zh_CN"), help="language of the report")
    ra = rs.add_parser("asset", help="one asset's lifecycle PDF")
    ra.add_argument("asset", metavar="ASSET", help="asset tag, serial or #id")
    ra.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    ra.add_argument("--language", default="en", choices=("en", "zh_CN"), help="language of the report")

    lo = sub.add_parser("location", help="sites and the country whose grid they draw electricity from")
    ls = lo.add_subparsers(dest="location_command", metavar="ACTION", required=True)
    ls.add_parser("list", help="list the locations and their countries")
    lset = ls.add_parser("set", help="set a location's country (for the use-phase emissions)")
    lset.add_argument("name", metavar="LOCATION")
    lset.add_argument("--country", required=True, help="ISO 3166 code such as CN or GB; empty clears it")
    return p


_FLEET_EPILOG = """Period: --from and --to take a date (YYYY-MM-DD), a year (2025), a quarter (2025-Q3) or a month (2025-07);
both ends are included; without them the last 12 months up to today. Slice: --department, --location (a
location name), --category (a category key). Factors: the active factor set (data dir/factors/active.toml,
else the newest shipped one) unless --factors FILE.toml is given; every report prints the set's name, version
and SHA-256. Avoided emissions are reported apart from the inventory, never netted off it.
"""


def add_period_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("period and slice")
    g.add_argument("--from", dest="period_from", metavar="DATE", help="first day (default: 12 months before the last)")
    g.add_argument("--to", dest="period_to", metavar="DATE", help="last day (default: today)")
    g.add_argument("--department", help="only this department")
    g.add_argument("--location", help="only this location (its name)")
    g.add_argument("--category", help="only this category (laptop, desktop, server …)")
    g.add_argument("--factors", type=Path, metavar="FILE.toml", help="factor set to use instead of the active one")
    g.add_argument("--spec", type=Path, metavar="SPEC.json", help="index specification (default: the shipped IT circularity set)")


def _actuals(items: list[str]) -> dict[str, Any]:
    actuals: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key:
            raise ValidationError(tr("--actual wants ID=VALUE, not {item}", item=repr(item)))
        if not value:
            actuals[key] = None
            continue
        try:
            actuals[key] = float(value)
        except ValueError:
            raise ValidationError(tr("--actual {key}: {value} is not a number", key=key, value=repr(value))) from None
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
        raise ValidationError(tr("itam metrics: give an action, e.g. itam metrics index SPEC.json"))
    spec = load_spec(args.spec)
    result = evaluate(spec, _actuals(args.actual) or None)
    if args.json:
        print_json(result.to_json(args.language))
    else:
        print_index(result, args.language)
    return 0


# ----------------------------------------------------------------------------------------------------------------
# Fleet metrics and reports (need the database)


def _period_and_slice(args: argparse.Namespace):  # noqa: ANN202
    from itam.metrics.fleet import parse_period
    from itam.metrics.results import Slice

    period = parse_period(args.period_from, args.period_to)
    return period, Slice(department=args.department, location=args.location, category=args.category)


def _pct(r) -> str:  # noqa: ANN001 - Ratio
    return "—" if r.value is None else f"{r.value:.1%}"


def print_fleet(m) -> None:  # noqa: ANN001 - FleetMetrics
    """The human form of ``itam metrics``."""
    print(f"Circularity metrics {m.period.label} ({m.slice.label})")
    print(f"factor set: {m.factor_set}")
    rows = [
        ["assets in the register", f"{m.total_assets:,}", ""],
        ["retired in the period (arising)", f"{m.arising_count:,}", f"{m.arising_kg:,.1f} kg"],
        ["collection rate R_col", _pct(m.collection_rate_mass), f"by count {_pct(m.collection_rate_count)}"],
        ["processed", f"{m.processed_count:,}", f"{m.processed_kg:,.1f} kg"],
        ["recovery rate R_rov", _pct(m.recovery_rate),
         "u {u:,.1f} / m {m:,.1f} / r {r:,.1f} / rov {rov:,.1f} / none {none:,.1f} kg".format(**m.recovery_mass)],
        ["reuse share of retired mass", _pct(m.reuse_share), ""],
        ["e-waste diverted", f"{m.ewaste_diverted_kg:,.1f} kg", _pct(m.ewaste_diverted_share)],
        ["service life achieved vs target", "—" if m.life_achieved is None else f"{m.life_achieved:.2f}", ""],
        ["CO2e avoided (not netted)", f"{m.co2e_avoided['default']:,.0f} kgCO2e",
         f"low {m.co2e_avoided['low']:,.0f} – high {m.co2e_avoided['high']:,.0f}"],
        ["use-phase emissions (inventory)", f"{m.use_phase_kgco2e:,.0f} kgCO2e", f"{m.use_phase_kwh:,.0f} kWh"],
        ["materials saved", f"{m.materials_saved_kg['low']:,.1f} kg", f"up to {m.materials_saved_kg['high']:,.1f} kg"],
        ["recycled content of purchases", _pct(m.recycled_content), f"coverage {_pct(m.recycled_content_coverage)}"],
        ["sanitization compliance", _pct(m.sanitization_compliance),
         f"{m.sanitization_compliance.numerator:,.0f} of {m.sanitization_compliance.denominator:,.0f}"],
        ["discovery coverage", _pct(m.discovery_coverage), ""],
    ]
    for v in m.value:
        rows.append([f"value recovered ({v.currency})", f"{v.net:,.2f}",
                     f"resale {v.resale:,.2f} + parts {v.parts:,.2f} + avoided {v.avoided_purchases:,.2f} − costs {v.costs:,.2f}"])
    from itam.cli.output import print_table
    from itam.metrics.fleet import CREDITED

    print_table(["figure", "value", "detail"], rows, max_width=90)
    if m.pathways:
        print()
        print_table(["pathway", "events", "assets", "kg", "CO2e avoided low", "default", "high"],
                    [[p.pathway, p.events, p.assets, f"{p.mass_kg:,.1f}"]
                     + ([f"{p.co2e_avoided[b]:,.0f}" for b in ("low", "default", "high")] if p.pathway in CREDITED
                        else ["", "", ""]) for p in m.pathways])
    if m.index is not None:
        print(f"\n{m.index.name}: P = {m.index.score:.4f} → level {m.index.grade} ({m.index.label('en')})"
              + (f", coverage {m.index.coverage:.0%}" if m.index.coverage < 1 - 1e-9 else ""))
    findings = [f for f in m.findings if f.count]
    if findings:
        print("\nfindings:")
        for f in findings:
            print(f"  - {f.title}: {f.count}" + (f" (e.g. {', '.join(f.examples[:5])})" if f.examples else ""))
    if m.notes:
        print("\nnotes:")
        for n in m.notes:
            print(f"  - {n}")


def run_fleet(sv, args: argparse.Namespace, progress) -> int:  # noqa: ANN001
    """``itam metrics`` (no action), ``itam report …`` and ``itam location …``."""
    from itam.cli.output import print_json

    if args.command == "location":
        from itam.cli.output import print_table
        from itam.services.organisation import list_locations, set_location_country

        if args.location_command == "set":
            set_location_country(sv.ctx, args.name, args.country)
        print_table(["location", "country"], [[n, c or "—"] for n, c in list_locations(sv.ctx)])
        return 0
    if args.command == "report" and args.report_command == "asset":
        out = sv.metrics.write_asset_report(sv, args.asset, args.output, language=args.language)
        print(f"asset lifecycle report written to {out}")
        return 0
    period, slice_ = _period_and_slice(args)
    options = sv.metrics.options(factors=args.factors, spec=args.spec)
    if args.command == "metrics":
        m = sv.metrics.compute(period, slice_, options=options)
        if args.json:
            print_json(m.to_json())
        else:
            print_fleet(m)
        return 0
    if args.report_command == "lifecycle":
        out, m = sv.metrics.write_lifecycle_report(period, slice_, args.output, language=args.language, options=options)
    else:
        draw = progress("writing the workbook")
        out, m = sv.metrics.write_csr_workbook(
            period, slice_, args.output, language=args.language, options=options,
            progress=draw)
    print(f"{args.report_command} report for {period.label} ({slice_.label}) written to {out}")
    for n in m.notes:
        print(f"  note: {n}")
    return 0
