"""Hostile composite-index specifications through ``itam metrics index SPEC.json`` and the index API.

Random JSON documents, specification-shaped trees with values of the wrong type, NaN and infinities (as JSON
literals and as overflowing numbers), huge and tiny numbers, deep nesting, bytes in other encodings, and —
through the API, where a mapping can hold itself — cycles. Every one either evaluates (P finite, its grade
1 … 5, ``--json`` output strict JSON) or is refused with exit status 2 and one clear line; never exit 1 (an
internal error) or a traceback.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from itam.errors import ValidationError
from itam.metrics.index import evaluate, parse_spec, parse_spec_text
from tests.fuzz.conftest import fuzz_settings

SHIPPED = json.loads((Path(__file__).resolve().parents[2] / "resources" / "metrics" / "it_circularity_index.json")
                     .read_text(encoding="utf-8"))
KEYS = ["id", "name", "weight", "weights", "benchmark", "direction", "actual", "children", "pairwise", "indicators",
        "name_zh_CN", "note", "version", "description"]

numbers = st.one_of(
    st.integers(-(10**30), 10**30), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -0.0, 1e-320, 5e-324, 1.7976931348623157e308, 10**400, 2**63, -1, 0.5, 1, "1/3", "3", "0/0",
                     "1/0", "1e999", "nan", "9" * 5000]),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, st.text(max_size=12), st.sampled_from(["higher", "lower",
                                                                                               "global", "local"]))
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), inner,
                                                               max_size=6),
    max_leaves=40,
)


@st.composite
def leaf(draw, n: int) -> dict:
    node = {"id": f"i{n}", "direction": draw(st.sampled_from(["higher", "lower"])),
            "benchmark": draw(st.floats(0.01, 10)), "actual": draw(st.floats(0, 10)), "weight": 1.0}
    return node


@st.composite
def spoiled_specs(draw) -> dict:
    """A valid-looking tree (sometimes the shipped one) with some values replaced by hostile ones."""
    if draw(st.booleans()):
        spec = json.loads(json.dumps(SHIPPED))
    else:
        leaves = [draw(leaf(n)) for n in range(draw(st.integers(1, 5)))]
        for node in leaves:
            node["weight"] = 1 / len(leaves)
        spec = {"name": "fuzz", "indicators": leaves}
    nodes = [spec]
    stack = list(spec.get("indicators", []))
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(node.get("children", []))
    for _ in range(draw(st.integers(0, 4))):
        node = draw(st.sampled_from(nodes))
        node[draw(st.sampled_from(KEYS))] = draw(json_values)
    return spec


def _dump(value) -> bytes:
    return json.dumps(value, allow_nan=True, ensure_ascii=False).encode("utf-8", "surrogatepass")


documents = st.one_of(
    json_values.map(_dump),
    spoiled_specs().map(_dump),
    spoiled_specs().map(lambda s: json.dumps(s).encode("utf-16")),
    spoiled_specs().map(lambda s: b"\xef\xbb\xbf" + _dump(s)),
    st.binary(max_size=200),
    st.integers(1, 200_000).map(lambda depth: b"[" * depth + b"]" * depth),
    st.integers(1, 100_000).map(lambda depth: b'{"indicators":' * depth + b"1" + b"}" * depth),
)


def check_cli(cli, folder: Path, data: bytes, as_json: bool) -> None:
    path = folder / "spec.json"
    path.write_bytes(data)
    code, out, err = cli("metrics", "index", str(path), *(["--json"] if as_json else []), ok=False)
    assert code in (0, 2), f"exit {code}: {err[-2000:]}"
    assert "Traceback" not in err and "internal error" not in err, err[-2000:]
    if code == 2:
        event("refused")
        assert err.startswith("itam: error: ") and len(err.strip()) > len("itam: error: ") + 5, err
        return
    event("evaluated")
    if as_json:
        result = json.loads(out, parse_constant=lambda name: pytest.fail(f"--json printed {name}"))
        assert math.isfinite(result["score"]) and result["grade"] in (1, 2, 3, 4, 5)


@fuzz_settings(100)
@given(data=documents, as_json=st.booleans())
@example(data=b'{"indicators": [{"id": "a", "direction": "higher", "benchmark": 1, "actual": 1e400, "weight": 1}]}',
         as_json=True)
@example(data=b'{"indicators": [{"id": "a", "direction": "higher", "benchmark": NaN, "actual": 1, "weight": 1}]}',
         as_json=True)
@example(data=b'{"indicators": [{"id": "a", "direction": "lower", "benchmark": 1e308, "actual": 1e-308, "weight": 1}]}',
         as_json=True)
def test_hostile_index_specs(cli, tmp_path, data, as_json):
    check_cli(cli, tmp_path, data, as_json)


def _cyclic() -> list[dict]:
    loop = {"id": "loop", "name": "loop", "weight": 1.0}
    loop["children"] = [loop]
    pair_a, pair_b = {"id": "a", "weight": 1.0}, {"id": "b", "weight": 1.0}
    pair_a["children"], pair_b["children"] = [pair_b], [pair_a]
    spec = {"name": "cyclic", "indicators": []}
    spec["indicators"].append(spec)
    listed: list = []
    listed.append(listed)
    return [{"indicators": [loop]}, {"indicators": [pair_a]}, spec, {"indicators": listed},
            {"indicators": [{"id": "x", "direction": "higher", "pairwise": listed, "children": [loop]}]}]


@pytest.mark.parametrize("spec", _cyclic(), ids=["self", "pair", "root", "list", "pairwise"])
def test_cyclic_specifications_are_refused(spec):
    with pytest.raises(ValidationError):
        evaluate(spec)
    with pytest.raises(ValidationError):
        parse_spec(spec)


@fuzz_settings(100)
@given(spec=json_values | spoiled_specs(), actuals=st.none() | st.dictionaries(st.text(max_size=4) | st.sampled_from(
    ["life_achieved", "recycled_content", "i0", "i1", "use"]), scalars | json_values, max_size=4))
def test_the_api_refuses_with_a_validation_error(spec, actuals):
    """evaluate(mapping, actuals) — the path the fleet metrics take — has the same contract as the file."""
    try:
        result = evaluate(spec, actuals)
    except ValidationError as exc:
        assert str(exc).strip()
        return
    assert math.isfinite(result.score) and result.grade in (1, 2, 3, 4, 5)
    json.loads(json.dumps(result.to_json(), allow_nan=False))


def test_text_that_is_too_deep_or_too_big_is_refused():
    with pytest.raises(ValidationError, match="nested too deeply|nested more than"):
        parse_spec_text("[" * 1_000_000 + "]" * 1_000_000)
    with pytest.raises(ValidationError, match="larger than"):
        parse_spec_text(b" " * 6_000_000)
