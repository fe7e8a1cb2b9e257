#!/usr/bin/env python
"""Load benchmark of the public pages, side by side with Wagtail's bakerydemo.

    .venv/bin/python bench/pages.py --bakerydemo /work/bakerydemo

Serves our site with gunicorn (gthread) and the production settings on a scratch PostgreSQL
database with the demo content, twice: "uncached" with the page cache off (PAGE_CACHE_SECONDS=0)
and "cached" with it on. Runs bakerydemo (set up first with bench/bakerydemo.sh) with its own
production settings on the same gunicorn, with the same worker and thread counts. Then, after a
warm-up, measures each page with wrk (Debian package `wrk`): requests/s, p50 and p95, plus one
static file through each server (WhiteNoise), the ceiling. The runs alternate A/B/C, C/B/A, ...
in one sitting, for several rounds, and the table shows the medians, the ratios and PASS/FAIL
against the targets:
  - our uncached page >= 2x bakerydemo's comparable page (requests/s);
  - our cached page >= 1/3 of the static-file ceiling of the same server (requests/s).
The table is printed and written to bench/results/pages-<time>.md (gitignored: figures belong
to a machine and a moment; copy the final ones into the README).

The scratch database is dropped and the servers stopped on exit, also on Ctrl-C, unless --keep,
which keeps the database (and its search index) to reuse on the next run. REDIS_URL (the shared
cache) and ELASTICSEARCH_URL (search) are used when set, as in production; WEB_CONCURRENCY and
GUNICORN_THREADS set the server size (default 2 workers x 4 threads), for both sites.
"""

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from serving import (
    POSTGRES_SERVER,
    ROOT,
    THREADS,
    WORKERS,
    Gunicorn,
    clear_cache,
    create_database,
    database_exists,
    drop_database,
    exit_cleanly_on_sigterm,
    manage,
    production_env,
)
from tqdm import tqdm

WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")
RESULTS = ROOT / "bench" / "results"
# Pages compared, with bakerydemo's nearest equivalent: the home page, a listing of many pages,
# one rich detail page, a section page listing its children, and a search.
PAGES = [
    ("home", "/", "/"),
    ("case list", "/praktijkvoorbeelden/", "/blog/"),
    ("case page", "{case}", "/blog/wild-yeast/"),
    ("chapter", "/inspiratiegids/besturen/", "/breads/"),
    ("search", "/zoeken/?q=gemeente", "/search/?q=bread"),
]
# The ceiling: the site's main stylesheet, through the same server (WhiteNoise).
STATIC_FILES = {"ours": "css/theme.css", "bakerydemo": "css/main.css"}
UNCACHED_TARGET = 2.0
CACHED_TARGET = 1 / 3


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--bakerydemo", type=Path, metavar="PATH", help="a bakerydemo checkout set up by bench/bakerydemo.sh"
    )
    parser.add_argument(
        "--bakerydemo-database",
        default="cop_bench_bakerydemo",
        help="bakerydemo's database on the same server (default cop_bench_bakerydemo, as bench/bakerydemo.sh makes)",
    )
    parser.add_argument("--database", default="cop_bench_pages", help="our scratch database (default cop_bench_pages)")
    parser.add_argument("--keep", action="store_true", help="keep our scratch database and reuse it next time")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of alternating runs; medians are shown (default 3)"
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per URL (default 3)")
    parser.add_argument(
        "--connections", type=int, default=WORKERS * THREADS, help="open connections (default: workers x threads)"
    )
    parser.add_argument("--label", default="", help="a note for the table's heading, e.g. 'busy machine'")
    return parser.parse_args()


@dataclass
class Target:
    """One URL on one server, and the runs measured on it."""

    page: str
    variant: str  # uncached, cached, bakerydemo, static, bakerydemo static
    server: Gunicorn
    path: str
    runs: list = field(default_factory=list)

    @property
    def url(self):
        return self.server.base_url + self.path

    def median(self, key):
        return statistics.median(run[key] for run in self.runs)


