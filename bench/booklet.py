#!/usr/bin/env python
"""How long building the booklet takes, on the full demo content.

    DATABASE_URL=postgres://.../cop_dev .venv/bin/python bench/booklet.py [--rounds 5]

Uses the database in DATABASE_URL (the dev settings); when it has no guide yet, it loads the demo
content first (`manage.py load_demo_content`). Each round runs the steps of booklet.service:
reading the content, the HTML, the PDF (layout and writing, by WeasyPrint), and prints a table of
the seconds per step (median and slowest of the rounds), with the pages and bytes of the PDF.
Nothing is saved: no edition, no document.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_site.settings.dev")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from booklet.content import collect  # noqa: E402
from booklet.service import render_html  # noqa: E402
from core.pdf import html_to_pdf  # noqa: E402
from knowledge.models import GuidePage  # noqa: E402


def one_round():
    """(seconds per step, the PDF)."""
    times = {}
    started = time.perf_counter()
    content = collect()
    times["inhoud lezen"] = time.perf_counter() - started
    started = time.perf_counter()
    html = render_html(content, timezone.now())
    times["HTML"] = time.perf_counter() - started
    started = time.perf_counter()
    pdf = html_to_pdf(html, content.base_url)
    times["PDF (WeasyPrint)"] = time.perf_counter() - started
    times["totaal"] = sum(times.values())
    return times, pdf


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not GuidePage.objects.live().exists():
        call_command("load_demo_content", verbosity=0)
    started = time.perf_counter()
    html_to_pdf("<html lang='nl'><title>opwarmen</title><p>opwarmen</p></html>", None)  # imports, fonts
    warm_up = time.perf_counter() - started
    rounds = [one_round() for _ in range(args.rounds)]
    pdf = rounds[-1][1]
    print(f"Boekje van de demo-inhoud: {pdf.page_count} pagina's, {len(pdf.content):,} bytes; {args.rounds} rondes")
    print(f"(eerste PDF in het proces, met het laden van WeasyPrint en de lettertypen: {warm_up:.2f} s)\n")
    print(f"| {'stap':<18} | {'mediaan (s)':>11} | {'traagste (s)':>12} |")
    print(f"|{'-' * 20}|{'-' * 13}|{'-' * 14}|")
    for step in rounds[0][0]:
        values = [times[step] for times, _ in rounds]
        print(f"| {step:<18} | {statistics.median(values):>11.3f} | {max(values):>12.3f} |")


if __name__ == "__main__":
    main()
