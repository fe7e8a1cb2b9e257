"""The knowledge snippets in the Wagtail admin: perspectives, definitions and organisations.

Run as a superuser and as an editor whose only rights come from Wagtail's own "Editors"
group. Perspectives are a fixed set: their texts can be edited, but nobody adds or deletes
one, not even a superuser.
"""

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.test.utils.form_data import rich_text

import pytest
from bs4 import BeautifulSoup

from knowledge.factories import DefinitionFactory, OrganisationFactory
from knowledge.models import Definition, Organisation, Perspective

pytestmark = pytest.mark.django_db

ROLES = ["superuser", "editor"]


def url(model, action, *args):
    return reverse(f"wagtailsnippets_knowledge_{model}:{action}", args=args)


@pytest.fixture
def users(django_user_model):
    superuser = django_user_model.objects.create_superuser("beheerder", "beheer@example.org", "wachtwoord-1")
    editor = django_user_model.objects.create_user("redacteur", "redactie@example.org", "wachtwoord-2")
    editor.groups.add(Group.objects.get(name="Editors"))
    return {"superuser": superuser, "editor": editor}


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def admin_client(users, role):
    """A client logged in as the role under test. Returns a 500 instead of raising, so tests can assert on it."""
    client = Client(raise_request_exception=False)
    client.force_login(users[role])
    client.role = role
    return client


@pytest.fixture
def content():
    definitions = [
        DefinitionFactory(term="Opgave", synonyms="maatschappelijke opgave, vraagstuk"),
        DefinitionFactory(term="Bestuurlijk opdrachtgever", synonyms="portefeuillehouder"),
        DefinitionFactory(term="Bouwsteen", synonyms=""),
    ]
    organisations = [
        OrganisationFactory(name="Gemeente Utrecht", type="gemeente", province="utrecht"),
        OrganisationFactory(name="Provincie Gelderland", type="provincie", province="gelderland"),
        OrganisationFactory(name="Waterschap Rivierenland", type="waterschap", province="gelderland"),
        OrganisationFactory(name="Ministerie van BZK", type="rijksoverheid", province=""),
    ]
    return {"definitions": definitions, "organisations": organisations}


def assert_admin_page(response, what):
    """200, or a clear explanation of why the editor was sent away."""
    if response.status_code == 302 and response["Location"].rstrip("/").endswith("/admin"):
        pytest.fail(
            f"{what}: the user was redirected to the admin dashboard (permission denied). If this is the editor: "
            "the 'Editors' group has no permissions on the knowledge snippets; a data migration must grant them."
        )
    assert response.status_code == 200, f"{what}: HTTP {response.status_code}"


def listed(response):
    """The object titles in the listing table, as shown."""
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return {cell.get_text(" ", strip=True) for cell in page.select("table tbody tr td.title a, table tbody tr td a")}


def listing_names(response):
    return {str(obj) for obj in response.context["object_list"]}


# --- The Editors group -----------------------------------------------------------------------


def test_the_editors_group_may_work_with_the_knowledge_snippets():
    editors = Group.objects.get(name="Editors")
    granted = set(editors.permissions.filter(content_type__app_label="knowledge").values_list("codename", flat=True))
    needed = {
        "change_perspective",
        "add_definition",
        "change_definition",
        "add_organisation",
        "change_organisation",
    }
    assert needed <= granted, f"the Editors group lacks {sorted(needed - granted)}"
    assert not {"add_perspective", "delete_perspective"} & granted


# --- Listings, search and filters ------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("perspective", None),  # the four from the data migration
        ("definition", {"Opgave", "Bestuurlijk opdrachtgever", "Bouwsteen"}),
        (
            "organisation",
            {"Gemeente Utrecht", "Provincie Gelderland", "Waterschap Rivierenland", "Ministerie van BZK"},
        ),
    ],
)
def test_listing_loads_and_shows_every_item(admin_client, content, model, expected):
    if expected is None:
        expected = set(Perspective.objects.values_list("name", flat=True))

    response = admin_client.get(url(model, "list"))

    assert_admin_page(response, f"{model} listing as {admin_client.role}")
    assert listing_names(response) == expected
    assert expected <= listed(response), "every item is shown in the table"


@pytest.mark.parametrize(
    ("model", "query", "expected"),
    [
        ("perspective", "leren", {"Opgavegericht leren"}),
        ("perspective", "besturingsmodel", {"Opgavegericht besturen"}),  # from the short description
        ("definition", "Bestuurlijk", {"Bestuurlijk opdrachtgever"}),
        ("definition", "portefeuillehouder", {"Bestuurlijk opdrachtgever"}),  # a synonym
        ("organisation", "Rivierenland", {"Waterschap Rivierenland"}),
        ("organisation", "onbestaand", set()),
    ],
)
def test_listing_search(admin_client, content, model, query, expected):
    response = admin_client.get(url(model, "list"), {"q": query})

    assert_admin_page(response, f"{model} search as {admin_client.role}")
    assert listing_names(response) == expected


