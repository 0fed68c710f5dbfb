"""The factor library (DOMAIN.md §6, issue 5 item 1): shipped values, lookups, overrides, user sets, bad files."""

from __future__ import annotations

import hashlib
import re
import tomllib

import pytest

from itam.errors import ConfigurationError, ValidationError
from itam.metrics.factors import (
    CATEGORY_FACTORS,
    QUALITIES,
    available_factor_sets,
    default_factor_set,
    load_factor_set,
    shipped_dir,
)
from itam.paths import data_dir, resource

SHIPPED = resource("factors", "itam-default-2026.1.toml")

# DOMAIN.md §6: weight kg, embodied default / high kgCO2e, kWh per year, reference life years.
DOMAIN_VALUES = {
    "laptop": (1.65, 181, 236, 19, 4),
    "desktop": (5.3, 249, 277, 57, 5),
    "monitor": (5.7, 65, 333, 41, 6),
    "server": (22, 1200, 3660, 1530, 4),
    "phone": (0.17, 53, 84, 7, 3),
    "tablet": (0.73, 71, 76, 15, 3),
    "thin_client": (0.93, 45, 94, 41, 5),
    "network": (0.38, 16, 36, 36, 4),
}
GRID_2024 = {"WORLD": 0.473, "CN": 0.560, "GB": 0.211, "US": 0.384, "IN": 0.708, "DE": 0.344, "FR": 0.044, "JP": 0.482}


@pytest.fixture
def shipped():
    return load_factor_set(SHIPPED)


