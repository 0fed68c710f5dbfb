"""What to run on a Linux, macOS or FreeBSD host, and how to read the answers.

:func:`collect` asks a *runner* (one fixed, read-only command in, its output out) for everything the audit
needs and parses it; :mod:`itam.audit.ssh` supplies a runner over an SSH connection, the tests supply canned
outputs. Every command is a constant string: nothing the host sent is ever put into a command. Parsers take
whatever came back (huge, truncated, not UTF-8, with escape sequences, malformed JSON) and keep what is
usable; each problem becomes a warning, never an exception.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from itam.audit.facts import AuditFacts, DiskFact, SoftwareFact
from itam.audit.text import (
    MAX_DISKS,
    MAX_SOFTWARE,
    MAX_TEXT,
    Warnings,
    clean,
    decode,
    is_placeholder_name,
    lines,
    strip_escapes,
    to_int,
    uuid_text,
)
from itam.identifiers import is_placeholder_serial
from itam.messages import tr


@dataclass(frozen=True)
class CommandResult:
    """What one command gave back. ``exit_status`` is None when the command was cut off (timeout, output cap,
    connection trouble) or the host sent no status."""

    command: str
    exit_status: int | None
    stdout: bytes
    stderr: bytes = b""
    truncated: bool = False
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.exit_status == 0

    @property
    def missing(self) -> bool:
        """The shell could not find the program (exit status 127)."""
        return self.exit_status == 127


Runner = Callable[[str], CommandResult]


@dataclass
class HostInfo:
    """The fields of AuditFacts a Unix audit fills in."""

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
    software: tuple[SoftwareFact, ...] = ()
    warnings: Warnings = field(default_factory=Warnings)

    def as_facts(self, address: str, method: str) -> AuditFacts:
        """The audit's facts, collected now (every field of this class is one of AuditFacts')."""
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "warnings"}
        return AuditFacts(address=address, method=method, collected_at=datetime.now(UTC),
                          warnings=self.warnings.as_tuple(), **values)


# --- the commands (constants: never built from anything the host said) ------------------------------------------

UNAME = "uname -s -n -r -m"
LINUX_FILES = (
    "grep -asH -E '^(NAME|VERSION|VERSION_ID|PRETTY_NAME|BUILD_ID)=|"
    "^(processor|model name|physical id|core id|Hardware|Model|cpu model|MemTotal)[[:space:]]*:' "
    "/etc/os-release /usr/lib/os-release /proc/cpuinfo /proc/meminfo"
)
DMI_FILES = ("sys_vendor", "product_name", "product_version", "product_serial", "product_uuid")
LINUX_DMI = (
    "grep -asH . " + " ".join(f"/sys/class/dmi/id/{name}" for name in DMI_FILES)
    + " /proc/device-tree/model /proc/device-tree/serial-number"
)
#: The first command: the system's name, and on Linux the small files that describe it (every line of the
#: greps starts with its file's path, so the uname line stands apart). Elsewhere the greps find no files and
#: say nothing (-s). One command instead of three: each command costs the host a process and a round trip.
PROBE = f"{UNAME}; {LINUX_FILES}; {LINUX_DMI}"
DMIDECODE = "dmidecode -t 1"
SUDO_DMIDECODE = "sudo -n dmidecode -t 1"
NPROC = "nproc"
LSBLK_JSON = "lsblk -J -b -d -o NAME,MODEL,SERIAL,SIZE,ROTA,TRAN,TYPE"
LSBLK_PAIRS = "lsblk -P -b -d -o NAME,MODEL,SERIAL,SIZE,ROTA,TRAN,TYPE"
DPKG = "dpkg-query -W -f '${db:Status-Abbrev}\\t${binary:Package}\\t${Version}\\n'"
RPM = "rpm -qa --qf '%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{VENDOR}\\n'"
PACMAN = "pacman -Q"
APK = "apk info -v"
MAC_SW_VERS = "sw_vers"
MAC_PROFILER = "system_profiler -json SPHardwareDataType SPStorageDataType SPNVMeDataType"
BSD_SYSCTL = "sysctl -n hw.model hw.ncpu hw.physmem"
BSD_KENV = "kenv"
BSD_GEOM = "geom disk list"
BSD_PKG = "pkg query '%n\\t%v'"

#: Every command this module may run, for reviewers and tests.
COMMANDS: tuple[str, ...] = (PROBE, DMIDECODE, SUDO_DMIDECODE, NPROC, LSBLK_JSON,
                             LSBLK_PAIRS, DPKG, RPM, PACMAN, APK, MAC_SW_VERS, MAC_PROFILER, BSD_SYSCTL, BSD_KENV,
                             BSD_GEOM, BSD_PKG)


def collect(run: Runner) -> HostInfo:
    """Run the fixed commands through ``run`` and parse what they say."""
    info = HostInfo()
    probe = run(PROBE)
    _note_cut(info, probe)
    system = parse_uname(probe, info)
    if system == "Linux":
        _linux(run, probe, info)
    elif system == "Darwin":
        _macos(run, info)
    elif system == "FreeBSD":
        _freebsd(run, info)
    else:
        info.warnings.add(tr("the host's system ({system}) is not one this audit knows (Linux, macOS, FreeBSD); "
                             "only what every system tells was read", system=system or "?"))
    if info.serial and is_placeholder_serial(info.serial):
        info.warnings.add(tr("the firmware's serial number '{serial}' is a placeholder; it was not kept",
                             serial=info.serial))
        info.serial = None
    return info


def _note_cut(info: HostInfo, result: CommandResult) -> None:
    """A warning for a command that timed out or said too much."""
    name = result.command.split(" ", 1)[0]
    if result.timed_out:
        info.warnings.add(tr("'{command}' did not finish in time; its output was not complete", command=name))
    elif result.truncated:
        info.warnings.add(tr("'{command}' printed more than the audit reads; the rest was ignored", command=name))


# --- uname ---------------------------------------------------------------------------------------------------

def parse_uname(result: CommandResult, info: HostInfo) -> str | None:
    """The first line of the probe, ``uname -s -n -r -m``: "Linux web01 6.1.0-18-amd64 x86_64".
    Returns the system's name (Linux, Darwin, FreeBSD …) or None."""
    found = lines(result.stdout[:65536], 65536)
    first = found[0] if found and not found[0].startswith("/") else None
    if first is None:
        info.warnings.add(tr("'uname' did not answer; the host may not be a Unix system"))
        return None
    parts = first.split()
    system = clean(parts[0], 64) if parts else None
    if not system or not re.fullmatch(r"[A-Za-z][\w.-]*", system):
        info.warnings.add(tr("'uname' did not answer; the host may not be a Unix system"))
        return None
    if len(parts) >= 4:
        info.hostname = clean(parts[1])
        info.kernel = clean(" ".join([parts[0], *parts[2:]]))
    elif parts:
        info.kernel = clean(first)
    return system


