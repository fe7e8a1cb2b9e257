"""The admin page of the booklet: every edition, newest first, and a button to build one now."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permissions import ModelPermissionPolicy

from .models import BookletEdition
from .service import BookletUnavailable, build_edition


class EditionsView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET lists the editions; POST builds a new one if the content changed since the latest."""

    template_name = "booklet/admin/editions.html"
    page_title = _("Boekje")
    page_subtitle = _("Edities van de inspiratiegids als PDF")
    header_icon = "doc-full"
    permission_policy = ModelPermissionPolicy(BookletEdition)
    permission_required = "rebuild"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["editions"] = BookletEdition.objects.select_related("document")
        return context

    def post(self, request, *args, **kwargs):
        try:
            edition, created = build_edition()
        except BookletUnavailable as error:
            messages.error(request, str(error))
            return redirect(reverse("booklet_editions"))
        when = date_format(localtime(edition.built_at), "j F Y H:i")
        if created:
            messages.success(
                request,
                gettext("Er is een nieuwe editie gemaakt (%(pages)d pagina's).") % {"pages": edition.page_count},
            )
        else:
            messages.info(
                request,
                gettext("Er is niets veranderd sinds de editie van %(when)s, dus die blijft de nieuwste.")
                % {"when": when},
            )
        return redirect(reverse("booklet_editions"))
