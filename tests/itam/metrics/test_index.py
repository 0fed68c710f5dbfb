"""The composite evaluation index (DOMAIN.md §6): hand-computed examples, grades, AHP, bad input, CLI."""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from itam.errors import ValidationError
from itam.metrics.index import (
    MAX_DEPTH,
    MAX_INDICATORS,
    MAX_SPEC_BYTES,
    RANDOM_INDEX,
    ahp,
    default_spec_path,
    evaluate,
    grade,
    grade_label,
    load_default_spec,
    load_spec,
    parse_spec,
    parse_spec_text,
)

ROOT = Path(__file__).resolve().parents[3]


def leaf(id_, weight, benchmark, actual, direction="higher", **extra):
    data = {"id": id_, "name": id_.upper(), "weight": weight, "benchmark": benchmark, "direction": direction,
            "actual": actual}
    data.update(extra)
    return data


def flat_spec(*leaves, **extra):
    return {"name": "test", "indicators": list(leaves), **extra}


# --------------------------------------------------------------------------------------------------------------
# Hand-computed examples


def test_flat_global_example_by_hand():
    spec = flat_spec(
        leaf("a", 0.5, 0.8, 0.6),                     # I = 0.6 / 0.8 = 0.75;  score = 0.5 × 0.75 = 0.375
        leaf("b", 0.3, 10, 8, direction="lower"),     # I = 10 / 8   = 1.25;  score = 0.3 × 1.25 = 0.375
        leaf("c", 0.2, 1.0, 0.5),                     # I = 0.5 / 1  = 0.5;   score = 0.2 × 0.5  = 0.1
    )                                                 # P = 0.375 + 0.375 + 0.1 = 0.85 → level 2 "high"
    r = evaluate(spec)
    assert r.get("a").index == pytest.approx(0.75) and r.get("a").score == pytest.approx(0.375)
    assert r.get("b").index == pytest.approx(1.25) and r.get("b").score == pytest.approx(0.375)
    assert r.get("c").index == pytest.approx(0.5) and r.get("c").score == pytest.approx(0.1)
    assert r.score == pytest.approx(0.85)
    assert (r.grade, r.label(), r.label("zh_CN")) == (2, "high", "高")
    assert r.coverage == pytest.approx(1.0) and r.warnings == ()


def tree_local():
    return {
        "name": "tree", "weights": "local",
        "indicators": [
            {"id": "g1", "name": "Group 1", "weight": 0.6, "children": [
                leaf("x", 0.5, 1.0, 0.9),                # global 0.6 × 0.5 = 0.3; I = 0.9;       score = 0.27
                leaf("y", 0.5, 2.0, 1.0),                # global 0.3;             I = 1 / 2 = 0.5; score = 0.15
            ]},                                          # G1 score = 0.42, index = 0.42 / 0.6 = 0.7
            {"id": "g2", "name": "Group 2", "weight": 0.4, "children": [
                leaf("z", 1.0, 5.0, 4.0, "lower"),      # global 0.4 × 1 = 0.4;  I = 5 / 4 = 1.25; score = 0.5
            ]},                                          # G2 score = 0.5, index = 1.25
        ],
    }                                                    # P = 0.27 + 0.15 + 0.5 = 0.92 → level 1 "very high"


def tree_global():
    # The same tree with global leaf weights (x 0.3, y 0.3, z 0.4); group weights left out (= Σ children).
    return {
        "name": "tree",
        "indicators": [
            {"id": "g1", "name": "Group 1", "children": [leaf("x", 0.3, 1.0, 0.9), leaf("y", 0.3, 2.0, 1.0)]},
            {"id": "g2", "name": "Group 2", "children": [leaf("z", 0.4, 5.0, 4.0, "lower")]},
        ],
    }


def test_tree_with_local_weights_by_hand():
    r = evaluate(tree_local())
    assert r.get("x").global_weight == pytest.approx(0.3) and r.get("x").score == pytest.approx(0.27)
    assert r.get("y").index == pytest.approx(0.5) and r.get("y").score == pytest.approx(0.15)
    assert r.get("z").index == pytest.approx(1.25) and r.get("z").score == pytest.approx(0.5)
    assert r.get("g1").score == pytest.approx(0.42) and r.get("g1").index == pytest.approx(0.7)
    assert r.get("g2").score == pytest.approx(0.5) and r.get("g2").index == pytest.approx(1.25)
    assert r.score == pytest.approx(0.92) and r.grade == 1 and r.label() == "very high"


def test_local_and_global_weights_give_the_same_p():
    local, global_ = evaluate(tree_local()), evaluate(tree_global())
    assert local.score == pytest.approx(global_.score, abs=1e-12)
    for a, b in zip(local.flat(), global_.flat()):
        assert a.id == b.id
        assert a.global_weight == pytest.approx(b.global_weight)
        assert a.local_weight == pytest.approx(b.local_weight)
        assert a.score == pytest.approx(b.score)


