"""Target validation: only addresses, CIDR blocks, ranges and hostnames may reach nmap's command line."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itam.discovery.targets import DEFAULT_LIMIT, TargetSpec, parse_targets
from itam.errors import InvalidTargetError, ValidationError


@pytest.mark.parametrize(
    ("text", "tokens", "count"),
    [
        ("198.18.0.1", ("198.18.0.1",), 1),
        ("198.18.0.0/24", ("198.18.0.0/24",), 256),
        ("198.18.0.77/24", ("198.18.0.0/24",), 256),  # host bits: nmap scans the whole block, say so
        ("198.18.0.10-40", ("198.18.0.10-40",), 31),
        ("198.18.0-3.1-254", ("198.18.0-3.1-254",), 4 * 254),
        ("198.18.0.10-198.18.0.40", ("198.18.0.10/31", "198.18.0.12/30", "198.18.0.16/28", "198.18.0.32/29",
                                     "198.18.0.40/32"), 31),
        ("198.18.0.255-198.18.1.0", ("198.18.0.255/32", "198.18.1.0/32"), 2),
        ("::1", ("::1",), 1),
        ("2001:DB8::1", ("2001:db8::1",), 1),
        ("2001:db8::/120", ("2001:db8::/120",), 256),
        ("fe80::1%eth0", ("fe80::1%eth0",), 1),
        ("2001:db8::1-2001:db8::4", ("2001:db8::1/128", "2001:db8::2/127", "2001:db8::4/128"), 4),
        ("Printer01.Office.Example.", ("printer01.office.example",), 1),
        ("localhost", ("localhost",), 1),
        ("a-b.example", ("a-b.example",), 1),
    ],
)
def test_good_forms(text, tokens, count):
    spec = parse_targets(text)
    assert spec.tokens == tokens
    assert spec.count == count


def test_lists_split_on_commas_spaces_and_new_lines_and_drop_duplicates():
    spec = parse_targets("198.18.0.1, 198.18.0.2\n198.18.0.3\t printer01 ,, 198.18.0.1\n")
    assert spec.tokens == ("198.18.0.1", "198.18.0.2", "198.18.0.3", "printer01")
    assert spec.hostnames == ("printer01",)
    assert spec.count == 5  # the duplicate is counted: count is an upper bound for the confirmation
    assert not spec.ipv6
    assert str(spec) == "198.18.0.1 198.18.0.2 198.18.0.3 printer01"


def test_an_iterable_of_strings_is_accepted():
    assert parse_targets(["198.18.0.1", "198.18.0.2 198.18.0.3"]).count == 3


def test_ipv6_targets_are_flagged_for_nmap_dash_6_and_hostnames_go_with_either_family():
    assert parse_targets("::1 printer01").ipv6
    assert not parse_targets("127.0.0.1 printer01").ipv6


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("-oN /tmp/x", "-oN"),
        ("198.18.0.2 -oN FILE", "-oN"),
        ("--script=x", "--script=x"),
        ("-iL", "-iL"),
        ("@file", "@file"),
        ("user@host", "user@host"),
        ("/etc/passwd", "/etc/passwd"),
        ("~/targets.txt", "~/targets.txt"),
        ("./targets", "./targets"),
        ("../targets", "../targets"),
        (".hidden", ".hidden"),
        (";rm", ";rm"),
        ("198.18.0.1;reboot", "198.18.0.1;reboot"),
        ("$(reboot)", "$(reboot)"),
        ("`id`", "`id`"),
        ("a|b", "a|b"),
        ("a>b", "a>b"),
        ("300.1.1.1", "300.1.1.1"),
        ("198.18.0.256", "198.18.0.256"),
        ("01.2.3.4", "01.2.3.4"),
        ("1.2.3", "1.2.3"),
        ("198.18.0.40-10", "198.18.0.40-10"),
        ("198.18.0.40-198.18.0.10", "198.18.0.40-198.18.0.10"),
        ("2001:db8::9-2001:db8::1", "2001:db8::9-2001:db8::1"),
        ("198.18.0.1-", "198.18.0.1-"),
        ("198.18.0.0/33", "198.18.0.0/33"),
        ("198.18.0.0/", "198.18.0.0/"),
        ("example.com/24", "example.com/24"),
        ("::g", "::g"),
        ("2001:db8::/129", "2001:db8::/129"),
        ("garbage!!", "garbage!!"),
        ("x_y", "x_y"),
        ("a..b", "a..b"),
        ("host.123", "host.123"),
        ("-", "-"),
        ("päckchen.example", "päckchen.example"),
        ("a" * 64 + ".example", "a" * 64 + ".example"),
    ],
)
def test_bad_targets_raise_naming_the_token(text, named):
    with pytest.raises(InvalidTargetError) as info:
        parse_targets(text)
    assert f"'{named}'" in str(info.value)
    assert isinstance(info.value, ValidationError)  # the UI and CLI show it as a plain user error


@pytest.mark.parametrize("text", ["", "   ", " , \n ,", []])
def test_empty_input_is_refused(text):
    with pytest.raises(InvalidTargetError, match="no targets"):
        parse_targets(text)


def test_mixed_address_families_are_refused_because_nmap_scans_one_at_a_time():
    with pytest.raises(InvalidTargetError, match="'127.0.0.1' is IPv4 and '::1' is IPv6"):
        parse_targets("127.0.0.1 ::1")


def test_count_and_the_slash_16_limit():
    assert DEFAULT_LIMIT == 65_536
    sixteen = parse_targets("198.18.0.0/16")
    assert sixteen.count == 65_536
    assert not sixteen.exceeds()
    assert parse_targets("198.18.0.0/16 198.19.0.1").exceeds()
    assert parse_targets("198.18.0.0/15").count == 131_072
    assert parse_targets("198.18.0.0/24").exceeds(255)
    assert not parse_targets("198.18.0.0/24").exceeds(256)
    assert parse_targets("2001:db8::/64").count == 2**64
    assert TargetSpec(("x",), 1).exceeds(0)


SAFE_TOKEN = re.compile(r"^[A-Za-z0-9:][A-Za-z0-9.:/%-]*$")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789abcdefx.:/-%,; @~$`|&*'\"\n\t")), max_size=40))
def test_whatever_is_accepted_is_an_inert_target_token(text):
    try:
        spec = parse_targets(text)
    except InvalidTargetError:
        return
    for token in spec.tokens:
        assert SAFE_TOKEN.match(token), token
        assert not token.startswith("-")
