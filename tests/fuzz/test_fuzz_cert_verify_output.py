"""What ``itam cert verify`` prints of a forged certificate reaches the terminal without its control characters.

A forger controls everything in the file: the record's number, the number declared in the document information,
the signer's name (signed with a certificate of their own). ``itam cert verify`` printed them as they were, so
"\\x1b]0;pwned\\x07" retitled the terminal, "\\x1b[2J" cleared it, a newline forged a line of its own and U+202E
reversed what followed. Now each such character is shown as a ``\\uXXXX`` escape, in the text and the JSON output.
"""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from reports.certificates import canonical_json
from tests.fuzz import test_fuzz_cert_verify as fuzz
from tests.fuzz.test_fuzz_cert_verify import _incremental, _put_record, _wiped_laptop

certificates = fuzz.certificates  # the fixture: DS-000001 and DS-000002, issued

HOSTILE = "DS-\x1b]0;pwned\x07\x1b[2J\x9b31m\x7f\x00\n✓ signature: forged\u202e\u2066\u200b\u061c\ufeff"
#: ESC, BEL and every other C0 control, DEL, C1, and the bidirectional and zero-width formatting characters
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def _check_output(out: str, *escaped: str) -> None:
    assert not UNSAFE.search(out.replace("\n", "")), [ch for ch in out if UNSAFE.match(ch) and ch != "\n"]
    assert not [line for line in out.splitlines() if line.startswith("✓ signature: forged")]
    for text in escaped:
        assert text in out, out


def _verify(cli, path) -> tuple[str, str]:
    """What ``itam cert verify FILE`` and ``itam cert verify FILE --json`` print."""
    code, out, err = cli("cert", "verify", str(path), ok=False)
    assert code == 4 and "internal error" not in err, err
    code, out_json, err = cli("cert", "verify", str(path), "--json", ok=False)
    assert code == 4 and "internal error" not in err, err
    return out, out_json


@pytest.mark.parametrize("declared", [HOSTILE, "DS-\x1b[31mRED\u202eDECLARED"], ids=["same", "different"])
def test_a_forged_number_is_printed_escaped(certificates, cli, tmp_path, declared):
    services, pdf, _ = certificates
    raw = canonical_json({**_record(pdf), "number": HOSTILE})
    path = tmp_path / "forged.pdf"
    path.write_bytes(_incremental(pdf, _put_record(raw, hashlib.sha256(raw).hexdigest(), number=declared)))
    assert services.certificates.verify(path.read_bytes()).number == HOSTILE  # the forgery is read as written

    out, out_json = _verify(cli, path)
    _check_output(out, "DS-\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u007f\\u0000\\u000a", "\\u202e\\u2066\\u200b")
    assert "NOT VALID (DS-\\u001b]0;pwned" in out
    if declared != HOSTILE:
        assert "DS-\\u001b[31mRED\\u202eDECLARED" in out  # the record check quotes the declared number
    # The JSON is valid, still carries the number exactly, and has no C1 or bidirectional character either.
    _check_output(out_json, "\\u001b]0;pwned\\u0007", "\\u009b", "\\u202e")
    data = json.loads(out_json)
    assert data["number"] == HOSTILE and data["ok"] is False


def test_a_forged_signer_name_is_printed_escaped(certificates, cli, tmp_path):
    """Signed with a certificate of the forger's own, named with escapes: the signature check quotes the name."""
    from reports.signing import create_new_signer, sign_pdf

    services, _, _ = certificates
    _, preview = services.certificates.issue_sanitization(_wiped_laptop(services, 3), output=None, dry_run=True)
    forger = create_new_signer("Evil\x1b]0;pwned\x07\u202eCorp\x9b2J", directory=tmp_path / "forger")
    path = tmp_path / "forged.pdf"
    path.write_bytes(sign_pdf(preview, forger, reason="forged"))

    out, out_json = _verify(cli, path)
    assert "✓ signature: valid PAdES signature by" in out  # the forger's own signature is intact …
    assert "✗ signer trusted" in out  # … but not by a signer this machine trusts
    _check_output(out, "Evil\\u001b]0;pwned\\u0007\\u202eCorp\\u009b2J")
    _check_output(out_json, "Evil\\u001b]0;pwned\\u0007\\u202eCorp\\u009b2J")
    assert "Evil\x1b]0;pwned\x07\u202eCorp\x9b2J" in json.loads(out_json)["checks"][0]["detail"]


def _record(pdf: bytes) -> dict:
    from reports.verify import verify_pdf

    record = verify_pdf(pdf).record
    assert record is not None
    return record