def test_global_mode_group_weight_must_match_its_children():
    spec = tree_global()
    spec["indicators"][0]["weight"] = 0.6                 # = 0.3 + 0.3: fine
    assert evaluate(spec).score == pytest.approx(0.92)
    spec["indicators"][0]["children"][1]["weight"] = 0.25  # children sum to 0.55, 8.3% off the group's 0.6
    with pytest.raises(ValidationError, match=r"weights under group 'g1' sum to 0\.55, not 0\.6 \(off by 8\.33%"):
        parse_spec(spec)
    spec["indicators"][0]["weight"] = 0.5                  # now the top level is off: 0.5 + 0.4 = 0.9
    with pytest.raises(ValidationError, match=r"top-level weights sum to 0\.9, not 1"):
        parse_spec(spec)


def test_index_is_not_capped():
    # I = 1.5 / 1 = 1.5 (as published, not capped at 1); P = 1 × 1.5
    r = evaluate(flat_spec(leaf("a", 1, 1, 1.5)))
    assert r.get("a").index == pytest.approx(1.5) and r.score == pytest.approx(1.5) and r.grade == 1


def test_lower_is_better():
    # energy use: benchmark 100 kWh, actual 125 kWh → I = 100 / 125 = 0.8; actual 80 → I = 1.25
    assert evaluate(flat_spec(leaf("e", 1, 100, 125, "lower"))).score == pytest.approx(0.8)
    assert evaluate(flat_spec(leaf("e", 1, 100, 80, "lower"))).score == pytest.approx(1.25)
    # direction is case- and space-tolerant
    assert evaluate(flat_spec(leaf("e", 1, 100, 80, " Lower "))).score == pytest.approx(1.25)


def test_actuals_given_at_evaluation_override_the_file():
    spec = flat_spec(leaf("a", 0.5, 1, 0.2), leaf("b", 0.5, 1, None))
    r = evaluate(spec, {"b": 0.8})                        # 0.5 × 0.2 + 0.5 × 0.8 = 0.5
    assert r.score == pytest.approx(0.5) and r.coverage == pytest.approx(1.0)
    with pytest.raises(ValidationError, match="no indicator 'nope'"):
        evaluate(spec, {"nope": 1})
    with pytest.raises(ValidationError, match="must be a number"):
        evaluate(spec, {"a": "high"})
    with pytest.raises(ValidationError, match="negative"):
        evaluate(spec, {"a": -1})
    with pytest.raises(ValidationError, match="is a group"):
        evaluate(tree_local(), {"g1": 1})


# --------------------------------------------------------------------------------------------------------------
# Grades


@pytest.mark.parametrize(("p", "level", "en", "zh"), [
    (1.3, 1, "very high", "很高"),
    (0.9, 1, "very high", "很高"),
    (0.8999, 2, "high", "高"),
    (0.89999999, 2, "high", "高"),
    (0.8, 2, "high", "高"),
    (0.7999, 3, "medium", "中"),
    (0.7, 3, "medium", "中"),
    (0.6999, 4, "low", "低"),
    (0.6, 4, "low", "低"),
    (0.5999, 5, "very low", "很低"),
    (0.0, 5, "very low", "很低"),
])
def test_grade_boundaries(p, level, en, zh):
    assert grade(p) == level
    assert grade_label(level) == en and grade_label(level, "en") == en
    assert grade_label(level, "zh_CN") == zh and grade_label(level, "zh-CN") == zh
    # through the whole engine: one indicator, weight 1, benchmark 1, actual p → P = p
    r = evaluate(flat_spec(leaf("a", 1, 1, p)))
    assert r.score == pytest.approx(p) and r.grade == level and r.to_json()["label"] == en


def test_float_noise_does_not_cost_a_grade():
    # 0.5 × 0.6 + 0.5 × 1.2 = 0.3 + 0.6, which is 0.8999999999999999 in floating point: still level 1
    r = evaluate(flat_spec(leaf("a", 0.5, 1, 0.6), leaf("b", 0.5, 1, 1.2)))
    assert r.score == pytest.approx(0.9) and r.grade == 1
    assert grade(0.3 + 0.6) == 1 and grade(0.1 + 0.7) == 2 and grade(0.6 + 0.1) == 3


def test_grade_refuses_non_numbers():
    for bad in (float("nan"), float("inf"), None, "0.9", True):
        with pytest.raises(ValidationError):
            grade(bad)
    for bad in (0, 6, 2.0, True):
        with pytest.raises(ValidationError):
            grade_label(bad)
    with pytest.raises(ValidationError, match="unknown language"):
        grade_label(1, "fr")


# --------------------------------------------------------------------------------------------------------------
# AHP


def test_consistent_matrix_gives_back_its_weights_and_cr_zero():
    w = [0.5, 0.25, 0.15, 0.1]
    matrix = [[wi / wj for wj in w] for wi in w]          # a_ij = w_i / w_j: perfectly consistent
    c = ahp(matrix)
    assert c.weights == pytest.approx(w, abs=1e-12)
    assert c.lambda_max == pytest.approx(4.0, abs=1e-12)
    assert c.ci == pytest.approx(0.0, abs=1e-12) and c.cr == pytest.approx(0.0, abs=1e-12)
    assert c.ri == 0.90


