"""``itam``: the command-line twin of the desktop application.

Every command goes through the same services as the GUI. User errors print one line and exit non-zero;
bugs are logged with their traceback in the data directory.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from itam import __version__
from itam.errors import ItamError, ValidationError
from itam.messages import tr

EPILOG = """\
ASSET is an asset tag, a serial number or #id.
The database is the embedded SQLite file in your data directory unless --db or ITAM_DATABASE_URL
names another (a file path or any SQLAlchemy URL, e.g. postgresql+psycopg://user@host/itam).
"""

FILTERS = ("category", "status", "stage", "department", "location", "assignee", "manufacturer", "model", "condition_grade")


def _add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters")
    g.add_argument("--search", "-s", help="text in tag, serial, hostname, model, manufacturer, MAC/IP or user")
    g.add_argument("--category")
    g.add_argument("--status")
    g.add_argument("--stage", type=int, choices=range(1, 7), metavar="1..6")
    g.add_argument("--department")
    g.add_argument("--location")
    g.add_argument("--assignee", help="person's name or e-mail")
    g.add_argument("--manufacturer")
    g.add_argument("--model")
    g.add_argument("--condition", dest="condition_grade", help="condition grade A, B, C, D or F")
    g.add_argument("--flagged", action="store_true", help="only assets flagged for attention")


def build_parser() -> argparse.ArgumentParser:
    from itam.services.assets import SORTABLE

    parser = argparse.ArgumentParser(
        prog="itam",
        description="IT-asset circularity manager: inventory, value-chain lifecycle, tamper-evident history.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"itam {__version__}")
    parser.add_argument("--db", metavar="URL", help="database URL or SQLite file (default: ITAM_DATABASE_URL or the embedded file)")
    parser.add_argument("--user", metavar="NAME", help="who is acting, for the history (default: ITAM_USER or your login)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    # db
    p_db = sub.add_parser("db", help="database schema and location")
    db_sub = p_db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_sub.add_parser("upgrade", help="apply pending schema migrations (backs up a SQLite file first)")
    db_sub.add_parser("status", help="show the database URL and its schema revision")
    db_sub.add_parser("grants", help="PostgreSQL: give the itam group roles their privileges again (docs/ROLES.md)")

    # asset
    p_asset = sub.add_parser("asset", help="add, list, show and edit assets")
    a_sub = p_asset.add_subparsers(dest="asset_command", metavar="ACTION", required=True)
    p_add = a_sub.add_parser("add", help="add an asset", description="Add one asset. Give at least --category and --tag or --serial.")
    p_add.add_argument("--tag", dest="asset_tag")
    p_add.add_argument("--category", required=True)
    p_add.add_argument("--serial")
    p_add.add_argument("--manufacturer")
    p_add.add_argument("--model")
    p_add.add_argument("--hostname")
    p_add.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help="any other field; repeatable")
    p_add.add_argument("--mac", action="append", default=[], help="MAC address; repeatable")
    p_add.add_argument("--ip", action="append", default=[], help="IP address; repeatable")
    p_add.add_argument(
        "--medium", action="append", default=[], metavar="type=ssd,serial=…,capacity=512",
        help="a storage medium inside the asset; repeatable",
    )
    p_add.add_argument("--json", action="store_true")

    p_list = a_sub.add_parser("list", help="list assets")
    _add_filters(p_list)
    p_list.add_argument("--sort", default="asset_tag", choices=SORTABLE)
    p_list.add_argument("--desc", action="store_true", help="sort descending")
    p_list.add_argument("--limit", type=int, default=50)
    p_list.add_argument("--offset", type=int, default=0)
    p_list.add_argument("--json", action="store_true")

    p_show = a_sub.add_parser("show", help="show one asset with media, history and allowed moves")
    p_show.add_argument("asset", metavar="ASSET")
    p_show.add_argument("--json", action="store_true")

    p_edit = a_sub.add_parser("edit", help="change fields of an asset")
    p_edit.add_argument("asset", metavar="ASSET")
    p_edit.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", required=True, help="repeatable; empty value clears")
    p_edit.add_argument("--reason")
    p_edit.add_argument("--expect-version", type=int, help="refuse if someone changed the asset since this version")
    p_edit.add_argument("--json", action="store_true")

    p_medium = a_sub.add_parser("add-medium", help="record a storage medium inside an asset")
    p_medium.add_argument("asset", metavar="ASSET")
    p_medium.add_argument("medium", metavar="type=ssd,serial=…,capacity=512")

    p_clear = a_sub.add_parser("clear-flag", help="settle an asset's flag (e.g. found after loss)")
    p_clear.add_argument("asset", metavar="ASSET")
    p_clear.add_argument("--reason", required=True)

    p_audits = a_sub.add_parser("audits", help="an asset's credentialed audits: what each found, or why it failed")
    p_audits.add_argument("asset", metavar="ASSET")
    p_audits.add_argument("--limit", type=int, default=20, help="the latest N audits (default 20)")
    p_audits.add_argument("--json", action="store_true", help="with the facts each audit collected")

    p_soft = a_sub.add_parser("software", help="the software audits found installed on an asset")
    p_soft.add_argument("asset", metavar="ASSET")
    p_soft.add_argument("--removed", action="store_true", help="also what a later audit no longer found")
    p_soft.add_argument("--json", action="store_true")

    # move
    p_move = sub.add_parser(
        "move", help="move assets to another status through an allowed transition",
        description="Move one or more assets; with several, all move or none does.",
    )
    p_move.add_argument("assets", nargs="+", metavar="ASSET")
    p_move.add_argument("--to", required=True, metavar="STATUS", help="target status (itam transitions lists them)")
    p_move.add_argument("--reason")
    p_move.add_argument("--party", help="destination party (carrier, vendor, buyer, recipient)")
    p_move.add_argument("--assignee")
    p_move.add_argument("--location")
    p_move.add_argument("--on", metavar="DATE", help="when it happened (YYYY-MM-DD; default now; not in the future)")
    out = p_move.add_argument_group("outcome, for one asset (recorded with retire, sell, donate, harvest, recycle, destroy …)")
    out.add_argument("--value", metavar="AMOUNT", help="money received: sale price, parts value")
    out.add_argument("--cost", metavar="AMOUNT", help="money paid: ITAD fee, transport, repair")
    out.add_argument("--currency", metavar="CODE", help="ISO 4217 code of the amounts, e.g. CNY, EUR")
    out.add_argument("--weight", type=float, metavar="KG", help="mass weighed at the event (e.g. on the recycler's scale)")
    out.add_argument("--fitted", action="append", default=[], metavar="PART",
                     help="a part fitted, KIND[:SIZE_GB][xCOUNT] such as ssd:512 or ram:16x2; repeatable")
    out.add_argument("--recovered", action="append", default=[], metavar="PART",
                     help="a part recovered by harvesting, same form; repeatable")
    p_move.add_argument("--json", action="store_true")

    p_tr = sub.add_parser("transitions", help="list statuses, stages and the allowed transitions")
    p_tr.add_argument("--json", action="store_true")

    p_rec = sub.add_parser("recommend", help="recommend a circular lever for an asset, with reasons")
    p_rec.add_argument("asset", metavar="ASSET")
    p_rec.add_argument("--json", action="store_true")

    # import / export
    p_imp = sub.add_parser("import", help="import assets from CSV or XLSX (all or nothing by default)")
    p_imp.add_argument("file", type=Path)
    p_imp.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
    p_imp.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD", help="map a column explicitly (FIELD empty: ignore it); repeatable")
    p_imp.add_argument("--match", choices=("auto", "serial", "asset_tag"), default="auto", help="how rows find existing assets (auto: serial, then tag)")
    p_imp.add_argument("--encoding", help="file encoding (default: UTF-8 with or without BOM, else GB18030)")
    p_imp.add_argument("--sheet", help="worksheet of an XLSX file (default: the first)")
    p_imp.add_argument("--skip-invalid", action="store_true", help="import the valid rows and skip the others")
    p_imp.add_argument("--ignore-unknown", action="store_true", help="ignore columns that map to no field")
    p_imp.add_argument("--json", action="store_true")

    p_exp = sub.add_parser("export", help="export the inventory or a filtered part of it to CSV or XLSX")
    p_exp.add_argument("file", type=Path)
    p_exp.add_argument("--format", choices=("csv", "xlsx"), help="default: from the file name")
    _add_filters(p_exp)

    # audit
    p_audit = sub.add_parser("audit", help="verify the tamper-evident history, custody and certificate chains")
    au_sub = p_audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    p_verify = au_sub.add_parser("verify", help="recompute every hash chain (history, custody, certificates); exit 4 at the first break")
    p_verify.add_argument("--json", action="store_true")

    # parties
    p_party = sub.add_parser("party", help="organisations: own, clients, ITAD vendors, recyclers, buyers")
    pa_sub = p_party.add_subparsers(dest="party_command", metavar="ACTION", required=True)
    p_padd = pa_sub.add_parser("add", help="add a party")
    p_padd.add_argument("name")
    p_padd.add_argument("--kind", required=True, choices=("own_org", "client", "itad_vendor", "recycler", "buyer", "carrier"))
    p_padd.add_argument("--cert", action="append", default=[], metavar="SCHEME:NUMBER", help="certification, e.g. R2v3:R2-1234; repeatable")
    p_padd.add_argument("--address")
    p_padd.add_argument("--contact")
    p_padd.add_argument("--email")
    p_padd.add_argument("--phone")
    p_plist = pa_sub.add_parser("list", help="list parties")
    p_plist.add_argument("--json", action="store_true")

    from itam.cli.itad import add_parsers
    from itam.cli.metrics import add_parsers as add_metrics_parsers

    add_parsers(sub, _progress)
    add_metrics_parsers(sub)
    from itam.cli.users import add_parsers as add_user_parsers

    add_user_parsers(sub)
    from itam.cli.audit import add_parsers as add_audit_parsers

    add_audit_parsers(sub)

    p_disc = sub.add_parser(
        "discover",
        help="find devices with nmap, review new ones, list missing assets",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
Forms:
  itam discover TARGET… [--profile quick|standard|deep] [--yes] [--audit]   scan, reconcile with the inventory
                                                 (--audit: then audit the hosts found with stored credentials)
  itam discover import-xml FILE                  reconcile an nmap XML file (nmap -oX) made elsewhere
  itam discover review                           new devices waiting for a decision (--all: every decision)
  itam discover review accept ID [--category C] [--tag T]    take a device into the inventory
  itam discover review ignore ID                 ignore a device for good
  itam discover conflicts                        scanned values that differ from what a person entered
  itam discover conflicts apply|dismiss ID
  itam discover missing [--days N] [--mark]      assets not seen for N days (--mark: move them to 'missing')
  itam discover scans                            the scans on record

TARGET: addresses, CIDR blocks (198.18.0.0/24), ranges (198.18.0.10-40), hostnames, or lists of them.
Anything that looks like an nmap option or a file is refused. Without root, nmap cannot see MAC addresses,
OS details or UDP services; the result says so.""",
    )
    p_disc.add_argument("words", nargs="+", metavar="TARGET|ACTION")
    p_disc.add_argument("--profile", choices=("quick", "standard", "deep"), default="standard")
    p_disc.add_argument("--yes", action="store_true", help="confirm a scan larger than the configured limit")
    p_disc.add_argument("--days", type=int, help="for missing: days unseen (default from resources/policy.toml)")
    p_disc.add_argument("--mark", action="store_true", help="for missing: move the missing assets to status 'missing'")
    p_disc.add_argument("--category", help="for review accept: the category to record")
    p_disc.add_argument("--tag", help="for review accept: the asset tag to give")
    p_disc.add_argument("--all", action="store_true", help="for review: show decided devices too")
    p_disc.add_argument("--audit", action="store_true",
                        help="after a scan, audit the hosts found with the stored credentials (SNMP, SSH, WinRM)")
    p_disc.add_argument("--credential", action="append", default=[], metavar="NAME",
                        help="with --audit: use only this credential set (repeatable)")
    p_disc.add_argument("--audit-timeout", type=float, default=30.0, metavar="S", help="with --audit: seconds per host")
    p_disc.add_argument("--json", action="store_true")

    p_bak = sub.add_parser(
        "backup", help="back up the database to a file (online; checked before it is kept)",
        description="Back up the database while it is in use: SQLite with its online backup API (the file is itself "
                    "an itam database), PostgreSQL with pg_dump's custom format. The backup is written beside FILE, "
                    "checked (integrity, schema, history, custody and certificate hash chains) and only then renamed "
                    "to FILE. Certificate PDFs are in the database and so in the backup; the signing key in the data "
                    "folder is not (back it up apart, kept secret).",
    )
    p_bak.add_argument("file", type=Path, metavar="FILE")
    p_bak.add_argument("--json", action="store_true")
    p_res = sub.add_parser(
        "restore", help="replace the database with a backup (checked first; the current database is kept)",
        description="Restore a backup made by 'itam backup'. The backup is checked first (readable, a schema this "
                    "version knows, every hash chain intact): a bad backup changes nothing. The database as it was is "
                    "kept (SQLite: <file>.before-restore-<time>.bak; PostgreSQL: a pg_dump beside the backup). An older "
                    "schema is brought up to date, and the chains are verified again on the restored database.",
    )
    p_res.add_argument("file", type=Path, metavar="FILE")
    p_res.add_argument("--yes", action="store_true", help="do not ask before replacing a database that holds data")
    p_res.add_argument("--json", action="store_true")

    p_pol = sub.add_parser(
        "policy", help="show or change the recommendation and discovery policy (refresh cycles, lever limits)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
Forms:
  itam policy show [--json]            the policy file in force and every value that can be set
  itam policy set NAME=VALUE…          change values (all are checked first; one bad value changes nothing)
  itam policy reset                    use the shipped policy again (your file is kept as policy.toml.bak)

NAME is refresh_years.<category> (years, 0.5-30), discovery.missing_after_days (1-3650), or
<lever>.max_years_over_refresh / <lever>.max_age_years (years) and <lever>.min_condition (A-F) for the
levers life_extension, redeploy, remarket, refurbish and harvest. Changes are written to your own
policy.toml in the data folder (its comments are kept); the shipped resources/policy.toml never changes.""",
    )
    pol_sub = p_pol.add_subparsers(dest="policy_command", required=True, metavar="ACTION")
    pol_show = pol_sub.add_parser("show", help="the policy in force")
    pol_show.add_argument("--json", action="store_true")
    pol_set = pol_sub.add_parser("set", help="change values: NAME=VALUE …")
    pol_set.add_argument("values", nargs="+", metavar="NAME=VALUE")
    pol_sub.add_parser("reset", help="use the shipped policy again")

    p_demo = sub.add_parser("demo", help="fill an empty database with a realistic demo fleet")
    p_demo.add_argument("--count", type=int, default=300)
    p_demo.add_argument("--seed", type=int, default=7)
    return parser


def _pairs(items: Sequence[str], what: str) -> dict[str, str]:
    out = {}
    for item in items:
        if "=" not in item:
            raise ValidationError(tr("{what} '{item}' must look like NAME=VALUE", what=what, item=item))
        k, v = item.split("=", 1)
        out[k.strip()] = v
    return out


def _medium(spec: str) -> dict[str, Any]:
    data = _pairs([p for p in spec.split(",") if p.strip()], "medium part")
    aliases = {"type": "media_type", "capacity": "capacity_gb", "size": "capacity_gb"}
    return {aliases.get(k, k): v for k, v in data.items()}


def _query(args: argparse.Namespace, **extra: Any):  # noqa: ANN202
    from itam.services.assets import AssetQuery

    values = {k: getattr(args, k) for k in FILTERS if getattr(args, k, None) is not None}
    if getattr(args, "flagged", False):
        values["flagged"] = True
    return AssetQuery(search=args.search, **values, **extra)


def _progress(label: str):  # noqa: ANN202
    """A progress callable that draws on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        pct = 100 * done // total if total else 100
        sys.stderr.write(f"\r{label}: {done}/{total} ({pct}%)")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return report


def _show_detail(d) -> None:  # noqa: ANN001
    from itam.lifecycle import default_lifecycle

    lc = default_lifecycle()
    print(f"Asset {d.label}  (#{d.id}, version {d.version})")
    print(f"  status: {lc.statuses[d.status].name}    stage: {d.stage} {lc.stage(d.stage).name}    lever: {d.lever or '-'}")
    if d.flag:
        print(f"  FLAG: {d.flag} — {d.flag_reason or ''}")
    if d.holder:
        print(f"  held by: {d.holder}")
    for k, v in d.fields.items():
        if v not in (None, ""):
            print(f"  {k}: {v}")
    if d.macs or d.ips:
        print(f"  addresses: {', '.join((*d.macs, *d.ips))}")
    if d.media:
        print("  storage media:")
        for m in d.media:
            state = "sanitized" if m.sanitized else "NOT sanitized"
            print(f"    #{m.id} {m.media_type} {m.serial or ''} {m.capacity_gb or ''} GB  [{state}]")
    if d.transitions:
        print("  can move to:")
        for t in d.transitions:
            extra = f" (needs {', '.join(t.requires)})" if t.requires else ""
            blocked = f"  — blocked: {t.blocked_by}" if t.blocked_by else ""
            print(f"    {t.target:<22} via {t.name}{extra}{blocked}")
    if d.history:
        print("  history:")
        for h in d.history:
            what = h.transition or h.action
            changes = ", ".join(f"{k}: {v[0]!r} → {v[1]!r}" for k, v in h.changes.items())
            reason = f" — {h.reason}" if h.reason else ""
            print(f"    {h.seq:>6} {h.at:%Y-%m-%d %H:%M} {h.actor} ({h.source}) {what}{reason}: {changes}")


def _check_lines(check) -> list[str]:  # noqa: ANN001 - BackupCheck
    chains = ", ".join(f"{name} {n}" for name, n in check.chains.items())
    return [f"  schema revision {check.revision}: {check.assets} assets, {check.history_entries} history entries, "
            f"{check.certificates} certificates", f"  hash chains verified ({chains})"]


def _run_restore(args: argparse.Namespace) -> int:
    """``itam restore FILE``: no database is opened before the backup is checked."""
    from dataclasses import asdict

    from itam.cli.output import print_json
    from itam.db import backup as backups
    from itam.db.engine import resolve_url

    url = resolve_url(args.db)
    _require_on_current_database(args, url)
    if not args.yes:
        if not sys.stdin.isatty():
            raise ValidationError(tr("restoring replaces the database {url}; add --yes to confirm", url=url))
        answer = input(f"Replace the database {url} with {args.file}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing was restored")
            return 1
    result = backups.restore(url, args.file, progress=_progress("restoring"))
    if args.json:
        print_json({"source": str(result.source), "safety_copy": str(result.safety_copy) if result.safety_copy else None,
                    "check": asdict(result.check)})
        return 0
    print(f"restored {result.source}")
    print("\n".join(_check_lines(result.check)))
    if result.safety_copy:
        print(f"  the database as it was is kept in {result.safety_copy}")
    return 0


def _services(args: argparse.Namespace, db=None):  # noqa: ANN001, ANN202 - Database, Services
    """The services as the acting user (``--user``, ITAM_USER or the login), signed in when they have a password."""
    from itam.cli.users import sign_in
    from itam.db import open_database
    from itam.services import Actor, Services
    from itam.services.context import default_actor_name

    if db is None:
        db = open_database(args.db)
        args.opened.append(db)
    sv = Services(db, Actor(args.user or default_actor_name(), "cli"))
    if args.command != "whoami":
        sign_in(sv)
    return sv


def _require_on_current_database(args: argparse.Namespace, url: str) -> None:
    """Replacing a database is for its administrators; a missing or unreadable one has nothing to protect."""
    from sqlalchemy.engine import make_url

    from itam import security
    from itam.db import open_database
    from itam.errors import ItamError

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and (not parsed.database or not Path(parsed.database).exists()):
        return
    try:
        db = open_database(url, upgrade=False)
    except ItamError:
        return
    try:
        _services(args, db).ctx.require(security.DATABASE)
    finally:
        db.dispose()  # no connection of ours may stay open on the database the restore replaces


def _run_policy(args: argparse.Namespace) -> int:
    """``itam policy show|set|reset``: the policy file, no database needed."""
    from itam.cli.output import print_json
    from itam.lifecycle import policy_store
    from itam.lifecycle.recommend import policy_file

    if args.policy_command in ("set", "reset"):
        # Changing the policy is for administrators: the database says who is one.
        sv = _services(args)
        if args.policy_command == "set":
            path = sv.policy.save(_pairs(args.values, "policy value"))
            print(f"saved {len(args.values)} value(s) to {path}")
            return 0
        backup = sv.policy.reset()
        print(f"the shipped policy is in force again; your file was kept as {backup}" if backup
              else "the shipped policy is already in force")
        return 0
    values = policy_store.current_values()
    if args.json:
        print_json({"file": str(policy_file()), "customised": policy_store.is_customised(), "values": values})
        return 0
    print(f"policy file: {policy_file()}" + ("  (your copy)" if policy_store.is_customised() else "  (shipped)"))
    width = max(map(len, values))
    for name, value in values.items():
        print(f"  {name:<{width}}  {value}")
    return 0


def run(args: argparse.Namespace) -> int:  # noqa: C901 - a dispatcher
    from itam.cli.output import print_json, print_table
    from itam.db import open_database
    from itam.services.assets import plain_detail

    if args.command == "db":
        from itam.db.migrate import current_revision, head_revision, upgrade_schema

        db = open_database(args.db, upgrade=False)
        args.opened.append(db)
        _print_warnings(db)
        if args.db_command == "status":
            current = current_revision(db)
            print(f"database: {db.display_url}\nschema revision: {current or 'none (empty)'}\ncode expects: {head_revision()}")
            return 0
        from itam import security

        _services(args, db).ctx.require(security.DATABASE)
        if args.db_command == "grants":
            from itam.db import grants

            with db.engine.begin() as conn:
                if not grants.apply(conn):
                    raise ValidationError(tr("the itam group roles exist only on PostgreSQL, and only a login that "
                                             "may create roles can make them"))
            print(f"granted the itam group roles their privileges on {db.display_url}")
            return 0
        backup = upgrade_schema(db)
        print(f"database {db.display_url} is at schema revision {head_revision()}" + (f" (backup: {backup})" if backup else ""))
        return 0

    if args.command == "metrics" and args.metrics_command == "index":
        from itam.cli.metrics import run_metrics

        return run_metrics(args)

    if args.command == "policy":
        return _run_policy(args)

    if args.command == "restore":
        return _run_restore(args)

    if args.command == "transitions":
        from itam.lifecycle import default_lifecycle

        lc = default_lifecycle()
        if args.json:
            print_json(
                {
                    "stages": [s.__dict__ for s in lc.stages],
                    "statuses": [s.__dict__ for s in lc.statuses.values()],
                    "transitions": [
                        {**t.__dict__, "sources": list(t.sources), "requires": list(t.requires), "guards": list(t.guards)}
                        for t in lc.transitions.values()
                    ],
                }
            )
            return 0
        print_table(
            ["transition", "from", "to", "lever", "needs", "guards"],
            [
                [t.key, ", ".join(t.sources), t.target, t.lever or "", ", ".join(t.requires), ", ".join(t.guards)]
                for t in lc.transitions.values()
            ],
            max_width=80,
        )
        return 0

    db = open_database(args.db)
    args.opened.append(db)
    _print_warnings(db)
    sv = _services(args, db)

    if args.command in ("user", "whoami"):
        from itam.cli.users import run_users

        return run_users(sv, args)

    if args.command == "asset":
        cmd = args.asset_command
        if cmd == "add":
            values = {k: getattr(args, k) for k in ("asset_tag", "category", "serial", "manufacturer", "model", "hostname")}
            values = {k: v for k, v in values.items() if v is not None}
            values.update(_pairs(args.set, "--set"))
            d = sv.assets.create(values, macs=args.mac, ips=args.ip, media=[_medium(m) for m in args.medium])
            if args.json:
                print_json(plain_detail(d))
            else:
                print(f"added asset {d.label} (#{d.id}), status {d.status}")
            return 0
        if cmd == "list":
            q = _query(args, sort=args.sort, descending=args.desc, limit=args.limit, offset=args.offset)
            page = sv.assets.list(q)
            if args.json:
                print_json([{**r.__dict__, "audit": r.audit.__dict__ if r.audit else None} for r in page.rows])
                return 0
            total = sv.assets.count(q)
            cols = ["id", "asset_tag", "category", "manufacturer", "model", "serial", "hostname", "status", "location", "assignee", "flag"]
            print_table(cols, [[getattr(r, c) for c in cols] for r in page.rows])
            shown_to = args.offset + len(page.rows)
            print(f"{args.offset + 1 if page.rows else 0}–{shown_to} of {total} assets")
            return 0
        if cmd == "show":
            d = sv.assets.get(args.asset)
            if args.json:
                print_json(plain_detail(d))
            else:
                _show_detail(d)
            return 0
        if cmd == "edit":
            d = sv.assets.update(args.asset, _pairs(args.set, "--set"), expected_version=args.expect_version, reason=args.reason)
            if args.json:
                print_json(plain_detail(d))
            else:
                print(f"updated asset {d.label} (now version {d.version})")
            return 0
        if cmd == "add-medium":
            d = sv.assets.add_medium(args.asset, _medium(args.medium))
            print(f"asset {d.label} now holds {len(d.media)} storage medium/media")
            return 0
        if cmd == "clear-flag":
            d = sv.assets.clear_flag(args.asset, args.reason)
            print(f"flag cleared on asset {d.label}")
            return 0
        if cmd == "audits":
            audits = sv.host_audit.audits_of(args.asset, limit=args.limit)
            if args.json:
                print_json([a.__dict__ for a in audits])
                return 0
            print_table(["when", "method", "address", "credential", "seconds", "result"],
                        [[a.collected_at, a.method or "-", a.address, a.credential or "", a.seconds,
                          (a.identity or "audited") if a.ok else f"failed: {a.error or ''}"] for a in audits],
                        max_width=80)
            if not audits:
                print("never audited (itam audit-host --asset ASSET, with credentials for its address)")
            return 0
        if cmd == "software":
            packages = sv.host_audit.software_of(args.asset, include_removed=args.removed)
            if args.json:
                print_json(packages)
                return 0
            print_table(["name", "version", "vendor", "first seen", "last seen"] + (["removed"] if args.removed else []),
                        [[p["name"], p["version"], p["vendor"], p["first_seen"], p["last_seen"]]
                         + ([p["removed_at"]] if args.removed else []) for p in packages])
            print(f"{len(packages)} package(s)")
            return 0

    if args.command == "move":
        from itam.lifecycle.engine import Part

        parts = [Part.parse("fitted", x) for x in args.fitted] + [Part.parse("recovered", x) for x in args.recovered]
        if len(args.assets) == 1:
            d = sv.lifecycle.move(
                args.assets[0], args.to, reason=args.reason, party=args.party, assignee=args.assignee, location=args.location,
                occurred_at=args.on, value=args.value, cost=args.cost, currency=args.currency, weight_kg=args.weight,
                parts=parts,
            )
            if args.json:
                print_json(plain_detail(d))
            else:
                print(f"asset {d.label} is now {d.status}")
            return 0
        if args.assignee or args.location or parts or args.value or args.cost or args.weight:
            raise ValidationError(tr("--assignee, --location, amounts, weights and parts apply to one asset at a time"))
        result = sv.lifecycle.move_many(args.assets, args.to, reason=args.reason, party=args.party, occurred_at=args.on,
                                        progress=_progress("moving"))
        if args.json:
            print_json({"moved": result.moved, "operation": result.operation})
        else:
            print(f"moved {result.moved} assets to {args.to} (operation {result.operation})")
        return 0

    if args.command == "recommend":
        rec = sv.lifecycle.recommend(args.asset)
        if args.json:
            print_json(
                {
                    "lever": rec.lever,
                    "why": rec.why,
                    "age_years": rec.age_years,
                    "refresh_years": rec.refresh_years,
                    "passed_over": [{"lever": p.lever, "reasons": list(p.reasons)} for p in rec.passed_over],
                    "notes": list(rec.notes),
                }
            )
            return 0
        print(f"recommended: {rec.lever.replace('_', ' ')} — {rec.why}")
        for p in rec.passed_over:
            print(f"  not {p.lever.replace('_', ' ')}: {'; '.join(p.reasons)}")
        for n in rec.notes:
            print(f"  note: {n}")
        return 0

    if args.command == "import":
        return _run_import(sv, args)

    if args.command == "export":
        result = sv.transfer.export(args.file, _query(args, limit=0), fmt=args.format, progress=_progress("exporting"))
        print(f"exported {result.rows} assets to {args.file}")
        return 0

    if args.command == "audit":
        report = sv.audit.verify(progress=_progress("verifying"))
        ledgers = sv.audit.verify_ledgers()
        brk = report.first_break
        ok = report.ok and all(r.ok for r in ledgers.values())
        if args.json:
            print_json(
                {
                    "ok": ok,
                    "checked": report.checked,
                    "head_seq": report.head_seq,
                    "first_break": brk.__dict__ if brk else None,
                    "ledgers": {
                        name: {"ok": r.ok, "checked": r.checked, "first_break": r.first_break.__dict__ if r.first_break else None}
                        for name, r in ledgers.items()
                    },
                }
            )
            return 0 if ok else 4
        if brk is None:
            print(f"history verified: {report.checked} entries, chain intact")
        else:
            ident = f" (row id {brk.entry_id})" if brk.entry_id else ""
            print(f"history chain BROKEN at entry {brk.seq}{ident}: {brk.kind} — {brk.detail}", file=sys.stderr)
        for name, r in ledgers.items():
            if r.ok:
                print(f"{name} verified: {r.checked} entries, chain intact")
            else:
                b = r.first_break
                print(f"{name} chain BROKEN at entry {b.seq}: {b.kind} — {b.detail}", file=sys.stderr)
        return 0 if ok else 4

    if args.command == "party":
        ps = sv.parties
        if args.party_command == "add":
            certs = []
            for c in args.cert:
                if ":" not in c:
                    raise ValidationError(tr("certification '{item}' must look like SCHEME:NUMBER", item=c))
                scheme, number = c.split(":", 1)
                certs.append((scheme.strip(), number.strip()))
            p = ps.add(args.name, args.kind, certifications=certs, address=args.address,
                       contact_name=args.contact, contact_email=args.email, contact_phone=args.phone)
            print(f"added party {p.name} ({p.kind})")
            return 0
        parties = ps.list()
        if args.json:
            print_json([p.__dict__ for p in parties])
        else:
            print_table(["name", "kind", "certifications"], [[p.name, p.kind, ", ".join(f"{s} {n}" for s, n in p.certifications)] for p in parties])
        return 0

    if args.command in ("metrics", "report", "location"):
        from itam.cli.metrics import run_fleet

        return run_fleet(sv, args, _progress)

    if args.command == "credentials":
        from itam.cli.audit import run_credentials

        return run_credentials(sv, args)

    if args.command == "audit-host":
        from itam.cli.audit import run_audit_host

        return run_audit_host(sv, args, _progress("auditing"))

    if args.command in ("wipe", "batch", "custody", "cert", "org"):
        from itam.cli.itad import run_itad

        return run_itad(sv, args, _progress)

    if args.command == "discover":
        from itam.cli.discover import run_discover

        return run_discover(sv, args)

    if args.command == "backup":
        from dataclasses import asdict

        from itam import security
        from itam.db import backup as backups

        sv.ctx.require(security.DATABASE)
        result = backups.backup(db, args.file, progress=_progress("backing up"))
        if args.json:
            print_json({"file": str(result.path), "size": result.size, "sha256": result.sha256,
                        "check": asdict(result.check)})
            return 0
        print(f"backed up {db.display_url} to {result.path} ({result.size:,} bytes, SHA-256 {result.sha256})")
        print("\n".join(_check_lines(result.check)))
        return 0

    if args.command == "demo":
        from itam.services.demo import generate_demo

        summary = generate_demo(sv, count=args.count, seed=args.seed, progress=_progress("demo fleet"))
        print(f"demo fleet ready in {db.display_url}: {summary.assets} assets, {summary.media} storage media, "
              f"{summary.sanitization_records} sanitization records, {summary.history_entries} history entries")
        print("  by category: " + ", ".join(f"{k} {v}" for k, v in summary.by_category.items()))
        print("  by status:   " + ", ".join(f"{k} {v}" for k, v in summary.by_status.items()))
        return 0
    raise AssertionError(f"unhandled command {args.command}")  # pragma: no cover


def _plan_json(plan) -> dict:  # noqa: ANN001 - ImportPlan
    return {
        "file": plan.source,
        "format": plan.format,
        "encoding": plan.encoding,
        "mapping": plan.mapping,
        "ignored_columns": plan.ignored_columns,
        "rows": plan.rows,
        "create": [{"row": c.row, "label": c.label, "status": c.status, **c.fields} for c in plan.creates],
        "update": [
            {"row": u.row, "asset_id": u.asset_id, "label": u.label, "transition": u.transition,
             "changes": {c.field: [c.before, c.after] for c in u.changes}}
            for u in plan.updates
        ],
        "unchanged": plan.unchanged,
        "new_locations": list(plan.new_locations),
        "new_people": list(plan.new_people),
        "problems": [{"row": p.row, "column": p.column, "reason": p.reason} for p in plan.problems],
    }


def _describe_plan(plan) -> None:  # noqa: ANN001 - ImportPlan
    print(f"{plan.name}: {plan.format.upper()}" + (f", {plan.encoding}" if plan.encoding else "") + f", {plan.rows} rows")
    print("columns:")
    for header, field_name in plan.mapping.items():
        print(f"  {header} → {field_name}")
    for header, why in plan.ignored_columns.items():
        print(f"  {header} (ignored: {why})")
    print(f"would create {len(plan.creates)}, update {len(plan.updates)}, leave {plan.unchanged} unchanged")
    for u in plan.updates[:20]:
        changes = ", ".join(f"{c.field}: {c.before!r} → {c.after!r}" for c in u.changes)
        print(f"  row {u.row} {u.label}: {changes}")
    if len(plan.updates) > 20:
        print(f"  … and {len(plan.updates) - 20} more updates")
    if plan.new_locations or plan.new_people:
        print(f"new locations: {len(plan.new_locations)}, new people: {len(plan.new_people)}")
    if plan.problems:
        print(f"{len(plan.problems)} problems in {plan.invalid_rows} rows:")
        for p in plan.problems[:50]:
            print(f"  {p}")
        if len(plan.problems) > 50:
            print(f"  … and {len(plan.problems) - 50} more (--json lists them all)")
    else:
        print("no problems: run again without --dry-run to import")


def _run_import(sv, args: argparse.Namespace) -> int:  # noqa: ANN001
    from itam.cli.output import print_json

    mapping = {k.strip(): (v.strip() or None) for k, v in _pairs(args.map, "--map").items()} or None
    options = dict(mapping=mapping, match=args.match, encoding=args.encoding, sheet=args.sheet,
                   ignore_unknown=args.ignore_unknown)
    if args.dry_run:
        plan = sv.transfer.plan_import(args.file, **options)
        if args.json:
            print_json(_plan_json(plan))
        else:
            _describe_plan(plan)
        return 0 if plan.ok else 2
    result = sv.transfer.apply_import(args.file, **options, skip_invalid=args.skip_invalid, progress=_progress("importing"))
    if args.json:
        print_json({
            "operation": result.operation, "created": result.created, "updated": result.updated,
            "unchanged": result.unchanged, "skipped": result.skipped, "history_entries": result.history_entries,
            "problems": [{"row": p.row, "column": p.column, "reason": p.reason} for p in result.problems],
        })
    else:
        print(f"imported {args.file.name}: {result.created} created, {result.updated} updated, "
              f"{result.unchanged} unchanged, {result.skipped} rows skipped (operation {result.operation})")
        for p in result.problems[:50]:
            print(f"  skipped {p}")
    return 0


def _print_warnings(db) -> None:  # noqa: ANN001 - itam.db.Database
    """What the user must know about the database just opened (e.g. a SQLite file on a network share)."""
    for warning in db.warnings:
        print(f"itam: warning: {warning}", file=sys.stderr)


def _log_bug(exc: BaseException) -> Path | None:
    try:
        from itam.paths import data_dir

        path = data_dir() / "itam-errors.log"
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("".join(traceback.format_exception(exc)))
            fh.write("\n")
        return path
    except OSError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args.opened = []  # databases run() opened: closed on the way out (a server keeps a connection per pool slot)
    try:
        return run(args)
    except ItamError as exc:
        # Import errors carry their row problems in the message already.
        print(f"itam: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("itam: interrupted; nothing more was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: keep the traceback, show one line
        where = _log_bug(exc)
        print(f"itam: internal error: {exc!r}" + (f" (details in {where})" if where else ""), file=sys.stderr)
        if where is None:
            traceback.print_exc()
        return 1
    finally:
        for db in args.opened:
            db.dispose()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
