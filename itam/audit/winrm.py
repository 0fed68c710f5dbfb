"""WinRM audit of Windows hosts with pywinrm: one PowerShell script, its JSON answer parsed into AuditFacts.

The script (:data:`SCRIPT`, fixed text, read-only) asks CIM/WMI for Win32_ComputerSystem, Win32_BIOS,
Win32_ComputerSystemProduct, Win32_OperatingSystem, Win32_Processor, Win32_DiskDrive (and the Storage
module's Get-PhysicalDisk, which tells SSD from HDD and NVMe from SATA), the physical network adapters'
MACs, and the installed software of the 64- and 32-bit Uninstall registry keys; it prints one line of JSON.

The connection: HTTP on 5985 (NTLM or Kerberos encrypt the messages themselves) or HTTPS on 5986, never
through a proxy, each HTTP response capped at :data:`MAX_RESPONSE` bytes and the whole audit bounded by its
timeout. PowerShell 5.1's ConvertTo-Json writes a one-element list as a bare object and numbers as strings
now and then: the parser accepts both.
"""

from __future__ import annotations

import base64
import json
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from itam.audit.facts import AuditFacts, DiskFact, InterfaceFact, SoftwareFact, WinRmCredential
from itam.audit.text import (
    MAX_DISKS,
    MAX_INTERFACES,
    MAX_SOFTWARE,
    Warnings,
    check_address,
    clean,
    decode,
    is_placeholder_name,
    mac_text,
    to_int,
    uuid_text,
)
from itam.errors import (
    AuditAuthError,
    AuditError,
    AuditProtocolError,
    AuditTimeoutError,
    AuditUnreachableError,
)
from itam.identifiers import is_placeholder_serial
from itam.messages import tr

DEFAULT_TIMEOUT = 60.0
#: Largest HTTP response read from the host (one WS-Man envelope), and largest script output kept.
MAX_RESPONSE = 4_000_000
MAX_SCRIPT_OUTPUT = 4_000_000

SCRIPT = r"""
$ErrorActionPreference='SilentlyContinue';$ProgressPreference='SilentlyContinue'
[Console]::OutputEncoding=New-Object Text.UTF8Encoding $false
function C($n){try{Get-CimInstance -ClassName $n -ErrorAction Stop}catch{Get-WmiObject -Class $n}}
$r=[ordered]@{}
$r.cs=C Win32_ComputerSystem|select Manufacturer,Model,Name,Domain,TotalPhysicalMemory
$r.bios=C Win32_BIOS|select SerialNumber,Manufacturer
$r.product=C Win32_ComputerSystemProduct|select UUID,IdentifyingNumber,Vendor,Name,Version
$r.os=C Win32_OperatingSystem|select Caption,Version,BuildNumber,OSArchitecture
$r.cpu=@(C Win32_Processor|select Name,NumberOfCores,NumberOfLogicalProcessors)
$r.disks=@(C Win32_DiskDrive|select Model,SerialNumber,Size,MediaType,InterfaceType,Index)
$r.physical=@(Get-PhysicalDisk|select DeviceId,SerialNumber,MediaType,BusType,FriendlyName,Size)
$r.nics=@(C Win32_NetworkAdapter|?{$_.MACAddress -and $_.PhysicalAdapter}|select Name,MACAddress)
$k='HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\*','HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\*'
$r.software=@(Get-ItemProperty $k|?{$_.DisplayName -and -not $_.SystemComponent}|select DisplayName,DisplayVersion,Publisher)
$r|ConvertTo-Json -Depth 3 -Compress
""".strip()


def encoded_command() -> str:
    """The script as ``powershell -EncodedCommand`` wants it: UTF-16LE, base64."""
    return base64.b64encode(SCRIPT.encode("utf-16-le")).decode("ascii")


# --- parsing ----------------------------------------------------------------------------------------------------

def _scalar(value: Any) -> Any:
    """A JSON string or number as it is; None for objects, lists, booleans and null (wrong shapes)."""
    return value if isinstance(value, str | int | float) and not isinstance(value, bool) else None


def _field(item: dict[str, Any], key: str, limit: int | None = None) -> str | None:
    value = _scalar(item.get(key))
    return clean(value) if limit is None else clean(value, limit)


def _list(value: Any) -> list[dict[str, Any]]:
    """ConvertTo-Json writes one element as a bare object and none as null."""
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return []


def _one(value: Any) -> dict[str, Any]:
    items = _list(value)
    return items[0] if items else {}


def _usable(value: Any) -> str | None:
    text = clean(_scalar(value))
    return None if text is None or is_placeholder_serial(text) or is_placeholder_name(text) else text


