"""Benchmark: credentialed audits of 50 lab hosts by SNMP and SSH, in parallel and one after another.

Builds the namespace lab of tests/lab (25 snmpd hosts — Cisco switch and HP printer profiles alternating —
and 25 OpenSSH hosts with fake dmidecode/lsblk), then:

1. audits every host alone, one after another (the sequential run, reported as the sum of the single-host
   times; its slowest host is "the slowest single host's audit time");
2. audits all 50 through ``itam.audit.pool.run_audits`` (one pool, ``--workers`` threads), a few times.

Target (issue 8): the parallel run's wall time is at most 2x the slowest single host's audit time.

All 50 "remote" hosts run on this machine: their sshd and snmpd use the same CPUs as the auditing process,
so the parallel run can never be faster than (CPU the 50 audits need on both ends) / (cores). The report
prints that CPU, so a CPU-bound result can be told from a pool that does not overlap. ``--remote-delay S``
makes each SSH host's fake dmidecode and lsblk wait S seconds before answering — a remote host's own time,
which costs this machine no CPU — to measure the pool where the hosts, not this machine, set the pace.

Raw-library baseline (skip it with ``--no-raw``): in the same lab and the same run, the same requests made with
paramiko and pysnmp alone, no itam code in the timed path —

* SSH: ``paramiko.SSHClient`` on a socket with TCP_NODELAY, the lab user's Ed25519 key, and exactly the commands
  itam's collector sends to these hosts (the constants of itam/audit/unix.py: PROBE, DMIDECODE, LSBLK_JSON,
  DPKG, in that order); every byte of stdout and stderr is read and nothing is parsed. The host key is
  checked accept-new against an in-memory table (itam keeps its table in a file).
* SNMP: pysnmp's v3arch asyncio API (as itam/audit/snmp.py) — one shared ``SnmpEngine`` on one event loop in a
  thread, fed by the pool's threads — doing the GET and GETBULK walks of itam's ``_collect`` with the same
  OIDs, row limits and max-repetitions (the repetitions are literals in ``_collect``, repeated here);
  pysnmp decodes the answers, nothing more is done with them.
* Pool: a ``concurrent.futures.ThreadPoolExecutor(max_workers=--workers)`` over the 50 hosts.

Single-host audits alternate itam and raw host by host; parallel runs alternate itam, raw, itam, raw …, so the
machine's other load hits both alike. That the baseline does the same work is checked outside the timed parts:
every host must answer every request with output and no error; each SSH host's raw outputs are replayed
through ``itam.audit.unix.collect``, which must ask for exactly the raw command list and find the serial,
disks and packages in them; and each SNMP host's agent must receive as many datagrams from one raw audit as
from one itam audit (the UDP counters of the host's network namespace).

Needs root, iproute2, snmpd and openssh-server (``scripts/system-deps.sh test``). Run:

    sudo .venv/bin/python bench/bench_audit_hosts.py [--hosts 50] [--workers 50] [--repeat 3] [--remote-delay 0]
                                                     [--known-hosts-entries 0] [--no-raw]

``--known-hosts-entries N`` starts itam's known-hosts file (a fresh temporary file otherwise) with N lines for
other addresses, as the file of a data directory that has audited N hosts before; nothing is contacted. (The
raw baseline keeps its accepted keys in memory, so only itam reads that file.)
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import resource
import socket
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from itam.audit.facts import SnmpV2cCredential, SshCredential
from itam.audit.pool import AuditTask, default_collectors, plan_audits, run_audits
from itam.audit.snmp import (
    ENT_PHYSICAL_CLASS,
    ENT_PHYSICAL_MFG,
    ENT_PHYSICAL_MODEL,
    ENT_PHYSICAL_SERIAL,
    HR_DEVICE_DESCR,
    HR_DEVICE_TYPE,
    HR_MEMORY_SIZE,
    HR_SW_INSTALLED_NAME,
    IF_DESCR,
    IF_PHYS_ADDRESS,
    MAX_DEVICE_ROWS,
    MAX_ENTITY_ROWS,
    PRT_GENERAL_SERIAL,
    PRT_MARKER_LIFE_COUNT,
    SYS_DESCR,
    SYS_NAME,
    SYS_OBJECT_ID,
)
from itam.audit.text import MAX_INTERFACES, MAX_SOFTWARE
from itam.audit.unix import DMIDECODE, DPKG, LSBLK_JSON, PROBE
from tests.lab import audit_lab, netlab

TICKS = os.sysconf("SC_CLK_TCK")
#: Seconds to wait after a parallel run (outside its wall time) before reading the CPU counters: sshd counts a
#: login's CPU once the login's process has exited and been reaped, and the next run should not pay for it.
SETTLE = 0.3


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _daemon_cpu(pids: list[int]) -> float:
    """CPU seconds of the lab daemons and their finished children (sshd's per-connection processes)."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(fields[i]) for i in (11, 12, 13, 14)) / TICKS
    return total


def _memory_mib(pids: list[int]) -> tuple[float, float]:
    """(resident, proportional) memory of the processes: PSS shares each shared page among its users."""
    rss = pss = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024, pss / 1024


class _Concurrency:
    """Wraps the collectors to count audits in flight."""

    def __init__(self, known_hosts: Path) -> None:
        self.lock = threading.Lock()
        self.now = self.peak = 0
        self.collectors = {m: self._wrap(f) for m, f in default_collectors(known_hosts).items()}

    def _wrap(self, collector):
        def run(*args, **kwargs):
            with self.lock:
                self.now += 1
                self.peak = max(self.peak, self.now)
            try:
                return collector(*args, **kwargs)
            finally:
                with self.lock:
                    self.now -= 1
        return run


# --- the raw-library baseline: paramiko and pysnmp alone -----------------------------------------------------

# The commands itam's SSH collector sends to a lab host (Linux, cores in /proc/cpuinfo so no nproc, DMI serial
# readable by root only so dmidecode, lsblk with JSON, dpkg), in its order; the strings are the module-level
# constants of itam/audit/unix.py, imported above (so are the OIDs and row limits of itam/audit/snmp.py).
RAW_SSH_COMMANDS = (PROBE, DMIDECODE, LSBLK_JSON, DPKG)
# GETBULK max-repetitions per column: literals in itam.audit.snmp._collect, repeated here (keep in step).
REPS_ENTITY, REPS_PRINTER, REPS_IF, REPS_HR_DEVICE, REPS_SOFTWARE = 10, 2, 8, 16, 50
CHASSIS = 3  # entPhysicalClass chassis(3)


class RawError(Exception):
    pass


class _RawBaseline:
    """paramiko and pysnmp without itam: one audit = the same requests as itam's collectors, nothing parsed."""

    def __init__(self, user: str, key_pem: str, community: str, timeout: float) -> None:
        import paramiko

        self.paramiko = paramiko
        self.user, self.key_pem, self.community, self.timeout = user, key_pem, community, timeout
        # as itam: request timeout min(2, max(0.5, timeout / 6)), one retry
        self.request_timeout = min(2.0, max(0.5, timeout / 6))
        host_keys: dict[str, object] = {}
        keys_lock = threading.Lock()

        class AcceptNew(paramiko.MissingHostKeyPolicy):
            """Accept-new in memory: the first key seen for an address, and only that one, afterwards."""

            def missing_host_key(self, client, hostname, key):
                with keys_lock:
                    known = host_keys.setdefault(hostname, key)
                if known != key:
                    raise paramiko.SSHException(f"host key of {hostname} changed")

        self.accept_new = AcceptNew()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="raw-snmp", daemon=True)
        self.thread.start()
        self.engine = self._on_loop(self._make_engine())

    async def _make_engine(self):
        from pysnmp.hlapi.v3arch.asyncio import SnmpEngine

        return SnmpEngine()

    def _on_loop(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(self.timeout + 5)

    def close(self) -> None:
        async def stop() -> None:
            self.engine.close_dispatcher()

        try:
            self._on_loop(stop())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(5)

    # one host

    def audit(self, task: AuditTask) -> tuple[float, dict]:
        """(seconds, what was read) for one host."""
        started = time.perf_counter()
        if task.method == "ssh":
            result = {"ssh": self.ssh(task.address)}
        else:
            result = {"snmp": self._on_loop(self.snmp(task.address))}
        return time.perf_counter() - started, result

    def ssh(self, address: str) -> list[tuple[str, int, bytes, bytes]]:
        paramiko = self.paramiko
        pkey = paramiko.Ed25519Key.from_private_key(io.StringIO(self.key_pem))
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(self.timeout)
        client = paramiko.SSHClient()
        client.set_missing_host_key_policy(self.accept_new)
        out = []
        try:
            sock.connect((address, 22))
            client.connect(address, username=self.user, pkey=pkey, sock=sock, timeout=self.timeout,
                           banner_timeout=self.timeout, auth_timeout=self.timeout, allow_agent=False,
                           look_for_keys=False)
            for command in RAW_SSH_COMMANDS:
                _stdin, stdout, stderr = client.exec_command(command, timeout=self.timeout)
                data = stdout.read()
                errors = stderr.read()
                out.append((command, stdout.channel.recv_exit_status(), data, errors))
        finally:
            client.close()
            sock.close()
        return out

    async def snmp(self, address: str) -> list[tuple[str, list]]:
        """The requests of itam.audit.snmp._collect: (request, varbinds) per GET and per walk."""
        from pysnmp.hlapi.v3arch.asyncio import (
            CommunityData,
            ContextData,
            ObjectIdentity,
            ObjectType,
            UdpTransportTarget,
            bulk_walk_cmd,
            get_cmd,
        )

        engine = self.engine
        auth = CommunityData(self.community, mpModel=1)
        target = await UdpTransportTarget.create((address, 161), timeout=self.request_timeout, retries=1)
        read: list[tuple[str, list]] = []

        async def get(*oids: str) -> list:
            error, status, _index, binds = await get_cmd(engine, auth, target, ContextData(),
                                                         *(ObjectType(ObjectIdentity(o)) for o in oids),
                                                         lookupMib=False)
            if error or status:
                raise RawError(f"{address}: GET {oids}: {error or status.prettyPrint()}")
            read.append(("GET " + " ".join(oids), list(binds)))
            return list(binds)

        async def walk(column: str, max_rows: int, repetitions: int) -> list:
            rows: list = []
            async for error, status, _index, binds in bulk_walk_cmd(
                    engine, auth, target, ContextData(), 0, min(repetitions, max_rows),
                    ObjectType(ObjectIdentity(column)), lookupMib=False, lexicographicMode=False, maxRows=max_rows):
                if error or status:
                    raise RawError(f"{address}: walk {column}: {error or status.prettyPrint()}")
                rows.extend(binds)
            read.append((f"WALK {column} x{repetitions}", rows))
            return rows

        def present(value) -> bool:
            return type(value).__name__ not in ("NoSuchObject", "NoSuchInstance", "EndOfMibView", "Null")

        system = await get(SYS_DESCR, SYS_OBJECT_ID, SYS_NAME, HR_MEMORY_SIZE)
        has_memory = present(system[3][1])
        classes = await walk(ENT_PHYSICAL_CLASS, MAX_ENTITY_ROWS, REPS_ENTITY)
        prefix = ENT_PHYSICAL_CLASS + "."
        chassis = sorted((tuple(int(p) for p in str(name)[len(prefix):].split(".")), str(name)[len(prefix):])
                         for name, value in classes if present(value) and int(value) == CHASSIS)
        if chassis:
            index = chassis[0][1]
            await get(f"{ENT_PHYSICAL_SERIAL}.{index}", f"{ENT_PHYSICAL_MFG}.{index}", f"{ENT_PHYSICAL_MODEL}.{index}")
        await walk(PRT_GENERAL_SERIAL, 16, REPS_PRINTER)
        await walk(PRT_MARKER_LIFE_COUNT, 16, REPS_PRINTER)
        await walk(IF_DESCR, MAX_INTERFACES, REPS_IF)
        await walk(IF_PHYS_ADDRESS, MAX_INTERFACES, REPS_IF)
        if has_memory:
            if await walk(HR_DEVICE_TYPE, MAX_DEVICE_ROWS, REPS_HR_DEVICE):
                await walk(HR_DEVICE_DESCR, MAX_DEVICE_ROWS, REPS_HR_DEVICE)
            await walk(HR_SW_INSTALLED_NAME, MAX_SOFTWARE + 1, REPS_SOFTWARE)
        return read

    # all hosts

    def run_parallel(self, tasks: list[AuditTask], workers: int) -> list[tuple[float, dict]]:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(tasks))), thread_name_prefix="raw") as pool:
            return list(pool.map(self.audit, tasks))


