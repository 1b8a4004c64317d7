"""What counts as written under a model card heading, and which tables are training logs."""

from __future__ import annotations

from prodready.scanners.model_cards import parse_card


def _empty(text: str) -> dict[str, bool]:
    return {s.title: s.empty for s in parse_card("model_card.md", text, "file").sections}


def test_a_heading_over_nothing_or_placeholders_is_empty() -> None:
    sections = _empty(
        "# Card\n## Intended uses & limitations\n\nMore information needed\n"
        "## Factors\n* Relevant factors\n* Evaluation factors\n"
        "## Metrics\n[Insert the metrics here]\n"
        "## Ethical Considerations\n<!-- Describe the risks. -->\n"
        "## Caveats and Recommendations\n"
    )
    assert sections == {
        "Card": True,  # nothing is written in any of its subsections either
        "Intended uses & limitations": True,
        "Factors": True,
        "Metrics": True,
        "Ethical Considerations": True,
        "Caveats and Recommendations": True,
    }


def test_written_content_counts_including_subsections_and_requests_to_readers() -> None:
    sections = _empty(
        "## Model Details\n### Where to send questions\nPlease use the issue tracker.\n"
        "## Intended Uses:\n### Primary intended uses\nResearchers studying text generation.\n"
        "## Metrics\nPlease include the metrics used.\n"
    )
    assert sections["Model Details"] is False
    assert sections["Where to send questions"] is False
    assert sections["Intended Uses:"] is False  # written in its subsection
    assert sections["Metrics"] is True  # an instruction to the author


def test_a_per_epoch_table_is_a_log_not_metrics() -> None:
    card = parse_card(
        "README.md",
        "# m\n- Accuracy: 0.886\n\n| Epoch | Step | Accuracy |\n|---|---|---|\n"
        "| 1.0 | 400 | 0.841 |\n| 2.0 | 800 | 0.886 |\n\n"
        "| Split | Accuracy |\n|---|---|\n| test | 0.871 |\n",
        "file",
    )
    assert [(m.value, m.source) for m in card.metrics] == [(0.871, "table"), (0.886, "text")]


def test_a_folder_named_in_a_code_span_is_a_mention() -> None:
    card = parse_card(
        "model_card.md",
        "The model is kept under `./model/`; see https://example.org/data/ and `src/`.\n",
        "file",
    )
    assert "model/" in card.mentions and "src/" in card.mentions
    assert not any("example.org" in m for m in card.mentions)
