"""``itam credentials add|list|remove|passphrase`` and ``itam audit-host``.

Secrets never travel on the command line (other users can read it in the process list): they are asked
for without echo, or read one per line from stdin with ``--secrets-stdin``. The vault passphrase comes from
``ITAM_CREDENTIAL_PASSPHRASE``, the keyring, or a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from itam.errors import ValidationError
from itam.messages import tr

#: kind -> the secret fields asked for, in order (the order of --secrets-stdin lines).
SECRETS = {
    "snmp_v2c": ("community",),
    "snmp_v3": ("auth_key", "priv_key"),
    "ssh": ("password", "key_passphrase"),
    "winrm": ("password",),
}
PROMPTS = {
    "community": "SNMP community: ", "auth_key": "SNMPv3 authentication key: ",
    "priv_key": "SNMPv3 privacy key (empty: none): ", "password": "password (empty: none): ",
    "key_passphrase": "private key passphrase (empty: none): ",
}
PASSPHRASE_ENV = "ITAM_CREDENTIAL_PASSPHRASE"

_CRED_EPILOG = """\
Forms:
  itam credentials add NAME --kind snmp_v2c --scope 198.18.0.0/24
  itam credentials add NAME --kind snmp_v3 --user U --auth-protocol SHA [--priv-protocol AES] --scope …
  itam credentials add NAME --kind ssh --user U [--key-file ~/.ssh/id_ed25519] [--port 22] --scope …
  itam credentials add NAME --kind winrm --user 'DOMAIN\\user' [--transport ntlm] [--https] --scope …
  itam credentials list [--json]
  itam credentials remove NAME
  itam credentials passphrase            change the vault passphrase

Secrets (community, keys, passwords) are asked for without echo, or read one per line from stdin with
--secrets-stdin in this order: snmp_v2c: community; snmp_v3: auth key, privacy key; ssh: password, key
passphrase; winrm: password (an empty line for one you do not use). They are stored encrypted (AES-GCM);
the vault's key is kept in the operating system's keyring when there is one, and always behind the vault
passphrase: ITAM_CREDENTIAL_PASSPHRASE, else a prompt. The first credential creates the vault and sets
that passphrase; other computers sharing the database need it."""


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("credentials", help="credential sets for SNMP, SSH and WinRM audits (secrets encrypted)",
                       description="Named credential sets, each scoped to address ranges, for credentialed audits.",
                       epilog=_CRED_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    c = p.add_subparsers(dest="credentials_command", required=True, metavar="ACTION")
    add = c.add_parser("add", help="store a credential set")
    add.add_argument("name")
    add.add_argument("--kind", required=True, choices=("snmp_v2c", "snmp_v3", "ssh", "winrm"))
    add.add_argument("--scope", required=True, help="addresses or CIDR blocks it may be used for, comma-separated")
    add.add_argument("--user", help="user name (SNMPv3, SSH, WinRM)")
    add.add_argument("--auth-protocol", help="SNMPv3: SHA, SHA256, SHA512 … (default SHA)")
    add.add_argument("--priv-protocol", help="SNMPv3: AES, AES256, DES … (default AES when a privacy key is given)")
    add.add_argument("--key-file", type=Path, help="SSH: a private key file (OpenSSH or PEM)")
    add.add_argument("--port", type=int, help="SSH or WinRM port")
    add.add_argument("--transport", help="WinRM: ntlm (default), kerberos, basic, credssp")
    add.add_argument("--https", action="store_true", help="WinRM over HTTPS (port 5986)")
    add.add_argument("--secrets-stdin", action="store_true", help="read the secrets from stdin, one per line")
    lst = c.add_parser("list", help="list credential sets (never their secrets)")
    lst.add_argument("--json", action="store_true")
    rm = c.add_parser("remove", help="delete a credential set")
    rm.add_argument("name")
    c.add_parser("passphrase", help="change the vault passphrase")

    a = sub.add_parser(
        "audit-host", help="credentialed audit of hosts (SNMP, SSH, WinRM): serials, models, disks, software",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Audit hosts with the stored credentials whose scope covers them, choosing SNMP, SSH or WinRM "
                    "by the ports a scan found open (or trying each when no scan is given). The facts found are "
                    "merged into the matching assets (history source 'audit'; a person's edits win and show as "
                    "conflicts), disks become storage media, and installed software is kept with first/last seen.",
        epilog="""\
Forms:
  itam audit-host 198.18.0.7 [198.18.0.0/28 …]    audit addresses or CIDR blocks
  itam audit-host --scan 12                      audit every host scan #12 saw up
  itam audit-host --asset IT-000042 [--asset …]  audit assets at their recorded IP addresses
Options: --credential NAME (repeatable: only these), --timeout S (per host), --workers N, --json.""",
    )
    a.add_argument("targets", nargs="*", metavar="TARGET")
    a.add_argument("--scan", type=int, metavar="ID", help="audit the hosts of this scan")
    a.add_argument("--asset", action="append", default=[], metavar="ASSET",
                   help="audit this asset at its IP addresses (repeatable)")
    a.add_argument("--credential", action="append", default=[], metavar="NAME", help="use only this credential set")
    a.add_argument("--timeout", type=float, default=30.0, help="seconds per host (default 30)")
    a.add_argument("--workers", type=int, default=64, help="hosts audited at once (default 64)")
    a.add_argument("--json", action="store_true")


def vault_passphrase(confirm: bool = False) -> str | None:
    """The vault passphrase: the environment, else a prompt on a terminal, else None (the keyring may do)."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass("credential vault passphrase: ")
    if confirm and getpass.getpass("again: ") != first:
        raise ValidationError(tr("the two passphrases differ"))
    return first