def wrk(url, seconds, connections):
    """One wrk run: requests/s, p50 and p95 in ms, and the error counts."""
    command = [
        "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout=30s",
        "-H", "Accept-Encoding: gzip", "-s", str(WRK_SCRIPT), url,
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    values = dict(re.findall(r"(\w+)=(\d+)", output.split("BENCH", 1)[1]))
    values = {key: int(value) for key, value in values.items()}
    return {
        "rps": values["requests"] / (values["duration_us"] / 1e6),
        "p50": values["p50_us"] / 1000,
        "p95": values["p95_us"] / 1000,
        "errors": values["status_errors"] + values["socket_errors"],
    }


def probe(url):
    """Status and X-Cache of one plain GET, so a run never measures an error page unnoticed."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status, response.headers.get("X-Cache", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache", "")


def prepare_ours(args, env):
    """Our scratch database with the demo content, its search index and the static files."""
    reuse = args.keep and database_exists(args.database)
    if not reuse:
        create_database(args.database)
    steps = [("migrate", "--no-input"), ("createcachetable",), ("collectstatic", "--no-input")]
    if not reuse:
        steps.append(("load_demo_content", "--ook-in-productie"))
        if env.get("ELASTICSEARCH_URL"):
            steps.append(("rebuild_search_index",))
    for step in tqdm(steps, desc="Onze site klaarzetten", unit="stap", file=sys.stderr):
        manage(*step, env=env)
    clear_cache(env)
    script = (
        "from knowledge.models import PracticeCasePage; "
        "print(PracticeCasePage.objects.live().public().order_by('path').first().url)"
    )
    return manage("shell", "-v", "0", "-c", script, env=env).strip()


def drop_search_index(env):
    script = (
        "from search import index\n"
        "from search.documents import synonym_set_name\n"
        "client = index.get_client()\n"
        "for name in index.all_indices(client): client.indices.delete(index=name)\n"
        "client.options(ignore_status=404).synonyms.delete_synonym(id=synonym_set_name())\n"
    )
    manage("shell", "-v", "0", "-c", script, env=env)


def bakerydemo_env(args):
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="bakerydemo.settings.production",
        DATABASE_URL=f"{POSTGRES_SERVER}/{args.bakerydemo_database}",
        DJANGO_SECRET_KEY="bakerydemo-bench-only",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        PRIMARY_HOST="127.0.0.1",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback, as ours
    )
    return env


def git_commit(path):
    result = subprocess.run(["git", "-C", str(path), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return result.stdout.strip() or "unknown"


def static_path(static_root, name):
    """The hashed name WhiteNoise serves with a far-future expiry, as the pages link it."""
    import json

    manifest = json.loads((Path(static_root) / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][name]


def measure(targets, args):
    for target in tqdm(targets, desc="Opwarmen", unit="url", file=sys.stderr):
        status, _cache = probe(target.url)
        if status != 200:
            sys.exit(f"{target.variant} {target.page}: {target.url} answers {status}, not 200.")
        wrk(target.url, args.warmup, args.connections)
    groups = {}
    for target in targets:
        groups.setdefault(target.page, []).append(target)
    total = args.rounds * len(targets)
    with tqdm(total=total, desc="Meten", unit="run", file=sys.stderr) as bar:
        for round_number in range(args.rounds):
            for page_targets in groups.values():
                # A/B/C, then C/B/A: no variant always runs first, right after another's load.
                order = page_targets if round_number % 2 == 0 else list(reversed(page_targets))
                for target in order:
                    bar.set_postfix_str(f"{target.page}: {target.variant}")
                    status, cache = probe(target.url)
                    run = wrk(target.url, args.duration, args.connections)
                    run.update(status=status, cache=cache)
                    target.runs.append(run)
                    bar.update()


def ms(value):
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def figures(target):
    if target is None:
        return "–"
    return f"{target.median('rps'):.0f} / {ms(target.median('p50'))} / {ms(target.median('p95'))}"


def verdict(ratio, target):
    return f"{ratio:.2f} {'PASS' if ratio >= target else 'FAIL'}"


def table(targets, args, heading):
    by_key = {(target.page, target.variant): target for target in targets}
    ours_static = by_key[("static file", "static")]
    lines = [
        heading,
        "",
        "Figures: requests/s / p50 ms / p95 ms, medians of the rounds.",
        "",
        "| page | ours uncached | ours cached | bakerydemo | uncached ÷ bakerydemo (≥ 2) | cached ÷ static (≥ 0.33) |",
        "|---|---|---|---|---|---|",
    ]
    for page, _ours_path, _bakery_path in PAGES:
        uncached, cached = by_key[(page, "uncached")], by_key[(page, "cached")]
        bakery = by_key.get((page, "bakerydemo"))
        vs_bakery = verdict(uncached.median("rps") / bakery.median("rps"), UNCACHED_TARGET) if bakery else "–"
        vs_static = verdict(cached.median("rps") / ours_static.median("rps"), CACHED_TARGET)
        lines.append(
            f"| {page} | {figures(uncached)} | {figures(cached)} | {figures(bakery)} | {vs_bakery} | {vs_static} |"
        )
    bakery_static = by_key.get(("static file", "bakerydemo static"))
    lines.append(
        f"| static file (ceiling) | {figures(ours_static)} | (same server) | {figures(bakery_static)} | – | – |"
    )
    errors = sum(run["errors"] for target in targets for run in target.runs)
    statuses = sorted({run["status"] for target in targets for run in target.runs})
    cache_headers = sorted(
        {run["cache"] or "none" for target in targets if target.variant == "cached" for run in target.runs}
    )
    lines += [
        "",
        f"wrk errors (non-2xx/3xx or socket) over all runs: {errors}; probe statuses: {statuses}; "
        f"X-Cache on the cached server: {', '.join(cache_headers)}.",
    ]
    if cache_headers == ["none"]:
        lines.append("This code has no page cache yet (no X-Cache header): 'cached' and 'uncached' run the same code.")
    return "\n".join(lines)


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")
    exit_cleanly_on_sigterm()
    work = Path(tempfile.mkdtemp(prefix="cop-bench-pages-"))
    env = production_env(args.database, work, SEARCH_INDEX_ALIAS=f"cop-bench-{args.database}")
    if args.keep:  # a fixed place, so a kept database finds its uploads again
        env["DJANGO_MEDIA_ROOT"] = str(Path(tempfile.gettempdir()) / f"{args.database}-media")
    servers, targets = [], []
    try:
        case_path = prepare_ours(args, env)
        RESULTS.mkdir(parents=True, exist_ok=True)
        log, bakery_log = RESULTS / "pages-gunicorn.log", RESULTS / "pages-bakerydemo.log"
        log.write_bytes(b""), bakery_log.write_bytes(b"")
        uncached = Gunicorn("ours uncached", "cop_site.wsgi", dict(env, PAGE_CACHE_SECONDS="0"), log=log)
        cached = Gunicorn("ours cached", "cop_site.wsgi", env, log=log)
        servers += [uncached, cached]
        bakery = None
        if args.bakerydemo:
            checkout = args.bakerydemo.resolve()
            bakery = Gunicorn(
                "bakerydemo",
                "bakerydemo.wsgi",
                bakerydemo_env(args),
                cwd=checkout,
                gunicorn=checkout / ".venv" / "bin" / "gunicorn",
                log=bakery_log,
            )
            servers.append(bakery)
        for server in servers:
            server.start()
        for server in servers:
            server.wait_until_answers()
        for page, ours_path, bakery_path in PAGES:
            ours_path = ours_path.format(case=case_path)
            targets += [Target(page, "uncached", uncached, ours_path), Target(page, "cached", cached, ours_path)]
            if bakery:
                targets.append(Target(page, "bakerydemo", bakery, bakery_path))
        targets.append(
            Target("static file", "static", cached, static_path(env["DJANGO_STATIC_ROOT"], STATIC_FILES["ours"]))
        )
        if bakery:
            bakery_static = static_path(checkout / "bakerydemo" / "collect_static", STATIC_FILES["bakerydemo"])
            targets.append(Target("static file", "bakerydemo static", bakery, bakery_static))
        load_before = os.getloadavg()
        measure(targets, args)
        load_after = os.getloadavg()
    finally:
        for server in servers:
            server.stop()
        if not args.keep:
            if env.get("ELASTICSEARCH_URL"):
                drop_search_index(env)
            drop_database(args.database)
        shutil.rmtree(work, ignore_errors=True)

    now = datetime.datetime.now(datetime.UTC)
    heading = "\n".join(
        [
            f"## Page benchmark, {now:%Y-%m-%d %H:%M} UTC{' — ' + args.label if args.label else ''}",
            "",
            f"- ours: commit {git_commit(ROOT)}, production settings, cache "
            f"{'Redis' if env.get('REDIS_URL') else 'database table'}, search "
            f"{'Elasticsearch' if env.get('ELASTICSEARCH_URL') else 'database'}; "
            f"bakerydemo: {'commit ' + git_commit(args.bakerydemo) if args.bakerydemo else 'not run'} "
            "(its production settings, local-memory cache, database search)",
            f"- both: gunicorn gthread, {WORKERS} workers x {THREADS} threads, one master per server; "
            f"wrk 1 thread, {args.connections} connections, {args.duration} s per run, {args.rounds} rounds, "
            "Accept-Encoding: gzip",
            f"- machine: {os.cpu_count()} CPUs, {platform.platform()}; load average "
            f"{load_before[0]:.1f} before, {load_after[0]:.1f} after",
        ]
    )
    report = table(targets, args, heading)
    print("\n" + report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"pages-{now:%Y%m%d-%H%M%S}.md"
    path.write_text(report + "\n")
    print(f"\nWritten to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
