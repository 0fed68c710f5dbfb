"""Render every page of the desktop app, in English and Chinese, to docs/screenshots/ (``make screenshots``).

Runs offscreen on a fresh demo fleet in a temporary data directory (nothing of the user's is touched):
300 assets with their lives, an organisation profile, a signed sanitization certificate. Each page is shown
in a 1280×800 window once its background work has finished, then grabbed to
``docs/screenshots/<language>-<NN>-<page>.png``.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--count 300]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def settle(app, seconds: float = 0.6) -> None:  # noqa: ANN001 - QApplication
    """Let queued work and repaints finish: background tasks first, then a short quiet spell."""
    from ui.workers import wait_for_tasks

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        wait_for_tasks(2_000)
        time.sleep(0.02)
    app.processEvents()


PACKAGES = (("bash", "5.2.15-2+b7"), ("coreutils", "9.1-1"), ("firefox-esr", "128.5.0esr-1~deb12u1"),
            ("libreoffice-core", "4:7.4.7-1+deb12u5"), ("openssh-client", "1:9.2p1-2+deb12u3"),
            ("openssl", "3.0.15-1~deb12u1"), ("python3", "3.11.2-1+b1"), ("sudo", "1.9.13p3-1+deb12u1"),
            ("systemd", "252.31-1~deb12u1"), ("thunderbird", "1:128.5.0esr-1~deb12u1"), ("vim", "2:9.0.1378-2"),
            ("zoom", "6.2.11.5069"))


def _audit_two_assets(services) -> int:  # noqa: ANN001 - Services
    """Two audits for the pictures, as an audit run stores them: one laptop told everything, one refused the
    login. The audited facts repeat what the demo record says, so nothing becomes a conflict."""
    from datetime import UTC, datetime, timedelta
    from types import SimpleNamespace

    from itam.audit.facts import AuditFacts, DiskFact, InterfaceFact, SoftwareFact
    from itam.audit.merge import record_outcome
    from itam.messages import tr
    from itam.models import AssetAddress
    from itam.services import AssetQuery

    rows = [r for r in services.assets.list(AssetQuery(limit=50)).rows if r.category in ("laptop", "desktop")][:2]
    when = datetime.now(UTC) - timedelta(hours=2)
    for n, row in enumerate(rows):
        detail = services.assets.get(row.id)
        address = f"10.20.8.{31 + n}"
        with services.ctx.unit_of_work(source="cli") as uow:
            uow.session.add(AssetAddress(asset_id=row.id, kind="ip", value=address))
        facts = None
        if n == 0:
            disks = tuple(DiskFact(m.model or "SSD", m.serial, m.capacity_gb, m.media_type, m.interface)
                          for m in detail.media if m.serial)
            facts = AuditFacts(
                address=address, method="ssh", collected_at=when, manufacturer=row.manufacturer, model=row.model,
                serial=row.serial, uuid="4c4c4544-0042-3510-8052-b4c04f4a4d33", hostname=row.hostname,
                os_name="Debian GNU/Linux", os_version="12 (bookworm)", kernel="6.1.0-28-amd64",
                cpu_model="Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz", cpu_cores=8, ram_mb=16_384, disks=disks,
                interfaces=(InterfaceFact("enp0s31f6", "8c:16:45:3a:7e:21"),),
                software=tuple(SoftwareFact(name, version) for name, version in PACKAGES))
        error = None if facts else tr("SSH error from {address}: {reason}", address=address,
                                      reason="Authentication failed.")
        with services.ctx.unit_of_work(source="audit") as uow:
            record_outcome(uow, SimpleNamespace(address=address, method="ssh", credential_name="linux-ssh",
                                                facts=facts, error=error, seconds=1.4 if facts else 0.3))
    return rows[0].id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--count", type=int, default=300, help="demo fleet size")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="itam-screens-"))
    os.environ["ITAM_DATA_DIR"] = str(work / "data")

    from itam.db import open_database
    from itam.services import Actor, Services
    from itam.services.demo import generate_demo
    from ui import i18n
    from ui.app import create_application, create_main_window
    from ui.settings import Settings

    app = create_application([sys.argv[0]])
    db = open_database(f"sqlite:///{work / 'itam.sqlite3'}", backup=False)
    services = Services(db, Actor("Wang Fang", "gui"))
    generate_demo(services, count=args.count)
    services.organisation.update(name="Northwind Trading Co. 北风贸易", address="88 Harbour Road, Shanghai",
                                 email="it@northwind.example", country="CN", currency="CNY")
    sanitized = services.assets.list(__import__("itam.services", fromlist=["AssetQuery"]).AssetQuery(
        status="sanitized", limit=1)).rows
    if sanitized:
        services.certificates.issue_sanitization(sanitized[0].asset_tag)
    # Two credential sets for the Settings → Credentials picture (made-up secrets, a throwaway vault).
    services.credentials.add("office-snmp", "snmp_v3", "10.20.0.0/16",
                             {"user": "itam-audit", "auth_protocol": "SHA256", "auth_key": "screenshot-auth-key",
                              "priv_protocol": "AES", "priv_key": "screenshot-priv-key"}, passphrase="screenshot vault")
    services.credentials.add("linux-ssh", "ssh", "10.20.8.0/22, 10.20.9.17",
                             {"user": "audit", "password": "screenshot-password"}, passphrase="screenshot vault")

    audited = _audit_two_assets(services)

    settings = Settings(str(work / "settings.ini"))
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    for language in ("en", "zh_CN"):
        i18n.set_language(language)
        window = create_main_window(services, settings, welcome=False)
        window.resize(1280, 800)
        window.show()
        settle(app, 1.5)
        for number, page in enumerate(window.pages, start=1):
            window.page_actions[number - 1].trigger()
            settle(app, 1.0)
            table = getattr(page, "table", None)
            if page.key == "lifecycle" and table is not None and table.model() is not None and table.model().rowCount():
                table.selectRow(0)  # the recommendation in full, with the levers passed over
                settle(app, 0.5)
            path = args.out / f"{language}-{number:02d}-{page.key}.png"
            window.grab().save(str(path))
            written.append(path)
        # Settings tabs added since: the policy editor and the credential sets.
        for number, tab in ((10, "policies"), (11, "credentials")):
            window.settings_page.show_tab(tab)
            settle(app, 1.0)
            path = args.out / f"{language}-{number:02d}-settings-{tab}.png"
            window.grab().save(str(path))
            written.append(path)
        # An asset's audits and installed software.
        from ui.dialogs.asset_dialog import AssetDialog

        dialog = AssetDialog(services.assets.get(audited), window, services=services)
        dialog.resize(1000, 720)
        dialog.show()
        settle(app, 1.0)
        dialog.tabs.setCurrentIndex(dialog.tab_index("audits"))
        settle(app, 0.5)
        path = args.out / f"{language}-12-asset-audits.png"
        dialog.grab().save(str(path))
        written.append(path)
        dialog.close()
        window.close()
        settle(app, 0.3)
    db.dispose()
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
