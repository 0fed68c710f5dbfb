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
        window.close()
        settle(app, 0.3)
    db.dispose()
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
