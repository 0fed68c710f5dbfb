"""Start the itam desktop app: ``python main.py [--db URL] [--lang en|zh_CN]``.

Only wiring: arguments -> QApplication -> settings -> translators -> database (schema upgrade)
-> services -> main window.
"""

from __future__ import annotations

import argparse
import os
import logging
import sys

#: Exit status when the database cannot be opened (too new, locked, bad URL …).
EXIT_DATABASE = 2


def parse_args(argv: list[str] | None = None) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and the rest (left for Qt: -platform, -style …)."""
    parser = argparse.ArgumentParser(
        prog="itam-gui",
        description="itam desktop app: IT-asset inventory and circularity manager.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL or SQLite file (default: $ITAM_DATABASE_URL, else itam.sqlite3 in the user's data folder)",
    )
    parser.add_argument(
        "--lang",
        choices=("en", "zh_CN"),
        help="interface language (default: the one chosen in the app, else the system's)",
    )
    return parser.parse_known_args(argv)


def no_display() -> bool:
    """On Linux and the BSDs, Qt aborts the process without a display: say so before it does."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    args, qt_args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its per-step chatter at every start-up

    if no_display():
        print(
            "itam: no desktop session to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
            "      Start it from a desktop session, use the command line (.venv/bin/itam --help), or set\n"
            "      QT_QPA_PLATFORM=offscreen to run the window without a screen.",
            file=sys.stderr,
        )
        return 2

    # Qt and the core are imported only once the arguments are fine, so --help stays quick.
    from itam.db import open_database, resolve_url
    from itam.errors import ItamError
    from itam.services import Actor, Services
    from itam.services.context import default_actor_name
    from ui.app import create_application, create_main_window, install_translations, show_startup_error
    from ui.settings import Settings
    from ui.workers import wait_for_tasks

    app = create_application([sys.argv[0], *qt_args])
    settings = Settings()
    install_translations(settings, args.lang)
    from ui.pages.settings_page import apply_theme

    apply_theme(settings.theme)
    try:
        # --db, then ITAM_DATABASE_URL, then the database chosen in Settings, then the embedded default.
        db = open_database(resolve_url(args.db or os.environ.get("ITAM_DATABASE_URL") or settings.database_url or None))
    except ItamError as exc:
        logging.getLogger("itam").error("%s", exc)
        show_startup_error(exc)
        return EXIT_DATABASE
    try:
        services = Services(db, Actor(name=default_actor_name(), source="gui"))
        from ui.dialogs.sign_in import refusal, show_refusal, sign_in

        if not sign_in(services):  # a user with an itam password who did not give it
            return EXIT_DATABASE
        why = refusal(services)  # not registered, or disabled: say so once, not on every page
        if why is not None:
            logging.getLogger("itam").error("%s", why)
            show_refusal(why)
            return EXIT_DATABASE
        window = create_main_window(services, settings)
        window.show()
        return app.exec()
    finally:
        wait_for_tasks()
        db.dispose()


if __name__ == "__main__":
    sys.exit(main())
