"""Named credential sets for audits, scoped to address ranges, their secrets sealed in the vault.

Listing shows name, kind, user and scope only. Secrets are decrypted only to audit, in memory, and never
written to the history, the audit records or the log.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from itam.audit import vault
from itam.errors import DuplicateError, NotFoundError, ValidationError
from itam.messages import tr
from itam.models.audits import Credential
from itam import security
from itam.services.context import ServiceContext, requires

#: kind -> (fields that are required, fields that may be given). Every field is sealed in the vault.
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "snmp_v2c": (("community",), ()),
    "snmp_v3": (("user", "auth_protocol", "auth_key"), ("priv_protocol", "priv_key")),
    "ssh": (("user",), ("password", "private_key_pem", "key_passphrase", "port")),
    "winrm": (("user", "password"), ("transport", "port", "https")),
}
_NAME = re.compile(r"^[\w.@-]{1,80}$")


@dataclass(frozen=True)
class CredentialView:
    name: str
    kind: str
    username: str | None
    scope: tuple[str, ...]
    created_at: datetime
    created_by: str | None


@dataclass(frozen=True)
class UsableCredential:
    """A decrypted credential, ready for an audit (its repr never shows the secret)."""

    name: str
    kind: str
    scope: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
    credential: Any  # an itam.audit.facts credential dataclass

    def covers(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip.version == net.version and ip in net for net in self.scope)


def parse_scope(scope: Any) -> tuple[str, ...]:
    """Addresses and CIDR blocks, normalised (``198.18.0.7`` -> ``198.18.0.7/32``); a clear error otherwise."""
    items = [s.strip() for s in (scope.split(",") if isinstance(scope, str) else scope or []) if str(s).strip()]
    if not items:
        raise ValidationError(tr("give the addresses or CIDR blocks the credential may be used for (its scope)"))
    out = []
    for item in items:
        try:
            out.append(str(ipaddress.ip_network(str(item), strict=False)))
        except ValueError:
            raise ValidationError(tr("'{item}' is not an address or CIDR block", item=item)) from None
    return tuple(dict.fromkeys(out))


def check_fields(kind: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a ``kind`` credential, checked; unknown or missing ones are a clear error."""
    if kind not in KINDS:
        raise ValidationError(tr("unknown credential kind '{kind}' (known: {known})", kind=kind,
                                 known=", ".join(KINDS)))
    required, optional = KINDS[kind]
    values = {k: v for k, v in fields.items() if v not in (None, "")}
    unknown = sorted(set(values) - set(required) - set(optional))
    if unknown:
        raise ValidationError(tr("a {kind} credential has no field {fields}", kind=kind, fields=", ".join(unknown)))
    missing = [k for k in required if k not in values]
    if missing:
        raise ValidationError(tr("a {kind} credential needs {fields}", kind=kind, fields=", ".join(missing)))
    if kind == "winrm":
        values["https"] = str(values.get("https", False)).lower() in ("1", "true", "yes")
    if "port" in values:
        try:
            values["port"] = int(values["port"])
        except (TypeError, ValueError):
            raise ValidationError(tr("the port must be a number")) from None
        if not 0 < values["port"] < 65536:
            raise ValidationError(tr("the port must be between 1 and 65535"))
    build_credential(kind, values)  # the audit library's own checks (protocols, key lengths …)
    return values


def build_credential(kind: str, fields: Mapping[str, Any]) -> Any:
    """The audit library's credential object for ``kind``."""
    from itam.audit import facts

    f = dict(fields)
    if kind == "snmp_v2c":
        return facts.SnmpV2cCredential(community=f["community"])
    if kind == "snmp_v3":
        return facts.SnmpV3Credential(user=f["user"], auth_protocol=f.get("auth_protocol") or "SHA", auth_key=f["auth_key"],
                                      priv_protocol=f.get("priv_protocol"), priv_key=f.get("priv_key"))
    if kind == "ssh":
        return facts.SshCredential(user=f["user"], password=f.get("password"), private_key_pem=f.get("private_key_pem"),
                                   key_passphrase=f.get("key_passphrase"), port=int(f.get("port") or 22))
    https = bool(f.get("https"))
    return facts.WinRmCredential(user=f["user"], password=f["password"], transport=f.get("transport") or "ntlm",
                                 port=int(f["port"]) if f.get("port") else None, https=https)


class CredentialService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    # --- the vault -----------------------------------------------------------------------------------
    @requires(security.READ)
    def vault_info(self) -> vault.VaultInfo:
        with self.ctx.db.read() as s:
            return vault.info(s)

    @requires(security.SETTINGS)
    def change_passphrase(self, old: str | None, new: str) -> None:
        with self.ctx.db.write() as s:
            vault.change_passphrase(s, old, new, self.ctx.actor.name)

    # --- credentials ---------------------------------------------------------------------------------
    @requires(security.SETTINGS)
    def add(self, name: str, kind: str, scope: Any, fields: Mapping[str, Any], *,
            passphrase: str | None = None) -> CredentialView:
        """Store a credential; the first one creates the vault with ``passphrase``."""
        name = (name or "").strip()
        if not _NAME.match(name):
            raise ValidationError(tr("a credential name is 1 to 80 letters, digits, '.', '_', '@' or '-'"))
        values = check_fields(kind, fields)
        networks = parse_scope(scope)
        with self.ctx.db.write() as s:
            if s.scalar(select(Credential.id).where(Credential.name == name)) is not None:
                raise DuplicateError(tr("a credential named '{name}' exists already", name=name))
            if vault.info(s).exists:
                unlocked = vault.unlock(s, passphrase)
            else:
                if not passphrase:
                    raise vault.VaultLockedError(tr(
                        "the first credential creates the credential vault: choose its passphrase (at least {n} "
                        "characters; other computers need it to use the credentials)", n=vault.MIN_PASSPHRASE))
                unlocked = vault.create(s, passphrase, self.ctx.actor.name)
            row = Credential(name=name, kind=kind, username=values.get("user"), scope=list(networks),
                             secret=unlocked.seal(name, kind, values), created_by=self.ctx.actor.name)
            s.add(row)
            s.flush()
            return _view(row)

    @requires(security.READ)
    def list(self) -> list[CredentialView]:
        with self.ctx.db.read() as s:
            return [_view(c) for c in s.scalars(select(Credential).order_by(Credential.name))]

    @requires(security.SETTINGS)
    def remove(self, name: str) -> None:
        with self.ctx.db.write() as s:
            row = s.scalar(select(Credential).where(Credential.name == name))
            if row is None:
                raise NotFoundError(tr("no credential named '{name}'", name=name))
            s.delete(row)

    @requires(security.DISCOVERY)
    def usable(self, *, passphrase: str | None = None, names: list[str] | None = None) -> list[UsableCredential]:
        """Every credential (or those named), decrypted for an audit."""
        with self.ctx.db.read() as s:
            rows = list(s.scalars(select(Credential).order_by(Credential.name)))
            if names:
                missing = sorted(set(names) - {r.name for r in rows})
                if missing:
                    raise NotFoundError(tr("no credential named '{name}'", name=", ".join(missing)))
                rows = [r for r in rows if r.name in names]
            if not rows:
                return []
            unlocked = vault.unlock(s, passphrase)
            return [
                UsableCredential(r.name, r.kind, tuple(ipaddress.ip_network(n) for n in r.scope),
                                 build_credential(r.kind, unlocked.open(r.name, r.kind, r.secret)))
                for r in rows
            ]


def _view(row: Credential) -> CredentialView:
    return CredentialView(row.name, row.kind, row.username, tuple(row.scope or ()), row.created_at, row.created_by)
