"""Benchmark: credentialed audits of 50 lab hosts by SNMP and SSH, in parallel and one after another.

Builds the namespace lab of tests/lab (25 snmpd hosts — Cisco switch and HP printer profiles alternating —
and 25 OpenSSH hosts with fake dmidecode/lsblk), then:

1. audits every host alone, one after another (the sequential run; its slowest host is "the slowest single
   host's audit time");
2. audits all 50 through ``itam.audit.pool.run_audits`` (one pool, ``--workers`` threads), a few times.

Target (issue 8): the parallel run's wall time is at most 2x the slowest single host's audit time.

All 50 "remote" hosts run on this machine: their sshd and snmpd use the same CPUs as the auditing process,
so the parallel run can never be faster than (CPU the 50 audits need on both ends) / (cores). The report
prints that CPU, so a CPU-bound result can be told from a pool that does not overlap. ``--remote-delay S``
makes each SSH host's fake dmidecode and lsblk wait S seconds before answering — a remote host's own time,
which costs this machine no CPU — to measure the pool where the hosts, not this machine, set the pace.

Needs root, iproute2, snmpd and openssh-server (``scripts/system-deps.sh test``). Run:

    sudo .venv/bin/python bench/bench_audit_hosts.py [--hosts 50] [--workers 50] [--repeat 3] [--remote-delay 0]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from itam.audit.facts import SnmpV2cCredential, SshCredential
from itam.audit.pool import AuditTask, default_collectors, plan_audits, run_audits
from tests.lab import audit_lab, netlab

TICKS = os.sysconf("SC_CLK_TCK")


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--workers", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--repeat", type=int, default=3, help="parallel runs (the median is reported)")
    parser.add_argument("--remote-delay", type=float, default=0.0,
                        help="seconds each SSH host's dmidecode and lsblk take to answer (default 0)")
    args = parser.parse_args()

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
              f"delay {args.remote_delay:.2f} s; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")

        # Warm-up (not counted): the shared SNMP engine, imports, the first host keys.
        warm = [next(t for t in tasks if t.method == m) for m in ("snmp", "ssh")]
        run_audits(warm, max_workers=2, timeout=args.timeout, known_hosts=known_hosts)

        # 1. one after another
        single: list[tuple[AuditTask, float]] = []
        t0 = time.perf_counter()
        for task in tasks:
            t = time.perf_counter()
            [outcome] = run_audits([task], max_workers=1, timeout=args.timeout, known_hosts=known_hosts)
            assert outcome.ok, (task.address, outcome.error)
            single.append((task, time.perf_counter() - t))
        sequential = time.perf_counter() - t0
        slowest_task, slowest = max(single, key=lambda item: item[1])
        by_method = {m: [s for t, s in single if t.method == m] for m in ("snmp", "ssh")}

        # 2. all at once through the pool
        walls, cpus, peaks = [], [], []
        for _ in range(args.repeat):
            counter = _Concurrency(known_hosts)
            own, daemons = _own_cpu(), _daemon_cpu(pids)
            t0 = time.perf_counter()
            outcomes = run_audits(tasks, max_workers=args.workers, timeout=args.timeout, collectors=counter.collectors)
            walls.append(time.perf_counter() - t0)
            cpus.append((_own_cpu() - own, _daemon_cpu(pids) - daemons))
            peaks.append(counter.peak)
            failed = [o for o in outcomes if not o.ok]
            assert not failed, [(o.address, o.error) for o in failed]
        wall = statistics.median(walls)
        own_cpu, daemon_cpu = cpus[walls.index(wall)] if wall in walls else cpus[0]
        in_pool_slowest = max(o.seconds for o in outcomes)

    cores = os.cpu_count() or 1
    print(f"single-host audit time: SNMP median {statistics.median(by_method['snmp']):.3f} s, "
          f"SSH median {statistics.median(by_method['ssh']):.3f} s; slowest {slowest:.3f} s "
          f"({slowest_task.method} {slowest_task.address})")
    print(f"sequential, {len(tasks)} hosts one after another: {sequential:.2f} s")
    print(f"parallel, {args.workers} workers: wall {wall:.2f} s (median of {args.repeat}: "
          f"{', '.join(f'{w:.2f}' for w in walls)}); up to {max(peaks)} audits in flight; slowest host inside "
          f"the pool {in_pool_slowest:.2f} s")
    print(f"CPU during the parallel run: {own_cpu + daemon_cpu:.2f} s ({own_cpu:.2f} s auditing, {daemon_cpu:.2f} s "
          f"lab daemons) = {100 * (own_cpu + daemon_cpu) / (wall * cores):.0f} % of {cores} cores over the wall time")
    ratio = wall / slowest
    print(f"parallel wall / slowest single host = {ratio:.2f} (target <= 2.0); "
          f"speed-up over sequential = {sequential / wall:.1f}x")
    return 0 if ratio <= 2.0 else 1


if __name__ == "__main__":
    sys.exit(main())