_PHYSICAL_MEDIA = {3: "hdd", 4: "ssd", "hdd": "hdd", "ssd": "ssd"}
_PHYSICAL_BUS = {17: "nvme", 11: "sata", 7: "usb", 10: "sas", 8: "raid", 1: "scsi", 3: "ata", 12: "sd", 13: "mmc",
                 "nvme": "nvme", "sata": "sata", "usb": "usb", "sas": "sas", "raid": "raid", "scsi": "scsi",
                 "ata": "ata", "sd": "sd", "mmc": "mmc"}


def _code(value: Any) -> Any:
    value = _scalar(value)
    number = to_int(value)
    if number is not None:
        return number
    text = clean(value, 32)
    return text.lower() if text else None


def _disk(drive: dict[str, Any], physical: list[dict[str, Any]]) -> DiskFact:
    model = _field(drive, "Model")
    serial = _usable(drive.get("SerialNumber"))
    size = to_int(_scalar(drive.get("Size")))
    interface = (_field(drive, "InterfaceType", 32) or "").lower() or None
    match = None
    for candidate in physical:  # Get-PhysicalDisk: by serial, else by disk number
        other = _usable(candidate.get("SerialNumber"))
        if (serial and other and other.replace(" ", "") == serial.replace(" ", "")) or (
                to_int(_scalar(candidate.get("DeviceId"))) is not None
                and to_int(_scalar(candidate.get("DeviceId"))) == to_int(_scalar(drive.get("Index")))):
            match = candidate
            break
    bus = _PHYSICAL_BUS.get(_code(match.get("BusType"))) if match else None
    media = _PHYSICAL_MEDIA.get(_code(match.get("MediaType"))) if match else None
    text = " ".join(filter(None, (model, _field(drive, "MediaType"))))
    if bus == "nvme" or re.search(r"\bNVMe\b", text, re.IGNORECASE):
        kind = "nvme"
    elif bus in ("sd", "mmc"):
        kind = "memory_card"
    elif bus == "usb" or interface == "usb":
        kind = "hdd" if media == "hdd" else "usb_flash"
    elif media:
        kind = media
    elif re.search(r"\bSSD\b|solid state", text, re.IGNORECASE):
        kind = "ssd"
    elif "fixed hard disk" in text.lower():
        kind = "hdd"
    else:
        kind = "other"
    return DiskFact(model=model, serial=serial, size_gb=round(size / 1e9, 1) if size and size > 0 else None,
                    media_type=kind, interface=bus or interface)


def parse_inventory(stdout: bytes | str, address: str, warnings: Warnings | None = None) -> AuditFacts:
    """AuditFacts from the script's JSON; raises AuditProtocolError when it is not the JSON object expected."""
    warnings = warnings or Warnings()
    text = decode(stdout).lstrip("\ufeff").strip()
    start = text.find("{")
    try:
        data = json.loads(text[start:] if start > 0 else text)
    except ValueError:
        raise AuditProtocolError(tr("the inventory script on {address} did not print valid JSON ({size} bytes)",
                                    address=address, size=len(stdout))) from None
    if not isinstance(data, dict):
        raise AuditProtocolError(tr("the inventory script on {address} did not print valid JSON ({size} bytes)",
                                    address=address, size=len(stdout)))
    cs, bios, product, os_ = (_one(data.get(k)) for k in ("cs", "bios", "product", "os"))
    cpus = _list(data.get("cpu"))
    manufacturer = _usable(cs.get("Manufacturer")) or _usable(product.get("Vendor"))
    model = _usable(cs.get("Model")) or _usable(product.get("Name"))
    # Lenovo: Win32_ComputerSystem.Model is the machine type (20L5CTO1WW); the model is in the product's Version.
    version = _usable(product.get("Version"))
    if manufacturer and manufacturer.upper().startswith("LENOVO") and version and re.search(
            r"think|idea|legion|yoga", version, re.IGNORECASE):
        model = version
    serial = _usable(bios.get("SerialNumber")) or _usable(product.get("IdentifyingNumber"))
    if serial is None and _field(bios, "SerialNumber"):
        warnings.add(tr("the firmware's serial number '{serial}' is a placeholder; it was not kept",
                        serial=_field(bios, "SerialNumber")))
    memory = to_int(_scalar(cs.get("TotalPhysicalMemory")))
    cores = sum(to_int(_scalar(c.get("NumberOfCores"))) or 0 for c in cpus) or None
    build = _field(os_, "BuildNumber", 32)
    version_text = _field(os_, "Version", 64)

    physical = _list(data.get("physical"))
    drives = _list(data.get("disks"))
    if len(drives) > MAX_DISKS:
        warnings.add(tr("more than {limit} disks; only the first {limit} were kept", limit=MAX_DISKS))
    disks = tuple(_disk(d, physical) for d in drives[:MAX_DISKS])

    interfaces = []
    for nic in _list(data.get("nics"))[:MAX_INTERFACES]:
        mac = mac_text(_scalar(nic.get("MACAddress")))
        if mac:
            interfaces.append(InterfaceFact(_field(nic, "Name"), mac))

    software = []
    seen = set()
    for item in _list(data.get("software")):
        name = _field(item, "DisplayName")
        if not name:
            continue
        entry = SoftwareFact(name, _field(item, "DisplayVersion", 120), _field(item, "Publisher"))
        if entry not in seen:  # the 64- and 32-bit keys list some products twice
            seen.add(entry)
            software.append(entry)
    if len(software) > MAX_SOFTWARE:
        warnings.add(tr("more than {limit} installed packages; only the first {limit} were kept", limit=MAX_SOFTWARE))
    return AuditFacts(
        address=address, method="winrm", collected_at=datetime.now(UTC),
        manufacturer=manufacturer, model=model, serial=serial, uuid=uuid_text(_scalar(product.get("UUID"))),
        hostname=_field(cs, "Name"), os_name=_field(os_, "Caption"), os_version=version_text,
        kernel=f"Windows NT {version_text}" + (f" (build {build})" if build else "") if version_text else None,
        cpu_model=_field(cpus[0], "Name") if cpus else None, cpu_cores=cores,
        ram_mb=memory // (1024 * 1024) if memory and memory > 0 else None,
        disks=disks, interfaces=tuple(interfaces), software=tuple(software[:MAX_SOFTWARE]),
        warnings=warnings.as_tuple(),
    )


