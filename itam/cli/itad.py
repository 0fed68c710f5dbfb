"""Command-line forms for sanitization, ITAD batches and custody, certificates and the organisation profile.

``itam wipe …``, ``itam batch …``, ``itam custody …``, ``itam cert …``, ``itam org …``: the same services
as the Sanitization, Batches and Certificates pages of the desktop application.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from itam.errors import ImportFileError, ValidationError
from itam.messages import tr


def _write_file(path: Path, data: bytes) -> None:
    """Whole or not at all: a killed command never leaves half a PDF under a certificate's name."""
    from reports.files import write_atomic

    write_atomic(path, data)

TIME_HELP = "ISO 8601, e.g. 2026-11-20T14:05 or 2026-11-20T14:05+08:00 (naive times are in --tz or local time)"


def add_parsers(sub: argparse._SubParsersAction, progress_factory) -> None:  # noqa: ANN001
    from itam.sanitization.rules import (
        CATEGORIES,
        CLASSIFICATIONS,
        DESTINATIONS,
        HIDDEN_AREAS,
        RESULTS,
        TECHNIQUES,
        VERIFICATIONS,
    )
    from itam.services.custody import EVENT_RULES
    from itam.services.sanitization import DESTRUCTION_METHODS

    # wipe
    p = sub.add_parser("wipe", help="sanitization records: add by hand, import nwipe logs or CSV, list")
    w = p.add_subparsers(dest="wipe_command", metavar="ACTION", required=True)
    a = w.add_parser("add", help="record how one storage medium was sanitized")
    a.add_argument("asset", help="asset tag, serial or #id")
    a.add_argument("--medium", required=True, help="the medium's serial or #id (see itam asset show)")
    a.add_argument("--category", required=True, choices=CATEGORIES)
    a.add_argument("--technique", required=True, choices=TECHNIQUES)
    a.add_argument("--result", required=True, choices=RESULTS)
    a.add_argument("--end", required=True, help=f"when it finished; {TIME_HELP}")
    a.add_argument("--start", help="when it started")
    a.add_argument("--tz", help="IANA time zone for naive times (default: this machine's)")
    a.add_argument("--tool-label", help="the tool's own name for its method, e.g. 'DoD 5220.22-M'")
    a.add_argument("--standard", help="standard claimed (default from resources/sanitization.toml)")
    a.add_argument("--tool")
    a.add_argument("--tool-version")
    a.add_argument("--passes", type=int)
    a.add_argument("--verification", choices=VERIFICATIONS, default="none")
    a.add_argument("--verified-pct", type=float, dest="verification_pct", help="share read back when sampling")
    a.add_argument("--verification-result", choices=("pass", "fail"))
    a.add_argument("--hidden-areas", choices=HIDDEN_AREAS)
    a.add_argument("--classification", choices=CLASSIFICATIONS, help="the data's classification (policy check)")
    a.add_argument("--post-classification")
    a.add_argument("--destination", choices=DESTINATIONS)
    a.add_argument("--operator")
    a.add_argument("--verifier")
    a.add_argument("--errors")
    a.add_argument("--notes")
    a.add_argument("--json", action="store_true")

    d = w.add_parser("destroy", help="record a physical destruction run (shredder, disintegrator …)")
    d.add_argument("assets", nargs="+", help="assets whose media were destroyed")
    d.add_argument("--method", required=True, choices=DESTRUCTION_METHODS)
    d.add_argument("--operator", required=True)
    d.add_argument("--at", required=True, help=TIME_HELP)
    d.add_argument("--tz")
    d.add_argument("--equipment")
    d.add_argument("--particle-size", type=float, metavar="MM")
    d.add_argument("--witness")
    d.add_argument("--place")
    d.add_argument("--batch", help="the ITAD batch this run belongs to")
    d.add_argument("--notes")

    for name, what in (("import-nwipe", "nwipe / ShredOS logs"), ("import-csv", "CSV files of wipe results")):
        i = w.add_parser(name, help=f"import {what}; each file whole or not at all")
        i.add_argument("files", type=Path, nargs="+", metavar="FILE", help="a night's logs may be given together")
        i.add_argument("--tz", help="IANA zone of the log's local times (default: this machine's)")
        i.add_argument("--asset", help="put drives no medium has on this asset")
        i.add_argument("--new-asset", metavar="CATEGORY", help="create an asset of this category for each unknown drive")
        if name == "import-nwipe":
            i.add_argument("--operator")
            i.add_argument("--verifier")
            i.add_argument("--classification", choices=CLASSIFICATIONS)
        i.add_argument("--dry-run", action="store_true", help="show what would be recorded; write nothing")
        i.add_argument("--json", action="store_true")

    ls = w.add_parser("list", help="sanitization records, newest first")
    ls.add_argument("--asset")
    ls.add_argument("--not-counting", action="store_true", help="only records that do not let an asset leave")
    ls.add_argument("--limit", type=int, default=100)
    ls.add_argument("--json", action="store_true")
    ev = w.add_parser("evidence", help="write a kept wipe log back out by its SHA-256")
    ev.add_argument("sha256")
    ev.add_argument("-o", "--output", type=Path, required=True)

    # batch
    p = sub.add_parser("batch", help="ITAD batches: manifest, check-in scans, receipt, closing")
    b = p.add_subparsers(dest="batch_command", metavar="ACTION", required=True)
    c = b.add_parser("create", help="start a batch (job number)")
    c.add_argument("number")
    c.add_argument("--client")
    c.add_argument("--vendor")
    c.add_argument("--notes")
    ad = b.add_parser("add", help="put assets on an open batch's manifest")
    ad.add_argument("batch")
    ad.add_argument("assets", nargs="*", help="asset tags, serials or #ids")
    ad.add_argument("--from-file", type=Path, help="one asset per line")
    ad.add_argument("--allow-unknown", action="store_true", help="accept serials that are not in the inventory")
    m = b.add_parser("manifest", help="show the manifest, or freeze it with --freeze")
    m.add_argument("batch")
    m.add_argument("--freeze", action="store_true", help="fix the manifest; its hash goes into the custody ledger")
    m.add_argument("--json", action="store_true")
    sc = b.add_parser("scan", help="check serials in or out one after another (stdin when none given)")
    sc.add_argument("batch")
    sc.add_argument("serials", nargs="*")
    sc.add_argument("--out", action="store_true", help="check out instead of in")
    r = b.add_parser("receive", help="receive the batch: compare with the manifest, raise discrepancies")
    r.add_argument("batch")
    r.add_argument("--serials", type=Path, help="file of received serials (default: the check-in scans)")
    r.add_argument("--seal", action="append", default=[], help="seal found intact; repeatable")
    r.add_argument("--broken-seal", action="append", default=[], help="seal found broken; repeatable")
    r.add_argument("--weight", action="append", default=[], metavar="STREAM=KG", help="weight per material stream; repeatable")
    r.add_argument("--total-kg", type=float)
    r.add_argument("--operator")
    r.add_argument("--witness")
    r.add_argument("--json", action="store_true")
    cl = b.add_parser("close", help="close a received batch")
    cl.add_argument("batch")
    cl.add_argument("--force", action="store_true", help="close with open discrepancies (they stay on record)")
    bl = b.add_parser("list", help="list batches")
    bl.add_argument("--json", action="store_true")
    bs = b.add_parser("show", help="a batch with its custody events")
    bs.add_argument("batch")
    bs.add_argument("--json", action="store_true")

    # custody
    p = sub.add_parser("custody", help="custody events of a batch (append-only, hash-chained)")
    cu = p.add_subparsers(dest="custody_command", metavar="ACTION", required=True)
    e = cu.add_parser("event", help="record an event: " + ", ".join(EVENT_RULES))
    e.add_argument("batch")
    e.add_argument("kind", choices=tuple(EVENT_RULES))
    e.add_argument("--at", help=TIME_HELP)
    e.add_argument("--tz")
    e.add_argument("--seal", action="append", default=[], dest="seals")
    e.add_argument("--carrier")
    e.add_argument("--vehicle")
    e.add_argument("--stream", help="material stream (shipped)")
    e.add_argument("--kg", type=float)
    e.add_argument("--recycler", help="downstream vendor (shipped)")
    e.add_argument("--certification", help="the downstream vendor's certification, e.g. 'R2v3 R2-1234'")
    e.add_argument("--operator")
    e.add_argument("--witness")
    e.add_argument("--note")
    ce = cu.add_parser("log", help="a batch's events")
    ce.add_argument("batch")
    ce.add_argument("--json", action="store_true")
    cr = cu.add_parser("resolve", help="answer a discrepancy (it stays on record)")
    cr.add_argument("batch")
    cr.add_argument("seq", type=int, help="the discrepancy's event number")
    cr.add_argument("note")
    cv = cu.add_parser("verify", help="recompute the custody and certificate hash chains")
    cv.add_argument("--json", action="store_true")

    # cert
    p = sub.add_parser("cert", help="certificates of sanitization and destruction: issue, verify, list")
    ct = p.add_subparsers(dest="cert_command", metavar="ACTION", required=True)
    iss = ct.add_parser("issue", help="issue a signed certificate")
    it = iss.add_subparsers(dest="cert_kind", metavar="KIND", required=True)
    for kind, target in (("sanitization", "asset"), ("destruction", "batch")):
        k = it.add_parser(kind, help=f"certificate of {'data sanitization for an asset' if kind == 'sanitization' else 'destruction and recycling for a batch'}")
        k.add_argument(target)
        k.add_argument("-o", "--output", type=Path, required=True, help="PDF file to write")
        k.add_argument("--language", choices=("en", "zh_CN"), default="en")
        k.add_argument("--supersedes", metavar="NUMBER", help="the certificate this one corrects")
        k.add_argument("--reason", help="why the correction (with --supersedes)")
        k.add_argument("--attestation", help="attestation text instead of the default")
        if kind == "destruction":
            k.add_argument("--operator")
            k.add_argument("--witness")
        k.add_argument("--preview", action="store_true", help="write an unsigned PREVIEW; record nothing")
    bulk = ct.add_parser("issue-many", help="one sanitization certificate per asset into a folder")
    bulk.add_argument("directory", type=Path)
    bulk.add_argument("assets", nargs="+")
    bulk.add_argument("--language", choices=("en", "zh_CN"), default="en")
    v = ct.add_parser("verify", help="check a certificate PDF: signature, embedded record, hash, database; exit 0 only when all hold")
    v.add_argument("file", type=Path)
    v.add_argument("--offline", action="store_true", help="do not compare with the database")
    v.add_argument("--json", action="store_true")
    cl = ct.add_parser("list", help="issued certificates")
    cl.add_argument("--json", action="store_true")
    ex = ct.add_parser("export", help="write an issued certificate's PDF again")
    ex.add_argument("number")
    ex.add_argument("-o", "--output", type=Path, required=True)
    sg = ct.add_parser("signer", help="the organisation's signing certificate")
    sgs = sg.add_subparsers(dest="signer_command", metavar="ACTION", required=True)
    sgs.add_parser("show", help="which certificate signs, and where its key is")
    imp = sgs.add_parser("import", help="sign with your own PKCS#12 (.p12/.pfx) certificate")
    imp.add_argument("file", type=Path)
    imp.add_argument("--passphrase-env", metavar="VAR", help="environment variable holding the passphrase")
    nw = sgs.add_parser("new", help="create a new local CA and signing key (the old files are kept, renamed)")
    nw.add_argument("--yes", action="store_true")

    # org
    p = sub.add_parser("org", help="the organisation printed on certificates and reports")
    og = p.add_subparsers(dest="org_command", metavar="ACTION", required=True)
    og.add_parser("show", help="show the profile")
    st = og.add_parser("set", help="change the profile")
    for f in ("name", "address", "phone", "email", "registration-no", "website"):
        st.add_argument(f"--{f}")
    st.add_argument("--country", help="ISO 3166 code (CN, GB …): the grid factor for sites without a country")
    st.add_argument("--currency", help="ISO 4217 code (CNY, EUR …): the reporting currency")
    st.add_argument("--logo", type=Path, help="PNG or JPEG")
    st.add_argument("--remove-logo", action="store_true")


