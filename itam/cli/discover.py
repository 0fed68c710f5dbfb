"""``itam discover …``: scans, XML imports, the review queue, conflicts and missing assets."""

from __future__ import annotations

import argparse
import sys

from itam.cli.output import print_json, print_table
from itam.errors import NotFoundError, ValidationError
from itam.fields import to_plain
from itam.messages import tr
from itam.services.assets import _as_id

ACTIONS = ("import-xml", "review", "conflicts", "missing", "scans")


def _host_line(h) -> str:  # noqa: ANN001 - HostObservation
    from itam.discovery.classify import classify

    cls = classify(h)
    ports = ",".join(f"{p}/{proto}" for p, proto in h.open_ports[:8])
    vendor = f" ({h.mac_vendor})" if h.mac_vendor else ""
    return f"  {h.address:<16} {h.mac or '':<17}{vendor}  {cls.label:<28} {ports}"


def _summary(result, summary, as_json: bool) -> int:  # noqa: ANN001
    if as_json:
        print_json(
            {
                "scan_id": summary.scan_id,
                "partial": result.partial,
                "error": result.error,
                "limitations": list(result.limitations),
                "hosts_up": summary.hosts_up,
                "matched": summary.matched,
                "new_devices": summary.new_devices,
                "ignored": summary.ignored,
                "flagged": summary.flagged,
                "conflicts": summary.conflicts,
                "hosts": [
                    {
                        "address": o.address,
                        "asset_id": o.asset_id,
                        "match": o.rule,
                        "outcome": o.outcome,
                        "category": o.classification.category,
                        "likely": o.classification.likely,
                        "confidence": round(o.classification.confidence, 2),
                        "evidence": list(o.classification.evidence),
                    }
                    for o in summary.outcomes
                ],
            }
        )
    else:
        state = "PARTIAL (cancelled or failed) " if result.partial else ""
        print(
            f"{state}scan #{summary.scan_id}: {summary.hosts_up} hosts up, {summary.matched} matched to assets, "
            f"{summary.new_devices} new (itam discover review), {summary.flagged} flagged, "
            f"{summary.conflicts} conflicts, {summary.ignored} ignored"
        )
        for lim in result.limitations:
            print(f"  could not see: {lim}")
        if result.error:
            print(f"  nmap: {result.error}", file=sys.stderr)
    return 0 if not result.error else 1


