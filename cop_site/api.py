from django.core.exceptions import ValidationError

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.search.query import PlainText

from rest_framework.renderers import JSONRenderer

# Far past any listing of this site's pages, and far below PostgreSQL's bigint, where a larger
# OFFSET would fail in the database.
MAX_OFFSET = 1_000_000


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's read API for pages, with a 400 for input Wagtail itself would answer with a 500."""

    # JSON only, also for a browser: the API is for programs, and Django REST framework's browsable
    # HTML page needs inline styles that the Content-Security-Policy does not allow.
    renderer_classes = [JSONRenderer]

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        params = self.request.GET
        if params.get("search_operator", PlainText.DEFAULT_OPERATOR).lower() not in PlainText.OPERATORS:
            raise BadRequestError("search_operator moet 'and' of 'or' zijn.")
        offset = params.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset mag niet groter zijn dan {MAX_OFFSET}.")

    def filter_queryset(self, queryset):
        try:
            return super().filter_queryset(queryset)
        except ValidationError as error:  # a field filter with a value of the wrong kind, such as ?start=morgen
            raise BadRequestError(f"Ongeldige filterwaarde: {' '.join(error.messages)}") from error


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
