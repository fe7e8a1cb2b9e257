"""The rough edges a new member meets when they share their first case."""

import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core import mail

from wagtail.models import WorkflowState

import pytest

from knowledge.models import Organisation, PracticeCasePage
from members import cases
from members.forms import CaseSubmissionForm

from .helpers import case_data, client_for

pytestmark = pytest.mark.django_db

SUBMIT = "/praktijkvoorbeelden/delen/"


def concept(**data):
    return {"concept": "1", "website": "", "submission_token": "", **data}


def publish(page):
    page.refresh_from_db()
    page.get_latest_revision().publish()
    page.refresh_from_db()
    return page


@pytest.mark.parametrize("allowed", [False, True])
def test_contact_email_public_only_when_the_member_says_so(allowed, site, clients):
    form = clients["member_a"].get(SUBMIT).content.decode()
    assert "mag op de openbare pagina staan" in form
    assert (
        'name="publish_contact_email"' in form and "checked" not in form.split('name="publish_contact_email"')[1][:80]
    )
    data = case_data(site, **({"publish_contact_email": "on"} if allowed else {}))
    assert clients["member_a"].post(SUBMIT, data).status_code == 302
    page = publish(PracticeCasePage.objects.get())
    assert page.publish_contact_email is allowed
    public = client_for(None).get(page.url).content.decode()
    assert "Jan Jansen" in public
    assert ("jan@example.org" in public) is allowed


