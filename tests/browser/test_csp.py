"""Every page type, and the Wagtail admin editor, under the site's Content-Security-Policy.

The browser reports each violation twice: as a `securitypolicyviolation` event (listened to in
every page and frame through an init script) and as a console message that names the
"Content Security Policy". Either one fails the test. Each page must also have sent the policy,
so the test cannot pass on a site that sends none.
"""

import io
import re

from django.contrib.auth.models import Group

import PIL.Image
import pytest
from wagtail_factories import ImageFactory

from events.factories import EventIndexPageFactory, EventPageFactory
from knowledge.factories import BuildingBlockPageFactory
from knowledge.models import Perspective
from members.factories import PASSWORD, MemberFactory, UserFactory
from members.workflow import ensure_case_workflow

from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "?"} on ${event.documentURI}` +
      ` (${event.sourceFile || "?"}:${event.lineNumber}) ${event.sample}`
  );
}, true);
"""


def png_bytes():
    image = io.BytesIO()
    PIL.Image.new("RGB", (40, 30), "#6b2c7a").save(image, "PNG")
    return image.getvalue()


class PolicyWatch:
    """A browser tab that records every CSP violation and every page sent without a policy."""

    def __init__(self, chromium, live_server):
        self.base = live_server.url
        self.violations = []
        self.unprotected = []
        self.context = chromium.new_context(viewport=DESKTOP, locale="nl-NL")
        self.context.expose_function("reportCspViolation", self._report)
        self.context.add_init_script(REPORT_VIOLATIONS)
        self.tab = self.context.new_page()
        self.tab.set_default_timeout(15_000)
        self.tab.on("console", self._console)
        self.tab.on("response", self._response)

    def _report(self, violation):
        self.violations.append(violation)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append(f"console: {message.text}")

    def _response(self, response):
        if response.request.resource_type == "document" and "content-security-policy" not in response.headers:
            self.unprotected.append(response.url)

    def goto(self, path, status=200):
        response = self.tab.goto(self.base + path)
        assert response.status == status, f"{path}: HTTP {response.status}"
        self.tab.wait_for_load_state("networkidle")
        return response

    def log_in(self, path, username_field, username, button):
        self.goto(path)
        self.tab.locator(username_field).fill(username)
        self.tab.locator("#id_password").fill(PASSWORD)
        self.tab.locator(button).click()
        self.tab.wait_for_load_state("networkidle")

    def check(self):
        assert not self.violations, "Content-Security-Policy violations:\n" + "\n".join(self.violations)
        assert not self.unprotected, f"Pages without a Content-Security-Policy: {self.unprotected}"


@pytest.fixture
def watch(chromium, live_server):
    watch = PolicyWatch(chromium, live_server)
    yield watch
    watch.context.close()


@pytest.fixture
def site(corpus, glossary):
    """Content for every page type, a member and an administrator."""
    ensure_case_workflow()
    events = EventIndexPageFactory(parent=corpus["chapters"]["leren"].get_parent().get_parent(), show_in_menus=True)
    event = EventPageFactory(parent=events, title="Webinar opgavegericht werken", perspectives=["leren"])
    block = BuildingBlockPageFactory(parent=corpus["chapters"]["besturen"], title="Opgaveteam", slug="opgaveteam")
    ImageFactory(title="Wijkfoto")
    admin = UserFactory(username="beheerder", email="beheer@example.org", is_superuser=True)
    admin.groups.add(Group.objects.get(name="Editors"))
    return {
        **corpus,
        "glossary": glossary,
        "events": events,
        "event": event,
        "block": block,
        "case": corpus["cases"]["wijk"],
        "member": MemberFactory(username="lid-csp"),
        "admin": admin,
    }


def test_every_public_page_type_keeps_to_the_policy(watch, site):
    tab = watch.tab
    guide = site["chapters"]["besturen"].get_parent()
    for path in [
        "/",
        guide.url,
        site["chapters"]["besturen"].url,
        site["block"].url,
        site["glossary"].url,
        site["case"].get_parent().url,
        site["case"].url,
        site["events"].url,
        site["event"].url,
        site["event"].url + "aanmelden/",
        "/zoeken/?q=wijk",
    ]:
        watch.goto(path)
        assert tab.get_by_role("heading", level=1).count() == 1, path

    # The search results list the case, and the perspectives' colours come from the stylesheet.
    assert tab.get_by_role("link", name="Wijkaanpak met bewoners").count()
    watch.goto(site["case"].url)
    tag = tab.locator(".perspective-tag.accent-leren").first
    assert tag.evaluate("el => getComputedStyle(el).getPropertyValue('--accent').trim()") == "#6b2c7a"

    # Suggestions as you type fetch JSON from the site (connect-src).
    tab.get_by_role("combobox", name="Zoeken in de kennisbank").press_sequentially("wijk")
    tab.get_by_role("option", name=re.compile("Wijkaanpak met bewoners")).wait_for()

    # A member logs in, sees their page and the form to share a case.
    watch.log_in("/account/login/", "#id_login", site["member"].email, "form button[type=submit] >> nth=-1")
    assert tab.url.endswith("/mijn/")
    watch.goto("/mijn/")
    watch.goto("/praktijkvoorbeelden/delen/")
    assert tab.locator(".members-form__hp").evaluate("el => getComputedStyle(el).position") == "absolute"

    watch.goto("/bestaat-niet/", status=404)
    # Answers for programs, as a browser shows them. (Not the sitemap: Chromium's own XML viewer
    # styles it inline, which the policy blocks; the sitemap itself is for crawlers.)
    for path in ["/api/v2/pages/", "/bijeenkomsten/rss/", "/robots.txt"]:
        watch.goto(path)
    watch.check()


def test_the_admin_editor_keeps_to_the_admin_policy(watch, site):
    tab = watch.tab
    case = site["case"]
    watch.log_in("/admin/login/", "#id_username", "beheerder", "form button[type=submit] >> nth=0")
    assert tab.url.endswith("/admin/")
    watch.goto(f"/admin/pages/{case.get_parent().pk}/")

    # The page editor of a case, with the preview panel open: the page itself, framed by the admin.
    watch.goto(f"/admin/pages/{case.pk}/edit/")
    tab.locator("[data-side-panel-toggle='preview']").click()
    preview = tab.frame_locator("#w-preview-iframe")
    preview.get_by_role("heading", level=1, name="Wijkaanpak met bewoners").wait_for()
    tab.wait_for_load_state("networkidle")
    # The image chooser, a modal loaded into the editor.
    field = tab.locator("[data-field-wrapper]", has=tab.locator("input[name=image]"))
    if not field.is_visible():
        panel = tab.locator("[role=tabpanel]", has=field)
        tab.locator(f"[role=tab][aria-controls='{panel.get_attribute('id')}']").click()
    field.locator("[data-chooser-action-choose]").click()
    tab.locator(".modal").get_by_role("link", name="Wijkfoto").wait_for()
    tab.wait_for_load_state("networkidle")

    # An event's editor, with its date and time widgets, and a snippet editor.
    watch.goto(f"/admin/pages/{site['event'].pk}/edit/")
    watch.goto(f"/admin/snippets/knowledge/perspective/edit/{Perspective.objects.get(slug='leren').pk}/")
    assert tab.locator("#id_colour").input_value() == "#6b2c7a"

    # Uploading images: the admin shows each one from a blob: URL before it is saved.
    watch.goto("/admin/images/multiple/add/")
    tab.locator("input[type=file]").set_input_files(
        {"name": "wijk.png", "mimeType": "image/png", "buffer": png_bytes()}
    )
    tab.locator("#upload-list li.upload-success").wait_for()
    tab.wait_for_load_state("networkidle")

    # A public page as an editor sees it: with Wagtail's user bar.
    watch.goto(case.url)
    tab.locator("wagtail-userbar").wait_for(state="attached")
    watch.check()