def write_set(tmp_path, text, name="set.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def shipped_text():
    return SHIPPED.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------------------------
# The shipped set


def test_shipped_set_loads_with_every_category(shipped):
    with open(resource("categories.toml"), "rb") as fh:
        keys = {c["key"] for c in tomllib.load(fh)["category"]}
    assert set(shipped.categories) == keys
    assert shipped.name == "itam default factors"
    assert shipped.version == "2026.1"
    assert shipped.sha256 == hashlib.sha256(SHIPPED.read_bytes()).hexdigest()
    assert "2026.1" in shipped.label and shipped.sha256[:12] in shipped.label
    for key in keys:
        cat = shipped.category(key)
        assert not cat.fallback
        for f in cat.factors().values():
            assert f.source and f.licence and f.year and f.quality in QUALITIES


@pytest.mark.parametrize("key", sorted(DOMAIN_VALUES))
def test_domain_values_exactly(shipped, key):
    cat = shipped.category(key)
    got = tuple(getattr(cat, name).value for name in CATEGORY_FACTORS)
    assert got == DOMAIN_VALUES[key]


def test_sourced_categories_name_domain_sources(shipped):
    for key in ("laptop", "desktop", "monitor", "server", "phone", "tablet", "thin_client"):
        cat = shipped.category(key)
        assert cat.embodied_kgco2e.quality == "category_default"
        assert "ADEME" in cat.embodied_kgco2e.source and "Boavizta" in cat.embodied_kgco2e.source
        assert "ODbL" in cat.embodied_kgco2e.licence


@pytest.mark.parametrize("key", ["network", "printer", "storage", "voip", "camera", "other"])
def test_unvetted_categories_are_flagged_estimates(shipped, key):
    cat = shipped.category(key)
    assert cat.note  # the reasoning is written down
    for f in cat.factors().values():
        assert f.quality == "estimate"
    if key != "network":
        assert cat.embodied_kgco2e.source == "itam estimate (no vetted open value)"


def test_virtual_machine_counts_nothing_of_its_own(shipped):
    vm = shipped.category("virtual_machine")
    assert vm.virtual and vm.weight_kg.value == 0 and vm.embodied_kgco2e.value == 0 and vm.kwh_per_year.value == 0
    assert vm.reference_life_years.value > 0


def test_avoided_emission_factors_and_retention_ranges(shipped):
    assert shipped.displacement("internal_reuse").value == 1.0
    external = shipped.displacement("external_market")
    assert external.value == 0.71 and "Makov" in external.source
    assert [shipped.process_share(p).value for p in ("reuse", "refurbish", "remanufacture")] == [0.02, 0.05, 0.10]
    assert shipped.default_bound == "low"
    ghg = shipped.value_retention("remanufacture", "ghg_reduction")
    assert (ghg.low, ghg.high) == (0.79, 0.99) and ghg.value() == 0.79 and ghg.value("high") == 0.99
    assert "UNEP" in ghg.source
    material = {p: (r.low, r.high) for (p, m), r in shipped.retention.items() if m == "material_reduction"}
    assert material == {"remanufacture": (0.80, 0.98), "refurbish": (0.82, 0.99), "repair": (0.94, 0.99),
                        "reuse": (1.0, 1.0)}
    with pytest.raises(ValidationError, match="recycle/ghg_reduction"):
        shipped.value_retention("recycle", "ghg_reduction")
    with pytest.raises(ValidationError, match="internal_reuse"):
        shipped.displacement("landfill")


def test_components(shipped):
    assert [shipped.component("ram", s).value for s in (8, 16, 32)] == [19, 34, 62]
    assert [shipped.component("ssd", s).value for s in (256, 512, 1024)] == [17, 27, 46]
    assert shipped.component("HDD").value == 31
    assert shipped.component("hdd", 4000).value == 31
    assert shipped.component("motherboard").value == 66
    assert shipped.component("ram", 8).fallback is None
    near = shipped.component("ram", 4)
    assert near.value == 19 and "4 GB" in near.fallback and "8 GB" in near.fallback
    with pytest.raises(ValidationError, match="gpu"):
        shipped.component("gpu")
    with pytest.raises(ValidationError, match="size"):
        shipped.component("ram")


# --------------------------------------------------------------------------------------------------------------
# Grid


def test_grid_shipped_values(shipped):
    for code, value in GRID_2024.items():
        f = shipped.grid(code, 2024)
        assert f.value == value and f.fallback is None
        assert f.source == "Ember via Our World in Data" and f.licence == "CC BY 4.0"
    assert shipped.grid("uk", 2024).value == 0.211  # common name, lower case


def test_grid_nearest_earlier_year(tmp_path):
    text = shipped_text() + (
        '\n[[grid]]\ncountry = "CN"\nyear = 2020\nvalue = 0.6\nsource = "user"\nlicence = "own"\nquality = "measured"\n'
    )
    s = load_factor_set(write_set(tmp_path, text))
    assert s.grid("CN", 2020).value == 0.6 and s.grid("CN", 2020).fallback is None
    later = s.grid("CN", 2022)
    assert later.value == 0.6 and "2022" in later.fallback and "2020" in later.fallback
    assert s.grid("CN", 2030).value == 0.560
    assert s.grid("CN").value == 0.560  # no year: the latest
    # earlier than anything the country has: its nearest (later) year, said so
    early = s.grid("CN", 2010)
    assert early.value == 0.6 and "2010" in early.fallback


def test_grid_unknown_country_falls_back_to_world(shipped):
    f = shipped.grid("BR", 2024)
    assert f.value == 0.473
    assert "BR" in f.fallback and "WORLD" in f.fallback
    assert shipped.grid(None, 2024).value == 0.473
    assert shipped.grid("", 2024).fallback


# --------------------------------------------------------------------------------------------------------------
# Fallback and overrides


def test_unknown_category_falls_back_to_other(shipped):
    cat = shipped.category("toaster")
    other = shipped.category("other")
    assert cat.fallback is True and "toaster" in cat.reason and "other" in cat.reason
    assert cat.key == "other" and cat.embodied_kgco2e == other.embodied_kgco2e
    assert other.fallback is False and other.reason is None
    assert shipped.category(None).fallback is True
    assert shipped.category("Laptop").fallback is False  # case does not matter


MODEL = """
[[model]]
manufacturer = "Example Corp"
model = "ExampleBook 14"
category = "laptop"
embodied_kgco2e = 150
weight_kg = 1.3
source = "Example Corp PCF 2025"
year = 2025
licence = "manufacturer declaration"
"""


def test_model_override_beats_category_default(tmp_path, shipped):
    s = load_factor_set(write_set(tmp_path, shipped_text() + MODEL))
    dev = s.device("laptop", "  example corp ", "ExampleBook  14")
    assert dev.embodied_kgco2e.value == 150 and dev.embodied_kgco2e.quality == "manufacturer"
    assert dev.embodied_kgco2e.source == "Example Corp PCF 2025"
    assert dev.embodied_kgco2e_high.value == 150  # no range declared
    assert dev.weight_kg.value == 1.3
    assert dev.kwh_per_year == shipped.category("laptop").kwh_per_year  # not declared: category default
    assert dev.model == "Example Corp ExampleBook 14"
    assert set(dev.overridden) == {"embodied_kgco2e", "embodied_kgco2e_high", "weight_kg"}
    # another model, or the model under another category, keeps the default
    assert s.device("laptop", "Example Corp", "Other").embodied_kgco2e.value == 181
    assert s.device("desktop", "Example Corp", "ExampleBook 14").embodied_kgco2e.value == 249
    assert s.model_override("EXAMPLE CORP", "examplebook 14") is not None
    rows = [r for r in s.describe() if r["what"].startswith("model ")]
    assert rows and all(r["source"] == "Example Corp PCF 2025" for r in rows)


def test_model_declares_recycled_content_and_recoverability(tmp_path):
    text = shipped_text() + MODEL.replace("weight_kg = 1.3", "weight_kg = 1.3\nrecycled_content = 0.35\nrecoverability = 0.8")
    s = load_factor_set(write_set(tmp_path, text))
    assert s.model_share("Example Corp", "ExampleBook 14", "recycled_content").value == 0.35
    assert s.model_share("Example Corp", "ExampleBook 14", "recoverability", "laptop").value == 0.8
    assert s.model_share("Example Corp", "ExampleBook 14", "recycled_content", "desktop") is None
    assert s.model_share("Example Corp", "Other", "recycled_content") is None
    only_share = shipped_text() + MODEL.replace("embodied_kgco2e = 150\nweight_kg = 1.3", "recycled_content = 0.2")
    s = load_factor_set(write_set(tmp_path, only_share))
    assert s.device("laptop", "Example Corp", "ExampleBook 14").embodied_kgco2e.value == 181
    with pytest.raises(ConfigurationError, match="recycled_content.*share from 0 to 1"):
        load_factor_set(write_set(tmp_path, shipped_text() + MODEL.replace("weight_kg = 1.3", "recycled_content = 35")))


def test_second_life_years_per_pathway(tmp_path, shipped):
    assert shipped.second_life("redeploy").value == 2 and shipped.second_life("redeploy").quality == "estimate"
    assert set(shipped.second_lives) == {"life_extension", "redeploy", "remarket", "donate", "refurbish"}
    with pytest.raises(ValidationError, match="second-life years for 'recycle'"):
        shipped.second_life("recycle")
    bad = shipped_text().replace("[second_life.donate]", "[second_life.landfill]")
    with pytest.raises(ConfigurationError, match=r"second_life.landfill.*unknown pathway"):
        load_factor_set(write_set(tmp_path, bad))


# --------------------------------------------------------------------------------------------------------------
# Default and user sets


def test_default_is_the_newest_shipped_set(shipped):
    s = default_factor_set()
    assert s.path == SHIPPED and s.version == "2026.1"
    assert load_factor_set().sha256 == shipped.sha256


def test_user_active_set_is_preferred(tmp_path):
    folder = data_dir() / "factors"
    folder.mkdir(parents=True)
    text = shipped_text().replace('version = "2026.1"', 'version = "2026.1-acme"').replace(
        'name = "itam default factors"', 'name = "ACME factors"')
    text = re.sub(r"(\[category\.laptop\]\nweight_kg\s*=\s*\{ value = )1\.65", r"\g<1>1.5", text)
    (folder / "active.toml").write_text(text, encoding="utf-8")
    (folder / "broken.toml").write_text("[set]\nname = 1\n", encoding="utf-8")
    s = default_factor_set()
    assert s.name == "ACME factors" and s.version == "2026.1-acme"
    assert s.category("laptop").weight_kg.value == 1.5
    listed = {(i.origin, i.path.name): i for i in available_factor_sets()}
    assert listed[("user", "active.toml")].active and listed[("user", "active.toml")].name == "ACME factors"
    assert not listed[("shipped", SHIPPED.name)].active
    assert listed[("user", "broken.toml")].error and listed[("user", "broken.toml")].name is None


def test_available_sets_without_user_files():
    sets = available_factor_sets()
    assert [i.origin for i in sets] == ["shipped"] * len(list(shipped_dir().glob("*.toml")))
    assert [i.version for i in sets if i.active] == ["2026.1"]


# --------------------------------------------------------------------------------------------------------------
# Broken files

LAPTOP_EMBODIED = ('embodied_kgco2e      = { value = 181,  source = "ADEME Base Empreinte / NegaOctet device factors '
                   'via Boavizta; Boavizta environmental-footprint-data medians", year = 2024, licence = "ODbL 1.0", '
                   'quality = "category_default" }')


def broken(old, new):
    text = shipped_text()
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda: broken(LAPTOP_EMBODIED, LAPTOP_EMBODIED.replace("value = 181", "value = nan")),
         r"\[category\.laptop\] embodied_kgco2e: value must be a finite number"),
        (lambda: broken(LAPTOP_EMBODIED, LAPTOP_EMBODIED.replace("value = 181", "value = inf")),
         r"\[category\.laptop\] embodied_kgco2e: value must be a finite number"),
        (lambda: broken(LAPTOP_EMBODIED, LAPTOP_EMBODIED.replace("value = 181", "value = -5")),
         r"\[category\.laptop\] embodied_kgco2e: value must not be negative"),
        (lambda: broken(LAPTOP_EMBODIED, LAPTOP_EMBODIED.replace("value = 181", 'value = "181"')),
         r"\[category\.laptop\] embodied_kgco2e: value must be a number"),
        (lambda: broken(LAPTOP_EMBODIED, LAPTOP_EMBODIED.replace("value = 181", "value = 300")),
         r"\[category\.laptop\] embodied_kgco2e_high: the high value 236 is below the default 300"),
        (lambda: broken(LAPTOP_EMBODIED, re.sub(r'source = "[^"]*", ', "", LAPTOP_EMBODIED)),
         r"\[category\.laptop\] embodied_kgco2e: source is missing"),
        (lambda: broken(LAPTOP_EMBODIED, LAPTOP_EMBODIED.replace(', licence = "ODbL 1.0"', "")),
         r"\[category\.laptop\] embodied_kgco2e: licence is missing"),
        (lambda: broken(LAPTOP_EMBODIED, LAPTOP_EMBODIED.replace(', year = 2024', "")),
         r"\[category\.laptop\] embodied_kgco2e: year is missing"),
        (lambda: broken(LAPTOP_EMBODIED, LAPTOP_EMBODIED.replace('"category_default"', '"guess"')),
         r"\[category\.laptop\] embodied_kgco2e: quality must be one of measured, manufacturer"),
        (lambda: broken(LAPTOP_EMBODIED, LAPTOP_EMBODIED.replace("quality =", "colour = 1, quality =")),
         r"\[category\.laptop\] embodied_kgco2e: unknown key 'colour'"),
        (lambda: broken("[category.laptop]\n", "[category.laptop]\nwarranty_years = 3\n"),
         r"\[category\.laptop\]: unknown key 'warranty_years'"),
        (lambda: broken("[category.laptop]\n", "[category.toaster]\nnote = 'x'\n[category.laptop]\n"),
         r"\[category\.toaster\]: unknown category 'toaster'"),
        (lambda: broken("[set]\n", "[set]\nauthor = 'me'\n"), r"\[set\]: unknown key 'author'"),
        (lambda: broken("[[grid]]\n", "[colours]\n[[grid]]\n"), r"top level: unknown key 'colours'"),
        (lambda: broken("[category.laptop]\nweight_kg            = { value = 1.65,",
                        "[category.laptop]\nweight_kg            = { value = 0,"),
         r"\[category\.laptop\] weight_kg: value must be above 0"),
        (lambda: broken("reference_life_years = { value = 4,    source = \"ADEME Base Empreinte / NegaOctet device factors via Boavizta\"",
                        "reference_life_years = { value = 0,    source = \"ADEME Base Empreinte / NegaOctet device factors via Boavizta\""),
         r"\[category\.laptop\] reference_life_years: value must be above 0"),
        (lambda: broken('country = "CN"\nyear = 2024\nvalue = 0.560', 'country = "CN"\nyear = 2024\nvalue = -0.5'),
         r"\[\[grid\]\] CN 2024: value must not be negative"),
        (lambda: broken('country = "CN"', 'country = "China"'), r"\[\[grid\]\] #2: country must be an ISO 3166"),
        (lambda: broken('country = "WORLD"', 'country = "XW"'), r"\[\[grid\]\]: a WORLD row is needed"),
        (lambda: broken("value = 0.71", "value = 1.71"), r"\[displacement\.external_market\] value: is a share"),
        (lambda: broken("low = 0.94\nhigh = 0.99", "low = 0.99\nhigh = 0.94"),
         r"\[\[value_retention\]\] repair material_reduction: high 0.94 is below low 0.99"),
        (lambda: re.sub(r"\[category\.other\]\n(?:.*\n){6}", "", shipped_text()),
         r"\[category\]: the 'other' category is missing"),
        (lambda: shipped_text() + MODEL.replace("embodied_kgco2e = 150\nweight_kg = 1.3\n", ""),
         r"\[\[model\]\] Example Corp ExampleBook 14: gives none of"),
        (lambda: shipped_text() + MODEL.replace('licence = "manufacturer declaration"\n', 'quality = "vibes"\nlicence = "x"\n'),
         r"\[\[model\]\] Example Corp ExampleBook 14: quality must be one of"),
        (lambda: "[set\nname = 'x'", r"is not a valid TOML factor file"),
    ],
)
def test_broken_files_name_what_is_wrong(tmp_path, edit, message):
    path = write_set(tmp_path, edit())
    with pytest.raises(ConfigurationError, match=message) as caught:
        load_factor_set(path)
    assert str(path) in str(caught.value)


