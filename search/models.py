import datetime
import re

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Terms that hold an e-mail address or a Dutch phone number are personal data: never stored.
EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
# A Dutch number: 0 or +31/0031, then nine digits, with spaces, dashes or "(0)" in between.
PHONE = re.compile(r"(?<!\d)(?:0|(?:\+|00)31[\s-]*(?:\(0\)[\s-]*)?)[1-9](?:[\s-]*\d){8}(?!\d)")


def looks_personal(term):
    return bool(EMAIL.search(term) or PHONE.search(term))


class SearchTermWeek(models.Model):
    """How often a query was searched in a week, and how often it found nothing.

    Only the normalised query text and counts are stored: no user, IP or time. Terms that
    look like an e-mail address or phone number are left out, and only the first
    SEARCH_TERMS_MAX_PER_WEEK distinct terms of a week get a row, so a bot cannot grow the table.
    """

    week = models.DateField(_("week (maandag)"))
    term = models.CharField(_("zoekterm"), max_length=200)
    searches = models.PositiveIntegerField(_("keer gezocht"), default=0)
    without_results = models.PositiveIntegerField(_("keer zonder resultaat"), default=0)

    class Meta:
        verbose_name = _("zoekterm per week")
        verbose_name_plural = _("zoektermen per week")
        constraints = [models.UniqueConstraint(fields=["week", "term"], name="unique_search_term_per_week")]
        ordering = ["-week", "-searches"]

    def __str__(self):
        return self.term

    @classmethod
    def current_week(cls):
        today = timezone.localdate()
        return today - datetime.timedelta(days=today.weekday())

    @classmethod
    def clean_term(cls, term):
        """The term as counted (trimmed, lower case, at most 200 characters), or None when it is
        empty or looks like personal data."""
        term = term.strip().lower()[:200]
        return None if not term or looks_personal(term) else term

    @classmethod
    def add(cls, week, term, searches, without_results):
        """Add to the counts of `term` (made by clean_term) in `week`; search.term_counts calls this."""
        increments = {"searches": F("searches") + searches, "without_results": F("without_results") + without_results}
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # A count lost in a crash matters less than a search waiting for the disk to confirm it.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            if cls.objects.filter(week=week, term=term).update(**increments):
                return
            # Under concurrency a few rows may pass the cap; it bounds growth, not an exact count.
            if cls.objects.filter(week=week).count() >= settings.SEARCH_TERMS_MAX_PER_WEEK:
                return
            try:
                with transaction.atomic():
                    cls.objects.create(week=week, term=term, searches=searches, without_results=without_results)
            except IntegrityError:  # a concurrent request created it first
                cls.objects.filter(week=week, term=term).update(**increments)
