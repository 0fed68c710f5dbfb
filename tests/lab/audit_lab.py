"""Real devices for the credentialed-audit tests: Debian's snmpd and OpenSSH server in lab namespaces.

Builds on :mod:`tests.lab.netlab` (one network namespace per host on 198.18.0.0/24, nothing else reachable).
Each host kind is a real daemon configured by this module:

``switch``       snmpd as a Cisco Catalyst: sysDescr/sysObjectID/sysName, the ENTITY-MIB chassis row (serial,
                 model; a module row before it) served with snmpd's ``override``; a restricted view
``printer``      snmpd as an HP LaserJet: Printer-MIB serial and page counter, ENTITY model only
``ssh``          OpenSSH's sshd with a host key made here, the test user ``itamaudit`` (key and password), fake
                 ``dmidecode``/``lsblk`` first on its PATH and a fake /sys/class/dmi view (serial and UUID
                 readable by root only, as on real Linux, so the audit falls back to dmidecode)
``both``         sshd and snmpd (net-snmp's own sysObjectID, full view with HOST-RESOURCES software)
``hostile``      sshd whose dmidecode, lsblk, dpkg-query and DMI files answer with escape sequences, NULs,
                 invalid UTF-8, malformed JSON and megabytes of output
``drop_mid``     sshd whose ``lsblk`` kills the user's sshd session: the connection drops mid-audit
``drop_banner``  a fake SSH server that hangs up after its greeting (tests/lab/ssh_dropper.py)
``silent``       port 22 accepts and never says a word, 161/udp is bound and never answers

The user ``itamaudit`` exists only inside the sshd processes' own mount namespaces: lab copies of
/etc/passwd, /etc/group and /etc/shadow are bind-mounted there (and a tmpfs on /run for sshd's privilege
separation directory), so the machine's accounts are never touched. Every daemon gets PR_SET_PDEATHSIG and
runs inside a lab namespace, so netlab's stale-lab cleanup also removes daemons of a killed run.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from tests.lab import netlab

SNMPD = "/usr/sbin/snmpd"
SSHD = "/usr/sbin/sshd"
DROPPER = Path(__file__).with_name("ssh_dropper.py")

COMMUNITY = "itam-lab-ro"
V3_USER, V3_AUTH_KEY, V3_PRIV_KEY = "itamlab", "lab-auth-key-1", "lab-priv-key-1"
SSH_USER = "itamaudit"

KINDS = ("switch", "printer", "ssh", "both", "hostile", "drop_mid", "drop_banner", "silent")
_OUI = {
    "switch": "00:1B:54", "printer": "00:1B:78", "ssh": "0C:C4:7A", "both": "B8:CA:3A", "hostile": "00:16:3E",
    "drop_mid": "00:50:56", "drop_banner": "00:50:56", "silent": "B8:27:EB",
}


def unavailable_reason() -> str | None:
    """Why this machine cannot host the audit lab, or None."""
    reason = netlab.unavailable_reason(need_nmap=False)
    if reason:
        return reason
    missing = [name for name, path in (("snmpd (Debian package snmpd)", SNMPD),
                                       ("sshd (Debian package openssh-server)", SSHD))
               if not os.access(path, os.X_OK)]
    missing += [f"{tool} (util-linux)" for tool in ("unshare", "mount") if shutil.which(tool) is None]
    if missing:
        return "missing " + ", ".join(missing)
    return None


# --- what each device should report --------------------------------------------------------------------------

@dataclass(frozen=True)
class SnmpTruth:
    sys_descr: str
    sys_object_id: str
    sys_name: str
    manufacturer: str | None  # what the audit should report (ENTITY-MIB, else the enterprise number)
    model: str | None
    serial: str | None
    page_count: int | None
    mac: str


@dataclass(frozen=True)
class DiskTruth:
    name: str
    model: str
    serial: str
    size_bytes: int
    rotational: bool
    transport: str
    media_type: str  # what the audit should make of it


@dataclass(frozen=True)
class SshTruth:
    hostname: str
    manufacturer: str
    model: str
    serial: str
    uuid: str
    disks: tuple[DiskTruth, ...]
    host_key: str  # "ssh-ed25519 AAAA…" as it appears in known_hosts


@dataclass(frozen=True)
class AuditHost:
    kind: str
    host: netlab.LabHost
    snmp: SnmpTruth | None = None
    ssh: SshTruth | None = None
    tcp_ports: frozenset[int] = frozenset()
    udp_ports: frozenset[int] = frozenset()

    @property
    def address(self) -> str:
        return self.host.address

    @property
    def index(self) -> int:
        return self.host.index


# --- keys and accounts ----------------------------------------------------------------------------------------

def _ed25519() -> tuple[str, str]:
    """(OpenSSH private key text, "ssh-ed25519 AAAA…")."""
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric import ed25519

    key = ed25519.Ed25519PrivateKey.generate()
    private = key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.OpenSSH, ser.NoEncryption()).decode()
    public = key.public_key().public_bytes(ser.Encoding.OpenSSH, ser.PublicFormat.OpenSSH).decode()
    return private, public


def _password_hash(password: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            import crypt
        except ImportError:
            crypt = None
    if crypt is not None:
        return crypt.crypt(password, crypt.mksalt(crypt.METHOD_SHA512))
    proc = subprocess.run(["openssl", "passwd", "-6", "-stdin"], input=password, capture_output=True, text=True,
                          check=True)
    return proc.stdout.strip()


def _free_uid() -> int:
    used = set()
    for line in Path("/etc/passwd").read_text().splitlines():
        parts = line.split(":")
        if len(parts) > 3 and parts[2].isdigit():
            used.add(int(parts[2]))
    for uid in range(64100, 65000):
        if uid not in used:
            return uid
    raise netlab.LabError("no free uid for the lab's SSH user")


def _pdeathsig() -> None:
    """In the child before exec: die with the parent (the flag survives exec of non-setuid programs)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG


# --- the fake commands and files of an SSH host -----------------------------------------------------------------

def _dmidecode_script(t: SshTruth) -> str:
    return f"""#!/bin/sh
# Fake dmidecode of the itam audit lab: fixed SMBIOS type 1 data.
case "$*" in
  "-t 1"|"-t system"|"-q -t 1")
    cat <<'EOF'
# dmidecode 3.4
Getting SMBIOS data from sysfs.
SMBIOS 3.2.0 present.

Handle 0x0001, DMI type 1, 27 bytes
System Information
	Manufacturer: {t.manufacturer}
	Product Name: {t.model}
	Version: 0123456789
	Serial Number: {t.serial}
	UUID: {t.uuid}
	Wake-up Type: Power Switch
	SKU Number: To be filled by O.E.M.
	Family: To be filled by O.E.M.

EOF
    ;;
  "-s system-manufacturer") echo '{t.manufacturer}' ;;
  "-s system-product-name") echo '{t.model}' ;;
  "-s system-serial-number") echo '{t.serial}' ;;
  "-s system-uuid") echo '{t.uuid}' ;;
  *) echo "dmidecode: unsupported arguments: $*" >&2; exit 2 ;;
esac
"""


def _lsblk_script(t: SshTruth) -> str:
    devices = [
        {"name": d.name, "model": d.model, "serial": d.serial, "size": d.size_bytes, "rota": d.rotational,
         "tran": d.transport, "type": "disk"} for d in t.disks
    ] + [
        {"name": "loop0", "model": None, "serial": None, "size": 67108864, "rota": False, "tran": None,
         "type": "loop"},
        {"name": "sr0", "model": "QEMU DVD-ROM", "serial": "QM00003", "size": 1073741312, "rota": True,
         "tran": "ata", "type": "rom"},
    ]
    body = json.dumps({"blockdevices": devices}, indent=3)
    return f"""#!/bin/sh
# Fake lsblk of the itam audit lab: two disks (and a loop device and a DVD drive the audit must skip).
cat <<'EOF'
{body}
EOF
"""