def _time(text: str | None, tz: str | None) -> datetime | None:
    if not text:
        return None
    try:
        at = datetime.fromisoformat(text.strip())
    except ValueError:
        # The same words as TIME_HELP, as a message of its own so that the whole sentence translates.
        raise ValidationError(tr(
            "'{text}' is not a date and time (ISO 8601, e.g. 2026-11-20T14:05 or 2026-11-20T14:05+08:00 (naive times "
            "are in --tz or local time))", text=text)) from None
    if at.tzinfo is None:
        if tz:
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                at = at.replace(tzinfo=ZoneInfo(tz))
            except (ZoneInfoNotFoundError, ValueError):
                raise ValidationError(tr("unknown time zone '{tz}' (use an IANA name such as Asia/Shanghai)", tz=tz)) from None
        else:
            at = at.astimezone()
    return at


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValidationError(tr("cannot read {path}: {error}", path=str(path), error=str(exc.strerror or exc))) from None


def _medium_id(sv, asset: str, medium: str) -> int:  # noqa: ANN001
    detail = sv.assets.get(asset, with_history=False)
    ref = medium.strip()
    for m in detail.media:
        if (ref.startswith("#") and ref[1:] == str(m.id)) or (m.serial and m.serial == ref) or ref == str(m.id):
            return m.id
    known = ", ".join(f"{m.serial or ''} (#{m.id})" for m in detail.media)
    if not known:
        raise ValidationError(tr("{asset} has no medium '{medium}'; its media: none", asset=detail.label, medium=medium))
    raise ValidationError(tr("{asset} has no medium '{medium}'; its media: {known}", asset=detail.label, medium=medium,
                             known=known))


