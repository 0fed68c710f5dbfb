"""SNMP audit (v2c and v3) with pysnmp's asyncio API.

What it reads, all read-only, each walk bounded:

* SNMPv2-MIB system group: sysDescr, sysObjectID (its enterprise number names the maker, from
  resources/snmp_enterprises.toml), sysName;
* ENTITY-MIB: the chassis row (entPhysicalClass = chassis(3)): serial, model and manufacturer;
* Printer-MIB: prtGeneralSerialNumber and prtMarkerLifeCount (the page counter);
* IF-MIB: ifDescr and ifPhysAddress (empty and all-zero addresses skipped);
* HOST-RESOURCES-MIB: hrMemorySize, the processors and printers of hrDeviceTable, hrSWInstalledName.

All SNMP audits of a process share one asyncio loop in a daemon thread and one SNMP engine (building an
engine loads pysnmp's MIB modules, about 0.1 s of CPU: paying it per host would serialise a parallel run
on the interpreter lock). :func:`audit_snmp` is synchronous and thread-safe; many threads may call it at
once and their requests interleave on the shared loop.

A wrong community gets no answer at all (agents drop such requests silently), so SNMPv2c can only say
"no answer to that community"; SNMPv3 tells an unknown user and a wrong authentication key apart.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import functools
import hashlib
import ipaddress
import threading
import time
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from itam.audit.facts import AuditFacts, InterfaceFact, SnmpV2cCredential, SnmpV3Credential, SoftwareFact
from itam.audit.text import MAX_INTERFACES, MAX_OUTPUT, MAX_SOFTWARE, Warnings, check_address, clean, mac_text, to_int
from itam.errors import AuditAuthError, AuditError, AuditProtocolError, AuditTimeoutError, AuditUnreachableError
from itam.messages import tr
from itam.paths import resource

DEFAULT_TIMEOUT = 20.0
DEFAULT_PORT = 161

SYS_DESCR = "1.3.6.1.2.1.1.1.0"
SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0"
SYS_NAME = "1.3.6.1.2.1.1.5.0"
HR_MEMORY_SIZE = "1.3.6.1.2.1.25.2.2.0"  # KiB
ENT_PHYSICAL_CLASS = "1.3.6.1.2.1.47.1.1.1.1.5"
ENT_PHYSICAL_SERIAL = "1.3.6.1.2.1.47.1.1.1.1.11"
ENT_PHYSICAL_MFG = "1.3.6.1.2.1.47.1.1.1.1.12"
ENT_PHYSICAL_MODEL = "1.3.6.1.2.1.47.1.1.1.1.13"
ENT_CLASS_CHASSIS = 3
PRT_GENERAL_SERIAL = "1.3.6.1.2.1.43.5.1.1.17"
PRT_MARKER_LIFE_COUNT = "1.3.6.1.2.1.43.10.2.1.4"
IF_DESCR = "1.3.6.1.2.1.2.2.1.2"
IF_PHYS_ADDRESS = "1.3.6.1.2.1.2.2.1.6"
HR_DEVICE_TYPE = "1.3.6.1.2.1.25.3.2.1.2"
HR_DEVICE_DESCR = "1.3.6.1.2.1.25.3.2.1.3"
HR_DEVICE_PROCESSOR = "1.3.6.1.2.1.25.3.1.3"
HR_DEVICE_PRINTER = "1.3.6.1.2.1.25.3.1.5"
HR_SW_INSTALLED_NAME = "1.3.6.1.2.1.25.6.3.1.2"
ENTERPRISES = "1.3.6.1.4.1."

#: Rows read from the ENTITY-MIB class column before giving up on finding the chassis.
MAX_ENTITY_ROWS = 2000
MAX_DEVICE_ROWS = 512
#: GETBULK repetitions per request.
BULK = 40


# --- vendors --------------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _enterprise_table() -> tuple[dict[int, str], frozenset[int]]:
    with open(resource("snmp_enterprises.toml"), "rb") as fh:
        data = tomllib.load(fh)
    table = {int(k): str(v) for k, v in data.get("enterprises", {}).items()}
    return table, frozenset(int(n) for n in data.get("agents", []))


@functools.lru_cache(maxsize=1)
def _nmap_registry() -> dict[int, str]:
    """nmap's copy of the IANA registry (number<TAB>registrant), when nmap is installed."""
    for directory in ("/usr/share/nmap", "/usr/local/share/nmap"):
        path = Path(directory, "nselib", "data", "enterprise_numbers.txt")
        if path.is_file():
            out: dict[int, str] = {}
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                number, sep, name = line.partition("\t")
                if sep and number.isdigit():
                    out[int(number)] = name.strip()
            return out
    return {}


