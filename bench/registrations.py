#!/usr/bin/env python
"""Benchmark: many people register for one event at the same moment, over real HTTP.

What it does:
  1. sets up Django against DATABASE_URL (PostgreSQL; the script runs `migrate`, so use a
     scratch database), and creates a scratch event with --seats seats under the
     /bijeenkomsten/ index (creating a home page and the index only if there are none);
  2. starts the site in a child process (this script with --serve) on 127.0.0.1 and a free
     port, in Django's threaded WSGI server: one thread per request, each with its own
     database connection. A separate process, so the clients do not share its interpreter lock;
  3. lets --requests clients each fetch the form (for their CSRF cookie and token), then
     fires all the POSTs at once from --concurrency threads;
  4. prints the outcome and the timings, removes the scratch data (unless --keep), and
     exits non-zero unless exactly --seats people are confirmed, the rest are on the
     waiting list, and no request failed.

Run:
    createdb -h 127.0.0.1 -U postgres cop_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cop_bench .venv/bin/python bench/registrations.py

E-mail goes to Django's in-memory backend (the test settings), so the confirmation and
waiting-list e-mails are rendered, with their .ics, inside the timed requests.
"""

import argparse
import http.cookiejar
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="number of registrations (default 200)")
    parser.add_argument("--seats", type=int, default=50, help="seats of the scratch event (default 50)")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=50,
        help="client threads firing at once (default 50; keep it below PostgreSQL's max_connections)",
    )
    parser.add_argument("--settings", default="cop_site.settings.test", help="Django settings module")
    parser.add_argument("--keep", action="store_true", help="keep the scratch event and its registrations")
    parser.add_argument("--serve", type=int, metavar="PORT", help=argparse.SUPPRESS)  # the child process
    return parser.parse_args()


def setup_django(settings_module):
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django
    from django.conf import settings

    django.setup()
    if not settings.USES_POSTGRES:
        sys.exit("Set DATABASE_URL to a PostgreSQL database: the benchmark is about row locks under load.")
    # One connection per request thread, closed when the request ends.
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


def create_scratch_event(seats):
    """The scratch event, and the pages this run created (to remove them afterwards)."""
    from django.core.management import call_command
    from django.utils import timezone

    from wagtail.models import Page, Site

    from cop_site.models import HomePage
    from events.models import EventIndexPage, EventPage

    call_command("migrate", verbosity=0)
    created = []
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        home = HomePage(title="Benchmark", slug=f"bench-home-{int(time.time())}")
        Page.get_first_root_node().add_child(instance=home)
        created.append(home)
        if site is None:
            site = Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True)
        else:
            site_root, site.root_page = site.root_page, home
            site.save()
            created.append(("site", site, site_root))
    index = EventIndexPage.objects.child_of(home).filter(slug="bijeenkomsten").first()
    if index is None:
        index = EventIndexPage(title="Bijeenkomsten", slug="bijeenkomsten")
        home.add_child(instance=index)
        created.append(index)
    start = timezone.now() + timedelta(days=30)
    event = EventPage(
        title="Benchmark: drukte bij de aanmelding",
        slug=f"benchmark-{int(time.time() * 1000)}",
        intro="Een tijdelijke bijeenkomst voor de benchmark.",
        start=start,
        end=start + timedelta(hours=1),
        capacity=seats,
        meeting_url="https://vergaderen.example.org/benchmark",
    )
    index.add_child(instance=event)
    return event, created


def remove(event, created):
    from django.core.cache import cache

    event.delete()
    for item in reversed(created):
        if isinstance(item, tuple):
            _kind, site, old_root = item
            site.root_page = old_root
            site.save()
        else:
            item.delete()
    cache.clear()


def serve(port):
    """The child process: Django's threaded WSGI server on 127.0.0.1:port, until terminated."""
    import logging

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    logging.disable(logging.WARNING)

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class Server(ThreadedWSGIServer):
        request_queue_size = 1024  # the default backlog of 5 would refuse a burst of connections

    server = Server(("127.0.0.1", port), QuietHandler, allow_reuse_address=True)
    server.set_app(WSGIHandler())
    signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
    server.serve_forever()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(settings_module, form_url_path):
    """Start the child server process and wait until it answers; returns (process, base URL)."""
    port = free_port()
    command = [sys.executable, str(Path(__file__).resolve()), "--serve", str(port), "--settings", settings_module]
    process = subprocess.Popen(command, env=os.environ.copy())
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"The server process stopped (exit code {process.returncode}).")
        try:
            with urllib.request.urlopen(base_url + form_url_path, timeout=5) as response:
                if response.status == 200:
                    return process, base_url
        except OSError:
            time.sleep(0.2)
    process.terminate()
    sys.exit("The server process did not answer within 60 seconds.")