def _check_raw(task: AuditTask, result: dict) -> None:
    """The raw audit read output from the host, with no error."""
    if task.method == "ssh":
        runs = result["ssh"]
        assert [c for c, *_ in runs] == list(RAW_SSH_COMMANDS), (task.address, [c for c, *_ in runs])
        for command, status, out, err in runs:
            assert out, (task.address, command, "no output")
            assert status is not None and status >= 0, (task.address, command, status)
            if command != PROBE:  # the probe's last grep names ARM device-tree files absent here: status 2
                assert status == 0, (task.address, command, status, err[:200])
            assert not err, (task.address, command, err[:200])
    else:
        read = result["snmp"]
        values = read[0][1]
        assert len(values) == 4 and str(values[0][1]), (task.address, "no sysDescr")
        assert any(r.startswith("GET " + ENT_PHYSICAL_SERIAL) for r, _ in read), (task.address, "no chassis row")
        assert sum(len(binds) for _, binds in read) > 6, (task.address, "too little read")


def _replay(task: AuditTask, result: dict) -> None:
    """itam's own SSH logic, fed the raw outputs, asks for exactly the raw commands and finds everything in them."""
    from itam.audit.unix import CommandResult, collect

    outputs = {command: (status, out, err) for command, status, out, err in result["ssh"]}
    asked: list[str] = []

    def runner(command: str) -> CommandResult:
        asked.append(command)
        if command not in outputs:
            return CommandResult(command, 127, b"", b"not in the raw baseline")
        status, out, err = outputs[command]
        return CommandResult(command, status, out, err)

    info = collect(runner)
    assert asked == list(RAW_SSH_COMMANDS), (task.address, asked)
    assert info.serial and info.uuid and info.disks and len(info.software) > 10, (task.address, info)