@pytest.mark.parametrize(
    ("model", "params", "expected"),
    [
        ("definition", {"term__istartswith": "b"}, {"Bestuurlijk opdrachtgever", "Bouwsteen"}),
        ("definition", {"term__istartswith": "o"}, {"Opgave"}),
        ("organisation", {"type": "waterschap"}, {"Waterschap Rivierenland"}),
        ("organisation", {"province": "gelderland"}, {"Provincie Gelderland", "Waterschap Rivierenland"}),
        ("organisation", {"type": "provincie", "province": "gelderland"}, {"Provincie Gelderland"}),
        ("organisation", {"type": "gemeente", "province": "gelderland"}, set()),
    ],
)
def test_listing_filters(admin_client, content, model, params, expected):
    response = admin_client.get(url(model, "list"), params)

    assert_admin_page(response, f"{model} filter as {admin_client.role}")
    assert listing_names(response) == expected


@pytest.mark.parametrize(
    ("model", "params", "expected"),
    [
        ("organisation", {"q": "Provincie", "province": "gelderland"}, {"Provincie Gelderland"}),
        ("organisation", {"q": "Gemeente", "type": "gemeente"}, {"Gemeente Utrecht"}),
        ("definition", {"q": "opdrachtgever", "term__istartswith": "b"}, {"Bestuurlijk opdrachtgever"}),
    ],
)
def test_search_and_filter_combine(admin_client, content, model, params, expected):
    response = admin_client.get(url(model, "list"), params)

    assert_admin_page(response, f"{model} search + filter {params} as {admin_client.role}")
    assert listing_names(response) == expected


@pytest.mark.parametrize(
    ("model", "params"),
    [
        ("organisation", {"q": "gemeente", "ordering": "name"}),
        ("organisation", {"q": "gelderland", "ordering": "type"}),
        ("organisation", {"q": "gelderland", "ordering": "-province"}),
        ("definition", {"q": "opgave", "ordering": "-term"}),
        ("definition", {"q": "opgave", "ordering": "synonyms"}),
        ("perspective", {"q": "opgavegericht", "ordering": "slug"}),
    ],
)
def test_search_results_can_be_sorted_by_a_column(admin_client, content, model, params):
    response = admin_client.get(url(model, "list"), params)

    assert_admin_page(response, f"{model} search sorted {params} as {admin_client.role}")
    assert listing_names(response), "the search finds something"


# --- Perspectives: edit, but never add or delete ---------------------------------------------


def test_perspective_texts_can_be_edited(admin_client):
    perspective = Perspective.objects.get(slug="leren")
    edit_url = url("perspective", "edit", perspective.pk)
    assert_admin_page(admin_client.get(edit_url), f"perspective edit view as {admin_client.role}")

    response = admin_client.post(
        edit_url,
        {
            "name": "Opgavegericht leren en ontwikkelen",
            "short_description": "Een nieuwe korte beschrijving.",
            "colour": "#5a2a6b",
        },
    )

    assert response.status_code == 302, f"the edit was not saved (HTTP {response.status_code})"
    assert response["Location"] != reverse("wagtailadmin_home"), "permission denied on save"
    perspective.refresh_from_db()
    assert perspective.name == "Opgavegericht leren en ontwikkelen"
    assert perspective.short_description == "Een nieuwe korte beschrijving."
    assert perspective.colour == "#5a2a6b"
    assert perspective.slug == "leren", "the slug is fixed: filters and URLs depend on it"
    assert perspective.sort_order == 3, "the order is fixed"


def test_perspective_edit_form_has_no_slug_or_order_field(admin_client):
    perspective = Perspective.objects.get(slug="sturen")
    response = admin_client.post(
        url("perspective", "edit", perspective.pk),
        {
            "name": perspective.name,
            "short_description": perspective.short_description,
            "colour": perspective.colour,
            "slug": "gehackt",
            "sort_order": "0",
        },
    )

    assert response.status_code == 302
    perspective.refresh_from_db()
    assert (perspective.slug, perspective.sort_order) == ("sturen", 1)


def test_a_perspective_colour_that_is_not_a_hex_code_is_refused(admin_client):
    perspective = Perspective.objects.get(slug="besturen")
    old_colour = perspective.colour

    response = admin_client.post(
        url("perspective", "edit", perspective.pk),
        {"name": perspective.name, "short_description": perspective.short_description, "colour": "blauw"},
    )

    perspective.refresh_from_db()
    assert perspective.colour == old_colour, "an invalid colour ('blauw') was stored; help text asks for a hex code"
    assert response.status_code == 200
    assert response.context["form"].errors.get("colour")


def test_perspectives_can_not_be_added(admin_client):
    add_url = url("perspective", "add")

    get_response = admin_client.get(add_url)
    post_response = admin_client.post(
        add_url, {"name": "Opgavegericht rekenen", "short_description": "Een vijfde.", "colour": "#123456"}
    )

    assert get_response.status_code in (302, 403), f"the add form is shown (HTTP {get_response.status_code})"
    assert post_response.status_code in (302, 403)
    assert Perspective.objects.count() == 4
    assert not Perspective.objects.filter(name="Opgavegericht rekenen").exists()