def enterprise_number(object_id: str | None) -> int | None:
    """The private enterprise number in a sysObjectID (1.3.6.1.4.1.<n>…), or None."""
    if not object_id:
        return None
    text = object_id.lstrip(".")
    if not text.startswith(ENTERPRISES):
        return None
    head = text[len(ENTERPRISES):].split(".", 1)[0]
    return int(head) if head.isdigit() else None


def vendor_for(object_id: str | None) -> str | None:
    """The maker a sysObjectID names (None for software agents such as net-snmp, and unknown numbers)."""
    number = enterprise_number(object_id)
    if number is None:
        return None
    table, agents = _enterprise_table()
    if number in agents:
        return None
    name = table.get(number) or _nmap_registry().get(number)
    return clean(name) if name else None


# --- the shared loop ------------------------------------------------------------------------------------------

class _Reactor:
    """One asyncio loop in a daemon thread and its SNMP engines, shared by every SNMP audit of the process.

    SNMPv2c audits share one engine (communities are kept apart by the engine itself). An engine holds one
    USM entry per SNMPv3 user name, so two credentials with the same user name but different keys would
    overwrite each other's keys mid-audit: each distinct SNMPv3 credential gets an engine of its own."""

    RECYCLE_AFTER = 2000  # audits; the engines are rebuilt when idle after that many (their tables only grow)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._engines: dict[str, Any] = {}
        self._active = 0
        self._served = 0

    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None or not self._thread or not self._thread.is_alive():
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=self._run, args=(loop,), name="itam-snmp", daemon=True)
                thread.start()
                self._loop, self._thread = loop, thread
            return self._loop

    @staticmethod
    def _run(loop: asyncio.AbstractEventLoop) -> None:
        asyncio.set_event_loop(loop)
        loop.run_forever()

    async def _with_engine(self, key: str, work: Callable[[Any], Any]) -> Any:
        from pysnmp.hlapi.v3arch.asyncio import SnmpEngine

        if self._engines and self._active == 0 and self._served >= self.RECYCLE_AFTER:
            self._close_engines()
        engine = self._engines.get(key)
        if engine is None:
            engine = self._engines[key] = SnmpEngine()
        self._active += 1
        try:
            return await work(engine)
        finally:
            self._active -= 1
            self._served += 1

    def _close_engines(self) -> None:
        engines, self._engines, self._served = list(self._engines.values()), {}, 0
        for engine in engines:
            try:
                engine.close_dispatcher()
            except Exception:  # noqa: BLE001, S110 - closing must never fail an audit
                pass

    def run(self, key: str, work: Callable[[Any], Any], wait: float) -> Any:
        """Run ``await work(engine)`` on the shared loop with the engine for ``key``; give up waiting after
        ``wait`` seconds."""
        loop = self._ensure_loop()
        future = asyncio.run_coroutine_threadsafe(self._with_engine(key, work), loop)
        try:
            return future.result(wait)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise
        except concurrent.futures.CancelledError:
            raise asyncio.CancelledError() from None

    def shutdown(self) -> None:
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is None:
            return

        async def stop() -> None:
            self._close_engines()

        with contextlib.suppress(Exception):  # shutting down: nothing left to report to
            asyncio.run_coroutine_threadsafe(stop(), loop).result(5)
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(5)
        if not loop.is_running():
            loop.close()


_REACTOR = _Reactor()
atexit.register(_REACTOR.shutdown)


def shutdown() -> None:
    """Stop the shared SNMP loop (it restarts by itself on the next audit)."""
    _REACTOR.shutdown()


# --- the audit ------------------------------------------------------------------------------------------------

class _Stopped(Exception):
    pass