_CLIXML_ERROR = re.compile(r'<S S="Error">(.*?)</S>', re.DOTALL)


def _stderr_text(stderr: bytes) -> str | None:
    """The error lines of PowerShell's CLIXML stderr, or its plain text."""
    text = decode(stderr[:65536])
    found = _CLIXML_ERROR.findall(text)
    if found:
        text = " ".join(found).replace("_x000D_", "").replace("_x000A_", " ")
    return clean(text, 400)


# --- the connection ---------------------------------------------------------------------------------------------

class _TooBig(Exception):
    pass


def _cap_responses(session: Any, limit: int) -> None:
    """Read every HTTP response body ourselves, refusing one larger than ``limit`` bytes."""

    def hook(response: Any, *args: Any, **kwargs: Any) -> Any:
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > limit:
            response.close()
            raise _TooBig()
        chunks, size = [], 0
        for chunk in response.raw.stream(65536, decode_content=True):
            size += len(chunk)
            if size > limit:
                response.close()
                raise _TooBig()
            chunks.append(chunk)
        response._content = b"".join(chunks)
        response._content_consumed = True
        return response

    session.hooks["response"].append(hook)


def _error(exc: BaseException, address: str, port: int, waited: float) -> AuditError:
    import requests
    from winrm.exceptions import InvalidCredentialsError, WinRMError, WinRMTransportError, WSManFaultError

    if isinstance(exc, AuditError):
        return exc
    if isinstance(exc, InvalidCredentialsError):
        return AuditAuthError(tr("{address} refused the WinRM login (wrong user name or password, or the account "
                                 "may not use WinRM)", address=address))
    if "access denied" in str(exc).lower() or "challenge token" in str(exc).lower():  # requests_ntlm, spnego
        return AuditAuthError(tr("{address} refused the WinRM login (wrong user name or password, or the account "
                                 "may not use WinRM)", address=address))
    if isinstance(exc, _TooBig):
        return AuditProtocolError(tr("{address} sent a WinRM response larger than {limit} bytes; the audit stopped",
                                     address=address, limit=MAX_RESPONSE))
    if isinstance(exc, requests.exceptions.SSLError):
        return AuditProtocolError(tr("the TLS certificate of {address}'s WinRM listener is not trusted: {reason}",
                                     address=address, reason=clean(str(exc), 200) or "?"))
    if isinstance(exc, requests.exceptions.ConnectTimeout | requests.exceptions.ReadTimeout):
        return AuditTimeoutError(tr("no answer from {address} on port {port} within {seconds} s", address=address,
                                    port=port, seconds=round(waited, 1)))
    if isinstance(exc, requests.exceptions.ConnectionError):
        text = str(exc)
        if "refused" in text.lower():
            return AuditUnreachableError(tr("{address} refused the connection on port {port} (no WinRM listener "
                                            "there)", address=address, port=port))
        if "reset" in text.lower() or "aborted" in text.lower() or "closed" in text.lower():
            return AuditUnreachableError(tr("{address} dropped the WinRM connection during the audit",
                                            address=address))
        return AuditUnreachableError(tr("cannot reach {address} on port {port}: {reason}", address=address, port=port,
                                        reason=clean(text, 200) or "?"))
    if isinstance(exc, WSManFaultError):
        reason = clean(exc.reason, 300) or "?"
        if "access is denied" in reason.lower() or exc.code == 401:
            return AuditAuthError(tr("{address} denied the WinRM account access: {reason}", address=address,
                                     reason=reason))
        return AuditProtocolError(tr("{address} answered with a WS-Management fault: {reason}", address=address,
                                     reason=reason))
    if isinstance(exc, WinRMTransportError):
        return AuditProtocolError(tr("{address} answered WinRM with HTTP status {status}", address=address,
                                     status=exc.code))
    if isinstance(exc, WinRMError):
        return AuditProtocolError(tr("WinRM error from {address}: {reason}", address=address,
                                     reason=clean(str(exc), 300) or type(exc).__name__))
    return AuditProtocolError(tr("{address} sent a WinRM answer this audit cannot read: {reason}", address=address,
                                 reason=clean(str(exc), 300) or type(exc).__name__))


