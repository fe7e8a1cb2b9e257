import wagtail_factories

from .models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Kennisbank Opgavegericht Werken"
    slug = "home"
    intro = "<p>Een plek om kennis en ervaring over opgavegericht werken te delen.</p>"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "Over ons"
    intro = "Wie we zijn en wat we doen."

    class Meta:
        model = StandardPage