class _Session:
    """One audit's requests: the credential, the target and what was read so far."""

    def __init__(self, engine: Any, address: str, port: int, credential: Any, request_timeout: float,
                 should_stop: Callable[[], bool] | None) -> None:
        self.engine = engine
        self.address = address
        self.port = port
        self.credential = credential
        self.request_timeout = request_timeout
        self.should_stop = should_stop
        self.target: Any = None
        self.auth = _auth_data(credential)
        self.bytes_read = 0
        self.values: dict[str, Any] = {}
        self.warnings = Warnings()
        self.answered = False

    async def open(self) -> None:
        from pysnmp.hlapi.v3arch.asyncio import Udp6TransportTarget, UdpTransportTarget

        kind = Udp6TransportTarget if ipaddress.ip_address(self.address).version == 6 else UdpTransportTarget
        self.target = await kind.create((self.address, self.port), timeout=self.request_timeout, retries=1)

    def _check_stop(self) -> None:
        if self.should_stop is not None and self.should_stop():
            raise _Stopped()

    async def get(self, *oids: str) -> dict[str, Any]:
        """oid -> value for the objects the agent has (missing ones are left out)."""
        from pysnmp.hlapi.v3arch.asyncio import ContextData, ObjectIdentity, ObjectType, get_cmd

        self._check_stop()
        error, status, _index, binds = await get_cmd(
            self.engine, self.auth, self.target, ContextData(),
            *(ObjectType(ObjectIdentity(oid)) for oid in oids), lookupMib=False)
        if error:
            raise self._error(error)
        self.answered = True
        if status:
            if _status_name(status) == "authorizationError":
                raise AuditAuthError(tr("{address} does not let this SNMP credential read its system data "
                                        "(access control)", address=self.address))
            if len(oids) > 1:  # SNMPv1-style failure of the whole request: ask one by one
                out: dict[str, Any] = {}
                for oid in oids:
                    out.update(await self.get(oid))
                return out
            return {}
        return {str(name): value for name, value in binds if _has_value(value)}

    async def walk(self, column: str, max_rows: int, repetitions: int = BULK) -> list[tuple[str, Any]]:
        """(index suffix, value) of one table column, at most ``max_rows`` rows and MAX_OUTPUT bytes in all.

        ``repetitions`` is the GETBULK size: small for columns that usually have a few rows (every value past
        the column's end is decoded for nothing), large for long ones."""
        from pysnmp.hlapi.v3arch.asyncio import ContextData, ObjectIdentity, ObjectType, bulk_walk_cmd

        rows: list[tuple[str, Any]] = []
        prefix = column + "."
        walker = bulk_walk_cmd(self.engine, self.auth, self.target, ContextData(), 0, min(repetitions, max_rows),
                               ObjectType(ObjectIdentity(column)), lookupMib=False, lexicographicMode=False,
                               maxRows=max_rows)
        try:
            async for error, status, _index, binds in walker:
                self._check_stop()
                if error:
                    raise self._error(error)
                if status:
                    if _status_name(status) == "authorizationError":
                        self.warnings.add(tr("the agent does not let this credential read {oid}", oid=column))
                    break
                self.answered = True
                for name, value in binds:
                    oid = str(name)
                    if not oid.startswith(prefix) or not _has_value(value):
                        continue
                    self.bytes_read += _size(value)
                    if self.bytes_read > MAX_OUTPUT:
                        self.warnings.add(tr("the agent sent more than {limit} bytes; the rest was not read",
                                             limit=MAX_OUTPUT))
                        return rows
                    rows.append((oid[len(prefix):], value))
                    if len(rows) >= max_rows:
                        return rows
        finally:
            await walker.aclose()
        return rows

    def _error(self, indication: Any) -> AuditError:
        name = type(indication).__name__
        seconds = round(self.request_timeout * 2, 1)
        cred = self.credential
        if name == "RequestTimedOut":
            if self.answered:
                return AuditTimeoutError(tr("{address} stopped answering SNMP requests during the audit",
                                            address=self.address))
            if isinstance(cred, SnmpV3Credential):
                return AuditTimeoutError(tr(
                    "no answer from {address} to SNMPv3 user '{user}' within {seconds} s: wrong privacy key, "
                    "not allowed from here, or no SNMP agent there", address=self.address, user=cred.user, seconds=seconds))
            return AuditTimeoutError(tr(
                "no answer from {address} to the SNMP community within {seconds} s: wrong community, not "
                "allowed from here, or no SNMP agent there", address=self.address, seconds=seconds))
        if name == "UnknownUserName":
            return AuditAuthError(tr("{address} does not know the SNMPv3 user '{user}'", address=self.address,
                                     user=getattr(cred, "user", "?")))
        if name in ("WrongDigest", "WrongDigests", "AuthenticationFailure"):
            return AuditAuthError(tr("{address} refused the authentication key of SNMPv3 user '{user}'",
                                     address=self.address, user=getattr(cred, "user", "?")))
        if name in ("DecryptionError",):
            return AuditAuthError(tr("the SNMPv3 privacy key of user '{user}' does not match {address}'s",
                                     address=self.address, user=getattr(cred, "user", "?")))
        if name in ("UnsupportedSecurityLevel", "UnsupportedSecLevel"):
            return AuditAuthError(tr("{address} does not accept security level {level} for SNMPv3 user '{user}'",
                                     address=self.address, level=getattr(cred, "security_level", "?"),
                                     user=getattr(cred, "user", "?")))
        return AuditProtocolError(tr("SNMP error from {address}: {reason}", address=self.address,
                                     reason=clean(str(indication)) or name))