_KILL_SESSION = """#!/bin/sh
# Fake lsblk of the itam audit lab that drops the connection mid-audit: it kills this login's sshd process.
p=$PPID
while [ "$p" -gt 1 ]; do
    if [ "$(cat /proc/$p/comm 2>/dev/null)" = sshd ]; then kill -9 "$p"; exit 1; fi
    p=$(awk '{print $4}' /proc/$p/stat 2>/dev/null || echo 1)
done
exit 1
"""

_HOSTILE_LSBLK = r"""#!/bin/sh
# Hostile lsblk: terminal escapes, then JSON that never ends, then 2 MB of filler.
printf '\033[2J\033]0;owned\007{"blockdevices":[{"name":"sda","model":"EVIL\033[31mRED","serial":"X\000Y","size":'
head -c 2000000 /dev/zero | tr '\000' 'A'
"""

_HOSTILE_DMIDECODE = r"""#!/bin/sh
# Hostile dmidecode: escapes, NULs, invalid UTF-8, a UUID that is not one and 3 MB of output.
printf 'System Information\n\tManufacturer: \033[31mEvil\033[0m Corp\n\tSerial Number: \033]0;x\007SER\000IAL\377\376\n'
printf '\tUUID: \033[5mnot-a-uuid\n\tProduct Name: '
head -c 3000000 /dev/zero | tr '\000' 'B'
printf '\n'
"""

_HOSTILE_DPKG = r"""#!/bin/sh
# Hostile dpkg-query: 20000 packages, names with escape sequences.
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "ii \tpkg%d\033[1m\t1.%d\n", i, i }'
"""


def _delayed(script: str, seconds: float) -> str:
    if seconds <= 0:
        return script
    head, _, rest = script.partition("\n")
    return f"{head}\nsleep {seconds:.3f}\n{rest}"


def _sysclass(directory: Path, values: dict[str, tuple[bytes, int]]) -> None:
    dmi = directory / "dmi" / "id"
    dmi.mkdir(parents=True)
    for name, (content, mode) in values.items():
        path = dmi / name
        path.write_bytes(content)
        path.chmod(mode)
    directory.chmod(0o755)
    for parent in (directory / "dmi", dmi):
        parent.chmod(0o755)


def _script(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o755)


# --- the lab ---------------------------------------------------------------------------------------------------

@dataclass
class _Daemon:
    what: str
    proc: subprocess.Popen
    log: Path


