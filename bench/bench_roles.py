"""What the role checks cost: every service call reads the acting user's role from the users table first.

    .venv/bin/python bench/bench_roles.py [--assets 5000] [--repeat 300] [--postgresql]

Builds an inventory of N assets (SQLite in a temporary folder; with --postgresql also a throwaway PostgreSQL
server, tests/pg.py), registers 50 users, and times, as a registered technician and as the bootstrap
administrator of an inventory with no users:

  * the role check alone (``ServiceContext.identity()``: one short read transaction, one or two indexed SELECTs);
  * ``assets.get`` (one asset with its history), a first page of ``assets.list`` (100 rows) and ``assets.update``
    (one field, a history entry) through the checked service method, next to the same method without its check
    (``method.__wrapped__``: the undecorated function) — the check's share of a real call;
  * argon2id: hashing a password (``itam user add --password-stdin``) and verifying it (signing in).

Median of --repeat calls each; prints a table (the figures in docs/BENCHMARKS.md come from it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from itam import security  # noqa: E402
from itam.db import open_database  # noqa: E402
from itam.services import Actor, AssetQuery, Services  # noqa: E402
from itam.services.assets import AssetService  # noqa: E402


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    for _ in range(5):
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def paired_ms(checked: Callable[[], object], plain: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Medians of the two, called alternately (a busy machine's noise and a growing history hit both alike)."""
    for _ in range(5):
        checked()
        plain()
    a, b = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        checked()
        a.append(time.perf_counter() - t)
        t = time.perf_counter()
        plain()
        b.append(time.perf_counter() - t)
    return statistics.median(a) * 1000, statistics.median(b) * 1000


def build(url: str, assets: int) -> None:
    db = open_database(url)
    sv = Services(db, Actor("admin", "cli"))
    with sv.ctx.unit_of_work() as uow:
        for i in range(assets):
            sv.assets.create_in(uow, {"asset_tag": f"A-{i:06d}", "category": "laptop", "serial": f"SN{i:08d}",
                                      "manufacturer": "Lenovo", "model": "ThinkPad T14", "department": f"D{i % 20}"})
    db.analyze()
    db.dispose()


def measure(url: str, repeat: int, *, users: bool) -> dict[str, tuple[float, float | None]]:
    db = open_database(url)
    admin = Services(db, Actor("admin", "cli"))
    if users and not admin.users.list():
        admin.users.add("admin", "administrator")
        for i in range(48):
            admin.users.add(f"user{i:02d}", security.ROLES[i % 4])
        admin.users.add("tech", "technician")
    sv = Services(db, Actor("tech" if users else "admin", "cli"))
    assets = sv.assets
    q = AssetQuery(limit=100)
    version = [assets.get("A-000042", with_history=False).version]

    def update(checked: bool) -> Callable[[], object]:
        def run() -> None:
            fn = assets.update if checked else (lambda *a, **k: AssetService.update.__wrapped__(assets, *a, **k))
            d = fn("A-000042", {"notes": f"n{version[0]}"}, expected_version=version[0])
            version[0] = d.version
        return run

    rows = {
        "role check alone": (median_ms(sv.ctx.identity, repeat), None),
        "assets.get (with history)": paired_ms(lambda: assets.get("A-000042"),
                                               lambda: AssetService.get.__wrapped__(assets, "A-000042"), repeat),
        "assets.list (first page, 100 rows)": paired_ms(lambda: assets.list(q),
                                                        lambda: AssetService.list.__wrapped__(assets, q), repeat),
        "assets.update (one field)": paired_ms(update(True), update(False), repeat),
    }
    db.dispose()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assets", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--postgresql", action="store_true", help="also on a throwaway PostgreSQL server")
    args = parser.parse_args()
    backends = []
    with tempfile.TemporaryDirectory(prefix="itam-bench-roles-") as tmp:
        backends.append(("SQLite", lambda name: f"sqlite:///{Path(tmp) / name}.sqlite3", None))
        server = None
        if args.postgresql:
            from tests.pg import TempPostgres

            server = TempPostgres().start()
            backends.append(("PostgreSQL", lambda name: server.url(server.create_database(name)), server))
        try:
            print(f"{args.assets} assets, median of {args.repeat} calls (ms)")
            print(f"{'backend':<11} {'users':<22} {'call':<36} {'checked':>8} {'unchecked':>9} {'check':>7}")
            for label, make_url, _ in backends:
                for users in (False, True):
                    url = make_url(f"roles_{'users' if users else 'empty'}")
                    build(url, args.assets)
                    who = "50, a technician acts" if users else "none (bootstrap admin)"
                    for call, (checked, plain) in measure(url, args.repeat, users=users).items():
                        extra = f"{plain:>9.3f} {checked - plain:>+7.3f}" if plain is not None else f"{'':>9} {'':>7}"
                        print(f"{label:<11} {who:<22} {call:<36} {checked:>8.3f} {extra}")
        finally:
            if server is not None:
                server.stop()
    hashed = security.hash_password("correct horse battery")
    print(f"argon2id hash (itam user add --password-stdin): {median_ms(lambda: security.hash_password('correct horse battery'), 20):.1f} ms")
    print(f"argon2id verify (signing in): {median_ms(lambda: security.verify_password(hashed, 'correct horse battery'), 20):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
