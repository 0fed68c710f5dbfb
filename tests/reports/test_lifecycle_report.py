"""The fleet lifecycle report PDF, rendered from real demo metrics and read back with pypdf and poppler."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import date

import pypdf
import pytest

from itam.errors import ValidationError
from itam.metrics.fleet import parse_period
from itam.metrics.results import Ratio
from reports.certificates import Organisation
from reports.charts import Charts, nice_scale
from reports.fonts import fonts
from reports.lifecycle_report import (
    DEFINITIONS_ZH,
    definitions,
    fmt_co2,
    fmt_int,
    fmt_kg,
    fmt_num,
    fmt_pct,
    render_lifecycle_report,
)

ORG = Organisation("Northwind Trading Co.", address="88 Harbour Road, Shanghai", email="it@northwind.example")
needs_poppler = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pdftoppm")),
                                   reason="poppler-utils missing")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A demo fleet, shared by the tests (they only read it)."""
    from itam.db import open_database
    from itam.services import Actor, Services
    from itam.services.demo import generate_demo

    db = open_database(f"sqlite:///{tmp_path_factory.mktemp('fleet') / 'demo.sqlite3'}")
    services = Services(db, Actor("tester", "cli"))
    generate_demo(services, count=80)
    yield services
    db.dispose()


@pytest.fixture(scope="module")
def demo_metrics(demo):
    """Metrics of the demo fleet over every year it covers (the demo's dates spread over the past years)."""
    return demo.metrics.compute(parse_period("2015-01-01", date.today()))


