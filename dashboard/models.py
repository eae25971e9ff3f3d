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