def _engine_key(credential: Any) -> str:
    """"v2c" for every community; a digest of the user and keys for an SNMPv3 credential."""
    if isinstance(credential, SnmpV3Credential):
        material = "\0".join(str(v) for v in (credential.user, credential.auth_protocol, credential.auth_key,
                                               credential.priv_protocol, credential.priv_key))
        return "v3:" + hashlib.sha256(material.encode()).hexdigest()
    return "v2c"


def _auth_data(credential: Any) -> Any:
    from pysnmp.hlapi.v3arch.asyncio import CommunityData, UsmUserData
    from pysnmp.hlapi.v3arch.asyncio import auth as a

    if isinstance(credential, SnmpV2cCredential):
        return CommunityData(credential.community, mpModel=1)
    if isinstance(credential, SnmpV3Credential):
        auth = {
            None: a.USM_AUTH_NONE, "MD5": a.USM_AUTH_HMAC96_MD5, "SHA": a.USM_AUTH_HMAC96_SHA,
            "SHA224": a.USM_AUTH_HMAC128_SHA224, "SHA256": a.USM_AUTH_HMAC192_SHA256,
            "SHA384": a.USM_AUTH_HMAC256_SHA384, "SHA512": a.USM_AUTH_HMAC384_SHA512,
        }[credential.auth_protocol]
        priv = {
            None: a.USM_PRIV_NONE, "DES": a.USM_PRIV_CBC56_DES, "3DES": a.USM_PRIV_CBC168_3DES,
            "AES": a.USM_PRIV_CFB128_AES, "AES192": a.USM_PRIV_CFB192_AES, "AES256": a.USM_PRIV_CFB256_AES,
        }[credential.priv_protocol]
        return UsmUserData(credential.user, authKey=credential.auth_key, privKey=credential.priv_key,
                           authProtocol=auth, privProtocol=priv)
    raise TypeError(f"not an SNMP credential: {type(credential).__name__}")


def _status_name(status: Any) -> str:
    try:
        return str(status.prettyPrint())
    except AttributeError:
        return str(status)


def _has_value(value: Any) -> bool:
    """False for noSuchObject, noSuchInstance, endOfMibView and NULL."""
    return type(value).__name__ not in ("NoSuchObject", "NoSuchInstance", "EndOfMibView", "Null")


def _size(value: Any) -> int:
    try:
        return len(bytes(value)) + 16
    except (TypeError, ValueError):
        return 16


def _octets(value: Any) -> bytes | None:
    try:
        return bytes(value.asOctets()) if hasattr(value, "asOctets") else bytes(value)
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    raw = _octets(value)
    if raw is not None and type(value).__name__ in ("OctetString", "DisplayString", "Opaque"):
        return clean(raw)
    return clean(value.prettyPrint() if hasattr(value, "prettyPrint") else value)


def _number(value: Any) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return to_int(_text(value))


