"""The credential store: secrets sealed at rest, unlocked by the keyring or the passphrase, never shown."""

from __future__ import annotations

import sqlite3

import pytest

from itam.audit import vault
from itam.errors import DuplicateError, ValidationError

PASS = "correct horse battery"


class MemoryKeyring:
    """A keyring backend in memory (the test machine has no Secret Service)."""

    priority = 1

    def __init__(self):
        self.values = {}

    def get_password(self, service, user):
        return self.values.get((service, user))

    def set_password(self, service, user, value):
        self.values[(service, user)] = value


@pytest.fixture
def no_keyring(monkeypatch):
    monkeypatch.setattr(vault, "_keyring", lambda: None)


@pytest.fixture
def memory_keyring(monkeypatch):
    ring = MemoryKeyring()
    monkeypatch.setattr(vault, "_keyring", lambda: ring)
    return ring


@pytest.mark.sqlite_only  # reads the file with sqlite3's dump
def test_secrets_are_never_stored_in_plain_text(services, db, no_keyring):
    services.credentials.add("lab-snmp", "snmp_v2c", "198.18.0.0/24", {"community": "s3cret-community"}, passphrase=PASS)
    services.credentials.add("lab-ssh", "ssh", ["198.18.0.7", "198.18.0.8/31"],
                             {"user": "audit", "password": "hunter2-but-longer"}, passphrase=PASS)
    raw = sqlite3.connect(db.engine.url.database)
    dump = "\n".join(raw.iterdump())
    raw.close()
    assert "s3cret-community" not in dump and "hunter2-but-longer" not in dump and PASS not in dump
    listed = services.credentials.list()
    assert [(c.name, c.kind, c.username, c.scope) for c in listed] == [
        ("lab-snmp", "snmp_v2c", None, ("198.18.0.0/24",)),
        ("lab-ssh", "ssh", "audit", ("198.18.0.7/32", "198.18.0.8/31")),
    ]
    assert "hunter2" not in repr(listed)


def test_the_passphrase_unlocks_and_a_wrong_one_is_refused(services, no_keyring):
    services.credentials.add("lab-snmp", "snmp_v2c", "198.18.0.0/24", {"community": "public-ish"}, passphrase=PASS)
    with pytest.raises(vault.VaultLockedError, match="locked"):
        services.credentials.usable()
    with pytest.raises(vault.VaultLockedError, match="wrong passphrase"):
        services.credentials.usable(passphrase="not the passphrase")
    usable = services.credentials.usable(passphrase=PASS)
    assert [u.name for u in usable] == ["lab-snmp"] and usable[0].credential.community == "public-ish"
    assert usable[0].covers("198.18.0.9") and not usable[0].covers("198.19.0.9") and not usable[0].covers("::1")
    assert "public-ish" not in repr(usable)


def test_the_keyring_remembers_the_key_on_this_computer(services, memory_keyring):
    services.credentials.add("lab-ssh", "ssh", "198.18.0.0/24", {"user": "u", "password": "pw-1234567"}, passphrase=PASS)
    assert services.credentials.vault_info().in_keyring
    assert services.credentials.usable()[0].credential.password == "pw-1234567"  # no passphrase needed
    memory_keyring.values.clear()  # another computer: the passphrase is needed again, then remembered
    with pytest.raises(vault.VaultLockedError):
        services.credentials.usable()
    assert services.credentials.usable(passphrase=PASS)[0].name == "lab-ssh"
    assert services.credentials.vault_info().in_keyring


@pytest.mark.sqlite_only  # edits the file with sqlite3, as an attacker with the file would
def test_a_secret_moved_to_another_credential_does_not_decrypt(services, db, no_keyring):
    services.credentials.add("a", "snmp_v2c", "198.18.0.0/24", {"community": "community-a"}, passphrase=PASS)
    services.credentials.add("b", "snmp_v2c", "198.18.0.0/24", {"community": "community-b"}, passphrase=PASS)
    raw = sqlite3.connect(db.engine.url.database)
    raw.execute("UPDATE credentials SET secret = (SELECT secret FROM credentials WHERE name = 'a') WHERE name = 'b'")
    raw.commit()
    raw.close()
    with pytest.raises(ValidationError, match="cannot be decrypted"):
        services.credentials.usable(passphrase=PASS)


