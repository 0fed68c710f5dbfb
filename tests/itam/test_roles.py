"""Users and roles: every service refuses what the acting user's role does not allow, and a refusal writes nothing.

The table below is written out by hand from the roles as docs/ROLES.md describes them (viewer: read, metrics,
reports, exports; technician: discovery, inventory, lifecycle, wipe logs; ITAD operator: batches, custody,
certificates; administrator: everything) — not computed from itam/security.py, so a wrong permission table fails.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from itam.errors import PermissionDeniedError, ValidationError
from itam.metrics.results import Period
from itam.services import Actor, AssetQuery, Services
from itam.services.organisation import set_location_country
from itam.services.sanitization import WipeEntry

DATA = Path(__file__).resolve().parents[1] / "data"
ROLES = ("viewer", "technician", "itad_operator", "administrator")
USER = {"viewer": "vera", "technician": "tom", "itad_operator": "olga", "administrator": "ada"}
ALL = set(ROLES)
TECH = {"technician", "administrator"}
ITAD = {"itad_operator", "administrator"}
ADMIN = {"administrator"}


def _entry() -> WipeEntry:
    return WipeEntry(category="purge", technique="nvme_sanitize", tool_label="Sanitize Crypto Erase", result="pass",
                     ended_at=datetime(2026, 11, 20, 6, 5), verification="full", verification_result="pass",
                     operator="Wang Lei", verifier="Li Na", destination="external_reuse")


def _build_world(services: Services) -> None:
    """An inventory set up by its bootstrap administrator ("tester"), then one registered user per role."""
    services.organisation.update(name="GreenCycle ITAD", address="88 Harbour Road, Shenzhen")
    services.parties.add("Acme Bank", "client")
    services.parties.add("GreenCycle", "itad_vendor")
    for role in ROLES:
        tag = f"IT-{role}"
        services.assets.create({"asset_tag": tag, "serial": f"SN-{role}", "category": "laptop", "location": "HQ"},
                               media=[{"media_type": "nvme", "serial": f"NV-{role}"}])
        services.lifecycle.move(tag, "retired", reason="refresh")
        services.sanitization.record(tag, services.assets.get(tag).media[0].id, _entry())
        services.assets.create({"asset_tag": f"ED-{role}", "category": "desktop"})
        batch = services.custody.create(f"JOB-{role}", client="Acme Bank", vendor="GreenCycle")
        services.custody.add(batch.number, [f"SN-{role}"])
    services.users.add("tester", "administrator")
    for role, login in USER.items():
        services.users.add(login, role)


@pytest.fixture(scope="module")
def _worlds() -> dict:
    """backend -> the world built once per module (a SQLite file, a PostgreSQL template database)."""
    return {}


@pytest.fixture
def world(backend, _worlds, tmp_path, tmp_path_factory, request):
    """A copy of the world for this test (building it costs a second; copying it milliseconds)."""
    from itam.db import open_database

    if backend == "postgresql":
        pg = request.getfixturevalue("pg_server")
        if backend not in _worlds:
            name = pg.migrated_database()
            built = open_database(pg.url(name))
            _build_world(Services(built, Actor("tester", "cli")))
            built.dispose()
            _worlds[backend] = name
        copy = pg.create_database(template=_worlds[backend])
        request.addfinalizer(lambda: pg.drop_database_later(copy))
        url = pg.url(copy)
    else:
        if backend not in _worlds:
            path = tmp_path_factory.mktemp("world") / "world.sqlite3"
            built = open_database(f"sqlite:///{path}")
            _build_world(Services(built, Actor("tester", "cli")))
            built.dispose()  # the last connection folds the WAL into the file
            _worlds[backend] = path
        target = tmp_path / "world.sqlite3"
        shutil.copyfile(_worlds[backend], target)
        url = f"sqlite:///{target}"
    db = open_database(url)
    yield Services(db, Actor("tester", "cli"))
    db.dispose()


def _as(services: Services, role: str) -> Services:
    return Services(services.db, Actor(USER[role], "gui"))


def _snapshot(services: Services, data_dir: Path) -> tuple:
    """Every row of every table, and every file in the data folder (policy, signing key …)."""
    rows = {}
    with services.db.engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            rows[table] = sorted(repr(tuple(r)) for r in conn.execute(text(f'SELECT * FROM "{table}"')))
    files = {str(p.relative_to(data_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(data_dir.rglob("*")) if p.is_file()} if data_dir.exists() else {}
    return rows, files


def _demo(sv: Services, role: str, tmp: Path) -> None:
    from itam.services.demo import generate_demo

    try:
        generate_demo(sv, count=3)
    except ValidationError as exc:  # allowed, but this inventory already holds assets
        assert "already holds" in str(exc)


def _import(sv: Services, role: str, tmp: Path) -> None:
    path = tmp / f"{role}.csv"
    path.write_text(f"asset_tag,category,serial\nIMP-{role},laptop,IMPSN-{role}\n", encoding="utf-8")
    result = sv.transfer.apply_import(path)
    assert result.created == 1


def _preview(sv: Services, role: str, tmp: Path) -> None:
    from unittest import mock

    # The preview's PDF is not what this test is about (tests/reports checks it): skip the seconds of layout.
    with mock.patch("reports.certificates.render_certificate", lambda record, org, **_: b"%PDF-1.7 preview"):
        sv.certificates.issue_sanitization("IT-viewer", dry_run=True)


#: action -> (the roles that may do it, how a user does it)
ACTIONS = {
    "list assets": (ALL, lambda sv, role, tmp: sv.assets.list(AssetQuery())),
    "show an asset with its history": (ALL, lambda sv, role, tmp: sv.assets.get("IT-viewer")),
    "verify the history chains": (ALL, lambda sv, role, tmp: sv.audit.verify()),
    "retirement worklists": (ALL, lambda sv, role, tmp: sv.retirement.counts()),
    "compute metrics": (ALL, lambda sv, role, tmp: sv.metrics.compute(Period(date(2026, 1, 1), date(2026, 12, 31)))),
    "export the inventory": (ALL, lambda sv, role, tmp: sv.transfer.export(tmp / f"{role}.xlsx")),
    "preview a certificate": (ALL, _preview),
    "list users": (ALL, lambda sv, role, tmp: sv.users.list()),
    "add an asset": (TECH, lambda sv, role, tmp: sv.assets.create({"asset_tag": f"NEW-{role}", "category": "laptop"})),
    "edit an asset": (TECH, lambda sv, role, tmp: sv.assets.update(f"ED-{role}", {"notes": f"by {role}"})),
    "assign assets in bulk": (TECH, lambda sv, role, tmp: sv.assets.update_many([f"ED-{role}"], {"assignee": "Li"})),
    "move an asset": (TECH, lambda sv, role, tmp: sv.lifecycle.move(f"ED-{role}", "deployed")),
    "move assets in bulk": (TECH, lambda sv, role, tmp: sv.lifecycle.move_many([f"ED-{role}"], "retired", reason="refresh")),
    "import a spreadsheet": (TECH, _import),
    "import an nmap scan": (TECH, lambda sv, role, tmp: sv.discovery.import_xml(DATA / "nmap" / "loopback-quick.xml")),
    "record a sanitization": (TECH, lambda sv, role, tmp: sv.sanitization.record(
        f"IT-{role}", sv.assets.get(f"IT-{role}").media[0].id, _entry())),
    "import a wipe CSV": (TECH, lambda sv, role, tmp: sv.sanitization.import_csv(
        (DATA / "wipe_csv" / "good.csv").read_bytes(), tz="UTC", new_asset_category="desktop")),
    "add a party": (TECH | ITAD, lambda sv, role, tmp: sv.parties.add(f"Buyer {role}", "buyer")),
    "create a batch": (ITAD, lambda sv, role, tmp: sv.custody.create(f"NEW-{role}")),
    "freeze a manifest": (ITAD, lambda sv, role, tmp: sv.custody.freeze_manifest(f"JOB-{role}")),
    "record a custody event": (ITAD, lambda sv, role, tmp: sv.custody.record_event(f"JOB-{role}", "note", note="x")),
    "issue a certificate": (ITAD, lambda sv, role, tmp: sv.certificates.issue_sanitization(f"IT-{role}")),
    "change the organisation profile": (ADMIN, lambda sv, role, tmp: sv.organisation.update(phone=f"+86 {role}")),
    "set a site's country": (ADMIN, lambda sv, role, tmp: set_location_country(sv.ctx, "HQ", "CN")),
    "change the policy": (ADMIN, lambda sv, role, tmp: sv.policy.save({"refresh_years.laptop": 5})),
    "make a new signing key": (ADMIN, lambda sv, role, tmp: sv.certificates.new_signer()),
    "add a user": (ADMIN, lambda sv, role, tmp: sv.users.add(f"new-{role}", "viewer")),
    "change a role": (ADMIN, lambda sv, role, tmp: sv.users.set_role("vera", "viewer")),
    "generate the demo fleet": (ADMIN, _demo),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_role_may_do_exactly_what_its_role_allows_and_a_refusal_writes_nothing(world, action, tmp_path):
    allowed, do = ACTIONS[action]
    data_dir = tmp_path / "data"
    for role in ROLES:
        sv = _as(world, role)
        before = _snapshot(world, data_dir)
        if role in allowed:
            do(sv, role, tmp_path)
            continue
        with pytest.raises(PermissionDeniedError) as refused:
            do(sv, role, tmp_path)
        message = str(refused.value)
        assert USER[role] in message and f"({role.replace('_', ' ').replace('itad', 'ITAD')})" in message, message
        assert "needs the role" in message, message
        assert _snapshot(world, data_dir) == before, f"{role} was refused '{action}' but something was written"


def test_the_default_actor_of_an_empty_users_table_is_administrator(services):
    ident = services.users.whoami()
    assert (ident.name, ident.role, ident.bootstrap) == ("tester", "administrator", True)
    services.assets.create({"asset_tag": "A-1", "category": "laptop"})  # every existing test relies on this
    assert services.users.list() == []


def test_adding_someone_else_first_registers_the_adding_user_as_administrator(services):
    change = services.users.add("tom", "technician")
    assert "tester was registered first, as administrator" in str(change.notes[0])
    assert [(u.login, u.role) for u in services.users.list()] == [("tester", "administrator"), ("tom", "technician")]
    assert services.users.whoami().role == "administrator" and not services.users.whoami().bootstrap


def test_the_first_user_cannot_make_themselves_less_than_administrator(services):
    with pytest.raises(ValidationError, match="must be an administrator"):
        services.users.add("tester", "viewer")
    assert services.users.list() == []


def test_once_users_exist_an_unregistered_user_is_refused_even_reading(services):
    services.users.add("tester", "administrator")
    stranger = Services(services.db, Actor("mallory", "cli"))
    with pytest.raises(PermissionDeniedError, match="user mallory is not registered in this inventory; an "
                                                    "administrator can add them with: itam user add mallory"):
        stranger.assets.list(AssetQuery())
    assert stranger.users.whoami().describe() == "mallory (not registered)"


def test_a_disabled_user_can_do_nothing_and_enabled_again_acts_with_their_role(services):
    services.users.add("tom", "technician")
    tom = Services(services.db, Actor("tom", "cli"))
    tom.assets.create({"asset_tag": "A-1", "category": "laptop"})
    services.users.disable("tom")
    with pytest.raises(PermissionDeniedError, match="user tom is disabled"):
        tom.assets.get("A-1")
    services.users.enable("tom")
    assert tom.assets.get("A-1").fields["asset_tag"] == "A-1"


def test_the_last_administrator_can_be_neither_demoted_nor_disabled(services):
    services.users.add("tester", "administrator")
    services.users.add("ada", "administrator")
    services.users.disable("ada")
    for attempt in (lambda: services.users.set_role("tester", "technician"), lambda: services.users.disable("tester")):
        with pytest.raises(ValidationError, match="tester is the last active administrator"):
            attempt()
    services.users.enable("ada")
    services.users.set_role("tester", "technician")  # now allowed: ada is an administrator
    with pytest.raises(PermissionDeniedError, match=r"tester \(technician\) may not manage users"):
        services.users.add("eve", "viewer")


def test_a_role_change_applies_to_the_next_action_of_a_running_session(services):
    services.users.add("tom", "technician")
    tom = Services(services.db, Actor("tom", "gui"))
    tom.assets.create({"asset_tag": "A-1", "category": "laptop"})
    services.users.set_role("tom", "viewer")
    with pytest.raises(PermissionDeniedError, match=r"tom \(viewer\) may not add or edit assets"):
        tom.assets.update("A-1", {"notes": "x"})
    assert tom.assets.get("A-1").fields["notes"] is None


def test_a_viewer_cannot_write_even_through_a_method_that_forgot_its_check(services):
    """The unit of work itself refuses a read-only role (the safety net under the per-method checks)."""
    services.users.add("tester", "administrator")
    services.users.add("vera", "viewer")
    vera = Services(services.db, Actor("vera", "cli"))
    with pytest.raises(PermissionDeniedError, match=r"vera \(viewer\) may only read this inventory"):
        with vera.ctx.unit_of_work() as uow:
            vera.assets.create_in(uow, {"asset_tag": "A-1", "category": "laptop"})
    assert services.assets.count(AssetQuery()) == 0


def test_every_public_service_method_checks_a_permission():
    """A new service method without a check fails here (reads say READ; writes their own permission)."""
    import inspect as pyinspect

    from itam.services import (
        AssetService, AuditService, CertificateService, CustodyService, DiscoveryService, LifecycleService,
        MetricsService, OrganisationService, PartyService, PolicyService, RetirementService, SanitizationService,
        TransferService, UserService,
    )

    unchecked = []
    for service in (AssetService, LifecycleService, AuditService, PartyService, SanitizationService, TransferService,
                    DiscoveryService, CustodyService, OrganisationService, CertificateService, MetricsService,
                    RetirementService, UserService, PolicyService):
        for attr, fn in pyinspect.getmembers(service, pyinspect.isfunction):
            if attr.startswith("_") or attr in ("resolve", "whoami", "sign_in", "set_password", "issue_sanitization",
                                                "issue_destruction", "policy", "create_in", "update_in"):
                continue  # helpers taking a session, identity itself, and methods that check inside
            if not hasattr(fn, "permission"):
                unchecked.append(f"{service.__name__}.{attr}")
    assert not unchecked, "service methods without a permission check: " + ", ".join(unchecked)
