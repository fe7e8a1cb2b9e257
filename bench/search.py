"""Benchmark the public search: bulk indexing, and faceted query latency on
Elasticsearch against the database fallback, on the same data in the same run.

    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/search.py --cases 20000

    # The issue's conditions: before and after the compound analysis, three timed runs each,
    # while the site serves the case list at 5 requests/s beside it, and where the time goes.
    ELASTICSEARCH_URL=http://127.0.0.1:9200 REDIS_URL=redis://127.0.0.1:6379/6 .venv/bin/python bench/search.py \
        --cases 20000 --compare-analysis --runs 3 --background-load 5 --profile

It needs the test packages (requirements-test.txt, for the factories) and a running
Elasticsearch (bash scripts/elasticsearch.sh start); --background-load also needs wrk (Debian
package `wrk`) and REDIS_URL, as the production settings it serves with do. It creates a scratch
PostgreSQL database (dropped afterwards unless --keep) and a scratch index alias; it never
touches the site's own database or index.
"""

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg2
from serving import Gunicorn, exit_cleanly_on_sigterm, manage, production_env

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # before bench/, whose search.py would hide the search package

WORDS = [
    "gemeente",
    "provincie",
    "opgave",
    "wijk",
    "bewoners",
    "programma",
    "project",
    "portefeuille",
    "sturing",
    "bestuur",
    "samenwerking",
    "energietransitie",
    "woningbouw",
    "mobiliteit",
    "zorg",
    "jeugd",
    "veiligheid",
    "klimaat",
    "water",
    "dijk",
    "binnenstad",
    "leren",
    "evaluatie",
    "intervisie",
    "opdrachtgever",
    "opgavemanager",
    "directieteam",
    "raad",
    "college",
    "partners",
    "inspanningen",
    "resultaten",
]
QUERIES = ["gemeente wijk", "opgave bewoners", "programma sturing", "energietransitie", "woningbouw provincie"]
# The same with a typo: nothing matches as typed, so the search retries with fuzzy matching.
TYPO_QUERIES = ["gemeetne wijk", "opgaev bewoners", "programma stuirng", "energietransitei", "woningbouw provinsie"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=20_000, help="synthetic cases to generate (default 20000)")
    parser.add_argument("--queries", type=int, default=200, help="timed Elasticsearch queries (default 200)")
    parser.add_argument("--db-queries", type=int, default=20, help="timed database-fallback queries (default 20)")
    parser.add_argument("--database", default="cop_bench", help="scratch database name (dropped and created)")
    parser.add_argument("--server", default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--runs", type=int, default=1, help="timed Elasticsearch runs in a row (default 1)")
    parser.add_argument(
        "--compare-analysis",
        action="store_true",
        help="also index without the compound parts first, and measure both (before and after)",
    )
    parser.add_argument(
        "--background-load",
        type=float,
        default=0,
        metavar="RATE",
        help="serve the site (gunicorn, production settings) and request uncached case-list pages "
        "at RATE per second with wrk while measuring (default 0: no load)",
    )
    parser.add_argument("--profile", action="store_true", help="show where a query's time goes (see where_time_goes)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database and index afterwards")
    return parser.parse_args()


def recreate_database(server, name):
    connection = psycopg2.connect(f"{server}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def drop_database(server, name):
    from django.db import connections

    connections.close_all()
    connection = psycopg2.connect(f"{server}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


def index_alias(args):
    """The scratch index alias, named after the scratch database, so two runs can live side by side."""
    return args.database.replace("_", "-")


def setup_django(args):
    if not os.environ.get("ELASTICSEARCH_URL"):
        sys.exit("Set ELASTICSEARCH_URL (start one with: bash scripts/elasticsearch.sh start).")
    os.environ["DATABASE_URL"] = f"{args.server}/{args.database}"
    os.environ["SEARCH_INDEX_ALIAS"] = index_alias(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_site.settings.dev")
    import django
    from django.conf import settings

    # Index in bulk below instead of one object at a time on every save.
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False
    settings.LOGGING["root"]["level"] = "WARNING"
    django.setup()


def sentence(rng, n=12):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(count, rng):
    """Demo content, then `count` synthetic live cases inserted in bulk.

    Saving pages one by one through Wagtail takes minutes for 20,000 cases, so the
    rows are written directly: tree paths from treebeard, one INSERT per table.
    """
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from wagtail.models import Page

    from psycopg2.extras import execute_values
    from tqdm import tqdm

    from knowledge.factories import OrganisationFactory
    from knowledge.models import CaseIndexPage, Organisation, Perspective, PracticeCasePage

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the shared cache without REDIS_URL
    call_command("load_demo_content", verbosity=0)
    case_index = CaseIndexPage.objects.get()
    perspectives = list(Perspective.objects.all())
    organisations = list(Organisation.objects.all()) + [
        OrganisationFactory(name=f"Gemeente Bench {n}", province=rng.choice(Organisation.Province.values))
        for n in range(40)
    ]
    content_type = ContentType.objects.get_for_model(PracticeCasePage)
    first_step = case_index.numchild + 1
    now = timezone.now()
    local_fields = [f for f in PracticeCasePage._meta.local_concrete_fields if f.column != "page_ptr_id"]
    batch = 1000
    with transaction.atomic():
        for start in tqdm(range(0, count, batch), desc="Praktijkvoorbeelden", unit="batch"):
            cases = []
            for n in range(start, min(start + batch, count)):
                title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {n}"
                cases.append(
                    PracticeCasePage(
                        title=title,
                        draft_title=title,
                        slug=f"bench-{n}",
                        path=Page._get_path(case_index.path, case_index.depth + 1, first_step + n),
                        depth=case_index.depth + 1,
                        numchild=0,
                        url_path=f"{case_index.url_path}bench-{n}/",
                        content_type=content_type,
                        locale_id=case_index.locale_id,
                        translation_key=uuid.uuid4(),
                        live=True,
                        first_published_at=now,
                        last_published_at=now,
                        summary=sentence(rng),
                        situation=f"<p>{sentence(rng, 40)}</p>",
                        approach=f"<p>{sentence(rng, 40)}</p>",
                        results=f"<p>{sentence(rng, 30)}</p>",
                        lessons=f"<p>{sentence(rng, 30)}</p>",
                        phase=PracticeCasePage.Phase.UITVOERING,
                        year=rng.randint(2015, 2026),
                    )
                )
            pages = Page.objects.bulk_create(
                [
                    Page(**{f.attname: getattr(c, f.attname) for f in Page._meta.concrete_fields if f.attname != "id"})
                    for c in cases
                ]
            )
            rows = [
                (page.pk, *[getattr(case, f.attname) for f in local_fields])
                for page, case in zip(pages, cases, strict=True)
            ]
            columns = ", ".join(["page_ptr_id", *(f.column for f in local_fields)])
            with connection.cursor() as cursor:
                execute_values(
                    cursor.cursor, f"INSERT INTO {PracticeCasePage._meta.db_table} ({columns}) VALUES %s", rows
                )
            PracticeCasePage.perspectives.through.objects.bulk_create(
                PracticeCasePage.perspectives.through(practicecasepage_id=page.pk, perspective_id=p.pk)
                for page in pages
                for p in rng.sample(perspectives, rng.randint(1, 2))
            )
            PracticeCasePage.organisations.through.objects.bulk_create(
                PracticeCasePage.organisations.through(
                    practicecasepage_id=page.pk, organisation_id=rng.choice(organisations).pk
                )
                for page in pages
            )
        Page.objects.filter(pk=case_index.pk).update(numchild=case_index.numchild + count)
    return PracticeCasePage.objects.count()


def timed(func, repeat):
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        durations.append((time.perf_counter() - start) * 1000)
    return durations


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def p50_p95(values):
    return f"p50 {statistics.median(values):.1f} ms", f"p95 {percentile(values, 0.95):.1f} ms"


def print_table(heading, rows):
    width = max(len(r[0]) for r in rows)
    print(f"\n{heading}\n{'measure'.ljust(width)}  {'value':<18}  value")
    print(f"{'-' * width}  {'-' * 18}  {'-' * 30}")
    for label, first, second in rows:
        print(f"{label.ljust(width)}  {first:<18}  {second}")


def request_for(n, queries=QUERIES):
    from django.http import QueryDict

    from search.query import SearchRequest

    query = queries[n % len(queries)]
    return SearchRequest.from_params(QueryDict(f"q={query}&invalshoek=leren&type=praktijkvoorbeeld"))


def build_index(client, analysis):
    """Fill a new index with the analysis "after" (the site's own) or "before" (the same mapping
    without the compound parts: no `.parts` sub-fields, no dutch_compound analyzer) and point the
    alias at it. Returns (documents, seconds, primaries' store size in bytes)."""
    from elasticsearch.helpers import bulk
    from tqdm import tqdm

    from search import index
    from search.content import build_context, count_searchable, iter_searchable

    def progress(items, total):
        return tqdm(items, total=total, desc=f"Elasticsearch ({analysis})", unit="doc")

    started = time.perf_counter()
    if analysis == "after":
        name, documents = index.rebuild(client, progress=progress)
    else:
        index.sync_synonyms(client)
        body = index.new_index().to_dict()
        for field in ("title", "summary", "body"):
            del body["mappings"]["properties"][field]["fields"]
        del body["settings"]["analysis"]["analyzer"]["dutch_compound"]
        del body["settings"]["analysis"]["filter"]["compound_parts"]
        name = f"{index.alias_name()}-{time.strftime('%Y%m%d%H%M%S')}000000"
        client.indices.create(index=name, **body)
        actions = index.bulk_actions([name], progress(iter_searchable(), count_searchable()), build_context())
        bulk(client, actions, chunk_size=500, refresh=False)
        client.indices.refresh(index=name)
        documents = client.count(index=name)["count"]
        actions = [{"remove": {"index": old, "alias": index.alias_name()}} for old in index.indexed_names(client)]
        client.indices.update_aliases(actions=[*actions, {"add": {"index": name, "alias": index.alias_name()}}])
        for old in index.stale_indices(client, keep=name):
            client.indices.delete(index=old)
    seconds = time.perf_counter() - started
    return documents, seconds, store_size(client, name)


def store_size(client, name):
    return client.indices.stats(index=name, metric="store")["_all"]["primaries"]["store"]["size_in_bytes"]


def merged_size(client):
    """The live index's size once merged into one segment: right after a bulk load the size
    depends on how far Elasticsearch's background merges got. Run after the timings, as a merged
    index answers faster than the site's ever does."""
    from search import index

    [name] = index.indexed_names(client)
    client.options(request_timeout=600).indices.forcemerge(index=name, max_num_segments=1)
    return store_size(client, name)


def timed_runs(es, args):
    """`args.runs` runs in a row of the faceted query and the same with a typo, as the site runs
    them (search() with its Python around Elasticsearch). Returns [(faceted ms, typo ms)] per run."""
    sample = es.search(request_for(0))
    assert sample.total > 0 and sample.hits[0].highlight, "the benchmark query must find highlighted results"
    assert es.search(request_for(0, TYPO_QUERIES)).total > 0, "the typo query must find results"
    counter = iter(range(10**9))
    es.search(request_for(1))  # warm up
    runs = []
    for _ in range(args.runs):
        faceted = timed(lambda: es.search(request_for(next(counter))), args.queries)
        typo = timed(lambda: es.search(request_for(next(counter), TYPO_QUERIES)), args.queries)
        runs.append((faceted, typo))
    return runs, sample.total


class BackgroundLoad:
    """The site serving beside the benchmark: gunicorn with the production settings on the scratch
    database, and wrk requesting case-list pages at a steady rate, each a random page of the
    listing with the page cache off, so every request does the work of a first visit."""

    def __init__(self, args, pages):
        if not shutil.which("wrk"):
            sys.exit("--background-load needs wrk: apt-get install -y wrk")
        if not os.environ.get("REDIS_URL"):
            sys.exit("--background-load serves with the production settings, which need REDIS_URL")
        self.work = Path(tempfile.mkdtemp(prefix="cop-bench-search-"))
        self.env = production_env(
            args.database, self.work, SEARCH_INDEX_ALIAS=index_alias(args), PAGE_CACHE_SECONDS="0"
        )
        self.rate, self.pages = args.background_load, pages
        self.server, self.wrk = None, None

    def start(self, case_list_path):
        manage("collectstatic", "--no-input", env=self.env)
        self.server = Gunicorn("site", "cop_site.wsgi", self.env, log=self.work / "gunicorn.log").start()
        self.server.wait_until_answers(case_list_path)
        env = dict(os.environ, BENCH_PATH=case_list_path, BENCH_PAGES=str(self.pages), BENCH_RATE=str(self.rate))
        self.wrk = subprocess.Popen(
            ["wrk", "-t1", "-c1", "-d1h", "--timeout=30s", "-s", "steady_load.lua", self.server.base_url],
            cwd=Path(__file__).parent,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(3)  # into its stride before anything is timed
        self.started = time.monotonic()

    def stop(self):
        """Stop the load; returns (requests/s, p50 ms, p95 ms, errors) of what it served."""
        figures = None
        if self.wrk is not None:
            self.wrk.send_signal(2)  # SIGINT: wrk stops and prints its summary
            found = re.search(
                r"BENCH requests=(\d+) duration_us=(\d+) p50_us=(\d+) p95_us=(\d+) max_us=\d+ "
                r"status_errors=(\d+) socket_errors=(\d+)",
                self.wrk.communicate(timeout=30)[0],
            )
            if found:
                requests, duration, p50, p95, status, socket = map(int, found.groups())
                figures = (requests / duration * 1e6, p50 / 1000, p95 / 1000, status + socket)
        if self.server is not None:
            self.server.stop()
        shutil.rmtree(self.work, ignore_errors=True)
        return figures


def where_time_goes(client, es, args):
    """Where a search's time goes, as round trips to Elasticsearch and by its own `took`: each step
    of a search with a typo, and the faceted and fuzzy queries with one part left out or one option
    changed; then the profile API's split of a query's time over matching, facet counting and
    fetching (with highlighting)."""
    from search import index

    corrections = {q: es.suggest_correction(q) for q in TYPO_QUERIES}
    kinds = {
        "faceted": lambda n: (request_for(n), False),
        "typo: the words as typed (find nothing)": lambda n: (request_for(n, TYPO_QUERIES), False),
        "typo: the corrected words": lambda n: (request_for(n, TYPO_QUERIES), "corrected"),
        "typo: fuzzy (when there is no correction)": lambda n: (request_for(n, TYPO_QUERIES), True),
    }

    def body(kind, n):
        request, how = kinds[kind](n)
        if how == "corrected":
            return es._search(request, corrections[request.q]).to_dict()
        return es._search(request, request.q, fuzzy=how).to_dict()

    def without(name):
        return lambda b: {k: v for k, v in b.items() if k != name}

    def time_variant(kind, change=lambda b: b, **params):
        took = []

        def call(n):
            response = client.search(index=index.alias_name(), **change(body(kind, n)), **params)
            took.append(response["took"])

        call(0)  # warm up
        took.clear()
        counter = iter(range(1, 10**9))
        durations = timed(lambda: call(next(counter)), repeat)
        p50, p95 = p50_p95(durations)
        return p50, f"{p95}; took p50 {statistics.median(took):.0f} ms"

    repeat = max(20, args.queries // 2)
    rows = [(kind, *time_variant(kind)) for kind in kinds]
    counter = iter(range(10**9))
    rows.append(
        (
            "typo: the spelling suggestion",
            *p50_p95(timed(lambda: es.suggest_correction(TYPO_QUERIES[next(counter) % 5]), repeat)),
        )
    )
    for kind in ["faceted", "typo: fuzzy (when there is no correction)"]:
        rows += [
            (f"{kind}: without highlighting", *time_variant(kind, without("highlight"))),
            (f"{kind}: without the facet counts", *time_variant(kind, without("aggs"))),
            (f"{kind}: track_total_hits false", *time_variant(kind, lambda b: {**b, "track_total_hits": False})),
            (f"{kind}: request_cache=true", *time_variant(kind, request_cache=True)),
            (f"{kind}: preference=_local", *time_variant(kind, preference="_local")),
        ]
    print_table(f"Where the time goes: round trips to Elasticsearch ({repeat}x each, no Python around them)", rows)

    rows = []
    for kind in ["faceted", "typo: the corrected words", "typo: fuzzy (when there is no correction)"]:
        parts = {"matching, scoring": [], "facet counts": [], "fetch (source, highlight)": []}
        for n in range(20):
            response = client.search(index=index.alias_name(), **body(kind, n), profile=True)
            [shard] = response["profile"]["shards"]
            search = shard["searches"][0]
            parts["matching, scoring"].append(
                (sum(q["time_in_nanos"] for q in search["query"]) + search["rewrite_time"]) / 1e6
            )
            parts["facet counts"].append(sum(a["time_in_nanos"] for a in shard["aggregations"]) / 1e6)
            parts["fetch (source, highlight)"].append(shard["fetch"]["time_in_nanos"] / 1e6)
        rows += [(f"{kind}: {part}", *p50_p95(values)) for part, values in parts.items()]
    print_table("Where the time goes: the profile API (20 queries each; profiling itself adds time)", rows)


def main():
    args = parse_args()
    exit_cleanly_on_sigterm()
    rng = random.Random(2026)
    recreate_database(args.server, args.database)
    setup_django(args)

    from django.core.management import call_command

    from search import index
    from search.query import DatabaseSearch, ElasticsearchSearch

    started = time.perf_counter()
    cases = generate(args.cases, rng)
    generate_seconds = time.perf_counter() - started

    started = time.perf_counter()
    call_command("update_index", verbosity=0)  # Wagtail's database index, for the fallback
    db_index_seconds = time.perf_counter() - started

    client = index.get_client()
    es, db = ElasticsearchSearch(client), DatabaseSearch()
    load = None
    results = {}
    try:
        if args.background_load:
            from knowledge.models import CaseIndexPage

            load = BackgroundLoad(args, pages=max(1, cases // 12))
            load.start(CaseIndexPage.objects.get().url)
        for analysis in ["before", "after"] if args.compare_analysis else ["after"]:
            documents, seconds, size = build_index(client, analysis)
            runs, total = timed_runs(es, args)
            if args.profile and analysis == "after":
                where_time_goes(client, es, args)
            results[analysis] = (documents, seconds, (size, merged_size(client)), runs, total)
        db.search(request_for(1))
        db_times = timed(lambda: db.search(request_for(2)), args.db_queries)
        db_total = db.search(request_for(0)).total
    finally:
        served = load.stop() if load else None

    rows = [
        ("cases generated", f"{cases:,}", f"{generate_seconds:.0f} s"),
        ("database search index (update_index)", "", f"{db_index_seconds:.1f} s"),
    ]
    for analysis, (documents, seconds, size, runs, _total) in results.items():
        name = {"before": "without compound parts", "after": "with compound parts"}[analysis]
        rows += [
            (
                f"{analysis}: Elasticsearch bulk index",
                f"{documents:,} docs",
                f"{documents / seconds:,.0f} docs/s ({seconds:.1f} s)",
            ),
            (
                f"{analysis}: index size (primaries; {name})",
                f"{size[1] / 2**20:,.1f} MiB merged",
                f"{size[0] / 2**20:,.1f} MiB right after the bulk load",
            ),
        ]
        for number, (faceted, typo) in enumerate(runs, 1):
            rows += [
                (f"{analysis}: run {number}: ES faceted query ({args.queries}x)", *p50_p95(faceted)),
                (f"{analysis}: run {number}: ES same with a typo ({args.queries}x)", *p50_p95(typo)),
            ]
    documents, seconds, size, runs, es_total = results["after"]
    db_p50, db_p95 = p50_p95(db_times)
    rows += [
        (f"DB fallback faceted query ({args.db_queries}x)", db_p50, db_p95),
        ("hits for the sample query", f"ES {es_total:,}", f"DB {db_total:,}"),
    ]
    if served:
        rate, p50, p95, errors = served
        rows.append(
            (
                "background load: uncached case-list pages",
                f"{rate:.1f} req/s",
                f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, errors {errors}",
            )
        )
    print_table(
        f"Search at {cases:,} cases" + (f", beside {args.background_load:g} req/s on the site" if served else ""), rows
    )
    for analysis, (*_, runs, _total) in results.items():
        met = [percentile(f, 0.95) < 50 and percentile(t, 0.95) < 50 for f, t in runs]
        print(
            f"Target ES p95 < 50 ms ({analysis}, faceted and typo): met in {sum(met)} of {len(runs)} runs"
            + (", all in a row" if all(met) else "")
        )

    if not args.keep:
        for old in index.all_indices(client):
            client.indices.delete(index=old)
        drop_database(args.server, args.database)


if __name__ == "__main__":
    main()