@pytest.mark.parametrize(("kind", "scope", "fields", "words"), [
    ("telnet", "198.18.0.0/24", {"user": "x"}, "unknown credential kind"),
    ("snmp_v2c", "", {"community": "c"}, "scope"),
    ("snmp_v2c", "not-an-address", {"community": "c"}, "not an address"),
    ("ssh", "198.18.0.0/24", {"user": "u"}, "a password, a private key"),
    ("snmp_v3", "198.18.0.0/24", {"user": "u", "auth_protocol": "SHA", "auth_key": "short"}, "8 characters"),
    ("snmp_v3", "198.18.0.0/24", {"user": "u", "auth_protocol": "ROT13", "auth_key": "long-enough"}, "protocol"),
    ("winrm", "198.18.0.0/24", {"user": "u", "password": "p", "port": "99999"}, "between 1 and 65535"),
    ("ssh", "198.18.0.0/24", {"user": "u", "password": "p", "colour": "blue"}, "no field colour"),
])
def test_bad_credentials_are_refused_and_nothing_is_stored(services, no_keyring, kind, scope, fields, words):
    with pytest.raises(ValidationError, match=words):
        services.credentials.add("bad", kind, scope, fields, passphrase=PASS)
    assert services.credentials.list() == []
    assert not services.credentials.vault_info().exists


def test_names_are_unique_and_removal_works(services, no_keyring):
    services.credentials.add("one", "snmp_v2c", "198.18.0.0/24", {"community": "c1"}, passphrase=PASS)
    with pytest.raises(DuplicateError):
        services.credentials.add("one", "snmp_v2c", "198.18.0.0/24", {"community": "c2"}, passphrase=PASS)
    services.credentials.remove("one")
    assert services.credentials.list() == []


def test_the_first_credential_needs_a_passphrase_long_enough(services, no_keyring):
    with pytest.raises(vault.VaultLockedError, match="passphrase"):
        services.credentials.add("one", "snmp_v2c", "198.18.0.0/24", {"community": "c1"})
    with pytest.raises(ValidationError, match="at least 8"):
        services.credentials.add("one", "snmp_v2c", "198.18.0.0/24", {"community": "c1"}, passphrase="short")
    assert services.credentials.list() == []


def test_changing_the_passphrase_keeps_the_secrets(services, no_keyring):
    services.credentials.add("one", "snmp_v2c", "198.18.0.0/24", {"community": "keep-me"}, passphrase=PASS)
    services.credentials.change_passphrase(PASS, "a brand new passphrase")
    with pytest.raises(vault.VaultLockedError):
        services.credentials.usable(passphrase=PASS)
    assert services.credentials.usable(passphrase="a brand new passphrase")[0].credential.community == "keep-me"


def test_the_cli_adds_lists_and_removes_without_secrets_on_the_command_line(cli, monkeypatch, no_keyring):
    import io
    import json

    monkeypatch.setenv("ITAM_CREDENTIAL_PASSPHRASE", PASS)
    monkeypatch.setattr("sys.stdin", io.StringIO("sekrit-community\n"))
    _, out, _ = cli("credentials", "add", "lab", "--kind", "snmp_v2c", "--scope", "198.18.0.0/24", "--secrets-stdin")
    assert "the credential vault was created" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("auth-key-123\n\n"))
    cli("credentials", "add", "v3", "--kind", "snmp_v3", "--user", "audit", "--scope", "198.18.0.9", "--secrets-stdin")
    _, out, _ = cli("credentials", "list", "--json")
    listed = json.loads(out)
    assert [(c["name"], c["kind"], c["scope"]) for c in listed] == [
        ("lab", "snmp_v2c", ["198.18.0.0/24"]), ("v3", "snmp_v3", ["198.18.0.9/32"])]
    assert "sekrit" not in out and "auth-key" not in out
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = cli("credentials", "add", "x", "--kind", "ssh", "--user", "u", "--scope", "198.18.0.1", ok=False)
    assert code == 2 and "--secrets-stdin" in err
    cli("credentials", "remove", "lab")
    _, out, _ = cli("credentials", "list")
    assert "lab " not in out and "v3" in out