def test_missing_file_is_a_configuration_error(tmp_path):
    with pytest.raises(ConfigurationError, match="cannot read the factor file"):
        load_factor_set(tmp_path / "nope.toml")


# --------------------------------------------------------------------------------------------------------------
# Methodology appendix


def test_describe_rows_carry_source_and_licence(shipped):
    rows = shipped.describe()
    count = (len(shipped.categories) * len(CATEGORY_FACTORS) + len(shipped.grid_rows) + len(shipped.components)
             + len(shipped.displacements) + len(shipped.process_shares) + len(shipped.retention)
             + len(shipped.second_lives))
    assert len(rows) == count
    for row in rows:
        assert set(row) >= {"what", "value", "unit", "source", "year", "licence", "quality"}
        assert row["source"] and row["licence"] and row["quality"] in QUALITIES
        assert isinstance(row["value"], float)
    laptop = {r["what"]: r for r in rows if r["what"].startswith("laptop: ")}
    assert laptop["laptop: embodied_kgco2e"]["value"] == 181 and laptop["laptop: embodied_kgco2e"]["unit"] == "kgCO2e"
    grid = next(r for r in rows if r["what"] == "grid CN 2024")
    assert grid["value"] == 0.56 and grid["unit"] == "kgCO2/kWh" and grid["licence"] == "CC BY 4.0"
    retention = next(r for r in rows if r["what"] == "value retention remanufacture ghg_reduction")
    assert retention["value"] == 0.79 and retention["range"] == (0.79, 0.99)  # lower bound by default
