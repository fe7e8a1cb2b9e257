"""Template hygiene that Django does not check itself."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_no_template_comment_spans_lines():
    """Django's {# #} comments end at the line's end; a multi-line one is printed on the page."""
    offenders = []
    for template in TEMPLATES.rglob("*.html"):
        for number, line in enumerate(template.read_text().splitlines(), 1):
            start = line.find("{#")
            if start != -1 and "#}" not in line[start:]:
                offenders.append(f"{template.relative_to(TEMPLATES)}:{number}")
    assert not offenders, f"use {{% comment %}} for comments over several lines: {offenders}"
