"""What a credentialed audit found on one device, and the credentials it used: plain frozen dataclasses.

No Qt, no database: the collectors (:mod:`itam.audit.snmp`, :mod:`itam.audit.ssh`, :mod:`itam.audit.winrm`)
return :class:`AuditFacts`; the services merge them into the register. Every text value in the facts has been
sanitised by the collector (no control characters or terminal escape sequences, at most
:data:`itam.audit.text.MAX_TEXT` characters); ``None`` means the device did not tell.

The credential classes hold secrets in memory for one audit run. Their ``repr``/``str`` never show a secret
(only whether one is set), so a credential that ends up in a log line or a traceback leaks nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from itam.errors import ValidationError
from itam.messages import tr

Method = Literal["snmp", "ssh", "winrm"]
METHODS: tuple[str, ...] = ("snmp", "ssh", "winrm")

#: The storage media types of resources/sanitization.toml ([media.*]); a disk is always one of them.
MEDIA_TYPES: tuple[str, ...] = ("hdd", "ssd", "nvme", "usb_flash", "memory_card", "mobile", "tape", "other")


@dataclass(frozen=True)
class DiskFact:
    """One physical disk: it becomes a storage medium of the asset (the serial is what sanitization needs)."""

    model: str | None
    serial: str | None
    size_gb: float | None  # decimal gigabytes (10^9 bytes), as drives are labelled
    media_type: str  # one of MEDIA_TYPES
    interface: str | None  # sata, sas, nvme, usb, scsi, ide, mmc … as the device reports it, lower case

    def __post_init__(self) -> None:
        if self.media_type not in MEDIA_TYPES:
            raise ValueError(f"media_type {self.media_type!r} is not one of {MEDIA_TYPES}")


@dataclass(frozen=True)
class InterfaceFact:
    name: str | None
    mac: str  # aa:bb:cc:dd:ee:ff, never all zeros


@dataclass(frozen=True)
class SoftwareFact:
    name: str
    version: str | None
    vendor: str | None = None


@dataclass(frozen=True)
class AuditFacts:
    """Everything one audit of one address found. ``warnings`` say what could not be read, and why."""

    address: str
    method: Method
    collected_at: datetime  # aware, UTC
    manufacturer: str | None = None
    model: str | None = None
    serial: str | None = None
    uuid: str | None = None
    hostname: str | None = None
    os_name: str | None = None
    os_version: str | None = None
    kernel: str | None = None
    cpu_model: str | None = None
    cpu_cores: int | None = None
    ram_mb: int | None = None
    disks: tuple[DiskFact, ...] = ()
    interfaces: tuple[InterfaceFact, ...] = ()
    software: tuple[SoftwareFact, ...] = ()
    printer_page_count: int | None = None
    sys_descr: str | None = None
    sys_object_id: str | None = None
    warnings: tuple[str, ...] = ()  # itam.messages.Message values (str subclasses), translatable

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"method {self.method!r} is not one of {METHODS}")
        if self.collected_at.tzinfo is None:
            raise ValueError("collected_at must be an aware datetime (UTC)")

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dict (the time as ISO 8601, tuples as lists, warnings as their English text)."""
        data = dataclasses.asdict(self)
        data["collected_at"] = self.collected_at.isoformat(timespec="seconds")
        for key in ("disks", "interfaces", "software"):
            data[key] = list(data[key])
        data["warnings"] = [str.__str__(w) for w in self.warnings]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AuditFacts:
        """The facts :meth:`as_json` wrote (as stored with an audit); unknown keys are ignored.

        Raises ValueError when the record is not one (a missing address or method, a bad time or disk)."""
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        collected = datetime.fromisoformat(str(values["collected_at"]))
        values["collected_at"] = collected if collected.tzinfo else collected.replace(tzinfo=UTC)
        values["disks"] = tuple(DiskFact(**_fields_of(DiskFact, d)) for d in values.get("disks") or ())
        values["interfaces"] = tuple(InterfaceFact(**_fields_of(InterfaceFact, i)) for i in values.get("interfaces") or ())
        values["software"] = tuple(SoftwareFact(**_fields_of(SoftwareFact, p)) for p in values.get("software") or ())
        values["warnings"] = tuple(str(w) for w in values.get("warnings") or ())
        try:
            return cls(**values)
        except TypeError as exc:
            raise ValueError(str(exc)) from exc

    def summary(self) -> str:
        """One line for people and logs (no secrets are ever in facts)."""
        parts = [p for p in (self.manufacturer, self.model) if p]
        if self.serial:
            parts.append(f"S/N {self.serial}")
        if self.os_name:
            parts.append(" ".join(p for p in (self.os_name, self.os_version) if p))
        if self.disks:
            parts.append(f"{len(self.disks)} disk(s)")
        if self.software:
            parts.append(f"{len(self.software)} package(s)")
        return f"{self.address} [{self.method}]: " + (", ".join(parts) or "no details")