def _udp_in(pid: int) -> int:
    """UDP datagrams received in the network namespace of process ``pid``."""
    lines = [line.split() for line in Path(f"/proc/{pid}/net/snmp").read_text().splitlines() if line.startswith("Udp:")]
    return int(lines[1][lines[0].index("InDatagrams")])


def _snmpd_pids(audit) -> dict[str, int]:
    """address -> pid of its snmpd (for the UDP counters of its namespace)."""
    out = {}
    for host in audit.hosts:
        for daemon in audit._daemons:  # the lab keeps its daemons per host by log name
            if daemon.what == "snmpd" and daemon.log.name.startswith(f"h{host.index}-"):
                out[host.address] = daemon.proc.pid
    return out


def _fmt(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--workers", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--repeat", type=int, default=3, help="parallel runs (the median is reported)")
    parser.add_argument("--remote-delay", type=float, default=0.0,
                        help="seconds each SSH host's dmidecode and lsblk take to answer (default 0)")
    parser.add_argument("--known-hosts-entries", type=int, default=0, metavar="N",
                        help="start itam's known-hosts file with N entries for other addresses, as after N earlier "
                             "audits (text only: nothing is contacted; default 0)")
    parser.add_argument("--no-raw", action="store_true",
                        help="skip the raw paramiko+pysnmp baseline (itam's figures only)")
    args = parser.parse_args()
    raw_on = not args.no_raw

    reason = audit_lab.unavailable_reason()
    if reason:
        print(f"bench_audit_hosts: skipped: {reason}")
        return 0
    snmp_count = args.hosts // 2
    kinds = [("switch" if i % 2 == 0 else "printer") for i in range(snmp_count)] + ["ssh"] * (args.hosts - snmp_count)

    started = time.perf_counter()
    with (netlab.Lab() as lab, audit_lab.build(lab, kinds, remote_delay=args.remote_delay) as audit,
          tempfile.TemporaryDirectory() as tmp):
        built = time.perf_counter() - started
        known_hosts = Path(tmp) / "known_hosts"
        if args.known_hosts_entries > 0:
            # addresses of 198.19.0.0/16 (benchmarking range, outside the lab's /24): never contacted, only read
            key = audit_lab._ed25519()[1].strip()
            known_hosts.write_text("".join(f"198.19.{i // 256 % 256}.{i % 256} {key}\n"
                                           for i in range(args.known_hosts_entries)))
        credentials = [
            ("lab-snmp", "snmp_v2c", [lab.network], SnmpV2cCredential(audit_lab.COMMUNITY)),
            ("lab-ssh", "ssh", [lab.network], SshCredential(audit_lab.SSH_USER, private_key_pem=audit.user_key)),
        ]
        tasks = plan_audits([(h.address, set(h.tcp_ports), set(h.udp_ports)) for h in audit.hosts], credentials)
        assert all(t.method for t in tasks), [t for t in tasks if not t.method]
        pids = audit.daemon_pids()
        rss, pss = _memory_mib(pids)
        print(f"lab: {len(audit.hosts)} hosts ({snmp_count} SNMP, {args.hosts - snmp_count} SSH) built in "
              f"{built:.1f} s; {len(pids)} daemons use {pss:.0f} MiB (PSS; RSS {rss:.0f} MiB); remote "
              f"delay {args.remote_delay:.2f} s; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
              + (f"; known-hosts file starts with {args.known_hosts_entries} other entries"
                 if args.known_hosts_entries else ""))

        # Warm-up (not counted): the shared SNMP engine, imports, the first host keys.
        warm = [next(t for t in tasks if t.method == m) for m in ("snmp", "ssh")]
        run_audits(warm, max_workers=2, timeout=args.timeout, known_hosts=known_hosts)
        raw = None
        if raw_on:
            raw = _RawBaseline(audit_lab.SSH_USER, audit.user_key, audit_lab.COMMUNITY, args.timeout)
            for task in warm:
                _check_raw(task, raw.audit(task)[1])
            snmpd = _snmpd_pids(audit)

        try:
            # 1. one after another (itam and raw alternate host by host, each order on every other host)
            single: list[tuple[AuditTask, float]] = []
            raw_single: list[tuple[AuditTask, float]] = []
            datagrams: dict[str, tuple[int, int]] = {}
            ssh_bytes: list[int] = []
            for position, task in enumerate(tasks):
                for which in (("itam", "raw") if position % 2 == 0 else ("raw", "itam")):
                    if which == "raw" and raw is None:
                        continue
                    counter = snmpd.get(task.address) if raw is not None else None
                    before = _udp_in(counter) if counter else 0
                    if which == "itam":
                        t = time.perf_counter()
                        [outcome] = run_audits([task], max_workers=1, timeout=args.timeout, known_hosts=known_hosts)
                        seconds = time.perf_counter() - t
                        assert outcome.ok, (task.address, outcome.error)
                        single.append((task, seconds))
                    else:
                        seconds, result = raw.audit(task)
                        raw_single.append((task, seconds))
                        _check_raw(task, result)
                        if task.method == "ssh":
                            _replay(task, result)
                            ssh_bytes.append(sum(len(out) + len(err) for _, _, out, err in result["ssh"]))
                    if counter:
                        datagrams[task.address] = (*datagrams.get(task.address, ()), _udp_in(counter) - before)
            sequential = sum(s for _, s in single)
            slowest_task, slowest = max(single, key=lambda item: item[1])
            by_method = {m: [s for t, s in single if t.method == m] for m in ("snmp", "ssh")}
            if raw is not None:
                differ = {a: d for a, d in datagrams.items() if len(d) != 2 or d[0] != d[1]}
                assert not differ, f"SNMP datagrams per audit differ (first, second of each host): {differ}"
                raw_sequential = sum(s for _, s in raw_single)
                raw_slowest_task, raw_slowest = max(raw_single, key=lambda item: item[1])
                raw_by_method = {m: [s for t, s in raw_single if t.method == m] for m in ("snmp", "ssh")}
                snmp_datagrams = statistics.median(d[0] for d in datagrams.values())

            # 2. all at once: itam's pool and the raw pool alternate (itam, raw, itam, raw …)
            walls, cpus, peaks = [], [], []
            raw_walls, raw_cpus, raw_in_pool = [], [], []
            for _ in range(args.repeat):
                counter = _Concurrency(known_hosts)
                own, daemons = _own_cpu(), _daemon_cpu(pids)
                t0 = time.perf_counter()
                outcomes = run_audits(tasks, max_workers=args.workers, timeout=args.timeout,
                                      collectors=counter.collectors)
                walls.append(time.perf_counter() - t0)
                time.sleep(SETTLE)
                cpus.append((_own_cpu() - own, _daemon_cpu(pids) - daemons))
                peaks.append(counter.peak)
                failed = [o for o in outcomes if not o.ok]
                assert not failed, [(o.address, o.error) for o in failed]
                if raw is None:
                    continue
                own, daemons = _own_cpu(), _daemon_cpu(pids)
                t0 = time.perf_counter()
                results = raw.run_parallel(tasks, args.workers)
                raw_walls.append(time.perf_counter() - t0)
                time.sleep(SETTLE)
                raw_cpus.append((_own_cpu() - own, _daemon_cpu(pids) - daemons))
                raw_in_pool.append(max(s for s, _ in results))
                for task, (_, result) in zip(tasks, results, strict=True):
                    _check_raw(task, result)
        finally:
            if raw is not None:
                raw.close()
        wall = statistics.median(walls)
        own_cpu, daemon_cpu = cpus[walls.index(wall)] if wall in walls else cpus[0]
        in_pool_slowest = max(o.seconds for o in outcomes)

    cores = os.cpu_count() or 1
    print(f"single-host audit time: SNMP median {statistics.median(by_method['snmp']):.3f} s, "
          f"SSH median {statistics.median(by_method['ssh']):.3f} s; slowest {slowest:.3f} s "
          f"({slowest_task.method} {slowest_task.address})")
    print(f"sequential, {len(tasks)} hosts one after another: {sequential:.2f} s")
    print(f"parallel, {args.workers} workers: wall {wall:.2f} s (median of {args.repeat}: "
          f"{_fmt(walls)}); up to {max(peaks)} audits in flight; slowest host inside "
          f"the pool {in_pool_slowest:.2f} s")
    print(f"CPU during the parallel run: {own_cpu + daemon_cpu:.2f} s ({own_cpu:.2f} s auditing, {daemon_cpu:.2f} s "
          f"lab daemons) = {100 * (own_cpu + daemon_cpu) / (wall * cores):.0f} % of {cores} cores over the wall time")
    ratio = wall / slowest
    print(f"parallel wall / slowest single host = {ratio:.2f} (target <= 2.0); "
          f"speed-up over sequential = {sequential / wall:.1f}x")
    bound = (own_cpu + daemon_cpu) / cores
    print(f"CPU lower bound (auditing + lab daemon CPU) / {cores} cores = {bound:.2f} s; "
          f"parallel wall = {wall / bound:.2f}x that bound")
    if raw is not None:
        import paramiko
        import pysnmp

        raw_wall = statistics.median(raw_walls)
        at = raw_walls.index(raw_wall) if raw_wall in raw_walls else 0
        raw_own, raw_daemons = raw_cpus[at]
        raw_bound = (raw_own + raw_daemons) / cores
        print(f"raw baseline (paramiko {paramiko.__version__} + pysnmp {pysnmp.__version__}, same requests, "
              f"no itam code; {snmp_datagrams:.0f} SNMP requests per agent, as itam; "
              f"{statistics.median(ssh_bytes) / 1024:.0f} KiB read per SSH host):")
        print(f"raw single-host time: SNMP median {statistics.median(raw_by_method['snmp']):.3f} s, "
              f"SSH median {statistics.median(raw_by_method['ssh']):.3f} s; slowest {raw_slowest:.3f} s "
              f"({raw_slowest_task.method} {raw_slowest_task.address}); sequential {raw_sequential:.2f} s")
        print(f"raw parallel, {args.workers} workers: wall {raw_wall:.2f} s (median of {args.repeat}: "
              f"{_fmt(raw_walls)}); slowest host inside the pool {raw_in_pool[at]:.2f} s")
        print(f"raw CPU during the parallel run: {raw_own + raw_daemons:.2f} s ({raw_own:.2f} s auditing, "
              f"{raw_daemons:.2f} s lab daemons); CPU lower bound {raw_bound:.2f} s; "
              f"raw parallel wall = {raw_wall / raw_bound:.2f}x that bound")
        print(f"raw parallel wall / raw slowest single host = {raw_wall / raw_slowest:.2f}")
        print(f"itam / raw: parallel wall {wall / raw_wall:.2f}x, slowest single host {slowest / raw_slowest:.2f}x, "
              f"sequential {sequential / raw_sequential:.2f}x, auditing CPU in the parallel run "
              f"{own_cpu / raw_own:.2f}x, lab daemon CPU {daemon_cpu / raw_daemons:.2f}x")
    return 0 if ratio <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
