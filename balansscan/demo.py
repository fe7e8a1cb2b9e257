"""Demo statements for `manage.py load_demo_content`; the texts are in balansscan/demo/statements.toml.

Safe to run again: a statement is found by its perspective and text and saved only when its
building block or place changed. Run after the chapters, whose building blocks it links to.
"""

from core.demo.loader import read, upsert
from knowledge.models import BuildingBlockPage, Perspective

from .models import STATEMENTS_MAXIMUM, Statement


def load_statement_demo():
    """Create or update the demo statements; returns how many the file holds."""
    loaded = 0
    for group in read("balansscan", "statements.toml")["perspectives"]:
        perspective = Perspective.objects.filter(slug=group["perspective"]).first()
        if perspective is None:
            raise group.error(f"onbekende invalshoek '{group['perspective']}'")
        if len(group["statements"]) > STATEMENTS_MAXIMUM:
            raise group.error(f"meer dan {STATEMENTS_MAXIMUM} stellingen")
        for position, item in enumerate(group["statements"]):
            block = None
            if item["building_block"]:
                block = BuildingBlockPage.objects.filter(slug=item["building_block"]).first()
                if block is None:
                    raise item.error(f"onbekende bouwsteen '{item['building_block']}'")
            upsert(
                Statement,
                {"perspective": perspective, "text": item["text"]},
                {"building_block": block, "sort_order": position},
            )
            loaded += 1
    return loaded
