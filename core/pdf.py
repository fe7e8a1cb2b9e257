"""HTML to an accessible PDF: tagged PDF/UA-1 made by WeasyPrint.

The language, title and bookmarks come from the HTML (`<html lang>`, `<title>`, the headings).
WeasyPrint fetches only the site's own static files and uploads, straight from the finders and
the storage: never a request over the network, so building a PDF needs no running web server
and an address in editors' content cannot make the server fetch anything.
"""

import mimetypes
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage

PDF_VARIANT = "pdf/ua-1"


@dataclass
class Pdf:
    content: bytes
    page_count: int


def html_to_pdf(html, base_url):
    """The tagged PDF of `html`; relative addresses resolve against `base_url` (the site's root URL)."""
    # Imported here: WeasyPrint takes most of a second to import, paid only by a process that makes a PDF.
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url, url_fetcher=local_fetcher()()).render(pdf_variant=PDF_VARIANT)
    return Pdf(document.write_pdf(pdf_variant=PDF_VARIANT), len(document.pages))


@cache
def local_fetcher():
    """WeasyPrint's fetcher for static files (from the finders) and uploads (from the storage); nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = unquote(urlsplit(url).path)
            for prefix, opener in ((settings.STATIC_URL, open_static), (settings.MEDIA_URL, default_storage.open)):
                if prefix and path.startswith(prefix):
                    with opener(path.removeprefix(prefix)) as f:
                        body = f.read()
                    mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": mime_type})
            raise ValueError(f"Alleen eigen bestanden van de site: {url}")

    return LocalFetcher


def open_static(name):
    found = finders.find(name)
    if not found:
        raise FileNotFoundError(name)
    return open(found, "rb")