def _secrets(kind: str, from_stdin: bool) -> dict[str, str]:
    names = SECRETS[kind]
    if from_stdin:
        lines = sys.stdin.read().splitlines()
        values = dict(zip(names, (line.rstrip("\r") for line in lines), strict=False))
    elif sys.stdin.isatty():
        values = {n: getpass.getpass(PROMPTS[n]) for n in names}
    else:
        raise ValidationError(tr("give the secrets with --secrets-stdin or at the prompts of a terminal"))
    return {k: v for k, v in values.items() if v}


def run_audit_host(sv: Any, args: argparse.Namespace, progress: Any = None) -> int:
    from itam.cli.output import print_json, print_table
    from itam.messages import localize

    chosen = [bool(args.targets), args.scan is not None, bool(args.asset)]
    if sum(chosen) != 1:
        raise ValidationError(tr("give the targets, --scan ID or --asset ASSET (one of them)"))
    one, several = (args.asset[0], None) if len(args.asset) == 1 else (None, args.asset or None)
    run = sv.host_audit.audit(args.targets or None, scan_id=args.scan, asset=one, assets=several,
                              credential_names=args.credential, passphrase=vault_passphrase(),
                              timeout=args.timeout, max_workers=args.workers, progress=progress)
    if run.unaddressed:
        print(f"not audited, no IP address: {', '.join(run.unaddressed)}", file=sys.stderr)
    if args.json:
        from itam.audit.merge import facts_json

        print_json([{
            "address": o.address, "method": o.method, "credential": o.credential_name, "seconds": o.seconds,
            "error": str(o.error) if o.error is not None else None, "facts": facts_json(o.facts),
            "asset_id": m.asset_id if m else None, "match": m.rule if m else None,
            "changed": m.changed if m else [], "conflicts": m.conflicts if m else [],
            "media_added": m.media_added if m else 0,
        } for o, m in run.pairs()])
        return 0 if not run.failed else 1
    rows = []
    for o, m in run.pairs():
        if o.facts is None:
            rows.append([o.address, o.method or "-", "", localize(o.error, "en") if o.error else ""])
            continue
        f = o.facts
        what = " ".join(x for x in (f.manufacturer, f.model) if x) or "?"
        where = (f"asset #{m.asset_id} by {m.rule}" if m and m.asset_id else "no matching asset (see the review queue)")
        extra = []
        if m and m.changed:
            extra.append("set " + ", ".join(m.changed))
        if m and m.conflicts:
            extra.append("conflicts: " + ", ".join(m.conflicts))
        if m and m.media_added:
            extra.append(f"{m.media_added} disk(s) added")
        rows.append([o.address, o.method, f"{what}, serial {f.serial or '?'}, {len(f.disks)} disk(s), "
                     f"{len(f.software)} package(s)", "; ".join([where, *extra])])
    print_table(["address", "method", "found", "result"], rows)
    print(f"{run.audited} of {len(run.hosts)} host(s) audited" + (" (cancelled)" if run.cancelled else ""))
    return 0 if not run.failed else 1


def run_credentials(sv: Any, args: argparse.Namespace) -> int:
    from itam.audit import vault
    from itam.cli.output import print_json, print_table

    if args.credentials_command == "list":
        rows = sv.credentials.list()
        if args.json:
            print_json([{"name": r.name, "kind": r.kind, "user": r.username, "scope": list(r.scope),
                         "created_at": r.created_at, "created_by": r.created_by} for r in rows])
        else:
            print_table(["name", "kind", "user", "scope", "added by"],
                        [[r.name, r.kind, r.username or "", ", ".join(r.scope), r.created_by or ""] for r in rows])
        return 0
    if args.credentials_command == "remove":
        sv.credentials.remove(args.name)
        print(f"removed credential {args.name}")
        return 0
    if args.credentials_command == "passphrase":
        old = vault_passphrase()
        new = getpass.getpass("new vault passphrase: ") if sys.stdin.isatty() else os.environ.get(f"{PASSPHRASE_ENV}_NEW")
        if not new:
            raise ValidationError(tr("give the new passphrase at the prompt or in ITAM_CREDENTIAL_PASSPHRASE_NEW"))
        sv.credentials.change_passphrase(old, new)
        print("the vault passphrase was changed")
        return 0
    # add
    fields: dict[str, Any] = {}
    if args.user:
        fields["user"] = args.user
    if args.kind == "snmp_v3":
        fields["auth_protocol"] = args.auth_protocol or "SHA"
        if args.priv_protocol:
            fields["priv_protocol"] = args.priv_protocol
    if args.key_file:
        try:
            fields["private_key_pem"] = args.key_file.expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValidationError(tr("cannot read {path}: {error}", path=str(args.key_file), error=str(exc))) from exc
    for name, value in (("port", args.port), ("transport", args.transport)):
        if value is not None:
            fields[name] = value
    if args.https:
        fields["https"] = True
    fields.update(_secrets(args.kind, args.secrets_stdin))
    exists = sv.credentials.vault_info().exists
    passphrase = vault_passphrase(confirm=not exists and sys.stdin.isatty())
    view = sv.credentials.add(args.name, args.kind, args.scope, fields, passphrase=passphrase)
    print(f"stored credential {view.name} ({view.kind}) for {', '.join(view.scope)}"
          + ("" if exists else "; the credential vault was created"))
    if not exists and not vault.info_keyring_available():
        print("  no keyring on this computer: give the vault passphrase (ITAM_CREDENTIAL_PASSPHRASE or the prompt) "
              "when auditing", file=sys.stderr)
    return 0