def _fields_of(kind: type, data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValueError(f"{kind.__name__} record is not an object")
    return {f.name: data.get(f.name) for f in dataclasses.fields(kind)
            if f.name in data or f.default is dataclasses.MISSING}


# --- credentials --------------------------------------------------------------------------------------------

_HIDDEN = "<hidden>"


def _secret_repr(obj: Any, secrets: tuple[str, ...]) -> str:
    parts = []
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name in secrets:
            parts.append(f"{f.name}={_HIDDEN if value else None}")
        else:
            parts.append(f"{f.name}={value!r}")
    return f"{type(obj).__name__}({', '.join(parts)})"


class _Credential:
    """repr/str that never show the fields named in ``_secrets``."""

    _secrets: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return _secret_repr(self, self._secrets)

    __str__ = __repr__


SNMP_AUTH_PROTOCOLS: tuple[str, ...] = ("MD5", "SHA", "SHA224", "SHA256", "SHA384", "SHA512")
SNMP_PRIV_PROTOCOLS: tuple[str, ...] = ("DES", "3DES", "AES", "AES192", "AES256")
WINRM_TRANSPORTS: tuple[str, ...] = ("ntlm", "kerberos", "credssp", "basic")


@dataclass(frozen=True, repr=False)
class SnmpV2cCredential(_Credential):
    community: str
    _secrets = ("community",)

    def __post_init__(self) -> None:
        if not self.community:
            raise ValidationError(tr("an SNMP community must not be empty"))


@dataclass(frozen=True, repr=False)
class SnmpV3Credential(_Credential):
    """USM user; ``auth_protocol`` None = noAuthNoPriv, ``priv_protocol`` None = authNoPriv."""

    user: str
    auth_protocol: str | None = "SHA"
    auth_key: str | None = None
    priv_protocol: str | None = None
    priv_key: str | None = None
    _secrets = ("auth_key", "priv_key")

    def __post_init__(self) -> None:
        if not self.user:
            raise ValidationError(tr("an SNMPv3 credential needs a user name"))
        if self.auth_protocol is not None:
            object.__setattr__(self, "auth_protocol", self.auth_protocol.upper())
            if self.auth_protocol not in SNMP_AUTH_PROTOCOLS:
                raise ValidationError(tr("unknown SNMPv3 authentication protocol (use one of {known})",
                                         known=", ".join(SNMP_AUTH_PROTOCOLS)))
            if not self.auth_key or len(self.auth_key) < 8:
                raise ValidationError(tr("an SNMPv3 key needs at least 8 characters"))
        if self.priv_protocol is not None:
            object.__setattr__(self, "priv_protocol", self.priv_protocol.upper())
            if self.priv_protocol not in SNMP_PRIV_PROTOCOLS:
                raise ValidationError(tr("unknown SNMPv3 privacy protocol (use one of {known})",
                                         known=", ".join(SNMP_PRIV_PROTOCOLS)))
            if self.auth_protocol is None:
                raise ValidationError(tr("SNMPv3 privacy needs authentication too (authPriv)"))
            if not self.priv_key or len(self.priv_key) < 8:
                raise ValidationError(tr("an SNMPv3 key needs at least 8 characters"))

    @property
    def security_level(self) -> str:
        if self.auth_protocol is None:
            return "noAuthNoPriv"
        return "authPriv" if self.priv_protocol else "authNoPriv"


@dataclass(frozen=True, repr=False)
class SshCredential(_Credential):
    """A user with a password and/or a private key (OpenSSH or PEM text; ``key_passphrase`` if encrypted)."""

    user: str
    password: str | None = None
    private_key_pem: str | None = None
    key_passphrase: str | None = None
    port: int = 22
    _secrets = ("password", "private_key_pem", "key_passphrase")

    def __post_init__(self) -> None:
        if not self.user:
            raise ValidationError(tr("an SSH credential needs a user name"))
        if not self.password and not self.private_key_pem:
            raise ValidationError(tr("an SSH credential needs a password, a private key or both"))
        if not 0 < int(self.port) < 65536:
            raise ValidationError(tr("a port is a number from 1 to 65535"))


@dataclass(frozen=True, repr=False)
class WinRmCredential(_Credential):
    """A Windows account for WinRM: HTTP on 5985 (NTLM, Kerberos and CredSSP encrypt the messages) or HTTPS
    on 5986. Basic authentication only over HTTPS: over HTTP it would send the password readable."""

    user: str
    password: str
    transport: str = "ntlm"
    port: int | None = None  # None: 5986 with https, else 5985
    https: bool = False
    verify_certificate: bool = True  # HTTPS only: False accepts self-signed WinRM listener certificates
    _secrets = ("password",)

    def __post_init__(self) -> None:
        if not self.user:
            raise ValidationError(tr("a WinRM credential needs a user name"))
        object.__setattr__(self, "transport", (self.transport or "ntlm").lower())
        if self.transport not in WINRM_TRANSPORTS:
            raise ValidationError(tr("unknown WinRM transport (use one of {known})", known=", ".join(WINRM_TRANSPORTS)))
        if self.transport == "basic" and not self.https:
            raise ValidationError(tr("WinRM basic authentication sends the password readable over HTTP: use HTTPS "
                                     "(port 5986) or NTLM/Kerberos"))
        if self.port is None:
            object.__setattr__(self, "port", 5986 if self.https else 5985)
        if not 0 < int(self.port) < 65536:
            raise ValidationError(tr("a port is a number from 1 to 65535"))


Credential = SnmpV2cCredential | SnmpV3Credential | SshCredential | WinRmCredential


def method_of(credential: Any) -> str:
    """'snmp', 'ssh' or 'winrm' for a credential object."""
    if isinstance(credential, SnmpV2cCredential | SnmpV3Credential):
        return "snmp"
    if isinstance(credential, SshCredential):
        return "ssh"
    if isinstance(credential, WinRmCredential):
        return "winrm"
    raise TypeError(f"not an audit credential: {type(credential).__name__}")


__all__ = [
    "MEDIA_TYPES",
    "METHODS",
    "AuditFacts",
    "Credential",
    "DiskFact",
    "InterfaceFact",
    "Method",
    "SnmpV2cCredential",
    "SnmpV3Credential",
    "SoftwareFact",
    "SshCredential",
    "WinRmCredential",
    "method_of",
]
