from django.conf import settings
from django.db import models
from django.db.models import Q

from careleavers.dates import month_and_year
from careleavers.models import Team


class MonthlySnapshot(models.Model):
    """The figures (dashboard.figures) as they stood on the last day of a month, for the whole
    service (no team) or one team, kept so the dashboard can show month-on-month trends
    (DOMAIN.md §5). Taken again for the same month, it is replaced, not duplicated."""

    month = models.DateField(help_text="The first day of the month")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    figures = models.JSONField()
    taken_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["month", "team"], condition=Q(team__isnull=False),
                                    name="one_snapshot_per_team_and_month"),
            models.UniqueConstraint(fields=["month"], condition=Q(team__isnull=True),
                                    name="one_service_snapshot_per_month"),
        ]

    def __str__(self):
        return f"Figures for {month_and_year(self.month)} ({self.team or 'whole service'})"


class FeedKey(models.Model):
    """A key that lets the council's reporting tools (Power BI and the like) read the figures
    feed (`dashboard.feed`) as the service manager it was made for, who must still be one when
    it is used. Only a hash of the key is kept: it is shown once, when made."""

    name = models.CharField(max_length=100, help_text="What reads with it, such as Power BI")
    made_for = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="feed_keys")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    made_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True,
                                        help_text="Set to stop the key working at once")

    class Meta:
        ordering = ["-made_at"]

    def __str__(self):
        return f"{self.name} ({self.made_for})"
