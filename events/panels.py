"""An editor panel on the event page: how full it is, with links to the registrations."""

from django.db.models import Count
from django.urls import reverse

from wagtail.admin.panels import Panel


class RegistrationSummaryPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "events/admin/registration_summary_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            event = self.instance
            counts = {}
            if event.pk:
                rows = event.registrations.order_by().values("status").annotate(n=Count("pk"))
                counts = {row["status"]: row["n"] for row in rows}
                listing = reverse("events_registrations:index") + f"?event={event.pk}"
                context["listing_url"] = listing
                context["export_csv_url"] = listing + "&export=csv"
                context["export_xlsx_url"] = listing + "&export=xlsx"
            context["confirmed"] = counts.get("confirmed", 0)
            context["waiting"] = counts.get("waiting", 0)
            context["cancelled"] = counts.get("cancelled", 0)
            context["capacity"] = event.capacity
            return context