def _oid(value: Any) -> str | None:
    if value is None:
        return None
    text = clean(value.prettyPrint() if hasattr(value, "prettyPrint") else value, 512)
    return text if text and all(part.isdigit() for part in text.strip(".").split(".")) else None


def _index_key(index: str) -> tuple[int, ...]:
    return tuple(int(p) for p in index.split(".") if p.isdigit())


def _software(name: str) -> SoftwareFact:
    """hrSWInstalledName as agents write it: net-snmp on Debian gives name_version_arch, RPM name-version-rel."""
    parts = name.split("_")
    if len(parts) == 3 and parts[0] and parts[1] and parts[2] in _DEBIAN_ARCHES and " " not in name:
        return SoftwareFact(parts[0], parts[1])
    return SoftwareFact(name, None)


_DEBIAN_ARCHES = frozenset({"all", "amd64", "i386", "arm64", "armhf", "armel", "ppc64el", "s390x", "mips64el",
                            "riscv64", "loong64"})


async def _collect(session: _Session) -> None:
    """Fill ``session.values``; raises only for a host that cannot be audited at all."""
    await session.open()
    v = session.values
    found = await session.get(SYS_DESCR, SYS_OBJECT_ID, SYS_NAME, HR_MEMORY_SIZE)
    v["sys_descr"] = _text(found.get(SYS_DESCR))
    v["sys_object_id"] = _oid(found.get(SYS_OBJECT_ID))
    v["hostname"] = _text(found.get(SYS_NAME))
    memory_kib = _number(found.get(HR_MEMORY_SIZE))
    if memory_kib and memory_kib > 0:
        v["ram_mb"] = memory_kib // 1024

    # ENTITY-MIB: the chassis row names the box (serial, model, maker).
    classes = await session.walk(ENT_PHYSICAL_CLASS, MAX_ENTITY_ROWS, 10)
    chassis = sorted((_index_key(i), i) for i, value in classes if _number(value) == ENT_CLASS_CHASSIS)
    if chassis:
        index = chassis[0][1]
        row = await session.get(f"{ENT_PHYSICAL_SERIAL}.{index}", f"{ENT_PHYSICAL_MFG}.{index}",
                                f"{ENT_PHYSICAL_MODEL}.{index}")
        v["serial"] = _text(row.get(f"{ENT_PHYSICAL_SERIAL}.{index}"))
        v["manufacturer"] = _text(row.get(f"{ENT_PHYSICAL_MFG}.{index}"))
        v["model"] = _text(row.get(f"{ENT_PHYSICAL_MODEL}.{index}"))

    # Printer-MIB: the printer's own serial and its lifetime page counter.
    serials = [s for s in (_text(value) for _, value in await session.walk(PRT_GENERAL_SERIAL, 16, 2)) if s]
    if serials:
        v["printer_serial"] = serials[0]
    counts = [c for c in (_number(value) for _, value in await session.walk(PRT_MARKER_LIFE_COUNT, 16, 2))
              if c is not None and c >= 0]
    if counts:
        v["printer_page_count"] = counts[0]

    # IF-MIB: interfaces with a hardware address.
    names = {i: _text(value) for i, value in await session.walk(IF_DESCR, MAX_INTERFACES, 8)}
    interfaces = []
    seen = set()
    for index, value in await session.walk(IF_PHYS_ADDRESS, MAX_INTERFACES, 8):
        mac = mac_text(_octets(value))
        if mac and (names.get(index), mac) not in seen:
            seen.add((names.get(index), mac))
            interfaces.append(InterfaceFact(names.get(index), mac))
    v["interfaces"] = tuple(interfaces)

    # HOST-RESOURCES-MIB (net-snmp, Windows, many printers): processors, printers, software.
    if memory_kib is not None:
        types = dict(await session.walk(HR_DEVICE_TYPE, MAX_DEVICE_ROWS, 16))
        if types:
            descriptions = dict(await session.walk(HR_DEVICE_DESCR, MAX_DEVICE_ROWS, 16))
            cpus = [_text(descriptions.get(i)) for i, t in types.items() if _oid(t) == HR_DEVICE_PROCESSOR]
            if cpus:
                v["cpu_cores"] = len(cpus)
                named = [c for c in cpus if c]
                if named:
                    v["cpu_model"] = named[0].split(": ", 1)[-1] if ": " in named[0] else named[0]
            printers = [_text(descriptions.get(i)) for i, t in types.items() if _oid(t) == HR_DEVICE_PRINTER]
            if printers and printers[0]:
                v["printer_model"] = printers[0]
        software = await session.walk(HR_SW_INSTALLED_NAME, MAX_SOFTWARE + 1, 50)
        if len(software) > MAX_SOFTWARE:
            session.warnings.add(tr("more than {limit} installed packages; only the first {limit} were kept",
                                    limit=MAX_SOFTWARE))
            software = software[:MAX_SOFTWARE]
        v["software"] = tuple(_software(n) for n in (_text(value) for _, value in software) if n)