def test_saaty_textbook_matrix():
    # Saaty's classic 3 × 3 example [[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]]: weights 0.637, 0.258, 0.105,
    # λmax = 3.039, CI = 0.019, CR = 0.033. Cross-checked in closed form: for a 3 × 3 reciprocal matrix with
    # a12 = a, a13 = b, a23 = c, λmax = 1 + (b/(ac))^(1/3) + (ac/b)^(1/3), and the principal eigenvector is
    # the vector of row geometric means (exactly, for n = 3).
    c = ahp([[1, 3, 5], ["1/3", 1, 3], ["1/5", "1/3", 1]])
    lam = 1 + (5 / 9) ** (1 / 3) + (9 / 5) ** (1 / 3)     # = 1 + 0.8221 + 1.2164 = 3.0385
    gm = [15 ** (1 / 3), 1.0, (1 / 15) ** (1 / 3)]         # 2.4662, 1, 0.4055; Σ = 3.8717
    assert c.lambda_max == pytest.approx(lam, abs=1e-12)
    assert c.weights == pytest.approx([g / sum(gm) for g in gm], abs=1e-12)
    assert [round(x, 3) for x in c.weights] == [0.637, 0.258, 0.105]
    assert round(c.lambda_max, 3) == 3.039 and round(c.ci, 3) == 0.019 and round(c.cr, 3) == 0.033


def test_ahp_in_a_spec_sets_local_weights():
    spec = {
        "name": "ahp", "weights": "local",
        "pairwise": [[1, 3], ["1/3", 1]],                  # top level: 0.75 / 0.25
        "indicators": [
            {"id": "g", "name": "G", "pairwise": [[1, 1], [1, 1]], "children": [
                leaf("a", None, 1, 1.0), leaf("b", None, 1, 0.5)]},   # each 0.5 of 0.75 = 0.375
            leaf("c", None, 1, 0.8),                                  # 0.25 (weight None: not given)
        ],
    }
    r = evaluate(spec)
    assert r.get("g").global_weight == pytest.approx(0.75) and r.get("c").global_weight == pytest.approx(0.25)
    assert r.get("a").global_weight == pytest.approx(0.375)
    # P = 0.375 × 1 + 0.375 × 0.5 + 0.25 × 0.8 = 0.375 + 0.1875 + 0.2 = 0.7625 → level 3
    assert r.score == pytest.approx(0.7625) and r.grade == 3
    assert [c.group for c in r.consistency] == ["the top level", "group 'g'"]
    assert r.to_json()["consistency"][0]["weights"] == pytest.approx([0.75, 0.25])


def test_cr_at_or_above_0_10_is_refused():
    # [[1, 1, 3], [1, 1, 1], [1/3, 1, 1]]: λmax = 1 + 3^(1/3) + 3^(-1/3) = 3.13561, CI = 0.06780, CR = 0.1169
    bad = [[1, 1, 3], [1, 1, 1], ["1/3", 1, 1]]
    c = ahp(bad, refuse_inconsistent=False)
    assert c.cr == pytest.approx((1 + 3 ** (1 / 3) + 3 ** (-1 / 3) - 3) / 2 / 0.58)
    with pytest.raises(ValidationError, match=r"pairwise matrix of group 'g' is too inconsistent: CR = 0\.1169"):
        parse_spec({"name": "x", "indicators": [
            {"id": "g", "weight": 1, "pairwise": bad,
             "children": [leaf("a", None, 1, 1), leaf("b", None, 1, 1), leaf("c", None, 1, 1)]}]})
    # the same shape with 2 instead of 3: CR = (1 + 2^(1/3) + 2^(-1/3) − 3) / 2 / 0.58 = 0.0462: accepted
    assert ahp([[1, 1, 2], [1, 1, 1], ["1/2", 1, 1]]).cr == pytest.approx(0.0462, abs=1e-4)
    with pytest.raises(ValidationError, match="too inconsistent"):
        ahp([[1, 9, "1/9"], ["1/9", 1, 9], [9, "1/9", 1]])


@pytest.mark.parametrize(("matrix", "message"), [
    ([[1, 3], [0.33, 1]], "not reciprocal"),
    ([[1, 3, 5], ["1/3", 1, 3], ["1/5", 3, 1]], "not reciprocal"),
    ([[1, 2], [0.5]], "not square"),
    ([[1, 2, 3], [0.5, 1, 1]], "not square"),
    ([[1, 0], [0, 1]], "must be positive"),
    ([[1, -2], [-0.5, 1]], "must be positive"),
    ([[2, 1], [1, 2]], "diagonal"),
    ([[1, "x"], [1, 1]], "fraction"),
    ([[1, "1/0"], [1, 1]], "divides by zero"),
    ([], "non-empty"),
    ("matrix", "non-empty list"),
    ([1, 2], "must be a list"),
    ([[1] * 16 for _ in range(16)], "at most 15"),
    ([[1, 1e300], [1e-300, 1]], "outside 1/1e"),
])
def test_bad_matrices_are_refused(matrix, message):
    with pytest.raises(ValidationError, match=message):
        ahp(matrix)