# --- Linux ---------------------------------------------------------------------------------------------------

def _linux(run: Runner, probe: CommandResult, info: HostInfo) -> None:
    parse_linux_files(probe.stdout, info)
    if info.cpu_cores is None:
        nproc = run(NPROC)
        info.cpu_cores = to_int(lines(nproc.stdout, 64)[0]) if nproc.ok and lines(nproc.stdout, 64) else None
    parse_linux_dmi(probe.stdout, info)
    if info.serial is None or info.uuid is None or info.manufacturer is None:
        # /sys/class/dmi/id/product_serial and product_uuid are readable by root only.
        read = False
        for command in (DMIDECODE, SUDO_DMIDECODE):
            result = run(command)
            if result.ok or (result.truncated and result.stdout):
                _note_cut(info, result)
                parse_dmidecode(result.stdout, info)
                read = True
                break
        if info.serial is None and not read:
            info.warnings.add(tr("the serial number needs root: give the audit user sudo rights for dmidecode "
                                 "(sudo -n), or read /sys/class/dmi/id/product_serial"))
        elif info.serial is None:
            info.warnings.add(tr("the firmware reports no serial number"))

    result = run(LSBLK_JSON)
    if result.ok or result.stdout:
        _note_cut(info, result)
        info.disks = parse_lsblk_json(result.stdout, info.warnings)
    if not result.stdout and result.exit_status not in (0, None):
        pairs = run(LSBLK_PAIRS)  # util-linux before 2.27 has no JSON output
        if pairs.ok:
            _note_cut(info, pairs)
            info.disks = parse_lsblk_pairs(pairs.stdout, info.warnings)
        elif result.missing and pairs.missing:
            info.warnings.add(tr("lsblk is not installed; the disks were not listed"))

    for command, parser in ((DPKG, parse_dpkg), (RPM, parse_rpm), (PACMAN, parse_pacman), (APK, parse_apk)):
        result = run(command)
        if result.missing:
            continue
        _note_cut(info, result)
        info.software = parser(result.stdout, info.warnings)
        break


