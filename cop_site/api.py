from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from rest_framework.renderers import JSONRenderer


class JSONPagesAPIViewSet(PagesAPIViewSet):
    # JSON only, also for a browser: the API is for programs, and Django REST framework's browsable
    # HTML page needs inline styles that the Content-Security-Policy does not allow.
    renderer_classes = [JSONRenderer]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", JSONPagesAPIViewSet)