def test_matrix_size_and_weights_conflict():
    kids = [leaf("a", None, 1, 1), leaf("b", None, 1, 1)]
    with pytest.raises(ValidationError, match="is 3×3 but group 'g' has 2"):
        parse_spec({"name": "x", "indicators": [{"id": "g", "weight": 1, "children": kids,
                                                 "pairwise": [[1, 1, 1], [1, 1, 1], [1, 1, 1]]}]})
    with pytest.raises(ValidationError, match="give one or the other"):
        parse_spec({"name": "x", "indicators": [{"id": "g", "weight": 1, "pairwise": [[1, 1], [1, 1]],
                                                 "children": [leaf("a", 0.5, 1, 1), leaf("b", 0.5, 1, 1)]}]})
    with pytest.raises(ValidationError, match="no children"):
        parse_spec(flat_spec(leaf("a", 1, 1, 1, pairwise=[[1]])))
    # global mode: a group whose children are weighed by AHP needs its own weight
    with pytest.raises(ValidationError, match="group 'g' needs a weight"):
        parse_spec({"name": "x", "indicators": [{"id": "g", "pairwise": [[1, 1], [1, 1]], "children": kids}]})


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(min_value=0.01, max_value=100), min_size=1, max_size=15))
def test_consistent_matrices_of_any_size(raw):
    w = [x / sum(raw) for x in raw]
    c = ahp([[wi / wj for wj in w] for wi in w])
    assert c.weights == pytest.approx(w, rel=1e-9, abs=1e-12) and c.cr == pytest.approx(0, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.integers(3, 15).flatmap(
    lambda n: st.lists(st.sampled_from([1, 2, 3, 4, 5, 6, 7, 8, 9, 1 / 2, 1 / 3, 1 / 5, 1 / 9]),
                       min_size=n * (n - 1) // 2, max_size=n * (n - 1) // 2).map(lambda up: (n, up))))
def test_eigenvector_of_random_reciprocal_matrices(data):
    n, upper = data
    a = [[1.0] * n for _ in range(n)]
    k = 0
    for i in range(n):
        for j in range(i + 1, n):
            a[i][j], a[j][i] = upper[k], 1 / upper[k]
            k += 1
    c = ahp(a, refuse_inconsistent=False)
    assert sum(c.weights) == pytest.approx(1.0) and all(x > 0 for x in c.weights)
    assert c.lambda_max >= n - 1e-9                       # Perron root of a positive reciprocal matrix
    for i in range(n):                                     # A w = λmax w
        assert math.fsum(a[i][j] * c.weights[j] for j in range(n)) == pytest.approx(c.lambda_max * c.weights[i])
    assert c.cr == pytest.approx((c.lambda_max - n) / (n - 1) / RANDOM_INDEX[n - 1])


# --------------------------------------------------------------------------------------------------------------
# Weight sums


def test_weights_off_by_half_a_percent_warn_and_by_two_percent_refuse():
    r = evaluate(flat_spec(leaf("a", 0.5, 1, 1), leaf("b", 0.3, 1, 1), leaf("c", 0.195, 1, 1)))   # Σ = 0.995
    assert any("sum to 0.995, not 1 (off by 0.50%)" in w for w in r.warnings)
    assert r.score == pytest.approx(0.995)                 # used as given, not rescaled
    with pytest.raises(ValidationError, match=r"sum to 0\.98, not 1 \(off by 2\.00%"):
        parse_spec(flat_spec(leaf("a", 0.5, 1, 1), leaf("b", 0.3, 1, 1), leaf("c", 0.18, 1, 1)))
    # within 0.001: quiet
    assert evaluate(flat_spec(leaf("a", 0.5, 1, 1), leaf("b", 0.4995, 1, 1))).warnings == ()
    # exactly 1% is still allowed (with a warning); just over is not
    assert evaluate(flat_spec(leaf("a", 0.5, 1, 1), leaf("b", 0.49, 1, 1))).warnings
    with pytest.raises(ValidationError):
        parse_spec(flat_spec(leaf("a", 0.5, 1, 1), leaf("b", 0.489, 1, 1)))


def test_local_sibling_sets_are_checked_each():
    spec = tree_local()
    spec["indicators"][0]["children"][1]["weight"] = 0.495            # g1's set sums to 0.995
    r = evaluate(spec)
    assert any("local weights under group 'g1' sum to 0.995" in w for w in r.warnings)
    spec["indicators"][0]["children"][1]["weight"] = 0.48             # 2% off
    with pytest.raises(ValidationError, match="local weights under group 'g1' sum to 0.98"):
        parse_spec(spec)
    spec = tree_local()
    spec["indicators"][1]["weight"] = 0.5                             # top level sums to 1.1
    with pytest.raises(ValidationError, match="top-level weights sum to 1.1"):
        parse_spec(spec)


def test_nested_sets_each_within_one_percent_but_compounding_beyond_it_are_refused():
    # three levels each at 0.995: each set is within 1 %, but the leaves together carry 0.995³ = 0.98507
    def level(depth):
        if depth == 3:
            return [leaf(f"l{depth}", 0.995, 1, 1)]
        return [{"id": f"g{depth}", "weight": 0.995, "children": level(depth + 1)}]
    with pytest.raises(ValidationError, match="global weights of the leaf indicators sum to 0.985"):
        parse_spec({"name": "x", "weights": "local", "indicators": level(1)})


@pytest.mark.parametrize(("weight", "message"), [
    (None, "has no weight"),
    (-0.5, "negative"),
    ("0.5", "must be a number"),
    (True, "must be a number"),
    ([0.5], "must be a number"),
])
def test_bad_weights(weight, message):
    with pytest.raises(ValidationError, match=message):
        parse_spec(flat_spec(leaf("a", 0.5, 1, 1), leaf("b", weight, 1, 1)))


# --------------------------------------------------------------------------------------------------------------
# Values that cannot be computed


def test_benchmark_of_zero_is_refused_naming_the_indicator():
    for direction in ("higher", "lower"):
        with pytest.raises(ValidationError, match="benchmark of indicator 'b' is 0: it must be greater than 0"):
            parse_spec(flat_spec(leaf("a", 0.5, 1, 1), leaf("b", 0.5, 0, 1, direction)))
    with pytest.raises(ValidationError, match="benchmark of indicator 'b' is -2"):
        parse_spec(flat_spec(leaf("a", 0.5, 1, 1), leaf("b", 0.5, -2, 1)))


def test_actual_of_zero_where_lower_is_better_is_left_out_with_a_warning():
    r = evaluate(flat_spec(leaf("a", 0.6, 1, 0.9), leaf("b", 0.4, 5, 0, "lower")))
    b = r.get("b")
    assert b.index is None and b.score is None and "divides by zero" in b.reason
    # P = 0.6 × 0.9 = 0.54 over a coverage of 0.6; P / coverage = 0.9
    assert r.score == pytest.approx(0.54) and r.coverage == pytest.approx(0.6) and r.grade == 5
    assert r.score_on_coverage == pytest.approx(0.9)
    assert any("'b'" in w and "divides by zero" in w for w in r.warnings)
    assert any("based on the remaining weight only" in w and "0.6 of 1" in w for w in r.warnings)
    # an actual of 0 where higher is better is simply I = 0
    r = evaluate(flat_spec(leaf("a", 0.6, 1, 0.9), leaf("b", 0.4, 5, 0)))
    assert r.get("b").index == 0 and r.coverage == pytest.approx(1.0)
    json.dumps(r.to_json(), allow_nan=False)


def test_missing_actuals_reduce_coverage():
    spec = tree_local()
    spec["indicators"][0]["children"][1]["actual"] = None            # y (global 0.3) not measured
    r = evaluate(spec)
    # P = 0.27 + 0.5 = 0.77, coverage 0.7; g1 score 0.27, index 0.27 / 0.6 = 0.45
    assert r.score == pytest.approx(0.77) and r.coverage == pytest.approx(0.7) and r.grade == 3
    assert r.get("g1").score == pytest.approx(0.27) and r.get("g1").coverage == pytest.approx(0.3)
    assert r.get("y").reason == "no actual value"
    del spec["indicators"][0]["children"][0]["actual"]                # x absent too: g1 not computable
    r = evaluate(spec)
    assert r.get("g1").score is None and r.get("g1").index is None and r.score == pytest.approx(0.5)


def test_missing_benchmark_is_not_computable():
    r = evaluate(flat_spec(leaf("a", 0.5, 1, 1), leaf("b", 0.5, None, 1)))
    assert r.get("b").reason == "no benchmark" and r.coverage == pytest.approx(0.5)


def test_nothing_computable_is_refused():
    with pytest.raises(ValidationError, match="nothing to compute"):
        evaluate(flat_spec(leaf("a", 0.5, 1, None), leaf("b", 0.5, 1, None)))
    with pytest.raises(ValidationError, match="nothing to compute"):
        evaluate(load_default_spec())                                 # the shipped set has no actuals


def test_overflowing_index_is_not_computed():
    r = evaluate(flat_spec(leaf("a", 0.5, 1e-300, 1e300), leaf("b", 0.5, 1, 1)))
    assert r.get("a").index is None and "overflows" in r.get("a").reason and r.score == pytest.approx(0.5)
    assert math.isfinite(r.score)


# --------------------------------------------------------------------------------------------------------------
# Bad specifications


@pytest.mark.parametrize(("spec", "message"), [
    ([], "must be a JSON object"),
    ({"name": "x"}, "needs \"indicators\""),
    ({"name": "x", "indicators": []}, "needs \"indicators\""),
    ({"name": "x", "indicators": "a"}, "needs \"indicators\""),
    ({"name": 5, "indicators": [leaf("a", 1, 1, 1)]}, "name must be text"),
    ({"name": "x", "weights": "relative", "indicators": [leaf("a", 1, 1, 1)]}, "\"global\" or \"local\""),
    (flat_spec(leaf("a", 1, 1, 1, "up")), "unknown direction 'up'"),
    (flat_spec(leaf("a", 1, 1, 1, None)), "has no direction"),
    (flat_spec(leaf("a", 1, 1, 1, 1)), "unknown direction"),
    (flat_spec(leaf("a", 0.5, 1, 1), leaf("a", 0.5, 1, 1)), "'a' is used more than once"),
    (flat_spec({"name": "no id", "weight": 1, "benchmark": 1, "direction": "higher"}), "id of top-level indicator 1 is missing"),
    (flat_spec(leaf("", 1, 1, 1)), "is empty"),
    (flat_spec(leaf("a", 1, "ten", 1)), "benchmark of indicator 'a' must be a number"),
    (flat_spec(leaf("a", 1, 1, "ninety")), "actual value of indicator 'a' must be a number"),
    (flat_spec(leaf("a", 1, 1, -0.5)), "negative"),
    (flat_spec(leaf("a", 1, 1, float("nan"))), "finite"),
    (flat_spec(leaf("a", 1, float("inf"), 1)), "finite"),
    (flat_spec(leaf("a", 1, 1, 10 ** 400)), "too large"),
    (flat_spec(leaf("a", 1, 1, 1, children="b")), "children of indicator 'a' must be a list"),
    (flat_spec("a"), "must be an object"),
])
def test_bad_specs_are_refused_clearly(spec, message):
    with pytest.raises(ValidationError, match=message):
        evaluate(spec)


def test_duplicate_ids_across_levels():
    spec = tree_local()
    spec["indicators"][1]["children"][0]["id"] = "x"
    with pytest.raises(ValidationError, match="'x' is used more than once"):
        parse_spec(spec)


def test_group_values_are_ignored_with_a_warning():
    spec = tree_local()
    spec["indicators"][0]["actual"] = 5
    r = evaluate(spec)
    assert r.score == pytest.approx(0.92) and any("'g1' is a group: its actual is ignored" in w for w in r.warnings)


def test_depth_is_capped():
    def chain(depth):
        node = leaf(f"l{depth}", 1, 1, 1)
        for d in range(depth - 1, 0, -1):
            node = {"id": f"g{d}", "weight": 1, "children": [node]}
        return {"name": "deep", "weights": "local", "indicators": [node]}
    assert evaluate(chain(MAX_DEPTH)).score == pytest.approx(1.0)
    with pytest.raises(ValidationError, match=f"nested more than {MAX_DEPTH} levels"):
        parse_spec(chain(MAX_DEPTH + 1))
    # a pathological depth (beyond Python's recursion limit) is refused as cleanly
    with pytest.raises(ValidationError, match="nested more than"):
        parse_spec(chain(5000))
    with pytest.raises(ValidationError, match="nested too deeply"):
        parse_spec_text('{"name": "x", "indicators": ' + "[" * 100_000 + "]" * 100_000 + "}")


def test_number_of_indicators_is_capped():
    n = MAX_INDICATORS + 1
    with pytest.raises(ValidationError, match=f"more than {MAX_INDICATORS} indicators"):
        parse_spec(flat_spec(*[leaf(f"i{k}", 1 / n, 1, 1) for k in range(n)]))


def test_files(tmp_path):
    good = tmp_path / "spec.json"
    good.write_text(json.dumps(tree_local()), encoding="utf-8")
    assert evaluate(good).score == pytest.approx(0.92) and evaluate(str(good)).source == str(good)
    with pytest.raises(ValidationError, match="no such specification file"):
        load_spec(tmp_path / "missing.json")
    with pytest.raises(ValidationError, match="is a directory"):
        load_spec(tmp_path)
    with pytest.raises(ValidationError, match="cannot read"):
        load_spec("bad\0name.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "indicators": [', encoding="utf-8")
    with pytest.raises(ValidationError, match=r"not valid JSON: .* \(line 1, column"):
        load_spec(bad)
    bad.write_bytes(b'{"name": "\xff\xfe"}')
    with pytest.raises(ValidationError, match="not UTF-8"):
        load_spec(bad)
    bad.write_text('{"name": "x", "indicators": [{"id": "a", "weight": NaN}]}', encoding="utf-8")
    with pytest.raises(ValidationError, match="NaN"):
        load_spec(bad)
    bad.write_text('{"name": "x", "indicators": [{"id": "a", "weight": 1' + "0" * 5000 + "}]}", encoding="utf-8")
    with pytest.raises(ValidationError):
        load_spec(bad)
    huge = tmp_path / "huge.json"
    huge.write_text('{"name": "' + "x" * MAX_SPEC_BYTES + '"}', encoding="utf-8")
    with pytest.raises(ValidationError, match="may be at most 5 MB"):
        load_spec(huge)
    # UTF-8 with a byte-order mark (as Windows editors write it) is fine
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps(tree_local()).encode())
    assert evaluate(bom).score == pytest.approx(0.92)


# --------------------------------------------------------------------------------------------------------------
# JSON contract


def test_json_output_contract():
    data = evaluate(tree_local()).to_json()
    json.dumps(data, allow_nan=False)
    assert data["name"] == "tree" and data["score"] == pytest.approx(0.92)
    assert data["grade"] == 1 and data["label"] == "very high" and data["labels"]["zh_CN"] == "很高"
    assert data["coverage"] == pytest.approx(1.0) and data["warnings"] == [] and data["weights"] == "local"
    # indicators: flat, depth first, each with id, index, score, weight, global_weight and parent
    assert [(i["id"], i["parent"]) for i in data["indicators"]] == [
        ("g1", None), ("x", "g1"), ("y", "g1"), ("g2", None), ("z", "g2")]
    for item in data["indicators"]:
        assert {"id", "name", "index", "score", "weight", "global_weight", "parent"} <= item.keys()
    z = data["indicators"][-1]
    assert (z["index"], z["score"], z["weight"], z["global_weight"]) == pytest.approx((1.25, 0.5, 1.0, 0.4))
    assert z["direction"] == "lower" and z["benchmark"] == 5 and z["actual"] == 4
    # tree: the nested form
    assert [t["id"] for t in data["tree"]] == ["g1", "g2"]
    assert [c["id"] for c in data["tree"][0]["children"]] == ["x", "y"]
    assert data["tree"][0]["index"] == pytest.approx(0.7)
    assert evaluate(tree_local()).to_json("zh_CN")["label"] == "很高"


# --------------------------------------------------------------------------------------------------------------
# The shipped indicator set


DEFAULT_ACTUALS = {
    "life_achieved": 0.9, "recycled_content": 0.1, "collection_rate": 0.9, "reuse_share": 0.35,
    "recovery_rate": 0.8, "sanitization_compliance": 1.0, "discovery_coverage": 0.9,
}


def test_default_indicator_set():
    spec = load_default_spec()
    assert default_spec_path() == ROOT / "resources" / "metrics" / "it_circularity_index.json"
    assert spec.weights == "local" and spec.warnings == ()
    assert spec.consistency is not None and spec.consistency.n == 3 and spec.consistency.cr < 0.10
    assert [i.id for i in spec.indicators] == ["use", "recovery", "governance"]
    assert {i.id for i in spec.leaves()} == set(DEFAULT_ACTUALS)
    for ind in spec.walk():
        assert ind.note and ind.name_zh_CN, ind.id
        if not ind.is_group:
            assert ind.actual is None and ind.benchmark > 0 and ind.direction == "higher"
    assert math.fsum(i.global_weight for i in spec.leaves()) == pytest.approx(1.0)
    r = evaluate(spec, DEFAULT_ACTUALS)
    assert r.score == pytest.approx(math.fsum(x.score for x in r.leaves())) and r.coverage == pytest.approx(1.0)
    assert 0 < r.score < 2 and r.grade in range(1, 6)


# --------------------------------------------------------------------------------------------------------------
# CLI


def _cli(argv, capsys):
    from itam.cli.metrics import add_parsers, run_metrics

    parser = argparse.ArgumentParser(prog="itam")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parsers(sub)
    code = run_metrics(parser.parse_args(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_human_output(tmp_path, capsys):
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(flat_spec(leaf("a", 0.5, 0.8, 0.6), leaf("b", 0.3, 10, 8, "lower"),
                                         leaf("c", 0.2, 1.0, 0.5))), encoding="utf-8")
    code, out, _ = _cli(["metrics", "index", str(path)], capsys)
    assert code == 0
    assert "P = 0.8500 → level 2 (high)" in out
    lines = out.splitlines()
    assert lines[1].split() == ["indicator", "name", "weight", "global", "actual", "benchmark", "better", "index", "score"]
    row_b = next(line for line in lines if line.startswith("b "))
    assert row_b.split() == ["b", "B", "0.3000", "0.3000", "8", "10", "lower", "1.2500", "0.3750"]
    code, out, _ = _cli(["metrics", "index", str(path), "--language", "zh_CN"], capsys)
    assert "P = 0.8500 → 第 2 级（高）" in out


def test_cli_json_and_actuals_and_warnings(capsys):
    argv = ["metrics", "index", str(default_spec_path()), "--json"]
    for key, value in DEFAULT_ACTUALS.items():
        argv += ["--actual", f"{key}={value}" if key != "recovery_rate" else "recovery_rate="]
    code, out, _ = _cli(argv, capsys)
    data = json.loads(out)
    assert code == 0 and data["grade"] in range(1, 6) and data["label"] == grade_label(data["grade"])
    assert data["coverage"] < 1 and any("recovery_rate" in w for w in data["warnings"])
    by_id = {i["id"]: i for i in data["indicators"]}
    assert by_id["recovery_rate"]["score"] is None and by_id["life_achieved"]["index"] == pytest.approx(0.9)
    assert data["score"] == pytest.approx(sum(i["score"] for i in data["indicators"]
                                              if not i["group"] and i["score"] is not None))
    human_argv = [a for a in argv if a != "--json"] + ["--actual", "recovery_rate=0.8"]  # the last one wins
    code, out, _ = _cli(human_argv, capsys)
    assert code == 0 and "AHP the top level: n = 3" in out and "warnings:" not in out and "coverage:" not in out
    assert "life_achieved" in out and "→ level" in out


def test_cli_errors_are_validation_errors(tmp_path, capsys):
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(flat_spec(leaf("a", 1, 0, 1))), encoding="utf-8")
    with pytest.raises(ValidationError, match="benchmark of indicator 'a' is 0"):
        _cli(["metrics", "index", str(path)], capsys)
    with pytest.raises(ValidationError, match="ID=VALUE"):
        _cli(["metrics", "index", str(default_spec_path()), "--actual", "life_achieved"], capsys)
    with pytest.raises(ValidationError, match="not a number"):
        _cli(["metrics", "index", str(default_spec_path()), "--actual", "life_achieved=lots"], capsys)
    with pytest.raises(ValidationError, match="finite"):
        _cli(["metrics", "index", str(default_spec_path()), "--actual", "life_achieved=nan"], capsys)
    with pytest.raises(ValidationError, match="give an action"):
        _cli(["metrics"], capsys)


def test_no_qt_and_no_database():
    code = (
        "import sys, itam.metrics.index, itam.cli.metrics; "
        "from itam.cli.metrics import run_metrics; "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'sqlalchemy', 'alembic')); "
        "assert not loaded, loaded"
    )
    result = subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------------------------------------------
# Properties


@st.composite
def valid_specs(draw):
    """A random valid local-weight tree, with its equivalent global-weight form."""
    budget = [draw(st.integers(1, 40))]
    counter = [0]

    def siblings(depth):
        n = draw(st.integers(1, 4))
        raw = [draw(st.floats(0.05, 10)) for _ in range(n)]
        total = sum(raw)
        nodes = []
        for r in raw:
            counter[0] += 1
            node = {"id": f"i{counter[0]}", "weight": r / total}
            if depth < 4 and budget[0] > 0 and draw(st.booleans()):
                budget[0] -= 1
                node["children"] = siblings(depth + 1)
            else:
                node["benchmark"] = draw(st.floats(0.01, 1000))
                node["direction"] = draw(st.sampled_from(["higher", "lower"]))
                node["actual"] = draw(st.none() | st.floats(0, 1000))
            nodes.append(node)
        return nodes

    indicators = siblings(1)

    def to_global(nodes, parent):
        out = []
        for node in nodes:
            g = dict(node)
            g["weight"] = parent * node["weight"]
            if "children" in node:
                g["children"] = to_global(node["children"], g["weight"])
                del g["weight"]
            out.append(g)
        return out

    local = {"name": "random", "weights": "local", "indicators": indicators}
    global_ = {"name": "random", "indicators": to_global(indicators, 1.0)}
    return local, global_


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_specs())
def test_random_valid_specs_give_finite_p_equal_to_the_sum_of_leaf_scores(specs):
    local, global_ = specs
    try:
        r = evaluate(local)
    except ValidationError as exc:
        assert "nothing to compute" in str(exc)
        assume(False)
    leaves = r.leaves()
    assert math.isfinite(r.score) and r.score >= 0
    assert r.score == pytest.approx(math.fsum(x.score for x in leaves if x.score is not None), rel=1e-12, abs=1e-15)
    assert r.grade == grade(r.score) and 0 <= r.coverage <= 1 + 1e-9
    for x in r.flat():
        assert x.score is None or math.isfinite(x.score)
        assert x.index is None or math.isfinite(x.index)
    json.dumps(r.to_json(), allow_nan=False)
    g = evaluate(global_)
    assert g.score == pytest.approx(r.score, rel=1e-9, abs=1e-12) and g.coverage == pytest.approx(r.coverage)


junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4),
    max_leaves=20,
)
numbers = st.integers(-5, 5) | st.floats() | st.sampled_from(["1/3", "3", "x", "1/0", "", "1e999"]) | junk


@st.composite
def junk_indicators(draw, depth=0):
    keys = {
        "id": st.sampled_from(["a", "b", "c", ""]) | junk,
        "name": st.text(max_size=5) | junk,
        "weight": numbers,
        "benchmark": numbers,
        "actual": numbers,
        "direction": st.sampled_from(["higher", "lower", "up"]) | junk,
        "pairwise": st.lists(st.lists(numbers, max_size=3), max_size=3) | junk,
    }
    data = draw(st.fixed_dictionaries({}, optional=keys))
    if depth < 3 and draw(st.booleans()):
        data["children"] = draw(st.lists(junk_indicators(depth + 1), max_size=3) | junk)
    return data


junk_specs = st.fixed_dictionaries({}, optional={
    "name": st.text(max_size=5) | junk,
    "weights": st.sampled_from(["global", "local", "other"]) | junk,
    "pairwise": st.lists(st.lists(numbers, max_size=3), max_size=3) | junk,
    "indicators": st.lists(junk_indicators(), max_size=4) | junk,
}) | junk


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(junk_specs, st.none() | st.dictionaries(st.sampled_from(["a", "b", "c", "z"]), numbers, max_size=3) | junk)
def test_junk_only_ever_raises_validation_error(spec, actuals):
    try:
        r = evaluate(spec, actuals)
    except ValidationError as exc:
        assert str(exc)
        return
    assert math.isfinite(r.score)
    json.dumps(r.to_json(), allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200) | junk_specs.map(lambda s: json.dumps(s).encode()))
def test_junk_text_only_ever_raises_validation_error(raw):
    try:
        spec = parse_spec_text(raw)
        r = evaluate(spec)
    except ValidationError:
        return
    assert math.isfinite(r.score)
