"""core.pdf: a tagged PDF whose images come from the site's own files, never from the network."""

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pikepdf
import pytest
import wagtail_factories

from core.pdf import html_to_pdf


@pytest.fixture
def outside_server():
    """An HTTP server that counts the requests it gets (it should get none)."""
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/svg+xml")
            self.end_headers()
            self.wfile.write(b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()


def alt_texts(data):
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [str(obj.Alt) for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and "/Alt" in obj]


def embedded_images(data):
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return sum(1 for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image")


def test_images_come_from_the_storage_and_the_finders_with_their_alt_text(db, outside_server):
    url, requests = outside_server
    image = wagtail_factories.ImageFactory(title="Foto")
    html = f"""<html lang="nl"><head><title>Beelden</title></head><body><h1>Beelden</h1>
        <img src="{image.file.url}" alt="Leden in gesprek">
        <img src="/static/favicon.svg" alt="Het logo">
        <img src="{url}/buiten.svg" alt="Van buiten">
        </body></html>"""
    data = html_to_pdf(html, base_url="http://localhost").content
    assert requests == []  # the outside address was never asked
    assert {"Leden in gesprek", "Het logo"} <= set(alt_texts(data))
    assert embedded_images(data) == 1  # the upload; the logo is drawn as vectors, the outside one not at all