def _kv_value(raw: str) -> str:
    """The value of an os-release line, unquoted as a shell would (without running anything)."""
    raw = raw.strip()
    try:
        parts = shlex.split(raw, comments=False, posix=True)
    except ValueError:
        return raw.strip("\"'")
    return " ".join(parts)


def parse_linux_files(stdout: bytes, info: HostInfo) -> None:
    """grep -H output of /etc/os-release, /proc/cpuinfo and /proc/meminfo."""
    release: dict[str, dict[str, str]] = {}
    processors = 0
    cores: set[tuple[str, str]] = set()
    model = None
    for line in lines(stdout):
        path, sep, rest = line.partition(":")
        if not sep:
            continue
        if path.endswith("os-release"):
            key, eq, value = rest.partition("=")
            if eq:
                release.setdefault(path, {})[key.strip()] = _kv_value(value)
        elif path == "/proc/cpuinfo":
            key, colon, value = rest.partition(":")
            key, value = key.strip(), value.strip()
            if not colon:
                continue
            if key == "processor":
                processors += 1
                current = {"physical id": "0", "core id": str(processors)}
            elif key in ("physical id", "core id") and processors:
                current[key] = value
                if key == "core id":
                    cores.add((current["physical id"], value))
            elif key in ("model name", "Hardware", "Model", "cpu model") and value and model is None:
                model = value
        elif path == "/proc/meminfo" and rest.startswith("MemTotal"):
            kib = to_int(rest.split(":", 1)[-1].strip().split(" ")[0])
            if kib:
                info.ram_mb = kib // 1024
    os_release = release.get("/etc/os-release") or release.get("/usr/lib/os-release") or {}
    info.os_name = clean(os_release.get("NAME")) or clean(os_release.get("PRETTY_NAME"))
    info.os_version = (clean(os_release.get("VERSION_ID")) or clean(os_release.get("VERSION"))
                       or clean(os_release.get("BUILD_ID")))
    info.cpu_model = clean(model)
    if cores:
        info.cpu_cores = len(cores)
    elif processors:
        info.cpu_cores = processors
    if not os_release:
        info.warnings.add(tr("/etc/os-release could not be read; the distribution is unknown"))


def _usable(value: str | None) -> str | None:
    return None if value is None or is_placeholder_serial(value) or is_placeholder_name(value) else value


def parse_linux_dmi(stdout: bytes, info: HostInfo) -> None:
    """grep -H . of /sys/class/dmi/id/* and the device tree (ARM boards)."""
    values: dict[str, str] = {}
    for line in lines(stdout):
        path, sep, value = line.partition(":")
        if sep and path not in values:
            values[path] = value
    dmi = {name: clean(values.get(f"/sys/class/dmi/id/{name}")) for name in DMI_FILES}
    vendor = dmi["sys_vendor"]
    info.manufacturer = info.manufacturer or _usable(vendor)
    model = _usable(dmi["product_name"])
    version = _usable(dmi["product_version"])
    # Lenovo puts the machine type in product_name (20L5CTO1WW) and the model people know in product_version.
    if vendor and vendor.upper().startswith("LENOVO") and version and (
            re.search(r"think|idea|legion|yoga", version, re.IGNORECASE)
            or (model and re.fullmatch(r"[0-9A-Z]{10}", model))):
        model = version
    info.model = info.model or model or clean(values.get("/proc/device-tree/model"))
    info.serial = info.serial or _usable(dmi["product_serial"]) or _usable(
        clean(values.get("/proc/device-tree/serial-number")))
    info.uuid = info.uuid or uuid_text(dmi["product_uuid"])


def parse_dmidecode(stdout: bytes, info: HostInfo) -> None:
    """The "System Information" block of ``dmidecode -t 1``."""
    block: dict[str, str] = {}
    inside = False
    for raw in strip_escapes(decode(stdout[:1_000_000])).split("\n"):
        if raw.strip() == "System Information":
            inside = True
            continue
        if inside:
            if raw.startswith("Handle ") or (raw.strip() and not raw.startswith(("\t", " "))):
                break
            key, sep, value = raw.strip().partition(":")
            if sep and key not in block:
                block[key.strip()] = value
    info.manufacturer = info.manufacturer or _usable(clean(block.get("Manufacturer")))
    info.model = info.model or _usable(clean(block.get("Product Name")))
    info.serial = info.serial or _usable(clean(block.get("Serial Number")))
    info.uuid = info.uuid or uuid_text(block.get("UUID"))


