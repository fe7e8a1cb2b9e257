"""The judged relevance set: nDCG@10 and MRR of both search implementations, per category.

    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/relevance.py

It builds the fixed corpus of tests/search/relevance/corpus.py in a scratch PostgreSQL database, indexes
it under a scratch index alias, scores the queries of tests/search/relevance/judgements.json on
Elasticsearch (its _rank_eval API) and on the database fallback, prints the report, and drops the
database, the index and its synonyms set afterwards (unless --keep). It needs the test packages
(requirements-test.txt, for the factories) and a running Elasticsearch (bash scripts/elasticsearch.sh start).
tests/search/test_relevance.py runs the same evaluation and holds it to floors.
"""

import argparse
import os
import sys
from pathlib import Path

from serving import POSTGRES_SERVER, create_database, drop_database, exit_cleanly_on_sigterm
from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # before bench/, whose search.py would hide the search package


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="cop_relevance_bench", help="scratch database (dropped and created)")
    parser.add_argument("--alias", default="cop-relevance-bench", help="scratch index alias")
    parser.add_argument(
        "--worst", type=int, default=8, help="how many of the worst queries to list per implementation"
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch database and index afterwards")
    return parser.parse_args()


def setup_django(args):
    if not os.environ.get("ELASTICSEARCH_URL"):
        sys.exit("Set ELASTICSEARCH_URL (start one with: bash scripts/elasticsearch.sh start).")
    os.environ["DATABASE_URL"] = f"{POSTGRES_SERVER}/{args.database}"
    os.environ["SEARCH_INDEX_ALIAS"] = args.alias
    # The cache in the scratch database too: nothing stale read from an earlier run, nothing left behind.
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cop_site.settings.dev")
    import django
    from django.conf import settings

    settings.LOGGING["root"]["level"] = "WARNING"
    django.setup()


def build(client):
    """The corpus under a fresh home page of the default site, indexed; returns {key: document id}."""
    from django.core.management import call_command

    from wagtail.models import Page, Site

    from cop_site.factories import HomePageFactory
    from search.content import document_id
    from tests.search.relevance.corpus import build_corpus, index_corpus

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="relevance")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Relevance"},
    )
    documents = build_corpus(home)
    index_corpus(client, progress=lambda items, total: tqdm(items, total=total, desc="Index", unit="doc"))
    return {key: document_id(obj) for key, obj in documents.items()}


def remove_index(client):
    from search import index
    from search.documents import synonym_set_name

    for name in index.all_indices(client):
        client.indices.delete(index=name)
    client.synonyms.delete_synonym(id=synonym_set_name())  # only once no index uses it


def main():
    args = parse_args()
    exit_cleanly_on_sigterm()
    create_database(args.database)
    try:
        setup_django(args)
        from django.db import connections

        from search import index
        from search.relevance import evaluate_database, evaluate_elasticsearch, load_judgements, report
        from tests.search.relevance.corpus import JUDGEMENTS

        client = index.get_client()
        try:
            ids = build(client)
            judgements = load_judgements(JUDGEMENTS)
            print(f"{len(judgements)} judged queries over {len(ids)} documents", flush=True)
            results = {"elasticsearch": evaluate_elasticsearch(client, judgements, ids)}
            results["database"] = evaluate_database(tqdm(judgements, desc="Database fallback", unit="query"), ids)
            print(report(results, worst=args.worst))
        finally:
            if not args.keep:
                remove_index(client)
            connections.close_all()
    finally:
        if not args.keep:
            drop_database(args.database)


if __name__ == "__main__":
    main()