def run_itad(sv, args: argparse.Namespace, progress_factory) -> int:  # noqa: ANN001, C901 - a dispatcher
    from itam.cli.output import print_json, print_table

    if args.command == "wipe":
        from itam.services.sanitization import WipeEntry, plain_view

        cmd = args.wipe_command
        if cmd == "add":
            entry = WipeEntry(
                category=args.category, technique=args.technique, result=args.result, ended_at=_time(args.end, args.tz),
                started_at=_time(args.start, args.tz), time_zone=args.tz, tool_label=args.tool_label,
                standard=args.standard, tool=args.tool, tool_version=args.tool_version, passes=args.passes,
                verification=args.verification, verification_pct=args.verification_pct,
                verification_result=args.verification_result, hidden_areas=args.hidden_areas, errors=args.errors,
                operator=args.operator, verifier=args.verifier, classification=args.classification,
                post_classification=args.post_classification, destination=args.destination, notes=args.notes,
            )
            view = sv.sanitization.record(args.asset, _medium_id(sv, args.asset, args.medium), entry)
            if args.json:
                print_json(plain_view(view))
            else:
                state = "verified" if view.verified and view.meets_policy else "recorded, but it does NOT let the asset leave"
                print(f"sanitization #{view.id} of {view.media_type} {view.medium_serial or ''} {state}")
                for warn in view.warnings:
                    print(f"  warning: {warn}")
            return 0
        if cmd == "destroy":
            batch_id = sv.custody.get(args.batch).id if args.batch else None
            views = sv.sanitization.record_destruction(
                args.assets, method=args.method, operator=args.operator, performed_at=_time(args.at, args.tz),
                equipment=args.equipment, particle_size_mm=args.particle_size, witness=args.witness, place=args.place,
                time_zone=args.tz, batch_id=batch_id, notes=args.notes,
            )
            print(f"destruction recorded for {len(views)} media of {len({v.asset_id for v in views})} assets")
            return 0
        if cmd in ("import-nwipe", "import-csv"):
            failed = 0
            results = []
            for path in args.files:
                opts: dict[str, Any] = {"filename": path.name, "tz": args.tz, "asset_ref": args.asset,
                                        "new_asset_category": args.new_asset, "dry_run": args.dry_run}
                try:
                    data = _read(path)
                    if cmd == "import-nwipe":
                        outcome = sv.sanitization.import_nwipe(data, operator=args.operator, verifier=args.verifier,
                                                               classification=args.classification, **opts)
                    else:
                        outcome = sv.sanitization.import_csv(data, **opts)
                except (ImportFileError, ValidationError) as exc:
                    failed += 1
                    print(f"itam: error: {exc}", file=sys.stderr)
                    for problem in getattr(exc, "problems", [])[:100]:
                        print(f"  {problem}", file=sys.stderr)
                    results.append({"file": str(path), "ok": False, "error": str(exc),
                                    "problems": list(getattr(exc, "problems", []))})
                    continue
                if args.json:
                    results.append({
                        "file": str(path), "ok": True, "evidence_sha256": outcome.evidence_sha256,
                        "already_imported": outcome.already_imported, "dry_run": outcome.dry_run,
                        "serials_masked": outcome.serials_masked, "records": [plain_view(v) for v in outcome.records],
                        "media_created": outcome.media_created, "assets_created": outcome.assets_created,
                        "warnings": outcome.warnings,
                    })
                    continue
                verb = "would record" if outcome.dry_run else "recorded"
                print(f"{path.name} (SHA-256 {outcome.evidence_sha256[:16]}…): {verb} {len(outcome.records)} sanitization records")
                for v in outcome.records:
                    mark = "verified" if v.verified and v.meets_policy else "does not count"
                    print(f"  {v.asset_tag or f'#{v.asset_id}'}  {v.media_type} {v.medium_serial or '(masked)'}  "
                          f"{v.tool_label or v.technique}  {v.result}  {mark}")
                for line in outcome.media_created:
                    print(f"  new medium: {line}")
                for line in outcome.assets_created:
                    print(f"  new asset: {line}")
                if outcome.serials_masked:
                    print("  note: the log masks serial numbers: it is kept as evidence but cannot back a certificate")
                for warn in outcome.warnings:
                    print(f"  warning: {warn}")
            if args.json:
                print_json(results if len(args.files) > 1 else results[0])
            elif len(args.files) > 1:
                print(f"{len(args.files) - failed} of {len(args.files)} files imported" + (f"; {failed} refused (see above)" if failed else ""))
            return 0 if not failed else ImportFileError.exit_code
        if cmd == "list":
            views = sv.sanitization.list(args.asset, limit=args.limit, only_unverified=args.not_counting)
            if args.json:
                print_json([plain_view(v) for v in views])
                return 0
            print_table(
                ["#", "asset", "medium", "category", "technique", "result", "verification", "counts", "ended (UTC)", "operator"],
                [[v.id, v.asset_tag or f"#{v.asset_id}", f"{v.media_type} {v.medium_serial or ''}", v.category, v.technique,
                  v.result, v.verification, "yes" if v.verified and v.meets_policy else "no",
                  f"{v.performed_at:%Y-%m-%d %H:%M}", v.operator] for v in views],
            )
            return 0
        if cmd == "evidence":
            name, content = sv.sanitization.evidence(args.sha256)
            _write_file(args.output, content)
            print(f"wrote {name} ({len(content)} bytes) to {args.output}")
            return 0

    if args.command == "batch":
        cu = sv.custody
        cmd = args.batch_command
        if cmd == "create":
            b = cu.create(args.number, client=args.client, vendor=args.vendor, notes=args.notes)
            print(f"batch {b.number} created (open: add assets, then freeze its manifest)")
            return 0
        if cmd == "add":
            refs = list(args.assets)
            if args.from_file:
                refs += [line.strip() for line in _read(args.from_file).decode("utf-8-sig").splitlines() if line.strip()]
            added = cu.add(args.batch, refs, allow_unknown=args.allow_unknown)
            print(f"added {len(added)} serials to batch {args.batch}")
            return 0
        if cmd == "manifest":
            if args.freeze:
                b = cu.freeze_manifest(args.batch)
                print(f"manifest of {b.number} frozen: {b.expected_count} serials, SHA-256 {b.manifest_sha256}")
                return 0
            items = cu.items(args.batch)
            if args.json:
                print_json([i.__dict__ for i in items])
                return 0
            print_table(["serial", "tag", "category", "model", "on manifest", "received", "checked out"],
                        [[i.serial, i.asset_tag, i.category, i.model, "yes" if i.in_manifest else "EXTRA",
                          i.received_at, i.checked_out_at] for i in items])
            return 0
        if cmd == "scan":
            direction = "out" if args.out else "in"
            serials = args.serials or (line.strip() for line in sys.stdin)
            n = 0
            for serial in serials:
                if not serial:
                    continue
                o = cu.scan(args.batch, serial, direction=direction)
                n += 1
                print(f"{o.serial}: {o.outcome.upper()}  ({o.scanned} of {o.expected} expected, {o.extra} extra)", flush=True)
            if direction == "out" and n:
                cu.check_out(args.batch)
            return 0
        if cmd == "receive":
            weights = {}
            for w in args.weight:
                stream, sep, kg = w.rpartition("=")
                try:
                    weights[stream.strip()] = float(kg)
                except ValueError:
                    raise ValidationError(tr("weight '{weight}' must look like STREAM=KG", weight=w)) from None
                if not sep or not stream.strip():
                    raise ValidationError(tr("weight '{weight}' must look like STREAM=KG", weight=w))
            serials = None
            if args.serials:
                serials = [line.strip() for line in _read(args.serials).decode("utf-8-sig").splitlines() if line.strip()]
            r = cu.receive(args.batch, serials=serials, seals_intact=args.seal, seals_broken=args.broken_seal,
                           weights=weights, total_kg=args.total_kg, operator=args.operator, witness=args.witness)
            if args.json:
                print_json(r.__dict__)
            else:
                print(f"received {r.received} serials, {r.received - len(r.extra)} of {r.expected} expected; {len(r.missing)} missing, "
                      f"{len(r.extra)} extra, {len(r.broken_seals)} broken seals → {r.discrepancies} discrepancies raised")
                for sn in r.missing[:50]:
                    print(f"  missing: {sn}")
                for sn in r.extra[:50]:
                    print(f"  extra: {sn}")
            return 0 if not r.discrepancies else 5
        if cmd == "close":
            b = cu.close(args.batch, force=args.force)
            print(f"batch {b.number} closed" + (f" with {b.open_discrepancies} open discrepancies on record" if b.open_discrepancies else ""))
            return 0
        if cmd == "list":
            batches = cu.list()
            if args.json:
                print_json([b.__dict__ for b in batches])
                return 0
            print_table(["batch", "status", "client", "vendor", "items", "open discrepancies"],
                        [[b.number, b.status, b.client, b.vendor, b.items, b.open_discrepancies] for b in batches])
            return 0
        if cmd == "show":
            b = cu.get(args.batch)
            events = cu.events(args.batch)
            if args.json:
                print_json({"batch": b.__dict__, "events": [e.__dict__ for e in events]})
                return 0
            print(f"batch {b.number}: {b.status}; client {b.client or '—'}; vendor {b.vendor or '—'}; {b.items} items"
                  + (f"; manifest SHA-256 {b.manifest_sha256}" if b.manifest_sha256 else ""))
            _print_events(events)
            return 0

    if args.command == "custody":
        cu = sv.custody
        cmd = args.custody_command
        if cmd == "event":
            details = {k: getattr(args, k) for k in ("seals", "carrier", "vehicle", "stream", "kg", "recycler",
                                                      "certification", "operator", "witness", "note")}
            ev = cu.record_event(args.batch, args.kind, at=_time(args.at, args.tz), **details)
            print(f"custody event #{ev.seq} ({ev.kind}) recorded for {args.batch}")
            return 0
        if cmd == "log":
            events = cu.events(args.batch)
            if args.json:
                print_json([e.__dict__ for e in events])
            else:
                _print_events(events)
            return 0
        if cmd == "resolve":
            ev = cu.resolve(args.batch, args.seq, args.note)
            print(f"discrepancy #{args.seq} resolved (event #{ev.seq})")
            return 0
        if cmd == "verify":
            from itam.history.ledger import verify_ledger

            with sv.db.read() as s:
                reports = {name: verify_ledger(s, name) for name in ("custody", "certificates")}
            if args.json:
                print_json({n: {"ok": r.ok, "checked": r.checked, "first_break": r.first_break.__dict__ if r.first_break else None}
                            for n, r in reports.items()})
            for name, r in reports.items():
                if not args.json:
                    if r.ok:
                        print(f"{name} chain verified: {r.checked} entries, intact")
                    else:
                        b = r.first_break
                        print(f"{name} chain BROKEN at entry {b.seq}: {b.kind} — {b.detail}", file=sys.stderr)
            return 0 if all(r.ok for r in reports.values()) else 4

    if args.command == "cert":
        return _run_cert(sv, args, progress_factory)

    if args.command == "org":
        if args.org_command == "set":
            values = {"name": args.name, "address": args.address, "phone": args.phone, "email": args.email,
                      "registration_no": args.registration_no, "website": args.website, "country": args.country,
                      "currency": args.currency}
            values = {k: v for k, v in values.items() if v is not None}
            logo = _read(args.logo) if args.logo else None
            sv.organisation.update(logo=logo, remove_logo=args.remove_logo, **values)
        p = sv.organisation.get()
        for k in ("name", "address", "phone", "email", "registration_no", "website", "country", "currency"):
            print(f"{k.replace('_', ' ')}: {getattr(p, k) or '—'}")
        print(f"logo: {f'{len(p.logo)} bytes' if p.logo else '—'}")
        return 0
    raise ValidationError(tr("unknown command {command}", command=args.command))


