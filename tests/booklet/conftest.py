"""A small guide for the booklet: the corpus, each chapter with text of its own."""

import pytest

from knowledge.models import GuideChapterPage


@pytest.fixture
def chapters(corpus):
    """The corpus's chapters, in the guide's order, each with its own intro and a paragraph in its body."""
    chapters = list(GuideChapterPage.objects.select_related("perspective").order_by("path"))
    for chapter in chapters:
        chapter.intro = f"Waarom {chapter.perspective.slug} ertoe doet voor de organisatie."
        chapter.body = [("paragraph", f"<p>Een alinea over {chapter.perspective.slug} in de praktijk.</p>")]
        chapter.save_revision().publish()
    return chapters