@dataclass
class AuditLab:
    """Audit devices on a running :class:`netlab.Lab`; a context manager that stops its daemons on exit."""

    lab: netlab.Lab
    hosts: list[AuditHost] = field(default_factory=list)
    #: Seconds the fake dmidecode and lsblk of ``ssh`` hosts wait before answering: a remote host's own time
    #: (a busy server, a slow disk scan), without using this machine's CPU. 0 for the tests.
    remote_delay: float = 0.0

    def __post_init__(self) -> None:
        if self.lab._state.tmpdir is None:
            raise netlab.LabError("start the lab first")
        self.root = self.lab._state.tmpdir / "audit"
        # sshd reads authorized_keys as the user: the lab dir must be traversable (not listable) by it.
        self.root.parent.chmod(0o711)
        self.root.mkdir(mode=0o755)
        self.user_key, self.user_public = _ed25519()
        self.password = secrets.token_urlsafe(12)
        self.uid = _free_uid()
        self._daemons: list[_Daemon] = []
        self._namespaces: list[str] = []
        self._accounts()

    # context management

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        for daemon in self._daemons:
            if daemon.proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    daemon.proc.terminate()
        deadline = time.monotonic() + 5
        for daemon in self._daemons:
            try:
                daemon.proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                daemon.proc.kill()
                daemon.proc.wait()
            if daemon.proc.stdout is not None:
                daemon.proc.stdout.close()
        self._daemons.clear()
        self._kill_stragglers()

    def _kill_stragglers(self) -> None:
        """Kill what is left in this lab's namespaces: sshd keeps a login's processes when its listener stops, and
        a connection whose last packets were still queued when the lab went down would never see its end."""
        keep = set(self.lab.listener_pids())
        for namespace in self._namespaces:
            proc = subprocess.run([netlab.ip_binary() or "ip", "netns", "pids", namespace], capture_output=True,
                                  text=True, check=False)
            for pid in proc.stdout.split():
                if pid.isdigit() and int(pid) not in keep:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(int(pid), signal.SIGKILL)
        self._namespaces.clear()

    def daemon_pids(self) -> list[int]:
        """Process ids of this lab's daemons (snmpd, sshd listeners, droppers)."""
        return [d.proc.pid for d in self._daemons if d.proc.poll() is None]

    # accounts shared by every sshd of this lab

    def _accounts(self) -> None:
        home = self.root / "home"
        home.mkdir(mode=0o755)
        os.chown(home, self.uid, self.uid)
        etc = self.root / "etc"
        etc.mkdir(mode=0o755)
        passwd = Path("/etc/passwd").read_text() + f"{SSH_USER}:x:{self.uid}:{self.uid}:itam audit lab:{home}:/bin/sh\n"
        group = Path("/etc/group").read_text() + f"{SSH_USER}:x:{self.uid}:\n"
        shadow = Path("/etc/shadow").read_text() + f"{SSH_USER}:{_password_hash(self.password)}:19000:0:99999:7:::\n"
        (etc / "passwd").write_text(passwd)
        (etc / "group").write_text(group)
        (etc / "shadow").write_text(shadow)
        (etc / "passwd").chmod(0o644)
        (etc / "group").chmod(0o644)
        (etc / "shadow").chmod(0o640)
        keys = self.root / "authorized_keys"
        keys.write_text(self.user_public + " itam-audit-lab\n")
        keys.chmod(0o644)

    # building hosts

    def add(self, kinds: Sequence[str]) -> list[AuditHost]:
        """Create one host per kind (addresses from the lab's next free index) and wait until each answers."""
        for kind in kinds:
            if kind not in KINDS:
                raise ValueError(f"unknown audit host kind {kind!r} (known: {', '.join(KINDS)})")
        profiles = [self._profile(kind) for kind in kinds]
        lab_hosts = self.lab.add_hosts(profiles)
        new: list[AuditHost] = []
        for kind, host in zip(kinds, lab_hosts, strict=True):
            new.append(self._start(kind, host))
        deadline = time.monotonic() + 30
        for audit_host in new:
            self._wait_ready(audit_host, deadline)
        self.hosts.extend(new)
        return new

    def host(self, kind: str) -> AuditHost:
        for h in self.hosts:
            if h.kind == kind:
                return h
        raise KeyError(kind)

    def of_kind(self, kind: str) -> list[AuditHost]:
        return [h for h in self.hosts if h.kind == kind]

    @staticmethod
    def _profile(kind: str) -> netlab.Profile:
        tcp: tuple[netlab.Port, ...] = ()
        udp: tuple[int, ...] = ()
        if kind == "silent":
            tcp, udp = (netlab.Port(22, "ssh", banner=b""),), (161,)
        return netlab.Profile(f"audit_{kind}", "unknown", _OUI[kind], f"audit lab {kind}", tcp=tcp, udp=udp)

    def _start(self, kind: str, host: netlab.LabHost) -> AuditHost:
        self._namespaces.append(host.namespace)
        snmp = ssh = None
        tcp: set[int] = set()
        udp: set[int] = set()
        if kind in ("switch", "printer", "both"):
            snmp = self._start_snmpd(kind, host)
            udp.add(161)
        if kind in ("ssh", "both", "hostile", "drop_mid"):
            ssh = self._start_sshd(kind, host)
            tcp.add(22)
        if kind == "drop_banner":
            self._spawn(host, "ssh_dropper", [sys.executable, "-I", "-S", str(DROPPER), "--bind", host.address])
            tcp.add(22)
        if kind == "silent":
            tcp.add(22)
            udp.add(161)
        return AuditHost(kind, host, snmp, ssh, frozenset(tcp), frozenset(udp))

    def _spawn(self, host: netlab.LabHost, what: str, argv: list[str], env: dict[str, str] | None = None) -> _Daemon:
        log = self.root / f"h{host.index}-{what}.log"
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                [netlab.ip_binary() or "ip", "netns", "exec", host.namespace, *argv],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE if what == "ssh_dropper" else out,
                stderr=out, close_fds=True, env=env, preexec_fn=_pdeathsig,  # noqa: PLW1509
            )
        daemon = _Daemon(what, proc, log)
        self._daemons.append(daemon)
        return daemon

    # snmpd

    def _start_snmpd(self, kind: str, host: netlab.LabHost) -> SnmpTruth:
        i = host.index
        directory = self.root / f"h{i}-snmp"
        directory.mkdir(mode=0o700)
        overrides: list[tuple[str, str, str]] = []
        if kind == "switch":
            truth = SnmpTruth(
                sys_descr=("Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E8, "
                           "RELEASE SOFTWARE (fc2)"),
                sys_object_id="1.3.6.1.4.1.9.1.1208", sys_name=f"sw-lab-{i}", manufacturer="Cisco",
                model="WS-C2960X-48FPD-L", serial=f"FOC2231X{i:03d}", page_count=None, mac=host.mac)
            overrides = [
                # a module row first: the audit must pick the chassis (class 3), not the first row
                (".1.3.6.1.2.1.47.1.1.1.1.5.1", "integer", "9"),
                (".1.3.6.1.2.1.47.1.1.1.1.11.1", "octet_str", f'"MOD{i:05d}"'),
                (".1.3.6.1.2.1.47.1.1.1.1.13.1", "octet_str", '"C2960X-STACK"'),
                (".1.3.6.1.2.1.47.1.1.1.1.5.1001", "integer", "3"),
                (".1.3.6.1.2.1.47.1.1.1.1.11.1001", "octet_str", f'"{truth.serial}"'),
                (".1.3.6.1.2.1.47.1.1.1.1.12.1001", "octet_str", '""'),  # Cisco leaves the maker empty
                (".1.3.6.1.2.1.47.1.1.1.1.13.1001", "octet_str", f'"{truth.model}"'),
            ]
            view = [".1.3.6.1.2.1.1", ".1.3.6.1.2.1.2", ".1.3.6.1.2.1.47"]
        elif kind == "printer":
            truth = SnmpTruth(
                sys_descr="HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI24090012",
                sys_object_id="1.3.6.1.4.1.11.2.3.9.1", sys_name=f"NPI{i:06X}", manufacturer="HP",
                model="HP LaserJet Pro M404dn", serial=f"PHBQB{i:05d}", page_count=12345 + i, mac=host.mac)
            overrides = [
                (".1.3.6.1.2.1.47.1.1.1.1.5.1", "integer", "3"),
                (".1.3.6.1.2.1.47.1.1.1.1.13.1", "octet_str", f'"{truth.model}"'),
                (".1.3.6.1.2.1.43.5.1.1.17.1", "octet_str", f'"{truth.serial}"'),
                (".1.3.6.1.2.1.43.10.2.1.4.1.1", "counter", str(truth.page_count)),
            ]
            view = [".1.3.6.1.2.1.1", ".1.3.6.1.2.1.2", ".1.3.6.1.2.1.43", ".1.3.6.1.2.1.47"]
        else:  # both: a Linux server's own net-snmp, everything readable, no ENTITY-MIB
            truth = SnmpTruth(sys_descr=f"Linux lab-both-{i} itam audit lab", sys_object_id="1.3.6.1.4.1.8072.3.2.10",
                              sys_name=f"lab-both-{i}", manufacturer=None, model=None, serial=None, page_count=None,
                              mac=host.mac)
            view = [".1"]
        lines = [
            f"agentAddress udp:{host.address}:161",
            "dontLogTCPWrappersConnects yes",
            f"sysDescr {truth.sys_descr}",
            f"sysObjectID .{truth.sys_object_id}",
            f"sysName {truth.sys_name}",
            "sysLocation itam audit lab",
            "sysContact lab@example.invalid",
            *(f"view itamlab included {oid}" for oid in view),
            f"rocommunity {COMMUNITY} {netlab.NETWORK} -V itamlab",
            f"createUser {V3_USER} SHA {V3_AUTH_KEY} AES {V3_PRIV_KEY}",
            f"rouser {V3_USER} priv -V itamlab",
            *(f"override {oid} {kind_} {value}" for oid, kind_, value in overrides),
        ]
        config = directory / "snmpd.conf"
        config.write_text("\n".join(lines) + "\n")
        env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "SNMP_PERSISTENT_DIR": str(directory / "persist"),
               "MIBS": "", "MIBDIRS": str(directory)}
        self._spawn(host, "snmpd", [SNMPD, "-f", "-Le", "-C", "-c", str(config), "-p", str(directory / "pid")],
                    env=env)
        return truth

    # sshd

    def _start_sshd(self, kind: str, host: netlab.LabHost) -> SshTruth:
        i = host.index
        directory = self.root / f"h{i}-ssh"
        directory.mkdir(mode=0o755)
        host_key, host_public = _ed25519()
        key_path = directory / "ssh_host_ed25519_key"
        key_path.write_text(host_key)
        key_path.chmod(0o600)
        disks = (
            DiskTruth("nvme0n1", "Samsung SSD 980 PRO 1TB", f"S5GXNF0R{i:06d}", 1_000_204_886_016, False, "nvme",
                      "nvme"),
            DiskTruth("sda", "ST2000DM008-2FR102", f"ZFL{i:05d}", 2_000_398_934_016, True, "sata", "hdd"),
        )
        truth = SshTruth(hostname=f"lab-{kind.replace('_', '-')}-{i}", manufacturer="Supermicro",
                         model="SYS-5019C-M", serial=f"S4123{i:04d}X", uuid=f"00000000-0000-4000-8000-0cc47a4c{i:04x}",
                         disks=disks, host_key=host_public.strip())
        fakebin = directory / "bin"
        fakebin.mkdir(mode=0o755)
        sysclass = directory / "sysclass"
        if kind == "hostile":
            _script(fakebin / "lsblk", _HOSTILE_LSBLK)
            _script(fakebin / "dmidecode", _HOSTILE_DMIDECODE)
            _script(fakebin / "dpkg-query", _HOSTILE_DPKG)
            _sysclass(sysclass, {
                "sys_vendor": (b"\x1b[31mEvil\x1b[0m Corp\x07\n", 0o444),
                "product_name": (b"M" * 5000 + b"\n", 0o444),
                "product_serial": (b"HX\x00-77\xff\xfe41\x1b[8m\n", 0o444),
                "product_uuid": (b"not readable\n", 0o400),
            })
        else:
            _script(fakebin / "dmidecode", _delayed(_dmidecode_script(truth), self.remote_delay))
            _script(fakebin / "lsblk", _KILL_SESSION if kind == "drop_mid"
                    else _delayed(_lsblk_script(truth), self.remote_delay))
            _sysclass(sysclass, {
                "sys_vendor": (f"{truth.manufacturer}\n".encode(), 0o444),
                "product_name": (f"{truth.model}\n".encode(), 0o444),
                "product_version": (b"0123456789\n", 0o444),
                # as on real Linux: only root reads these (the audit falls back to dmidecode)
                "product_serial": (f"{truth.serial}\n".encode(), 0o400),
                "product_uuid": (f"{truth.uuid}\n".encode(), 0o400),
            })
        config = directory / "sshd_config"
        config.write_text("\n".join([
            f"ListenAddress {host.address}:22",
            f"HostKey {key_path}",
            "PidFile none",
            f"AuthorizedKeysFile {self.root / 'authorized_keys'}",
            "PubkeyAuthentication yes",
            "PasswordAuthentication yes",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "PermitRootLogin no",
            f"AllowUsers {SSH_USER}",
            "StrictModes no",
            f"SetEnv PATH={fakebin}:/usr/bin:/bin:/usr/sbin:/sbin",
            "X11Forwarding no",
            "AllowTcpForwarding no",
            "AllowAgentForwarding no",
            "PermitTunnel no",
            "PermitTTY no",
            "PrintMotd no",
            "UseDNS no",
            "LogLevel ERROR",
            "MaxStartups 100:30:200",
            "",
        ]))
        etc = self.root / "etc"
        script = " && ".join([
            f"hostname {truth.hostname}",
            "mount -t tmpfs -o mode=0755,size=1m itamrun /run",
            "mkdir -m 0755 /run/sshd",
            f"mount --bind {etc / 'passwd'} /etc/passwd",
            f"mount --bind {etc / 'group'} /etc/group",
            f"mount --bind {etc / 'shadow'} /etc/shadow",
            f"mount --bind {sysclass} /sys/class",
            f"exec {SSHD} -D -e -f {config}",
        ])
        self._spawn(host, "sshd", ["unshare", "--mount", "--uts", "--propagation", "private", "--",
                                   "/bin/sh", "-c", script])
        return truth

    # readiness

    def _wait_ready(self, h: AuditHost, deadline: float) -> None:
        for daemon in [d for d in self._daemons if d.log.name.startswith(f"h{h.index}-")]:
            if daemon.what == "ssh_dropper":
                line = daemon.proc.stdout.readline() if daemon.proc.stdout else b""
                if line.strip() != b"READY":
                    raise netlab.LabError(f"ssh dropper of {h.address} failed: {daemon.log.read_text()[-500:]}")
        while True:
            problems = []
            for daemon in [d for d in self._daemons if d.log.name.startswith(f"h{h.index}-")]:
                if daemon.proc.poll() is not None:
                    raise netlab.LabError(f"{daemon.what} of {h.address} ({h.kind}) exited "
                                          f"({daemon.proc.returncode}): {daemon.log.read_text(errors='replace')[-800:]}")
            if h.snmp is not None and not _snmp_answers(h.address, COMMUNITY):
                problems.append("snmpd not answering")
            if h.ssh is not None and not _ssh_greets(h.address):
                problems.append("sshd not greeting")
            if not problems:
                return
            if time.monotonic() > deadline:
                raise netlab.LabError(f"{h.address} ({h.kind}) not ready: {', '.join(problems)}")
            time.sleep(0.05)


