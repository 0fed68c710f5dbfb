"""References typed by people: "#" and digits name a row by id only when the digits are ASCII and fit the id column.

"#" + 40 nines overflowed SQLite's 64-bit INTEGER (OverflowError) and PostgreSQL's integer; "#²" is a digit to
str.isdigit() that int() refuses (ValueError). Both crashed instead of answering "no such batch".
"""

from __future__ import annotations

import pytest

from itam.errors import NotFoundError

HOSTILE = ["#" + "9" * 40, "#" + "9" * 19, "#2147483648", "#²", "#٣", "#１"]


@pytest.fixture
def batch(services):
    return services.custody.create("JOB-REF-1")


@pytest.mark.parametrize("ref", HOSTILE)
def test_a_batch_reference_out_of_range_or_not_ascii_is_not_found(services, batch, ref):
    with pytest.raises(NotFoundError, match="no batch"):
        services.custody.get(ref)
    with pytest.raises(NotFoundError, match="no batch"):  # a locking lookup takes the same path
        services.custody.freeze_manifest(ref)


def test_a_batch_is_still_found_by_id_and_by_number(services, batch):
    assert services.custody.get(f"#{batch.id}").number == "JOB-REF-1"
    assert services.custody.get(batch.id).number == "JOB-REF-1"
    assert services.custody.get("JOB-REF-1").id == batch.id


def test_a_batch_numbered_like_a_huge_id_is_found_by_its_number(services):
    number = "#" + "9" * 40
    services.custody.create(number)
    assert services.custody.get(number).number == number


@pytest.mark.parametrize("ref", ["#" + "9" * 40, "#²"])
def test_batch_show_of_a_hostile_reference_says_not_found(cli, ref):
    code, out, err = cli("batch", "show", ref, ok=False)
    assert code == 3, err
    assert f"no batch '{ref}'" in err and "internal error" not in err and not out


@pytest.mark.parametrize("seq", [10**23, 2**63, -1])
def test_resolving_a_discrepancy_number_no_row_can_hold_says_not_found(services, batch, seq):
    with pytest.raises(NotFoundError, match="has no discrepancy"):
        services.custody.resolve(batch.id, seq, "checked by hand")
