"""What the SSH audit makes of Linux, macOS and FreeBSD answers — canned outputs, no network."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itam.audit import unix
from itam.audit.unix import CommandResult, collect

OS_RELEASE = b'PRETTY_NAME="Ubuntu 22.04.4 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION="22.04.4 LTS (Jammy Jellyfish)"\n'
CPUINFO = b"".join(
    b"processor\t: %d\nmodel name\t: Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz\nphysical id\t: %d\ncore id\t\t: %d\n"
    % (i, i // 8, (i % 8) // 2) for i in range(16))  # 2 sockets x 4 cores x 2 threads


def grep_h(path: str, content: bytes, pattern=None) -> bytes:
    out = []
    for line in content.split(b"\n"):
        if line and (pattern is None or pattern(line)):
            out.append(path.encode() + b":" + line)
    return b"\n".join(out) + b"\n"


def linux_probe(uname=b"Linux web01 5.15.0-105-generic x86_64", dmi=None, release=OS_RELEASE, cpuinfo=CPUINFO,
                meminfo=b"MemTotal:       65536000 kB\nMemFree: 1 kB\n") -> bytes:
    keep = (b"NAME=", b"VERSION", b"PRETTY_NAME=", b"BUILD_ID=", b"processor", b"model name", b"physical id", b"core id",
            b"MemTotal")
    out = uname + b"\n"
    out += grep_h("/etc/os-release", release, lambda line: line.startswith(keep))
    out += grep_h("/proc/cpuinfo", cpuinfo, lambda line: line.startswith(keep))
    out += grep_h("/proc/meminfo", meminfo, lambda line: line.startswith(keep))
    for name, value in (dmi or {}).items():
        out += grep_h(f"/sys/class/dmi/id/{name}", value)
    return out


class Host:
    """A runner with canned answers: command -> (exit status, stdout); anything else exits 127."""

    def __init__(self, answers: dict[str, tuple[int | None, bytes]]) -> None:
        self.answers = answers
        self.ran: list[str] = []

    def __call__(self, command: str) -> CommandResult:
        self.ran.append(command)
        status, out = self.answers.get(command, (127, b""))
        return CommandResult(command, status, out, b"" if status != 127 else b"sh: 1: not found\n")


DMI_ROOT = {"sys_vendor": b"Dell Inc.", "product_name": b"PowerEdge R640", "product_version": b"Not Specified",
            "product_serial": b"7XK2Q53", "product_uuid": b"4c4c4544-0058-4b10-8033-b7c04f513533"}
LSBLK = json.dumps({"blockdevices": [
    {"name": "sda", "model": "MZ7LH480HAHQ0D3", "serial": "S45PNA0M123456", "size": 480103981056, "rota": False,
     "tran": "sata", "type": "disk"},
    {"name": "sdb", "model": "ST4000NM0035-1V4107", "serial": "ZC1ABCDE", "size": "4000787030016", "rota": "1",
     "tran": "sas", "type": "disk"},
    {"name": "nvme0n1", "model": "Dell Ent NVMe v2 AGN RI U.2 1.92TB", "serial": "S4YNNE0N700123",
     "size": 1920383410176, "rota": "0", "tran": "nvme", "type": "disk"},
    {"name": "sdc", "model": "Ultra Fit", "serial": "4C530001", "size": 61530439680, "rota": False, "tran": "usb",
     "type": "disk"},
    {"name": "mmcblk0", "model": None, "serial": "0x1234abcd", "size": 31914983424, "rota": False, "tran": None,
     "type": "disk"},
    {"name": "sr0", "model": "DVD", "serial": "X", "size": 1, "rota": True, "tran": "sata", "type": "rom"},
    {"name": "loop0", "model": None, "serial": None, "size": 4096, "rota": False, "tran": None, "type": "loop"},
    {"name": "vda", "model": None, "serial": "", "size": 0, "rota": None, "tran": None, "type": "disk"},
]}).encode()
DPKG = b"ii \tbash\t5.1-6ubuntu1\nii \topenssl\t3.0.2-0ubuntu1.15\nrc \tremoved-pkg\t1.0\nii \tlibc6:amd64\t2.35-0ubuntu3.7\n"


def test_a_linux_server_audited_as_root():
    host = Host({unix.PROBE: (2, linux_probe(dmi=DMI_ROOT)), unix.LSBLK_JSON: (0, LSBLK), unix.DPKG: (0, DPKG)})
    info = collect(host)
    assert (info.manufacturer, info.model, info.serial) == ("Dell Inc.", "PowerEdge R640", "7XK2Q53")
    assert info.uuid == "4c4c4544-0058-4b10-8033-b7c04f513533"
    assert (info.hostname, info.kernel) == ("web01", "Linux 5.15.0-105-generic x86_64")
    assert (info.os_name, info.os_version) == ("Ubuntu", "22.04")
    assert info.cpu_model == "Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz" and info.cpu_cores == 8
    assert info.ram_mb == 64000
    assert [(d.model, d.serial, d.size_gb, d.media_type, d.interface) for d in info.disks] == [
        ("MZ7LH480HAHQ0D3", "S45PNA0M123456", 480.1, "ssd", "sata"),
        ("ST4000NM0035-1V4107", "ZC1ABCDE", 4000.8, "hdd", "sas"),
        ("Dell Ent NVMe v2 AGN RI U.2 1.92TB", "S4YNNE0N700123", 1920.4, "nvme", "nvme"),
        ("Ultra Fit", "4C530001", 61.5, "usb_flash", "usb"),
        (None, "0x1234abcd", 31.9, "memory_card", None),
        (None, None, None, "other", None),
    ]
    assert [(s.name, s.version) for s in info.software] == [
        ("bash", "5.1-6ubuntu1"), ("openssl", "3.0.2-0ubuntu1.15"), ("libc6:amd64", "2.35-0ubuntu3.7")]
    assert not list(info.warnings)
    assert unix.DMIDECODE not in host.ran  # /sys said everything: no dmidecode, no sudo
    assert set(host.ran) <= set(unix.COMMANDS)


def test_without_root_the_serial_comes_from_dmidecode_or_sudo():
    dmi = {"sys_vendor": b"LENOVO", "product_name": b"20L5CTO1WW", "product_version": b"ThinkPad T480"}
    dmidecode = (b"# dmidecode 3.3\nSMBIOS 3.0.0 present.\n\nHandle 0x000F, DMI type 1, 27 bytes\nSystem Information\n"
                 b"\tManufacturer: LENOVO\n\tProduct Name: 20L5CTO1WW\n\tVersion: ThinkPad T480\n"
                 b"\tSerial Number: PF1ABCDE\n\tUUID: 5f3a1c2e-8b4d-11e8-9c2a-54e1ad123456\n\tWake-up Type: Power Switch\n"
                 b"\nHandle 0x0010, DMI type 2, 15 bytes\nBase Board Information\n\tSerial Number: L1HF000000X\n")
    host = Host({unix.PROBE: (2, linux_probe(dmi=dmi)), unix.DMIDECODE: (1, b""), unix.SUDO_DMIDECODE: (0, dmidecode),
                 unix.LSBLK_JSON: (0, LSBLK), unix.DPKG: (127, b""), unix.RPM: (0, b"bash\t5.2.15-2.el9\tRed Hat, Inc.\n"
                                                                               b"gpg-pubkey\t1-2\t(none)\n")})
    info = collect(host)
    assert (info.manufacturer, info.model, info.serial) == ("LENOVO", "ThinkPad T480", "PF1ABCDE")
    assert info.uuid == "5f3a1c2e-8b4d-11e8-9c2a-54e1ad123456"
    assert [(s.name, s.version, s.vendor) for s in info.software] == [("bash", "5.2.15-2.el9", "Red Hat, Inc.")]
    assert host.ran.index(unix.DMIDECODE) < host.ran.index(unix.SUDO_DMIDECODE)


def test_no_way_to_the_serial_says_how_to_get_it():
    host = Host({unix.PROBE: (2, linux_probe(dmi={"sys_vendor": b"QEMU", "product_name": b"Standard PC (Q35 + ICH9, 2009)"})),
                 unix.DMIDECODE: (1, b""), unix.SUDO_DMIDECODE: (1, b""), unix.LSBLK_JSON: (0, LSBLK),
                 unix.DPKG: (0, DPKG)})
    info = collect(host)
    assert info.serial is None and info.manufacturer == "QEMU"
    assert any("sudo" in w for w in info.warnings)


def test_placeholder_serials_are_dropped_with_a_warning():
    dmi = dict(DMI_ROOT, product_serial=b"To Be Filled By O.E.M.", product_name=b"System Product Name")
    host = Host({unix.PROBE: (2, linux_probe(dmi=dmi)), unix.DMIDECODE: (0, b"System Information\n\tSerial Number: "
                                                                            b"Default string\n"),
                 unix.LSBLK_JSON: (0, LSBLK), unix.DPKG: (0, DPKG)})
    info = collect(host)
    assert info.serial is None and info.model is None
    assert any("no serial number" in w for w in info.warnings)


def test_old_lsblk_without_json_falls_back_to_pairs():
    pairs = (b'NAME="sda" MODEL="WDC WD10EZEX-08W" SERIAL="WD-WCC6Y1234567" SIZE="1000204886016" ROTA="1" '
             b'TRAN="sata" TYPE="disk"\nNAME="sda1" MODEL="" SERIAL="" SIZE="1" ROTA="1" TRAN="" TYPE="part"\n'
             b'NAME="sdb" MODEL="Samsung\\x20SSD" SERIAL="S3Z" SIZE="250059350016" ROTA="0" TRAN="sata" TYPE="disk"\n')
    host = Host({unix.PROBE: (0, linux_probe(dmi=DMI_ROOT)), unix.LSBLK_JSON: (1, b""), unix.LSBLK_PAIRS: (0, pairs),
                 unix.DPKG: (0, DPKG)})
    info = collect(host)
    assert [(d.model, d.serial, d.media_type) for d in info.disks] == [
        ("WDC WD10EZEX-08W", "WD-WCC6Y1234567", "hdd"), ("Samsung SSD", "S3Z", "ssd")]


def test_a_raspberry_pi_reads_its_device_tree():
    probe = linux_probe(uname=b"Linux pi4 6.1.0-rpi7-rpi-v8 aarch64", cpuinfo=b"processor\t: 0\nprocessor\t: 1\n")
    probe += b"/proc/device-tree/model:Raspberry Pi 4 Model B Rev 1.4\x00\n/proc/device-tree/serial-number:10000000abcdef12\x00\n"
    info = collect(Host({unix.PROBE: (2, probe), unix.DMIDECODE: (1, b""), unix.SUDO_DMIDECODE: (127, b""),
                         unix.LSBLK_JSON: (0, LSBLK), unix.DPKG: (0, DPKG)}))
    assert (info.model, info.serial, info.cpu_cores) == ("Raspberry Pi 4 Model B Rev 1.4", "10000000abcdef12", 2)


MAC_PROFILER = json.dumps({
    "SPHardwareDataType": [{"_name": "hardware_overview", "chip_type": "Apple M1 Pro", "machine_model": "MacBookPro18,3",
                            "machine_name": "MacBook Pro", "number_processors": "proc 10:8:2",
                            "physical_memory": "16 GB", "platform_UUID": "6A0E3B4C-1D2E-5F60-7182-93A4B5C6D7E8",
                            "serial_number": "C02FK1ABQ6L4"}],
    "SPStorageDataType": [
        {"_name": "Macintosh HD", "physical_drive": {"device_name": "APPLE SSD AP0512R", "is_internal_disk": "yes",
                                                     "medium_type": "ssd", "protocol": "Apple Fabric"}},
        {"_name": "Macintosh HD - Data", "physical_drive": {"device_name": "APPLE SSD AP0512R", "medium_type": "ssd",
                                                            "protocol": "Apple Fabric"}},
        {"_name": "Backup", "physical_drive": {"device_name": "My Passport 25E2", "medium_type": "rotational",
                                               "protocol": "USB"}},
    ],
    "SPNVMeDataType": [{"_items": [{"_name": "APPLE SSD AP0512R", "device_model": "APPLE SSD AP0512R",
                                    "device_serial": "0ba01234e5f6a789"}]}],
}).encode()


def test_a_mac():
    host = Host({unix.PROBE: (2, b"Darwin mbp.local 23.4.0 arm64\n"),
                 unix.MAC_SW_VERS: (0, b"ProductName:\t\tmacOS\nProductVersion:\t\t14.4.1\nBuildVersion:\t\t23E224\n"),
                 unix.MAC_PROFILER: (0, MAC_PROFILER)})
    info = collect(host)
    assert (info.manufacturer, info.model, info.serial) == ("Apple", "MacBook Pro", "C02FK1ABQ6L4")
    assert (info.os_name, info.os_version, info.hostname) == ("macOS", "14.4.1", "mbp.local")
    assert (info.cpu_model, info.cpu_cores, info.ram_mb) == ("Apple M1 Pro", 10, 16384)
    assert info.uuid == "6a0e3b4c-1d2e-5f60-7182-93a4b5c6d7e8"
    assert [(d.model, d.serial, d.media_type) for d in info.disks] == [
        ("APPLE SSD AP0512R", "0ba01234e5f6a789", "nvme"), ("My Passport 25E2", None, "hdd")]


GEOM = b"""Geom name: ada0
Providers:
1. Name: ada0
   Mediasize: 500107862016 (466G)
   Sectorsize: 512
   Mode: r2w2e3
   descr: Samsung SSD 860 EVO 500GB
   ident: S3Z9NB0K123456X
   rotationrate: 0
   fwsectors: 63