def audit_winrm(
    address: str,
    credential: WinRmCredential,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    should_stop: Callable[[], bool] | None = None,
) -> AuditFacts:
    """Audit one Windows host over WinRM. Raises an :class:`~itam.errors.AuditError` subclass when it cannot
    be audited; returns within about ``timeout`` seconds (``should_stop`` is polled between WS-Man calls)."""
    from winrm.exceptions import WinRMOperationTimeoutError
    from winrm.protocol import Protocol

    address = check_address(address)
    if not isinstance(credential, WinRmCredential):
        raise TypeError(f"audit_winrm needs a WinRmCredential, not {type(credential).__name__}")
    started = time.monotonic()
    deadline = started + max(2.0, float(timeout))
    host = f"[{address}]" if ":" in address else address
    endpoint = f"{'https' if credential.https else 'http'}://{host}:{credential.port}/wsman"
    operation = max(1, min(20, int(timeout) - 3))
    protocol = Protocol(
        endpoint=endpoint, transport=credential.transport, username=credential.user, password=credential.password,
        server_cert_validation="validate" if credential.verify_certificate else "ignore", ca_trust_path=None,
        read_timeout_sec=operation + 2, operation_timeout_sec=operation, proxy=None,
    )
    warnings = Warnings()
    shell_id = command_id = None
    out, err = bytearray(), bytearray()
    try:
        _cap_responses(protocol.transport.build_session(), MAX_RESPONSE)
        shell_id = protocol.open_shell(codepage=65001, noprofile=True)
        command_id = protocol.run_command(shell_id, "powershell.exe",
                                          ["-NoProfile", "-NonInteractive", "-EncodedCommand", encoded_command()])
        done = False
        while not done:
            if should_stop is not None and should_stop():
                raise AuditError(tr("the audit of {address} was cancelled", address=address))
            if time.monotonic() >= deadline:
                raise AuditTimeoutError(tr("the inventory script on {address} did not finish within {seconds} s",
                                           address=address, seconds=round(float(timeout), 1)))
            try:
                stdout, stderr, _status, done = protocol.get_command_output_raw(shell_id, command_id)
            except WinRMOperationTimeoutError:
                continue  # no output yet: WinRM's long poll ran out, ask again
            out += stdout
            if len(err) < 65536:
                err += stderr[: 65536 - len(err)]
            if len(out) > MAX_SCRIPT_OUTPUT:
                raise AuditProtocolError(tr("the inventory script on {address} printed more than {limit} bytes; the "
                                            "audit stopped", address=address, limit=MAX_SCRIPT_OUTPUT))
    except Exception as exc:  # noqa: BLE001 - requests, urllib3, pywinrm, XML and the auth plugins raise many kinds
        raise _error(exc, address, credential.port, time.monotonic() - started) from None
    finally:
        for cleanup in ((lambda: protocol.cleanup_command(shell_id, command_id)) if command_id else None,
                        (lambda: protocol.close_shell(shell_id)) if shell_id else None,
                        protocol.transport.close_session):
            if cleanup is not None and time.monotonic() < deadline + 5:
                try:
                    cleanup()
                except Exception:  # noqa: BLE001, S110 - tidying up a shell must never hide the audit's result
                    pass
    if not out.strip():
        reason = _stderr_text(bytes(err))
        raise AuditProtocolError(tr("the inventory script on {address} printed nothing: {reason}", address=address,
                                    reason=reason or "no error message"))
    return parse_inventory(bytes(out), address, warnings)
