"""The SSH host keys audits accepted: found among thousands of lines, hashed entries too, a changed key refused."""

from __future__ import annotations

import paramiko
import pytest

from itam.audit.ssh import check_host_key, known_keys
from itam.errors import AuditHostKeyError


@pytest.fixture
def crowded(tmp_path):
    """A known-hosts file with 20,000 other hosts' keys (every host ever audited stays in it)."""
    other = paramiko.ECDSAKey.generate()
    path = tmp_path / "known_hosts"
    path.write_text("".join(f"198.19.{i // 250}.{i % 250} {other.get_name()} {other.get_base64()}\n"
                            for i in range(20_000)) + "# a comment\n\nnot a key line\n", encoding="utf-8")
    return path


def test_a_new_host_is_recorded_then_recognised_among_thousands(crowded):
    key = paramiko.ECDSAKey.generate()
    assert known_keys(crowded, "198.18.0.7", 22) == {}
    check_host_key(crowded, "198.18.0.7", 22, key)
    assert known_keys(crowded, "198.18.0.7", 22) == {key.get_name(): key}
    assert known_keys(crowded, "198.18.0.7", 2222) == {}  # another port is another entry
    check_host_key(crowded, "198.18.0.7", 22, key)  # the same key again: accepted, not written twice
    assert crowded.read_text().count("198.18.0.7 ") == 1


def test_a_changed_key_is_refused(crowded):
    check_host_key(crowded, "198.18.0.8", 2222, paramiko.ECDSAKey.generate())
    with pytest.raises(AuditHostKeyError, match="has changed"):
        check_host_key(crowded, "198.18.0.8", 2222, paramiko.ECDSAKey.generate())


def test_hashed_entries_as_ssh_keygen_writes_them_are_found(crowded):
    key = paramiko.ECDSAKey.generate()
    hashed = paramiko.HostKeys.hash_host("198.18.0.9")
    with open(crowded, "a", encoding="utf-8") as fh:
        fh.write(f"{hashed} {key.get_name()} {key.get_base64()}\n")
    assert known_keys(crowded, "198.18.0.9", 22) == {key.get_name(): key}
    with pytest.raises(AuditHostKeyError):
        check_host_key(crowded, "198.18.0.9", 22, paramiko.ECDSAKey.generate())


def test_a_missing_file_knows_nothing(tmp_path):
    assert known_keys(tmp_path / "nothing", "198.18.0.7", 22) == {}
