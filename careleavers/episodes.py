"""What places lived and activities have in common: each is a dated episode on a young person's
record, from one date to another (no end: still going), and no two overlap (careleavers.periods).
The models here are abstract; `accommodation` and `eet` say what each episode holds."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from .history import save_with_history


def covering(on: date, prefix: str = "") -> Q:
    """An episode covers a day from its start to its end, both included; no end = still going."""
    return Q(**{f"{prefix}start_on__lte": on}) & (
        Q(**{f"{prefix}end_on__isnull": True}) | Q(**{f"{prefix}end_on__gte": on})
    )


class DatedEpisodeQuerySet(models.QuerySet):
    def covering(self, on: date):
        """The episodes going on on `on`."""
        return self.filter(covering(on))


def episode_constraints(noun: str) -> list:
    """An episode ends on or after the day it starts, and a young person has one per start date:
    named '<noun>_ends_after_it_starts' and 'one_<noun>_per_start'."""
    return [
        models.CheckConstraint(
            condition=Q(end_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
            name=f"{noun}_ends_after_it_starts",
        ),
        models.UniqueConstraint(fields=["young_person", "start_on"], name=f"one_{noun}_per_start"),
    ]


class DatedEpisode(models.Model):
    """An episode on a young person's record. Each model gives its own `young_person` (with its
    own related name), `start_on` and `end_on` (labelled in its own words), and its constraints
    from `episode_constraints`."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True
        ordering = ["-start_on"]
        indexes = [models.Index(fields=["young_person", "-start_on"])]

    def covers(self, on: date) -> bool:
        """The same test as `covering`, for episodes already loaded."""
        return self.start_on <= on and (self.end_on is None or self.end_on >= on)


def save_episode(episode, *, actor, update_fields=None) -> None:
    """Check and save an episode, keeping who changed it."""
    episode.full_clean(exclude=["young_person", "recorded_by"])
    save_with_history(episode, actor, update_fields=update_fields)
