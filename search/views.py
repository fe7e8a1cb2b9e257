from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from core.filters import page_missing_message

from . import term_counts
from .query import FACETS, MAX_QUERY_LENGTH, PAGE_SIZE, SORTS, SearchRequest, normalise_query, run

SUGGESTION_MIN_LENGTH = 2
# How many results a counted search found; the page cache keeps it with the page.
RESULTS_HEADER = "X-Search-Results"


class ResultWindow:
    """Lets Django's Paginator page through results of which only one page was fetched."""

    def __init__(self, hits, total, offset):
        self.hits, self.total, self.offset = hits, total, offset

    def __len__(self):
        return self.total

    def __getitem__(self, item):
        return self.hits


def search(request):
    search_request = SearchRequest.from_params(request.GET)
    context = {
        "search_request": search_request,
        "facets_params": FACETS,
        "sorts": SORTS,
        "max_length": MAX_QUERY_LENGTH,
    }
    results = degraded = None
    if search_request.is_valid:
        results, backend, degraded = run("search", search_request)
        paginator = Paginator(ResultWindow(results.hits, results.total, search_request.offset), PAGE_SIZE)
        if results.total and search_request.page > paginator.num_pages:
            search_request.messages.append(page_missing_message(paginator.num_pages))
            search_request.status_code = 404
        else:
            context["page_obj"] = paginator.page(search_request.page) if results.total else None
        context.update(results=results, degraded=degraded)
    response = TemplateResponse(request, "search/search_page.html", context, status=search_request.status_code)
    if degraded:
        # Kept out of the page cache and proxies: a fallback answer should not outlive the outage.
        patch_cache_control(response, private=True, no_cache=True)
    elif results is not None and search_request.q and search_request.page == 1:
        count_search(search_request.q, results.total)
        # The page cache counts its copies of this page too (count_cached_search), from this header.
        response[RESULTS_HEADER] = results.total
    return response


def count_search(term, total):
    term_counts.count(term, found=total > 0)


def count_cached_search(sender, request, response, **kwargs):
    """A search answered from the page cache counts for the admin's search terms as a rendered one."""
    if RESULTS_HEADER in response:
        count_search(normalise_query(request.GET.get("q", "")), int(response[RESULTS_HEADER]))


def suggestions(request):
    prefix = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    if len(prefix) < SUGGESTION_MIN_LENGTH:
        return JsonResponse({"query": prefix, "suggestions": []})
    items, _backend, _degraded = run("suggestions", prefix)
    return JsonResponse({"query": prefix, "suggestions": items})
