from django.utils import timezone

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from .models import (
    BuildingBlockPage,
    CaseIndexPage,
    Definition,
    GlossaryPage,
    GuideChapterPage,
    GuidePage,
    Organisation,
    Perspective,
    PracticeCasePage,
)


class OrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Gemeente Voorbeeld {n}")
    type = Organisation.Type.GEMEENTE
    province = Organisation.Province.UTRECHT

    class Meta:
        model = Organisation
        django_get_or_create = ["name"]


class DefinitionFactory(DjangoModelFactory):
    term = factory.Sequence(lambda n: f"Begrip {n}")
    definition = "<p>Een heldere omschrijving.</p>"

    class Meta:
        model = Definition


class GuidePageFactory(wagtail_factories.PageFactory):
    title = "Inspiratiegids Opgavegericht Werken"
    slug = "inspiratiegids"
    intro = "<p>De gids langs vier invalshoeken.</p>"

    class Meta:
        model = GuidePage


class GuideChapterPageFactory(wagtail_factories.PageFactory):
    perspective = factory.Iterator(Perspective.objects.all())
    title = factory.LazyAttribute(lambda o: o.perspective.name)
    slug = factory.LazyAttribute(lambda o: o.perspective.slug)
    intro = "Een hoofdstuk van de gids."

    class Meta:
        model = GuideChapterPage


class BuildingBlockPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Bouwsteen {n}")
    slug = factory.Sequence(lambda n: f"bouwsteen-{n}")
    summary = "Een bouwsteen die helpt bij opgavegericht werken."

    class Meta:
        model = BuildingBlockPage


class GlossaryPageFactory(wagtail_factories.PageFactory):
    title = "Begrippen"
    slug = "begrippen"

    class Meta:
        model = GlossaryPage


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Praktijkvoorbeelden"
    slug = "praktijkvoorbeelden"

    class Meta:
        model = CaseIndexPage


class PracticeCasePageFactory(wagtail_factories.PageFactory):
    """A case; pass perspectives=[...] (slugs or objects), organisations=[...], building_blocks=[...]."""

    title = factory.Sequence(lambda n: f"Praktijkvoorbeeld {n}")
    first_published_at = factory.LazyFunction(timezone.now)
    slug = factory.Sequence(lambda n: f"praktijkvoorbeeld-{n}")
    summary = "Een gemeente werkte opgavegericht en deelt wat dat opleverde."
    year = 2024
    situation = "<p>De situatie.</p>"
    approach = "<p>De aanpak.</p>"
    results = "<p>De resultaten.</p>"
    lessons = "<p>De lessen.</p>"

    class Meta:
        model = PracticeCasePage

    @factory.post_generation
    def perspectives(obj, create, extracted, **kwargs):
        values = extracted or ["besturen"]
        obj.perspectives.set([v if isinstance(v, Perspective) else Perspective.objects.get(slug=v) for v in values])

    @factory.post_generation
    def organisations(obj, create, extracted, **kwargs):
        obj.organisations.set(extracted or [])

    @factory.post_generation
    def building_blocks(obj, create, extracted, **kwargs):
        obj.building_blocks.set(extracted or [])

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # ParentalManyToManyFields live in memory until the page is saved.
        if create:
            instance.save()
