"""One helper for every journey: a Dutch browser tab that records what goes wrong.

A ``Journey`` opens its own browser context (1280px or 375px wide, nl-NL, with or
without JavaScript) and listens to every response, console message and page error.
``see()`` checks a public page as a visitor meets it: its h1, axe-core (WCAG 2.1 A/AA;
with JavaScript only) and, on the phone, that the h1 is in the first screen. ``finish()``
fails on any 4xx/5xx of a page or asset that the journey did not ask for on purpose,
and on any console error or uncaught script error.
"""

import re
from urllib.parse import urlsplit

from django.core import mail

from members.factories import PASSWORD

DESKTOP = {"width": 1280, "height": 900}
# The phone's first screen, from the issue: 375 by 740 CSS pixels.
PHONE = {"width": 375, "height": 740}
VIEWPORTS = {"1280px": DESKTOP, "375px": PHONE}

LINK = re.compile(r"https?://[^/\s]+(/[^\s<>\"']*)")


class Journey:
    def __init__(self, chromium, live_server, assert_accessible, viewport, javascript=True):
        self.base = live_server.url
        self.assert_accessible = assert_accessible
        self.viewport = viewport
        self.phone = viewport["width"] < 768
        self.javascript = javascript
        self.context = chromium.new_context(
            viewport=viewport,
            locale="nl-NL",
            java_script_enabled=javascript,
            is_mobile=self.phone,
            has_touch=self.phone,
            accept_downloads=True,
        )
        self.tab = self.context.new_page()
        self.tab.set_default_timeout(15_000)
        self.problems = []
        self.allowed = set()  # (status, path) the journey asks for on purpose
        self.tab.on("response", self._response)
        self.tab.on("console", self._console)
        self.tab.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))

    def _response(self, response):
        if response.status >= 400 and (response.status, urlsplit(response.url).path) not in self.allowed:
            self.problems.append(f"{response.status} {response.request.method} {response.url}")

    def _console(self, message):
        # "Failed to load resource" repeats a failed response, which _response already judged.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console error: {message.text} ({message.location.get('url', '')})")

    def goto(self, path, status=200):
        """Open a path; a status other than 200 is one the journey asks for on purpose."""
        if status >= 400:
            self.allowed.add((status, urlsplit(path).path))
        response = self.tab.goto(self.base + path)
        assert response.status == status, f"{path}: {response.status}, expected {status}"
        return response

    def h1(self):
        return self.tab.get_by_role("heading", level=1)

    def see(self, heading, label=None, public=True):
        """The page shows this h1; a public page also passes axe and, on a phone, shows the h1 at once."""
        self.tab.wait_for_load_state()
        h1 = self.h1()
        assert h1.count() == 1, f"{self.tab.url}: {h1.count()} h1 elements"
        text = h1.inner_text().strip()
        assert heading.search(text) if isinstance(heading, re.Pattern) else text == heading, (
            f"{self.tab.url}: h1 is {text!r}, expected {heading!r}"
        )
        if public:
            # axe-core's run never settles in a page without JavaScript; the journeys with JavaScript
            # check the same pages.
            if self.javascript:
                self.assert_accessible(self.tab, f"{label or text} ({self.viewport['width']}px)")
            if self.phone:
                # Measured from the top of the document, so a jump to an anchor does not hide it.
                bottom = h1.evaluate("el => el.getBoundingClientRect().bottom + window.scrollY")
                self.check(
                    bottom <= PHONE["height"],
                    f"{self.tab.url}: the h1 ends at {bottom:.0f}px, below the first screen ({PHONE['height']}px)",
                )
        return h1

    def check(self, ok, problem):
        """Record a problem instead of stopping, so the rest of the journey is still walked; finish() fails."""
        if not ok:
            self.problems.append(problem)

    def click(self, locator, url):
        """Follow a link or press a button and wait for the next page."""
        locator.click()
        self.tab.wait_for_url(url)

    def finish(self):
        self.context.close()
        assert not self.problems, "Problems during the journey:\n" + "\n".join(self.problems)


def log_in_to_admin(person, username):
    """Log in to the Wagtail admin through its own login form."""
    tab = person.tab
    person.goto("/admin/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    person.click(tab.locator("form button[type=submit]").first, re.compile(r"/admin/$"))


def mails_to(address):
    return [message for message in mail.outbox if any(address in to for to in message.to)]


def last_mail_to(address):
    messages = mails_to(address)
    assert messages, f"No e-mail to {address}; sent: {[(m.to, m.subject) for m in mail.outbox]}"
    return messages[-1]


def link_in(message, fragment):
    """The path of the first link in a mail's text body that contains `fragment`."""
    paths = [path for path in LINK.findall(message.body) if fragment in path]
    assert paths, f"No link with {fragment!r} in the mail {message.subject!r}:\n{message.body}"
    return paths[0]
