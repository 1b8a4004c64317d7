"""Trend outputs: charts drawn by our code with gaps for missing scores, repo text escaped, CSV read back."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from prodready.models import AspectStatus, Band
from prodready.trend.chart import Series, line_chart_svg, sparkline_svg
from prodready.trend.model import AspectFlip, FlipDirection, RevisionPoint, TrendResult
from prodready.trend.render import deltas, from_csv, render, to_csv, to_html

SVG = "{http://www.w3.org/2000/svg}"
EVIL = '<script>alert("x")</script>'


def _result() -> TrendResult:
    points = [
        RevisionPoint(
            rev="=1+1",
            sha="a" * 40,
            short_sha="a" * 10,
            date="2026-01-01T10:00:00+00:00",
            subject=EVIL,
            tags=["=1+1", "v1"],
            score=55.5,
            band=Band.NOT_READY,
            kind="model_service",
            categories={"testing": None, "security": 40.0},
            aspects={"testing.tests_present": AspectStatus.NO},
            findings={"critical": 1, "high": 0, "medium": 2, "low": 0, "info": 0},
            notes=['malformed config a.yaml:3: bad, "really" bad', "checklist: gone"],
        ),
        RevisionPoint(
            rev="v2",
            sha="b" * 40,
            short_sha="b" * 10,
            date="2026-02-01",
            problem="could not be audited: x",
        ),
        RevisionPoint(
            rev="v3",
            sha="c" * 40,
            short_sha="c" * 10,
            date="2026-03-01T10:00:00+00:00",
            tags=["v3"],
            score=80.0,
            band=Band.READY,
            categories={"testing": 100.0, "security": 60.0},
            aspects={"testing.tests_present": AspectStatus.YES},
            findings={"critical": 0, "high": 0, "medium": 0, "low": 1, "info": 0},
            flips=[
                AspectFlip(
                    aspect="testing.tests_present",
                    before=AspectStatus.NO,
                    after=AspectStatus.YES,
                    direction=FlipDirection.IMPROVED,
                )
            ],
        ),
    ]
    return TrendResult(
        tool_version="0",
        generated_at="2026-03-02T00:00:00+00:00",
        repo=EVIL,
        selection="tags",
        requested=["*"],
        notes=["shallow clone: older history is missing"],
        categories=["testing", "security"],
        revisions=points,
    )


def test_sparkline_is_valid_svg_with_a_gap_for_missing_scores() -> None:
    svg = ET.fromstring(sparkline_svg([40.0, 60.0, None, 70.0, 90.0]))
    assert svg.tag == f"{SVG}svg"
    lines = svg.findall(f"{SVG}polyline")
    assert [len(line.get("points", "").split()) for line in lines] == [2, 2]
    assert svg.find(f"{SVG}title").text == "Readiness over the last 5 revisions: 40 to 90"  # type: ignore[union-attr]
    assert len(svg.findall(f"{SVG}circle")) == 1


def test_sparkline_edge_cases() -> None:
    assert ET.fromstring(sparkline_svg([])).find(f"{SVG}polyline") is None
    assert ET.fromstring(sparkline_svg([None, None])).find(f"{SVG}circle") is None
    single = ET.fromstring(sparkline_svg([75.0]))
    assert single.find(f"{SVG}circle") is not None


def test_line_chart_escapes_labels_and_marks_tags() -> None:
    chart = line_chart_svg(
        [EVIL, "v2"],
        [Series("overall", [10.0, 20.0], "#000"), Series(EVIL, [None, 5.0], "#f00")],
        [[EVIL], []],
    )
    root = ET.fromstring(chart)  # parses: nothing unescaped broke the markup
    assert "<script>" not in chart
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert f"tag {EVIL}" in titles


def test_deltas_skip_unscored_points() -> None:
    assert deltas(_result().revisions) == [None, None, 24.5]


def test_csv_round_trips_and_guards_formulas() -> None:
    result = _result()
    text = to_csv(result)
    assert "\n'=1+1," in text  # a spreadsheet shows it as text, never runs it
    assert EVIL not in text  # commit subjects stay out of the CSV
    assert from_csv(text) == [p.model_copy(update={"subject": ""}) for p in result.revisions]


def test_json_is_the_model() -> None:
    result = _result()
    assert TrendResult.model_validate(json.loads(render(result, "json"))) == result
    assert json.loads(render(result, "json"))["schema_version"] == "1.0"


def test_html_escapes_repository_text() -> None:
    page = to_html(_result())
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "could not be audited: x" in page and "shallow clone" in page


def test_table_text_lists_flips_problems_and_notes() -> None:
    text = render(_result(), "table")
    assert "+testing.tests_present (no→yes)" in text
    assert "v2: could not be audited: x" in text
    assert "note: shallow clone" in text
    assert "not ready" in text and "+24.5" in text


def test_chart_axis_shows_tags_or_dates_and_the_legend_explains_every_mark() -> None:
    from prodready.trend.render import categories_for, chart_for

    result = _result()
    axis = [
        t.text or ""
        for t in ET.fromstring(chart_for(result)).iter(f"{SVG}text")
        if t.get("y") and float(t.get("y", 0)) > 250 and float(t.get("y", 0)) < 290
    ]
    for point in result.revisions:  # three points: every one labelled, by tag or else by date
        assert (point.tags[0] if point.tags else point.date[:10]) in axis
    assert not any(label.startswith("HEAD~") for label in axis)
    words = " ".join(t.text or "" for t in ET.fromstring(chart_for(result)).iter(f"{SVG}text"))
    assert "n aspects improved" in words and "band thresholds" in words
    assert "tagged revision" in words and "not audited" in words
    multiples = ET.fromstring(categories_for(result) or "<svg/>")
    assert len(multiples.findall(f"{SVG}g")) == len(result.categories)