def stop_server(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 303 to the confirmation page is the answer we measure


class Visitor:
    def __init__(self, number, form_url):
        self.number = number
        self.form_url = form_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )
        self.token = None

    def fetch_form(self):
        started = time.perf_counter()
        with self.opener.open(self.form_url, timeout=120) as response:
            html = response.read().decode()
        self.token = CSRF_INPUT.search(html).group(1)
        return time.perf_counter() - started

    def register(self):
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                "name": f"Deelnemer {self.number}",
                "email": f"deelnemer{self.number}@bench.example.org",
                "organisation": "Gemeente Benchmark",
                "role": "Projectleider",
                "privacy": "on",
            }
        ).encode()
        request = urllib.request.Request(self.form_url, data=data, headers={"Referer": self.form_url})
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=120) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
            location = error.headers.get("Location", "")
        except OSError as error:
            return time.perf_counter() - started, f"{type(error).__name__}: {error}"
        else:
            location = ""
        elapsed = time.perf_counter() - started
        if status == 303 and location.endswith("/aanmelden/bevestigd/"):
            return elapsed, None
        return elapsed, f"HTTP {status}"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run_phase(label, visitors, work, concurrency, tqdm):
    results = []
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = [pool.submit(work, visitor) for visitor in visitors]
        for future in tqdm(as_completed(futures), total=len(futures), desc=label, unit="verzoek", file=sys.stderr):
            results.append(future.result())
    return results, time.perf_counter() - started


def main():
    args = parse_args()
    setup_django(args.settings)
    if args.serve:
        serve(args.serve)
        return 0
    from django.db import connection

    from tqdm import tqdm

    from events.models import Registration

    event, created = create_scratch_event(args.seats)
    server, base_url = start_server(args.settings, event.url + "aanmelden/")
    form_url = base_url + event.url + "aanmelden/"
    print(f"Scratch event: {event.title} ({args.seats} plaatsen) at {form_url}", file=sys.stderr)
    try:
        visitors = [Visitor(n, form_url) for n in range(args.requests)]
        form_times, _ = run_phase("Formulier ophalen", visitors, Visitor.fetch_form, args.concurrency, tqdm)
        results, wall = run_phase("Aanmelden", visitors, Visitor.register, args.concurrency, tqdm)
        latencies = [elapsed for elapsed, _error in results]
        errors = [error for _elapsed, error in results if error]
        statuses = dict.fromkeys(Registration.Status.values, 0)
        for status in Registration.objects.filter(event=event).values_list("status", flat=True):
            statuses[status] += 1
    finally:
        stop_server(server)
        if not args.keep:
            remove(event, created)
        connection.close()

    expected_waiting = max(args.requests - args.seats, 0)
    expected_confirmed = min(args.requests, args.seats)
    ok = statuses["confirmed"] == expected_confirmed and statuses["waiting"] == expected_waiting and not errors
    rows = [
        ("registrations sent", f"{args.requests} ({args.concurrency} at a time)"),
        ("seats", args.seats),
        ("confirmed", f"{statuses['confirmed']} (expected {expected_confirmed})"),
        ("waiting list", f"{statuses['waiting']} (expected {expected_waiting})"),
        ("errors", len(errors)),
        ("POST latency p50", f"{percentile(latencies, 0.50) * 1000:.0f} ms"),
        ("POST latency p95", f"{percentile(latencies, 0.95) * 1000:.0f} ms"),
        ("POST latency max", f"{max(latencies) * 1000:.0f} ms"),
        ("POST latency mean", f"{statistics.mean(latencies) * 1000:.0f} ms"),
        ("throughput", f"{args.requests / wall:.1f} registrations/s ({wall:.2f} s in total)"),
        ("form GET p50", f"{percentile(form_times, 0.50) * 1000:.0f} ms"),
        ("result", "OK" if ok else "FAILED"),
    ]
    width = max(len(label) for label, _value in rows)
    print()
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-+-{'-' * 40}")
    for label, value in rows:
        print(f"{label.ljust(width)} | {value}")
    if errors:
        print("\nFirst errors:", *sorted(set(errors))[:5], sep="\n  ")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