# --- disks ----------------------------------------------------------------------------------------------------

_TRANSPORT_MEDIA = {"nvme": "nvme", "mmc": "memory_card", "sd": "memory_card"}


def media_type(rotational: bool | None, transport: str | None, name: str | None = None,
               model: str | None = None) -> str:
    """One of itam's storage media types from what the kernel says about a disk."""
    tran = (transport or "").lower()
    if tran in _TRANSPORT_MEDIA:
        return _TRANSPORT_MEDIA[tran]
    if (name or "").startswith(("nvme", "nvd", "nda")):
        return "nvme"
    if (name or "").startswith("mmcblk"):
        return "memory_card"
    if tran == "usb":
        return "hdd" if rotational else "usb_flash"
    if rotational is True:
        return "hdd"
    if rotational is False:
        return "ssd"
    if model and re.search(r"\bSSD\b|solid state", model, re.IGNORECASE):
        return "ssd"
    return "other"


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if value is not None else ""
    return {"1": True, "true": True, "0": False, "false": False}.get(text)


def _disk(entry: dict[str, Any]) -> DiskFact | None:
    if str(entry.get("type") or "").strip().lower() != "disk":
        return None
    name = clean(entry.get("name"), 64)
    size = to_int(entry.get("size"))
    model = clean(entry.get("model"))
    serial = clean(entry.get("serial"))
    if serial and is_placeholder_serial(serial):
        serial = None
    tran = clean(entry.get("tran"), 32)
    return DiskFact(
        model=model, serial=serial,
        size_gb=round(size / 1e9, 1) if size and size > 0 else None,
        media_type=media_type(_bool(entry.get("rota")), tran, name, model),
        interface=tran.lower() if tran else None,
    )


def parse_lsblk_json(stdout: bytes, warnings: Warnings) -> tuple[DiskFact, ...]:
    text = decode(stdout)
    try:
        data = json.loads(text)
    except ValueError:
        warnings.add(tr("lsblk's output is not valid JSON; the disks were not read"))
        return ()
    devices = data.get("blockdevices") if isinstance(data, dict) else None
    if not isinstance(devices, list):
        warnings.add(tr("lsblk's output has no list of block devices; the disks were not read"))
        return ()
    disks = []
    for entry in devices:
        if isinstance(entry, dict):
            disk = _disk(entry)
            if disk is not None:
                disks.append(disk)
    return _bounded_disks(disks, warnings)


_PAIR = re.compile(r'([A-Z][A-Z0-9:_-]*)="((?:[^"\\]|\\.)*)"')


