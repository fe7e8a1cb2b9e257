"""With the page cache on: a visitor reads cached pages and registers for an event; a member logs in
and gets her own pages, never a cached visitor's page (and never the other way round)."""

import re

import pytest

from events.factories import EventIndexPageFactory, EventPageFactory
from members.factories import PASSWORD, MemberFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("page_cache"),
]

TITLE = "Intervisie voor programmamanagers"


@pytest.fixture
def event(home):
    index = EventIndexPageFactory(parent=home, show_in_menus=True)
    return EventPageFactory(parent=index, title=TITLE, slug="intervisie-programmamanagers", capacity=10)


def cache_state(response):
    return response.headers.get("x-cache")


def account_link(person):
    return person.tab.locator(".site-header__account").inner_text().strip()


def test_visitor_registers_and_member_logs_in_with_the_cache_on(journey, event, desktop):
    # Each visitor is a browser of their own: a browser keeps a page for a while (max-age) itself.
    first, visitor = journey(desktop), journey(desktop)
    assert cache_state(first.goto("/")) == "miss"
    assert cache_state(first.goto(event.url)) == "miss"
    assert cache_state(visitor.goto("/")) == "hit"
    assert account_link(visitor) == "Inloggen"
    assert cache_state(visitor.goto(event.url)) == "hit"
    visitor.see(TITLE)
    assert visitor.tab.get_by_text("Nog 10 van de 10 plaatsen vrij").is_visible()

    # The form carries a CSRF token: never from the cache. Registering works.
    visitor.click(visitor.tab.locator("main").get_by_role("link", name="Schrijf je in"), re.compile(r"/aanmelden/$"))
    visitor.see(f"Aanmelden voor {TITLE}", "registration form")
    visitor.tab.get_by_label("Naam").fill("Joost Bakker")
    visitor.tab.get_by_label("E-mailadres").fill("joost@deventer.example.org")
    visitor.tab.get_by_label("Organisatie").fill("Gemeente Deventer")
    visitor.tab.get_by_label(re.compile("Ik ga akkoord met de privacyverklaring")).check()
    visitor.click(visitor.tab.get_by_role("button", name="Aanmelden"), re.compile(r"/aanmelden/bevestigd/$"))
    visitor.see(re.compile(r"aangemeld", re.IGNORECASE), "confirmation")

    # The registration purged the cache: a new visitor sees the seat taken.
    newcomer = journey(desktop)
    assert cache_state(newcomer.goto(event.url)) == "miss"
    assert newcomer.tab.get_by_text("Nog 9 van de 10 plaatsen vrij").is_visible()
    assert cache_state(journey(desktop).goto(event.url)) == "hit"

    # A member logs in: her pages are her own, and she never gets the visitors' cached home page,
    # not from the site and not from her browser, which had it from before she logged in (Vary: Cookie).
    MemberFactory(email="ilse@zwolle.example.org")
    member = journey(desktop)
    assert cache_state(member.goto("/")) == "miss"  # the registration purged it
    assert account_link(member) == "Inloggen"
    member.goto("/account/login/")
    member.see("Inloggen", "log-in form")
    member.tab.get_by_label("E-mail").fill("ilse@zwolle.example.org")
    member.tab.get_by_label("Wachtwoord").fill(PASSWORD)
    member.click(member.tab.locator("main").get_by_role("button", name="Inloggen"), re.compile(r"/mijn/$"))
    member.see("Mijn pagina", "dashboard")
    mine = member.goto("/mijn/")
    assert cache_state(mine) == "bypass"
    assert "private" in mine.headers["cache-control"]
    home = member.goto("/")
    assert cache_state(home) == "bypass"
    assert account_link(member) == "Mijn pagina"
    # Nor do visitors get hers.
    assert account_link(newcomer) == "Inloggen"
    newcomer.goto("/")
    assert account_link(newcomer) == "Inloggen"


@pytest.fixture
def desktop():
    return {"width": 1280, "height": 900}