def test_perspectives_can_not_be_copied(admin_client):
    perspective = Perspective.objects.get(slug="besturen")

    response = admin_client.get(url("perspective", "copy", perspective.pk))

    assert response.status_code in (302, 403)
    assert Perspective.objects.count() == 4


def test_perspectives_can_not_be_deleted(admin_client):
    perspective = Perspective.objects.get(slug="presteren")
    delete_url = url("perspective", "delete", perspective.pk)

    get_response = admin_client.get(delete_url)
    post_response = admin_client.post(delete_url)

    assert get_response.status_code in (302, 403), (
        f"the delete confirmation is shown (HTTP {get_response.status_code})"
    )
    assert post_response.status_code in (302, 403)
    assert Perspective.objects.filter(pk=perspective.pk).exists()
    assert Perspective.objects.count() == 4


def test_perspectives_can_not_be_deleted_in_bulk(admin_client):
    ids = list(Perspective.objects.values_list("pk", flat=True))
    bulk_url = reverse("wagtail_bulk_action", args=["knowledge", "perspective", "delete"])
    query = "&".join(f"id={pk}" for pk in ids)

    admin_client.get(f"{bulk_url}?{query}")
    response = admin_client.post(f"{bulk_url}?{query}", {"next": url("perspective", "list")})

    assert response.status_code in (200, 302, 403)
    assert Perspective.objects.count() == 4


def test_no_add_copy_or_delete_is_offered_for_perspectives(admin_client):
    response = admin_client.get(url("perspective", "list"))
    assert_admin_page(response, f"perspective listing as {admin_client.role}")
    html = response.content.decode()

    assert url("perspective", "add") not in html, "the listing offers an 'add' button"
    for perspective in Perspective.objects.all():
        assert url("perspective", "delete", perspective.pk) not in html, "the listing offers 'delete'"
        assert url("perspective", "copy", perspective.pk) not in html, "the listing offers 'copy'"

    first = Perspective.objects.first()
    edit = admin_client.get(url("perspective", "edit", first.pk))
    assert url("perspective", "delete", first.pk) not in edit.content.decode(), "the edit view offers 'delete'"


def test_no_bulk_delete_is_offered_for_perspectives(admin_client):
    response = admin_client.get(url("perspective", "list"))
    assert_admin_page(response, f"perspective listing as {admin_client.role}")

    bulk_delete = reverse("wagtail_bulk_action", args=["knowledge", "perspective", "delete"])
    assert bulk_delete not in response.content.decode(), (
        "the listing has select boxes and a bulk 'Verwijderen' button for perspectives, which can never succeed"
    )


def test_admin_url_finder_gives_an_edit_url_for_a_perspective(users, role):
    perspective = Perspective.objects.get(slug="leren")
    finder = AdminURLFinder(users[role])

    assert finder.get_edit_url(perspective) == url("perspective", "edit", perspective.pk), (
        f"{role} gets no edit link for a perspective"
    )


# --- Definitions: bad input is a form error, never a 500 -------------------------------------


def test_superuser_adds_a_definition_and_the_slug_is_filled(users):
    client = Client()
    client.force_login(users["superuser"])

    response = client.post(
        url("definition", "add"),
        {"term": "Opgavegericht werken", "slug": "", "definition": rich_text("<p>Werken vanuit de opgave.</p>")},
    )

    assert response.status_code == 302
    assert Definition.objects.get(term="Opgavegericht werken").slug == "opgavegericht-werken"


def test_a_term_whose_slug_is_taken_gets_a_form_error_not_a_500(users):
    DefinitionFactory(term="Co-creatie")
    client = Client(raise_request_exception=False)
    client.force_login(users["superuser"])

    # Another term that slugifies to the same anchor, "co-creatie", with the slug left empty.
    response = client.post(
        url("definition", "add"),
        {"term": "Co creatie", "slug": "", "definition": rich_text("<p>Samen maken.</p>")},
    )

    assert response.status_code != 500, "saving a second term with the slug 'co-creatie' crashes (IntegrityError)"
    if response.status_code == 200:  # the form is shown again with an error
        assert response.context["form"].errors
        assert not Definition.objects.filter(term="Co creatie").exists()
    else:  # or it is saved with an anchor of its own
        slugs = list(Definition.objects.filter(term__in=["Co-creatie", "Co creatie"]).values_list("slug", flat=True))
        assert len(slugs) == 2 and len(set(slugs)) == 2


def test_an_organisation_name_must_be_unique(users):
    OrganisationFactory(name="Gemeente Utrecht")
    client = Client(raise_request_exception=False)
    client.force_login(users["superuser"])

    response = client.post(
        url("organisation", "add"), {"name": "Gemeente Utrecht", "type": "gemeente", "province": ""}
    )

    assert response.status_code == 200
    assert response.context["form"].errors.get("name")
    assert Organisation.objects.filter(name="Gemeente Utrecht").count() == 1