def run_discover(sv, args: argparse.Namespace) -> int:  # noqa: ANN001, C901 - a dispatcher
    words = args.words
    action = words[0] if words[0] in ACTIONS else None
    ds = sv.discovery

    if action is None:
        def on_host(h) -> None:  # noqa: ANN001
            if not args.json:
                print(_host_line(h), flush=True)

        def on_progress(p) -> None:  # noqa: ANN001
            if sys.stderr.isatty():
                left = f", {p.remaining_seconds} s left" if p.remaining_seconds else ""
                sys.stderr.write(f"\r{p.task}: {p.percent:.0f}%{left}   ")
                sys.stderr.flush()

        from itam.services.discovery import ConfirmationNeeded

        try:
            result, summary = ds.scan(" ".join(words), args.profile, confirm_large=args.yes, on_host=on_host,
                                      on_progress=on_progress)
        except ConfirmationNeeded as exc:
            raise ValidationError(
                tr("{message} (add --yes to scan them anyway)", message=exc.args[0] if exc.args else str(exc))
            ) from exc
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        code = _summary(result, summary, args.json and not args.audit)
        if args.audit:
            # Credentialed audits of what the scan found: the same as `itam audit-host --scan ID`.
            from itam.cli.audit import run_audit_host

            audit_args = argparse.Namespace(targets=[], scan=summary.scan_id, asset=[], credential=args.credential,
                                            timeout=args.audit_timeout, workers=64, json=args.json)
            return max(code, run_audit_host(sv, audit_args))
        return code

    rest = words[1:]
    if action == "import-xml":
        if len(rest) != 1:
            raise ValidationError(tr("usage: itam discover import-xml FILE"))
        result, summary = ds.import_xml(rest[0])
        return _summary(result, summary, args.json)

    if action == "review":
        if rest and rest[0] in ("accept", "ignore"):
            if len(rest) != 2 or not rest[1].isdigit():
                raise ValidationError(tr("usage: itam discover review {action} ID", action=rest[0]))
            if _as_id(rest[1]) is None:  # "²" is a digit too; a number past the id column names nothing
                raise NotFoundError(tr("no discovered device #{id} in the review queue", id=rest[1]))
            if rest[0] == "accept":
                d = ds.accept(int(rest[1]), category=args.category, asset_tag=args.tag)
                print(f"accepted device #{rest[1]} as asset {d.label} (#{d.id}), category {d.fields['category']}")
            else:
                ds.ignore(int(rest[1]))
                print(f"device #{rest[1]} will be ignored by later scans")
            return 0
        if rest:
            raise ValidationError(tr("usage: itam discover review [accept|ignore ID]"))
        items = ds.candidates(None if args.all else "pending")
        if args.json:
            print_json([{**c.__dict__, "label": c.label, "audit": c.audit.__dict__ if c.audit else None}
                        for c in items])
            return 0
        print_table(
            ["id", "address", "mac", "vendor", "hostname", "category", "conf", "seen", "status", "why", "audit"],
            [[c.id, c.address, c.mac, c.mac_vendor, c.hostname, c.label, f"{c.confidence:.2f}", c.times_seen, c.status,
              "; ".join(c.evidence[:2]), _audit_cell(c.audit)] for c in items],
            max_width=48,
        )
        return 0

    if action == "conflicts":
        if rest and rest[0] in ("apply", "dismiss"):
            if len(rest) != 2 or not rest[1].isdigit():
                raise ValidationError(tr("usage: itam discover conflicts {action} ID", action=rest[0]))
            c = ds.settle_conflict(int(rest[1]), apply=rest[0] == "apply")
            print(f"conflict #{c.id} on asset {c.asset_label} ({c.field}) {c.status}")
            return 0
        items = ds.conflicts()
        if args.json:
            print_json([c.__dict__ for c in items])
            return 0
        print_table(["id", "asset", "field", "entered by a person", "seen by scan", "scan"],
                    [[c.id, c.asset_label, c.field, c.current_value, c.observed_value, c.scan_id] for c in items])
        return 0

    if action == "missing":
        items = ds.missing(args.days)
        if args.mark and items:
            moved = ds.mark_missing(args.days)
            if not args.json:
                print(f"moved {moved} assets to status 'missing'")
        if args.json:
            print_json([{k: to_plain(v) for k, v in m.__dict__.items()} for m in items])
            return 0
        print_table(["id", "asset", "category", "status", "last seen", "days"],
                    [[m.id, m.label, m.category, m.status, m.last_seen, m.days_unseen] for m in items])
        return 0

    if action == "scans":
        items = ds.scans()
        if args.json:
            print_json([{k: to_plain(v) for k, v in sc.__dict__.items()} for sc in items])
            return 0
        print_table(["id", "started", "by", "profile", "targets", "up", "matched", "new", "partial"],
                    [[sc.id, sc.started_at, sc.actor, sc.profile, " ".join(sc.targets) or sc.source_file, sc.hosts_up,
                      sc.matched, sc.new_devices, "yes" if sc.partial else ""] for sc in items])
        return 0
    raise AssertionError(action)  # pragma: no cover


def _audit_cell(audit) -> str:  # noqa: ANN001 - AuditView | None
    """What the device's audit told (maker, model, serial), or why it could not be audited."""
    if audit is None:
        return ""
    if audit.ok:
        return f"{audit.method}: {audit.identity or 'audited'}"
    return f"{audit.method or '-'} failed: {audit.error or ''}"