Geom name: nvd0
Providers:
1. Name: nvd0
   Mediasize: 1024209543168 (954G)
   descr: WDC WDS100T2B0C
   ident: 2108A1234567
   rotationrate: unknown
"""


def test_a_freebsd_host():
    host = Host({unix.PROBE: (2, b"FreeBSD nas 14.0-RELEASE-p6 amd64\n"),
                 unix.BSD_SYSCTL: (0, b"Intel(R) Pentium(R) Silver J5005 CPU @ 1.50GHz\n4\n17045651456\n"),
                 unix.BSD_KENV: (0, b'smbios.system.maker="ASRock"\nsmbios.system.product="J5005-ITX"\n'
                                    b'smbios.system.serial="To Be Filled By O.E.M."\n'
                                    b'smbios.system.uuid="03000200-0400-0500-0006-000700080009"\n'),
                 unix.BSD_GEOM: (0, GEOM), unix.BSD_PKG: (0, b"bash\t5.2.26\nsamba416\t4.16.11\n")})
    info = collect(host)
    assert (info.os_name, info.os_version) == ("FreeBSD", "14.0-RELEASE-p6")
    assert (info.manufacturer, info.model, info.serial) == ("ASRock", "J5005-ITX", None)
    assert info.cpu_cores == 4 and info.ram_mb == 16256
    assert [(d.model, d.serial, d.media_type, d.size_gb) for d in info.disks] == [
        ("Samsung SSD 860 EVO 500GB", "S3Z9NB0K123456X", "ssd", 500.1), ("WDC WDS100T2B0C", "2108A1234567", "nvme", 1024.2)]
    assert [s.name for s in info.software] == ["bash", "samba416"]


def test_a_system_it_does_not_know():
    info = collect(Host({unix.PROBE: (1, b"% Invalid input detected at '^' marker.\n")}))
    assert info.hostname is None and any("not one this audit knows" in w for w in info.warnings)
    info = collect(Host({}))
    assert any("uname" in w for w in info.warnings)


def test_hostile_answers_are_sanitised_bounded_or_warned_about():
    huge_lsblk = b'\x1b[2J{"blockdevices":[{"name":"sda","model":"EVIL\x1b[31m' + b"A" * 100_000
    many = b"".join(b"ii \tpkg%d\x1b[1m\t1.%d\n" % (i, i) for i in range(6000))
    dmi = {"sys_vendor": b"\x1b]0;x\x07Evil\x1b[0m Corp\x07", "product_name": b"M" * 5000,
           "product_serial": b"HX\x00-77\xff\xfe41"}
    host = Host({unix.PROBE: (2, linux_probe(dmi=dmi, release=b'NAME="\x1b[31mDeb\x00ian\nVERSION_ID=\'12\n')),
                 unix.DMIDECODE: (0, b"\x00\xff" * 1000 + b"System Information\n\tUUID: \x1b[5mnot-a-uuid\n"),
                 unix.LSBLK_JSON: (0, huge_lsblk), unix.DPKG: (0, many)})
    info = collect(host)
    assert info.manufacturer == "Evil Corp" and len(info.model) == 256 and info.serial == "HX-7741"
    assert info.os_name == "Deb ian" or info.os_name == "Debian"
    assert info.uuid is None and info.disks == ()
    assert len(info.software) == 5000 and info.software[0].name == "pkg0"
    assert any("not valid JSON" in w for w in info.warnings)
    assert any("5000" in w for w in info.warnings)


_COMMAND_OUTPUT = st.one_of(st.binary(max_size=2000), st.sampled_from([
    b"", b"{", b"[]", b'{"blockdevices": 5}', b'{"blockdevices": [1, null, {"type": "disk", "size": "x"}]}',
    b"\x00" * 100, b"\x1b[" * 100, b"Linux", b"Darwin h 1 x\n", b"FreeBSD h 1 x\n", b"System Information\n\tUUID:",
    b'{"SPHardwareDataType": {"a": 1}, "SPStorageDataType": [{"physical_drive": 3}]}',
    b"Geom name: x\n Mediasize: nope\n",
]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(unix.COMMANDS), st.tuples(st.sampled_from([0, 1, 2, 127, None]),
                                                                  _COMMAND_OUTPUT)),
       st.sampled_from([b"Linux h 6 x86_64\n", b"Darwin h 23 arm64\n", b"FreeBSD h 14.0 amd64\n", b""]))
def test_no_answer_makes_the_collector_fail(answers, uname):
    status, out = answers.get(unix.PROBE, (0, b""))
    answers[unix.PROBE] = (status, uname + out)
    info = collect(Host(answers))
    for value in (info.manufacturer, info.model, info.serial, info.hostname, info.os_name, info.cpu_model):
        assert value is None or (value.isprintable() and len(value) <= 256)
    assert len(info.software) <= 5000 and len(info.disks) <= 128


def test_media_types_follow_the_sanitization_table():
    import tomllib

    from itam.audit.facts import MEDIA_TYPES
    from itam.paths import resource

    with open(resource("sanitization.toml"), "rb") as fh:
        assert set(MEDIA_TYPES) <= set(tomllib.load(fh)["media"])
    assert unix.media_type(True, "usb") == "hdd" and unix.media_type(False, "usb") == "usb_flash"
    assert unix.media_type(None, None, "nvme1n1") == "nvme" and unix.media_type(None, None, model="Foo SSD") == "ssd"


@pytest.mark.parametrize("command", unix.COMMANDS)
def test_commands_are_constant_and_read_only(command):
    for word in ("rm ", "mv ", ">", "tee", "dd ", "mkfs", "reboot", "shutdown", "$(", "`", "eval", "sh -c"):
        assert word not in command