def read(path) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(str(path))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Whitespace collapsed: a value wrapped over two lines of a table cell reads as one."""
    return re.sub(r"\s+", " ", text)


def assert_no_junk(text: str) -> None:
    assert not re.search(r"\bnan\b", text, re.IGNORECASE), "a NaN was printed"
    assert not re.search(r"\bNone\b", text), "a None was printed"
    assert "inf" not in re.findall(r"\b\w+\b", text.lower())


def test_report_reads_back_with_the_figures_as_printed(demo_metrics, tmp_path):
    m = demo_metrics
    out = render_lifecycle_report(m, tmp_path / "fleet.pdf", organisation=ORG)
    assert out == tmp_path / "fleet.pdf" and out.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fleet.pdf"]  # no temporary file left
    reader, text = read(out)
    pages = len(reader.pages)
    assert pages >= 4
    assert reader.metadata.title.startswith("Fleet lifecycle report") and m.period.label in reader.metadata.title
    assert reader.metadata.author == ORG.name
    one = flat(text)
    for expected in (
        ORG.name, "Fleet lifecycle report", m.period.label, m.factor_set_name, m.factor_set_version,
        m.factor_set_sha256[:12], f"Page 1 of {pages}", f"Page {pages} of {pages}",
        fmt_int(m.total_assets), fmt_int(m.arising_count), fmt_kg(m.ewaste_diverted_kg),
        fmt_co2(m.co2e_avoided["default"]), fmt_num(m.co2e_avoided["low"]), fmt_num(m.co2e_avoided["high"]),
        fmt_co2(m.use_phase_kgco2e), f"{fmt_num(m.use_phase_kwh)} kWh", fmt_kg(m.materials_saved_kg["low"]),
        "reported apart from the inventory", "never netted",
        "Appendix A. Methodology", f"Appendix C. Factors used ({len(m.factors_used)})",
    ):
        assert expected in one, expected
    for ratio in (m.collection_rate_mass, m.collection_rate_count, m.recovery_rate, m.reuse_share,
                  m.sanitization_compliance):
        if ratio.value is not None:
            assert fmt_pct(ratio.value) in one
    if m.life_achieved is not None:
        assert fmt_pct(m.life_achieved) in one
    for row in m.value:
        assert f"{row.currency} {row.net:,.2f}" in one
    # every factor used, with its source; every note; the definitions
    assert m.factors_used
    for f in m.factors_used:
        assert flat(str(f["source"])) in one, f["source"]
        assert f["what"] in one, f["what"]
    for note in m.notes:
        assert flat(note) in one, note
    for head, _ in definitions():
        assert head in one, head
    # the index and the findings
    if m.index is not None:
        assert "Composite circularity index" in one and m.index.label("en") in one
    finding = next(f for f in m.findings if f.examples)
    assert finding.examples[0] in one and finding.examples[-1] in one
    assert_no_junk(text)


@needs_poppler
def test_chinese_report_renders_cjk(demo_metrics, tmp_path):
    out = render_lifecycle_report(demo_metrics, tmp_path / "fleet-zh.pdf", language="zh_CN",
                                  organisation=Organisation("北风贸易有限公司"))
    reader, text = read(out)
    one = flat(text)
    for expected in ("IT 资产生命周期报告", "关键指标", "循环综合评价指数", "附录 A", "与排放清单分开报告",
                     "北风贸易有限公司", f"第 1 页，共 {len(reader.pages)} 页", demo_metrics.factor_set_version):
        assert expected in one, expected
    assert "Fleet lifecycle report" not in one and "Key figures" not in one
    poppler = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, check=True).stdout.decode()
    assert "关键指标" in poppler and "产生量" in poppler
    # the glyphs are embedded (a TrueType subset), and poppler rasterises the pages without complaint
    if fonts().cjk_embedded:
        font_files = [
            f for page in reader.pages for f in page["/Resources"]["/Font"].values()
            if "/FontFile2" in f.get_object().get("/FontDescriptor", {})
            or any("/FontFile2" in d.get_object().get("/FontDescriptor", {})
                   for d in f.get_object().get("/DescendantFonts", []))
        ]
        assert font_files, "no embedded TrueType (CJK) font"
    result = subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")],
                            capture_output=True, check=True)
    assert not result.stderr.strip() and list(tmp_path.glob("p*.png"))
    assert_no_junk(text)


def test_empty_register_renders_and_says_there_is_no_data(services, tmp_path):
    m = services.metrics.compute(parse_period("2024-01-01", "2024-12-31"))
    assert m.total_assets == 0
    for lang, no_data in (("en", "No data for the period"), ("zh_CN", "本期无数据")):
        out = render_lifecycle_report(m, tmp_path / f"empty-{lang}.pdf", language=lang)
        reader, text = read(out)
        assert len(reader.pages) >= 2
        assert no_data in text and "—" in text
        assert_no_junk(text)


def test_a_past_period_without_events_renders(demo, tmp_path):
    m = demo.metrics.compute(parse_period("1990-01-01", "1990-12-31"))
    assert not m.pathways and m.arising_count == 0
    _, text = read(render_lifecycle_report(m, tmp_path / "past.pdf"))
    one = flat(text)
    assert "No data for the period" in one and "Nothing in the period." in one
    assert_no_junk(text)


def test_missing_ratios_print_a_dash_and_the_reason(demo_metrics, tmp_path):
    zero = Ratio(0.0, 0.0)
    m = dataclasses.replace(
        demo_metrics, collection_rate_mass=zero, collection_rate_count=zero, recovery_rate=zero, reuse_share=zero,
        ewaste_diverted_share=zero, sanitization_compliance=zero, discovery_coverage=zero, life_achieved=None,
        index=None, value=(), use_phase_kwh=float("nan"), materials_saved_kg={},
        notes=("no discovery scan before the period's end: discovery coverage is not computed",),
    )
    _, text = read(render_lifecycle_report(m, tmp_path / "dash.pdf"))
    one = flat(text)
    assert one.count("—") >= 8
    for expected in ("No discovery scan before the period's end: discovery coverage is not computed.",
                     "No data-bearing asset left the organisation's custody in the period.",
                     "No asset was retired, lost or went missing in the period", "see note 1",
                     "The composite index was not computed."):
        assert expected in one, expected
    assert_no_junk(text)


def test_every_definition_has_a_chinese_translation():
    heads = [h for h, _ in definitions()]
    assert len(heads) >= 6 and "Mass" in heads
    assert [h for h in heads if h not in DEFINITIONS_ZH] == []
    assert all("*" not in b and "``" not in b for _, b in definitions())


def test_writing_is_atomic(demo_metrics, tmp_path, monkeypatch):
    with pytest.raises(ValidationError):
        render_lifecycle_report(demo_metrics, tmp_path / "no-such-folder" / "r.pdf")
    with pytest.raises(ValidationError):
        render_lifecycle_report(demo_metrics, tmp_path / "r.pdf", language="fr")
    target = tmp_path / "r.pdf"
    target.write_bytes(b"old report")
    import reports.lifecycle_report as lr

    def fail(*_args, **_kw):
        raise OSError("disk full")

    monkeypatch.setattr(lr.os, "replace", fail)
    with pytest.raises(OSError):
        render_lifecycle_report(demo_metrics, target)
    assert target.read_bytes() == b"old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.pdf"]


def test_charts_draw_a_message_without_data():
    charts = Charts(fonts(), "No data for the period")
    for drawing in (charts.hbar([], 200), charts.hbar([("a", 0)], 200), charts.vbar([], 200, 100),
                    charts.stacked([], [], 300, 150), charts.pie([("a", 0.0, None)], 200, 100),
                    charts.grouped_hbar(["x"], [("low", [0.0], None)], 200)):
        texts = [getattr(s, "text", "") for s in drawing.contents]
        assert "No data for the period" in texts
    assert nice_scale(87, 4, integer=True) == (100, 25)
    assert nice_scale(0) == (1.0, 0.2)
