"""Benchmark the public search: bulk indexing, and faceted query latency on
Elasticsearch against the database fallback, on the same data in the same run.

    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/search.py --cases 20000

It needs the test packages (requirements-test.txt, for the factories) and a running
Elasticsearch (bash scripts/elasticsearch.sh start). It creates a scratch PostgreSQL database (dropped afterwards unless --keep) and a
scratch index alias; it never touches the site's own database or index.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "gemeente provincie opgave wijk bewoners programma project portefeuille sturing bestuur samenwerking "
    "energietransitie woningbouw mobiliteit zorg jeugd veiligheid klimaat water dijk binnenstad leren evaluatie "
    "intervisie opdrachtgever opgavemanager directieteam raad college partners inspanningen resultaten"
).split()
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


def main():
    args = parse_args()
    rng = random.Random(2026)
    recreate_database(args.server, args.database)
    setup_django(args)

    from django.core.management import call_command
    from django.http import QueryDict

    from tqdm import tqdm

    from search import index
    from search.query import DatabaseSearch, ElasticsearchSearch, SearchRequest

    started = time.perf_counter()
    cases = generate(args.cases, rng)
    generate_seconds = time.perf_counter() - started

    started = time.perf_counter()
    call_command("update_index", verbosity=0)  # Wagtail's database index, for the fallback
    db_index_seconds = time.perf_counter() - started

    client = index.get_client()
    started = time.perf_counter()
    name, documents = index.rebuild(
        client, progress=lambda items, total: tqdm(items, total=total, desc="Elasticsearch", unit="doc")
    )
    es_index_seconds = time.perf_counter() - started
    store_bytes = client.indices.stats(index=name, metric="store")["_all"]["primaries"]["store"]["size_in_bytes"]

    def request(n, queries=QUERIES):
        query = queries[n % len(queries)]
        return SearchRequest.from_params(QueryDict(f"q={query}&invalshoek=leren&type=praktijkvoorbeeld"))

    es, db = ElasticsearchSearch(client), DatabaseSearch()
    sample = es.search(request(0))
    assert sample.total > 0 and sample.hits[0].highlight, "the benchmark query must find highlighted results"
    assert es.search(request(0, TYPO_QUERIES)).total > 0, "the typo query must find results"
    counter = iter(range(10**9))
    es.search(request(1))  # warm up
    es_times = timed(lambda: es.search(request(next(counter))), args.queries)
    typo_times = timed(lambda: es.search(request(next(counter), TYPO_QUERIES)), args.queries)
    db.search(request(1))
    db_times = timed(lambda: db.search(request(next(counter))), args.db_queries)

    es_p50, es_p95 = statistics.median(es_times), percentile(es_times, 0.95)
    db_p50, db_p95 = statistics.median(db_times), percentile(db_times, 0.95)
    rows = [
        ("cases generated", f"{cases:,}", f"{generate_seconds:.0f} s"),
        (
            "Elasticsearch bulk index",
            f"{documents:,} docs",
            f"{documents / es_index_seconds:,.0f} docs/s ({es_index_seconds:.1f} s)",
        ),
        ("Elasticsearch index size (primaries)", f"{store_bytes / 2**20:,.1f} MiB", f"{store_bytes:,} bytes"),
        ("database search index (update_index)", "", f"{db_index_seconds:.1f} s"),
        (f"ES faceted query ({args.queries}x)", f"p50 {es_p50:.1f} ms", f"p95 {es_p95:.1f} ms"),
        (
            f"ES same query with a typo ({args.queries}x)",
            f"p50 {statistics.median(typo_times):.1f} ms",
            f"p95 {percentile(typo_times, 0.95):.1f} ms",
        ),
        (f"DB fallback faceted query ({args.db_queries}x)", f"p50 {db_p50:.1f} ms", f"p95 {db_p95:.1f} ms"),
        ("ratio DB / ES", f"p50 {db_p50 / es_p50:.1f}x", f"p95 {db_p95 / es_p95:.1f}x"),
        ("hits for the sample query", f"ES {sample.total:,}", f"DB {db.search(request(0)).total:,}"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"\n{'measure'.ljust(width)}  {'value':<18}  value")
    print(f"{'-' * width}  {'-' * 18}  {'-' * 30}")
    for label, first, second in rows:
        print(f"{label.ljust(width)}  {first:<18}  {second}")
    verdict = "met" if es_p95 < 50 else "MISSED"
    print(f"\nTarget ES p95 < 50 ms at {cases:,} cases: {verdict}")

    if not args.keep:
        for old in client.indices.get(index=f"{index_alias(args)}-*", ignore_unavailable=True):
            client.indices.delete(index=old)
        drop_database(args.server, args.database)


if __name__ == "__main__":
    main()
