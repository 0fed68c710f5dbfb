"""``itam user add|list|set-role|disable|enable|passwd`` and ``itam whoami``; signing in (docs/ROLES.md)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from itam import security
from itam.errors import ValidationError
from itam.messages import tr

ROLE_HELP = "viewer, technician, itad_operator or administrator"


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p_who = sub.add_parser("whoami", help="who you are in this inventory and what your role allows")
    p_who.add_argument("--json", action="store_true")

    p_user = sub.add_parser(
        "user", help="users and their roles (administrators)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""\
Roles: viewer (read everything, metrics, reports, exports), technician (discovery, inventory edits and
imports, lifecycle moves, wipe logs), itad_operator (ITAD batches, custody, certificates), administrator
(everything: users, settings, policy, demo, database upgrades, backups and restores).

While no user is registered, whoever opens the inventory is its administrator. Once the first user is
added, only registered users can act, each with their role (adding someone else first also registers
you as administrator). On SQLite a user may have a password that itam asks for; on PostgreSQL each person
uses their own database login, which --create-login makes (and which joins the itam group role of its
itam role, so the server enforces the role too).""",
    )
    u_sub = p_user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    p_list = u_sub.add_parser("list", help="the registered users and their roles")
    p_list.add_argument("--json", action="store_true")
    p_add = u_sub.add_parser("add", help="register a user with a role")
    p_add.add_argument("login", metavar="NAME", help="login name (your OS login on SQLite; the database login on PostgreSQL)")
    p_add.add_argument("--role", required=True, help=ROLE_HELP)
    p_add.add_argument("--name", dest="display_name", help="the person's full name")
    p_add.add_argument("--password-stdin", action="store_true",
                       help="read a password from the first line of standard input (SQLite: itam asks for it; "
                            "PostgreSQL: the login's password)")
    p_add.add_argument("--create-login", action="store_true", help="PostgreSQL: also create the database login")
    p_role = u_sub.add_parser("set-role", help="change a user's role")
    p_role.add_argument("login", metavar="NAME")
    p_role.add_argument("role", metavar="ROLE", help=ROLE_HELP)
    p_dis = u_sub.add_parser("disable", help="stop a user from acting (the history keeps their name)")
    p_dis.add_argument("login", metavar="NAME")
    p_en = u_sub.add_parser("enable", help="let a disabled user act again")
    p_en.add_argument("login", metavar="NAME")
    p_pw = u_sub.add_parser("passwd", help="set your password (or, as an administrator, someone else's)")
    p_pw.add_argument("login", metavar="NAME", nargs="?", help="default: yourself")
    p_pw.add_argument("--password-stdin", action="store_true", help="read the new password from standard input")
    p_pw.add_argument("--clear", action="store_true", help="SQLite: remove the password")


def read_password_stdin() -> str:
    line = sys.stdin.readline()
    return line[:-1] if line.endswith("\n") else line


def _new_password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        return read_password_stdin().rstrip("\r")
    if not sys.stdin.isatty():
        raise ValidationError(tr("give the new password on standard input with --password-stdin"))
    first = getpass.getpass("New password: ")
    if getpass.getpass("Repeat it: ") != first:
        raise ValidationError(tr("the two passwords differ; nothing was changed"))
    return first


def sign_in(sv) -> None:  # noqa: ANN001 - Services
    """When the acting user has an itam password (SQLite), ask for it (ITAM_PASSWORD, else the terminal).

    Without either, nothing is asked: the first thing the user tries is refused, saying why."""
    ident = sv.ctx.identity()
    if not (ident.registered and ident.active and ident.has_password) or ident.signed_in:
        return
    password = os.environ.get("ITAM_PASSWORD")
    if password is None and sys.stdin.isatty():
        password = getpass.getpass(f"Password for {ident.name}: ")
    if password is not None:
        sv.ctx.sign_in(password)


def _describe(u) -> str:  # noqa: ANN001 - UserView
    state = "" if u.active else " (disabled)"
    extra = ""
    if u.has_password:
        extra = ", password"
    if u.database_login is not None:
        extra += f", login {'+'.join(u.database_groups) or 'without an itam group'}" if u.database_login \
            else ", no database login"
    return f"{u.login}: {security.role_name(u.role)}{state}{extra}"


def run_users(sv, args: argparse.Namespace) -> int:  # noqa: ANN001 - Services
    from itam.cli.output import print_json, print_table

    users = sv.users
    if args.command == "whoami":
        ident = users.whoami()
        allowed = [p.name for p in security.PERMISSIONS if ident.permits(p)]
        if args.json:
            print_json({"user": ident.name, "role": ident.effective_role, "registered": ident.registered,
                        "active": ident.active, "bootstrap": ident.bootstrap, "database_login": ident.database_login,
                        "password": ident.has_password, "signed_in": ident.signed_in, "permissions": allowed,
                        "refused": ident.refusal()})
            return 0
        print(ident.describe())
        why = ident.refusal()
        if why is not None:
            print(f"  {why}")
        else:
            print(f"  may: {', '.join(str(p.action) for p in security.PERMISSIONS if ident.permits(p))}")
        if ident.database_login:
            print(f"  database login: {ident.name} ({sv.db.display_url})")
        return 0

    cmd = args.user_command
    if cmd == "list":
        rows = users.list()
        if args.json:
            print_json([u.__dict__ for u in rows])
            return 0
        if not rows:
            print("no users are registered: whoever opens this inventory is its administrator "
                  "(itam user add NAME --role ROLE registers the first)")
            return 0
        headers = ["user", "name", "role", "active"]
        if any(u.has_password is not None for u in rows):
            headers.append("password")
        if any(u.database_login is not None for u in rows):
            headers.append("database login")
        table = []
        for u in rows:
            line = [u.login, u.display_name or "", str(security.role_name(u.role)), "yes" if u.active else "no"]
            if "password" in headers:
                line.append("yes" if u.has_password else "")
            if "database login" in headers:
                line.append(", ".join(u.database_groups) or "(no itam group)" if u.database_login else "none")
            table.append(line)
        print_table(headers, table)
        return 0
    if cmd == "add":
        password = read_password_stdin().rstrip("\r") if args.password_stdin else None
        change = users.add(args.login, args.role, display_name=args.display_name, password=password,
                           create_login=args.create_login)
        print(f"added {_describe(change.user)}")
    elif cmd == "set-role":
        change = users.set_role(args.login, args.role)
        print(f"{_describe(change.user)}")
    elif cmd == "disable":
        change = users.disable(args.login)
        print(f"disabled {change.user.login}")
    elif cmd == "enable":
        change = users.enable(args.login)
        print(f"enabled {_describe(change.user)}")
    elif cmd == "passwd":
        login = args.login or sv.ctx.actor.name
        password = None if args.clear else _new_password(args)
        change = users.set_password(login, password)
        print(f"password of {change.user.login} {'removed' if args.clear else 'set'}")
    else:  # pragma: no cover - argparse refuses other actions
        raise ValidationError(tr("unknown user action {action}", action=cmd))
    for note in change.notes:
        print(f"  {note}")
    return 0