def _print_events(events) -> None:  # noqa: ANN001
    import json as _json

    from itam.cli.output import print_table

    print_table(["#", "event", "at (UTC)", "by", "details"],
                [[e.seq, e.kind, f"{e.at:%Y-%m-%d %H:%M}", e.actor,
                  _json.dumps({k: v for k, v in e.details.items() if k != "serials"}, ensure_ascii=False)] for e in events],
                max_width=90)


def _run_cert(sv, args: argparse.Namespace, progress_factory) -> int:  # noqa: ANN001
    from itam.cli.output import print_json, print_table

    cs = sv.certificates
    cmd = args.cert_command
    if cmd == "issue":
        common = {"output": args.output, "language": args.language, "supersedes": args.supersedes,
                  "reason": args.reason, "attestation": args.attestation, "dry_run": args.preview,
                  "progress": progress_factory("rendering")}
        if args.cert_kind == "sanitization":
            issued, pdf = cs.issue_sanitization(args.asset, **common)
        else:
            issued, pdf = cs.issue_destruction(args.batch, operator=args.operator, witness=args.witness, **common)
        if args.preview:
            _write_file(args.output, pdf)
            print(f"unsigned preview written to {args.output} (no number used, nothing recorded)")
        else:
            print(f"issued {issued.number} → {args.output} ({issued.size} bytes); record SHA-256 {issued.record_sha256}")
        return 0
    if cmd == "issue-many":
        issued, skipped = cs.issue_sanitization_many(args.assets, args.directory, language=args.language,
                                                     progress=progress_factory("issuing"))
        print(f"issued {len(issued)} certificates into {args.directory}")
        for ref, why in skipped:
            print(f"  skipped {ref}: {why}")
        return 0 if not skipped else 5
    if cmd == "verify":
        import json

        from itam.audit.text import visible
        from itam.fields import to_plain

        data = _read(args.file)
        result = cs.verify(data, use_database=not args.offline)
        # The file is untrusted: its number, names and whatever a check quotes from it may hold terminal escapes
        # or bidirectional overrides, which reach the terminal only as visible \uXXXX escapes.
        if args.json:
            # JSON escapes C0 controls but not DEL, C1 or bidi characters; its strings hold no raw newline,
            # so each line is escaped on its own and the layout's newlines stay
            text = json.dumps(result.as_dict(), ensure_ascii=False, indent=2, default=to_plain)
            print("\n".join(visible(line) for line in text.split("\n")))
        else:
            for name, ok, detail in result.checks:
                print(visible(f"{'✓' if ok else '✗'} {name}: {detail}"))
            for note in result.notes:
                print(visible(f"  note: {note}"))
            print(visible(f"{args.file.name}: {'VALID' if result.ok else 'NOT VALID'}"
                          + (f" ({result.number})" if result.number else "")))
        return 0 if result.ok else 4
    if cmd == "list":
        certs = cs.list()
        if args.json:
            print_json([c.__dict__ for c in certs])
            return 0
        print_table(["number", "kind", "subject", "issued (UTC)", "by", "supersedes", "superseded by"],
                    [[c.number, c.kind, c.subject, f"{c.issued_at:%Y-%m-%d %H:%M}", c.issued_by, c.supersedes, c.superseded_by]
                     for c in certs])
        return 0
    if cmd == "export":
        _write_file(args.output, cs.pdf(args.number))
        print(f"wrote {args.number} to {args.output}")
        return 0
    if cmd == "signer":
        from reports.signing import load_or_create_signer, signing_dir

        if args.signer_command == "import":
            import os

            passphrase = os.environ.get(args.passphrase_env) if args.passphrase_env else None
            signer = cs.import_signer(args.file, passphrase)
        elif args.signer_command == "new":
            if not args.yes:
                raise ValidationError(tr("a new signing key means new certificates chain to a new CA; confirm with --yes"))
            signer = cs.new_signer()
        else:
            signer = cs.signer()
        print(f"signing certificate: {signer.subject}\nfingerprint (SHA-256): {signer.fingerprint}\n"
              f"valid until: {signer.not_after}\nkept in: {signing_dir()}")
        _ = load_or_create_signer
        return 0
    raise ValidationError(tr("unknown cert action {action}", action=cmd))