def _tlv(tag: int, value: bytes) -> bytes:
    assert len(value) < 128
    return bytes([tag, len(value)]) + value


def _snmp_answers(address: str, community: str, timeout: float = 0.3) -> bool:
    """Does an SNMPv2c GET of sysName.0 get any answer? (A hand-made packet: no SNMP library needed.)"""
    varbind = _tlv(0x30, _tlv(0x06, bytes.fromhex("2b06010201010500")) + b"\x05\x00")
    pdu = _tlv(0xA0, _tlv(0x02, b"\x01") + _tlv(0x02, b"\x00") + _tlv(0x02, b"\x00") + _tlv(0x30, varbind))
    message = _tlv(0x30, _tlv(0x02, b"\x01") + _tlv(0x04, community.encode()) + pdu)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        try:
            sock.sendto(message, (address, 161))
            return bool(sock.recv(4096))
        except OSError:
            return False


def _ssh_greets(address: str) -> bool:
    try:
        with socket.create_connection((address, 22), timeout=0.5) as sock:
            sock.settimeout(1.0)
            return sock.recv(64).startswith(b"SSH-")
    except OSError:
        return False


def build(lab: netlab.Lab, kinds: Iterable[str], *, remote_delay: float = 0.0) -> AuditLab:
    """An AuditLab with one host per kind on ``lab``."""
    audit = AuditLab(lab, remote_delay=remote_delay)
    try:
        audit.add(list(kinds))
    except BaseException:
        audit.close()
        raise
    return audit
