from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from cop_site.filters import page_missing_message

from .models import SearchTermWeek
from .query import FACETS, MAX_QUERY_LENGTH, PAGE_SIZE, SORTS, SearchRequest, run

SUGGESTION_MIN_LENGTH = 2


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
    counted = False
    if search_request.is_valid:
        results, backend, degraded = run("search", search_request)
        paginator = Paginator(ResultWindow(results.hits, results.total, search_request.offset), PAGE_SIZE)
        if results.total and search_request.page > paginator.num_pages:
            search_request.messages.append(page_missing_message(paginator.num_pages))
            search_request.status_code = 404
        else:
            context["page_obj"] = paginator.page(search_request.page) if results.total else None
        context.update(results=results, degraded=degraded)
        if search_request.q and search_request.page == 1:
            SearchTermWeek.record(search_request.q, found=results.total > 0)
            counted = True
    response = TemplateResponse(request, "search/search_page.html", context, status=search_request.status_code)
    if counted or context.get("degraded"):
        # Kept out of the page cache and proxies: each search is counted (the admin's search terms),
        # and a fallback answer should not outlive the Elasticsearch outage.
        patch_cache_control(response, private=True, no_cache=True)
    return response


def suggestions(request):
    prefix = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    if len(prefix) < SUGGESTION_MIN_LENGTH:
        return JsonResponse({"query": prefix, "suggestions": []})
    items, _backend, _degraded = run("suggestions", prefix)
    return JsonResponse({"query": prefix, "suggestions": items})