def parse_lsblk_pairs(stdout: bytes, warnings: Warnings) -> tuple[DiskFact, ...]:
    """``lsblk -P``: NAME="sda" MODEL="…" … per line (\\xNN escapes as lsblk writes them)."""
    disks = []
    for line in lines(stdout):
        entry = {}
        for key, value in _PAIR.findall(line):
            entry[key.lower()] = re.sub(r"\\x([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), value)
        disk = _disk(entry)
        if disk is not None:
            disks.append(disk)
    return _bounded_disks(disks, warnings)


def _bounded_disks(disks: list[DiskFact], warnings: Warnings) -> tuple[DiskFact, ...]:
    if len(disks) > MAX_DISKS:
        warnings.add(tr("more than {limit} disks; only the first {limit} were kept", limit=MAX_DISKS))
    return tuple(disks[:MAX_DISKS])


# --- packages -------------------------------------------------------------------------------------------------

def _bounded_software(items: list[SoftwareFact], warnings: Warnings) -> tuple[SoftwareFact, ...]:
    if len(items) > MAX_SOFTWARE:
        warnings.add(tr("more than {limit} installed packages; only the first {limit} were kept",
                        limit=MAX_SOFTWARE))
    return tuple(items[:MAX_SOFTWARE])


def _tab_fields(stdout: bytes, count: int) -> list[list[str | None]]:
    """The first ``count`` tab-separated fields of each line that has them (at most MAX_SOFTWARE + 1 lines)."""
    rows = []
    for raw in decode(stdout).split("\n"):
        parts = raw.split("\t")
        if len(parts) >= count:
            if raw.isascii() and raw.replace("\t", " ").isprintable():  # the usual case, checked in C
                rows.append([(p.strip() or None) if len(p) < MAX_TEXT else clean(p) for p in parts[:count]])
            else:
                rows.append([clean(p) for p in parts[:count]])
            if len(rows) > MAX_SOFTWARE:
                break
    return rows


def parse_dpkg(stdout: bytes, warnings: Warnings) -> tuple[SoftwareFact, ...]:
    """dpkg-query: status, package, version per line; only installed packages (status "ii")."""
    items = []
    for status, name, version in _tab_fields(stdout, 3):
        if name and status and status.startswith("i"):
            items.append(SoftwareFact(name, version))
    return _bounded_software(items, warnings)


def parse_rpm(stdout: bytes, warnings: Warnings) -> tuple[SoftwareFact, ...]:
    items = []
    for name, version, vendor in _tab_fields(stdout, 3):
        if name and not name.startswith("gpg-pubkey"):
            items.append(SoftwareFact(name, version, None if vendor in (None, "(none)") else vendor))
    return _bounded_software(items, warnings)


def parse_pacman(stdout: bytes, warnings: Warnings) -> tuple[SoftwareFact, ...]:
    items = []
    for line in lines(stdout)[: MAX_SOFTWARE + 1]:
        name, _, version = line.partition(" ")
        if clean(name):
            items.append(SoftwareFact(clean(name), clean(version)))
    return _bounded_software(items, warnings)


def parse_apk(stdout: bytes, warnings: Warnings) -> tuple[SoftwareFact, ...]:
    """apk info -v: name-version-rRELEASE per line."""
    items = []
    for line in lines(stdout)[: MAX_SOFTWARE + 1]:
        match = re.fullmatch(r"(.+?)-(\d[^-]*-r\d+)", line)
        if match and clean(match.group(1)):
            items.append(SoftwareFact(clean(match.group(1)), clean(match.group(2))))
        elif clean(line) and not line.startswith("WARNING"):
            items.append(SoftwareFact(clean(line), None))
    return _bounded_software(items, warnings)


# --- macOS ----------------------------------------------------------------------------------------------------

def _macos(run: Runner, info: HostInfo) -> None:
    result = run(MAC_SW_VERS)
    _note_cut(info, result)
    parse_sw_vers(result.stdout, info)
    result = run(MAC_PROFILER)
    _note_cut(info, result)
    parse_system_profiler(result.stdout, info)
    info.warnings.add(tr("installed applications are not listed on macOS"))


def parse_sw_vers(stdout: bytes, info: HostInfo) -> None:
    values = {}
    for line in lines(stdout, 65536):
        key, sep, value = line.partition(":")
        if sep:
            values[key.strip()] = clean(value)
    info.os_name = values.get("ProductName") or "macOS"
    info.os_version = values.get("ProductVersion")


def _size_mb(text: Any) -> int | None:
    """"16 GB" / "512 MB" → megabytes."""
    value = clean(text, 64)
    if not value:
        return None
    match = re.fullmatch(r"([\d.,]+)\s*([KMGT]i?B)", value, re.IGNORECASE)
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    unit = match.group(2).upper().replace("I", "")
    return int(number * {"KB": 1 / 1024, "MB": 1, "GB": 1024, "TB": 1024 * 1024}[unit])


def parse_system_profiler(stdout: bytes, info: HostInfo) -> None:
    try:
        data = json.loads(decode(stdout))
    except ValueError:
        info.warnings.add(tr("system_profiler's output is not valid JSON; hardware details were not read"))
        return
    if not isinstance(data, dict):
        info.warnings.add(tr("system_profiler's output is not valid JSON; hardware details were not read"))
        return
    hardware = _first_dict(data.get("SPHardwareDataType"))
    info.manufacturer = "Apple"
    info.model = clean(hardware.get("machine_name")) or clean(hardware.get("machine_model"))
    info.serial = clean(hardware.get("serial_number"))
    info.uuid = uuid_text(hardware.get("platform_UUID"))
    info.cpu_model = clean(hardware.get("chip_type")) or clean(hardware.get("cpu_type"))
    processors = clean(hardware.get("number_processors"), 64)
    if processors:
        # Apple silicon: "proc 10:8:2" (all:performance:efficiency); Intel: a number of cores.
        match = re.match(r"(?:proc\s+)?(\d+)", processors)
        info.cpu_cores = int(match.group(1)) if match else None
    elif hardware.get("number_processors") is not None:
        info.cpu_cores = to_int(hardware.get("number_processors"))
    info.ram_mb = _size_mb(hardware.get("physical_memory"))

    serials = {}
    for controller in _dicts(data.get("SPNVMeDataType")):
        for item in _dicts(controller.get("_items")):
            name = clean(item.get("device_model")) or clean(item.get("_name"))
            if name:
                serials[name] = clean(item.get("device_serial"))
    disks: dict[str, DiskFact] = {}
    for volume in _dicts(data.get("SPStorageDataType")):
        drive = volume.get("physical_drive")
        if not isinstance(drive, dict):
            continue
        name = clean(drive.get("device_name"))
        if not name or name in disks:
            continue
        protocol = clean(drive.get("protocol"), 64) or ""
        medium = (clean(drive.get("medium_type"), 32) or "").lower()
        kind = ("nvme" if "pci" in protocol.lower() or "nvme" in protocol.lower() or "fabric" in protocol.lower()
                else "usb_flash" if protocol.lower() == "usb" and medium != "rotational"
                else "hdd" if medium == "rotational" else "ssd" if medium == "ssd" else "other")
        disks[name] = DiskFact(model=name, serial=serials.get(name), size_gb=None, media_type=kind,
                               interface=protocol.lower() or None)
    info.disks = tuple(list(disks.values())[:MAX_DISKS])


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _first_dict(value: Any) -> dict[str, Any]:
    items = _dicts(value)
    return items[0] if items else {}


# --- FreeBSD --------------------------------------------------------------------------------------------------

def _freebsd(run: Runner, info: HostInfo) -> None:
    info.os_name = "FreeBSD"
    if info.kernel:
        info.os_version = info.kernel.split(" ")[1] if " " in info.kernel else None
    result = run(BSD_SYSCTL)
    _note_cut(info, result)
    values = lines(result.stdout, 65536)
    if len(values) >= 3:
        info.cpu_model = clean(values[0])
        info.cpu_cores = to_int(values[1])
        memory = to_int(values[2])
        info.ram_mb = memory // (1024 * 1024) if memory else None
    result = run(BSD_KENV)
    _note_cut(info, result)
    parse_kenv(result.stdout, info)
    result = run(BSD_GEOM)
    _note_cut(info, result)
    info.disks = parse_geom(result.stdout, info.warnings)
    result = run(BSD_PKG)
    if not result.missing:
        _note_cut(info, result)
        items = [SoftwareFact(name, version) for name, version in _tab_fields(result.stdout, 2) if name]
        info.software = _bounded_software(items, info.warnings)


def parse_kenv(stdout: bytes, info: HostInfo) -> None:
    values = {}
    for line in lines(stdout):
        key, sep, value = line.partition("=")
        if sep and key.startswith("smbios.system."):
            values[key] = _kv_value(value)
    info.manufacturer = _usable(clean(values.get("smbios.system.maker")))
    info.model = _usable(clean(values.get("smbios.system.product")))
    info.serial = _usable(clean(values.get("smbios.system.serial")))
    info.uuid = uuid_text(values.get("smbios.system.uuid"))


def parse_geom(stdout: bytes, warnings: Warnings) -> tuple[DiskFact, ...]:
    """``geom disk list``: blocks of "Geom name: ada0" … "Mediasize: N (…)", "descr:", "ident:", "rotationrate:"."""
    disks = []
    current: dict[str, str] = {}

    def flush() -> None:
        if current.get("geom name"):
            name = clean(current.get("geom name"), 64)
            size = to_int((current.get("mediasize") or "").split(" ")[0])
            rate = (current.get("rotationrate") or "").strip().lower()
            rotational = None if rate in ("", "unknown") else rate != "0"
            serial = _usable(clean(current.get("ident")))
            transport = "usb" if name and name.startswith("da") and "usb" in (current.get("descr") or "").lower() else None
            disks.append(DiskFact(model=clean(current.get("descr")), serial=serial,
                                  size_gb=round(size / 1e9, 1) if size else None,
                                  media_type=media_type(rotational, transport, name, current.get("descr")),
                                  interface=transport))

    for line in lines(stdout):
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key = key.strip().lower().lstrip("0123456789. ")
        if key == "geom name":
            flush()
            current = {}
        current.setdefault(key, value.strip())
    flush()
    return _bounded_disks(disks, warnings)