def _facts(address: str, session: _Session) -> AuditFacts:
    v = session.values
    vendor = vendor_for(v.get("sys_object_id"))
    serial = v.get("serial") or v.get("printer_serial")
    model = v.get("model") or v.get("printer_model")
    if not serial and not model and v.get("sys_descr"):
        session.warnings.add(tr("the agent names no serial number or model (no ENTITY-MIB chassis or "
                                "Printer-MIB entry)"))
    return AuditFacts(
        address=address, method="snmp", collected_at=datetime.now(UTC),
        manufacturer=v.get("manufacturer") or vendor, model=model, serial=serial, hostname=v.get("hostname"),
        cpu_model=v.get("cpu_model"), cpu_cores=v.get("cpu_cores"), ram_mb=v.get("ram_mb"),
        interfaces=v.get("interfaces", ()), software=v.get("software", ()),
        printer_page_count=v.get("printer_page_count"), sys_descr=v.get("sys_descr"),
        sys_object_id=v.get("sys_object_id"), warnings=session.warnings.as_tuple(),
    )


def audit_snmp(
    address: str,
    credential: SnmpV2cCredential | SnmpV3Credential,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    port: int = DEFAULT_PORT,
    should_stop: Callable[[], bool] | None = None,
) -> AuditFacts:
    """Audit one host by SNMP. Raises an :class:`~itam.errors.AuditError` subclass when the host cannot be
    audited at all (no answer, refused credential); a host that answers yields facts, with warnings for what
    it would not tell. Returns within about ``timeout`` seconds; ``should_stop`` is polled between requests."""
    address = check_address(address)
    if not isinstance(credential, SnmpV2cCredential | SnmpV3Credential):
        raise TypeError(f"audit_snmp needs an SNMP credential, not {type(credential).__name__}")
    timeout = max(1.0, float(timeout))
    request_timeout = min(2.0, max(0.5, timeout / 6))
    started = time.monotonic()
    holder: dict[str, _Session] = {}

    async def work(engine: Any) -> None:
        session = _Session(engine, address, port, credential, request_timeout, should_stop)
        holder["session"] = session
        await asyncio.wait_for(_collect(session), timeout)

    try:
        _REACTOR.run(_engine_key(credential), work, timeout + 5.0)
    except (TimeoutError, concurrent.futures.TimeoutError):
        session = holder.get("session")
        if session is None or not session.answered:
            raise AuditTimeoutError(tr("no answer from {address} by SNMP within {seconds} s", address=address,
                                       seconds=round(time.monotonic() - started, 1))) from None
        session.warnings.add(tr("the audit reached its time limit of {seconds} s; later tables were not read",
                                seconds=round(timeout, 1)))
    except _Stopped:
        raise AuditError(tr("the audit of {address} was cancelled", address=address)) from None
    except asyncio.CancelledError:
        raise AuditError(tr("the audit of {address} was cancelled", address=address)) from None
    except AuditError:
        raise
    except OSError as exc:
        raise AuditUnreachableError(tr("cannot send SNMP requests to {address}: {reason}", address=address,
                                       reason=clean(exc.strerror or str(exc)) or type(exc).__name__)) from None
    except Exception as exc:  # noqa: BLE001 - pysnmp raises its own PySnmpError family and more on bad packets
        raise AuditProtocolError(tr("SNMP error from {address}: {reason}", address=address,
                                    reason=clean(str(exc)) or type(exc).__name__)) from None
    return _facts(address, holder["session"])
