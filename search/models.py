import datetime

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchTermWeek(models.Model):
    """How often a query was searched in a week, and how often it found nothing.

    Only the normalised query text and counts are stored: no user, IP or time.
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
    def record(cls, term, found):
        term = term.strip().lower()[:200]
        if not term:
            return
        week = cls.current_week()
        increments = {"searches": F("searches") + 1}
        if not found:
            increments["without_results"] = F("without_results") + 1
        if cls.objects.filter(week=week, term=term).update(**increments):
            return
        try:
            with transaction.atomic():
                cls.objects.create(week=week, term=term, searches=1, without_results=0 if found else 1)
        except IntegrityError:  # a concurrent request created it first
            cls.objects.filter(week=week, term=term).update(**increments)
