"""A fork server for the crash-safety tests: the product's modules imported once, one forked process per run.

Run as ``python -m tests.itam.crash_worker``. It prints ``ready``, then reads one JSON command a line
(``{"op": …, "db": URL, "data_dir": …, "crash_at": NAME or null, "args": {…}}``) and for each forks a
child that opens the database (a fresh process as far as SQLite is concerned: no connection is inherited),
says ``started`` just before it calls the service, runs the one operation and exits. The server answers
``{"pid": N}`` right after the fork and ``{"exit": code, "signal": sig}`` once the child is gone; the test
kills the child with SIGKILL in between. The child writes ``started``/``done`` lines itself (unbuffered),
so the test can time its kill from the start of the operation rather than from the fork.

Importing the product (SQLAlchemy, reportlab, pyHanko …) takes a second or two; forking takes milliseconds,
which is what lets the tests kill a few dozen real processes within their time budget.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path


def _say(fd: int, **message) -> None:
    os.write(fd, (json.dumps(message) + "\n").encode("utf-8"))


def run_op(op: str, args: dict, db_url: str, out: int) -> dict:
    from itam.db import open_database
    from itam.services import Actor, Services

    db = open_database(db_url, backup=False)
    sv = Services(db, Actor(args.get("actor", "crash-test"), "cli"))
    try:
        _say(out, started=os.getpid())
        if op == "import":
            r = sv.transfer.apply_import(args["path"])
            return {"created": r.created, "updated": r.updated}
        if op == "move_many":
            r = sv.lifecycle.move_many(args["refs"], args["target"], reason="crash test")
            return {"moved": r.moved}
        if op == "receive":
            r = sv.custody.receive(args["batch"], serials=args["serials"], seals_broken=args.get("seals_broken", ()))
            return {"discrepancies": r.discrepancies}
        if op == "issue_many":
            issued, skipped = sv.certificates.issue_sanitization_many(args["refs"], Path(args["directory"]))
            return {"issued": [i.number for i in issued], "skipped": [s for s, _ in skipped]}
        if op == "issue":
            issued, _ = sv.certificates.issue_sanitization(args["ref"], output=Path(args["output"]))
            return {"issued": [issued.number]}
        raise ValueError(f"unknown op {op!r}")
    finally:
        db.dispose()


def _child(command: dict) -> None:
    out = sys.stdout.fileno()
    os.environ["ITAM_DATA_DIR"] = command["data_dir"]
    if command.get("crash_at"):
        os.environ["ITAM_TEST_CRASH_AT"] = command["crash_at"]
    else:
        os.environ.pop("ITAM_TEST_CRASH_AT", None)
    code = 0
    try:
        result = run_op(command["op"], command.get("args", {}), command["db"], out)
        _say(out, done=os.getpid(), result=result)
    except BaseException as exc:  # noqa: BLE001 - reported to the test, which decides
        from itam.errors import ItamError

        code = 3 if isinstance(exc, ItamError) else 1
        _say(out, done=os.getpid(), error=f"{type(exc).__name__}: {exc}",
             trace="" if isinstance(exc, ItamError) else traceback.format_exc())
    os._exit(code)


def serve() -> None:
    # What every child needs, imported once here (forked children share it copy-on-write).
    import importlib

    for module in ("itam.services", "reports.certificates", "reports.signing"):
        importlib.import_module(module)
    from itam.db.migrate import head_revision

    head_revision()  # parses the migration scripts once
    print("ready", flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        command = json.loads(line)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            _child(command)
        print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"exit": os.waitstatus_to_exitcode(status)}), flush=True)


if __name__ == "__main__":
    serve()