def test_concept_needs_only_a_title(site, clients):
    response = clients["member_a"].post(SUBMIT, concept(title="Half af"))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = PracticeCasePage.objects.get()
    assert (page.title, page.year, page.summary) == ("Half af", None, "")
    assert not WorkflowState.objects.for_instance(page).exists()

    # Submitting it asks for what is missing, consent included, and keeps the concept as it was.
    edit_url = f"/praktijkvoorbeelden/delen/{page.pk}/bewerken/"
    edit = clients["member_a"].get(edit_url).content.decode()
    assert "checked" not in edit.split('name="consent"')[1][:80]
    response = clients["member_a"].post(edit_url, {"title": "Half af", "indienen": "1", "website": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Zonder toestemming kunnen we het voorbeeld niet publiceren." in html
    assert "Kies minstens één invalshoek." in html
    assert "Kies je organisatie of vul hieronder de naam in." in html
    assert cases.case_status(page)[0] == "concept"
    assert page.get_latest_revision_as_object().title == "Half af"


def test_concept_without_title_is_refused(site, clients):
    response = clients["member_a"].post(SUBMIT, concept(title="", summary="Iets"))
    assert response.status_code == 400
    assert "Dit is een verplicht veld." in response.content.decode()
    assert not PracticeCasePage.objects.exists()


def test_too_long_title_gets_a_message_not_a_cut(site, clients):
    assert "maxlength" not in str(CaseSubmissionForm()["title"])
    title = ("Opgavegericht werken in de regio " * 4).strip()
    response = clients["member_a"].post(SUBMIT, case_data(site, title=title))
    assert response.status_code == 400
    assert f"Maak de titel korter: hij mag 120 tekens hebben en heeft er nu {len(title)}." in response.content.decode()
    assert not PracticeCasePage.objects.exists()


def test_slug_follows_the_title_until_first_published(site, users, clients):
    clients["member_a"].post(SUBMIT, concept(title="Eerste werktitel"))
    page = PracticeCasePage.objects.get()
    assert page.slug == "eerste-werktitel"
    edit_url = f"/praktijkvoorbeelden/delen/{page.pk}/bewerken/"
    response = clients["member_a"].post(edit_url, concept(title="Opgaveteams in Zwolle"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.slug == "opgaveteams-in-zwolle"
    assert page.url_path.endswith("/opgaveteams-in-zwolle/")
    assert page.get_latest_revision_as_object().slug == "opgaveteams-in-zwolle"

    clients["member_a"].post(edit_url, case_data(site))
    page = publish(page)
    assert page.url.endswith("/praktijkvoorbeelden/opgaveteams-in-zwolle/")
    # Once published, a new title keeps the address that links and search engines already know.
    form = CaseSubmissionForm(case_data(site, title="Een andere titel"))
    assert form.is_valid(), form.errors
    cases.update_case(page, form, users["member_a"], submit=False)
    page.refresh_from_db()
    assert page.slug == "opgaveteams-in-zwolle"
    assert page.get_latest_revision_as_object().slug == "opgaveteams-in-zwolle"


def test_long_title_gives_a_slug_cut_between_words(site, clients):
    title = "Samen werken aan de opgave van de binnenstad met ondernemers en bewoners"
    clients["member_a"].post(SUBMIT, concept(title=title))
    assert PracticeCasePage.objects.get().slug == "samen-werken-aan-de-opgave-van-de-binnenstad-met-ondernemers"


def test_other_organisation_is_added_for_editors_to_check(site, users, clients):
    form = clients["member_a"].get(SUBMIT).content.decode()
    assert "Anders, namelijk (vul hieronder in)" in form and 'name="other_organisation"' in form
    data = concept(title="Opgaveteams in Zwolle", other_organisation="  Waterschap Nergensland ")
    assert clients["member_a"].post(SUBMIT, data).status_code == 302
    added = Organisation.objects.get(name="Waterschap Nergensland")
    assert not added.reviewed
    assert list(PracticeCasePage.objects.get().get_latest_revision_as_object().organisations.all()) == [added]
    # Not offered to other members before an editor has checked it; the same name is not added twice.
    assert "Waterschap Nergensland" not in clients["member_b"].get(SUBMIT).content.decode()
    data = case_data(site, title="Tweede voorbeeld", organisation="", other_organisation="waterschap nergensland")
    assert clients["member_b"].post(SUBMIT, data).status_code == 302
    assert Organisation.objects.filter(name__iexact="waterschap nergensland").count() == 1
    # The member who added it sees it again when editing their case.
    page = PracticeCasePage.objects.get(title="Opgaveteams in Zwolle")
    edit = clients["member_a"].get(f"/praktijkvoorbeelden/delen/{page.pk}/bewerken/")
    assert 'value="Waterschap Nergensland"' in edit.content.decode()

    listing = clients["editor"].get("/admin/snippets/knowledge/organisation/?reviewed=false").content.decode()
    assert "Waterschap Nergensland" in listing and "Gemeente Zwolle" not in listing


def test_member_gets_a_confirmation_mail_on_submit(site, users, clients, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        clients["member_a"].post(SUBMIT, concept(title="Nog een concept"))
    assert not [m for m in mail.outbox if users["member_a"].email in m.to]

    with django_capture_on_commit_callbacks(execute=True):
        clients["member_a"].post(SUBMIT, case_data(site))
    (message,) = [m for m in mail.outbox if users["member_a"].email in m.to]
    assert message.subject == "We hebben je praktijkvoorbeeld ontvangen: Opgaveteams in Zwolle"
    assert f"Beste Lid {users['member_a'].username}," in message.body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/mijn/" in message.body

    # A resubmit after the editors asked for changes is confirmed too.
    page = PracticeCasePage.objects.get(title="Opgaveteams in Zwolle")
    state = WorkflowState.objects.active().for_instance(page).get()
    state.current_task_state.specific.task.specific.on_action(
        state.current_task_state, users["moderator"], "reject", comment="Graag concreter."
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        clients["member_a"].post(f"/praktijkvoorbeelden/delen/{page.pk}/bewerken/", case_data(site, title="Nieuw"))
    assert [m.subject for m in mail.outbox if users["member_a"].email in m.to] == [
        "We hebben je praktijkvoorbeeld ontvangen: Nieuw"
    ]


def test_member_preview_says_not_yet_published(site, users, clients):
    clients["member_a"].post(SUBMIT, case_data(site))
    page = PracticeCasePage.objects.get()
    preview = clients["member_a"].get(f"/praktijkvoorbeelden/delen/{page.pk}/voorbeeld/")
    assert preview.status_code == 200
    assert "Nog niet gepubliceerd." in preview.content.decode()
    publish(page)
    assert "Nog niet gepubliceerd." not in client_for(None).get(page.url).content.decode()


def test_member_is_named_by_name_or_email_never_username(site, client):
    password = "Opgave-Gericht-2024!"
    response = client.post(
        "/account/signup/",
        {"email": "nina@example.org", "password1": password, "password2": password, "full_name": "Nina Nieuw"}
        | {"role": "Opgavemanager"},
    )
    sent = [str(m) for m in get_messages(response.wsgi_request)]
    assert sent == ["We hebben een e-mail met een bevestigingslink gestuurd naar nina@example.org."]
    user = get_user_model().objects.get(email="nina@example.org")
    (message,) = [m for m in mail.outbox if "nina@example.org" in m.to]
    confirm = re.search(r"https?://[^/\s]+(/account/[^\s]+)", message.body).group(1)
    client.post(confirm)
    client.logout()
    client.post("/account/login/", {"login": "nina@example.org", "password": password})
    dashboard = client.get("/mijn/").content.decode()
    assert "ingelogd als Nina Nieuw" in dashboard
    assert user.username not in dashboard
