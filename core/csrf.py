"""Django's CSRF check, made by hand where the middleware leaves a view alone."""

from django.middleware.csrf import CsrfViewMiddleware


def csrf_refusal(request):
    """None when the request passes Django's CSRF check, else the refusal (CSRF_FAILURE_VIEW's page).

    For views the middleware leaves alone: the Wagtail pages (see cop_site.wagtail_hooks), and the
    sub-routes that answer a failed check themselves.
    """
    return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
