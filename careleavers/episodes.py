"""What places lived and activities have in common: each is a dated episode on a young person's
record, from one date to another (no end: still going), and no two overlap (careleavers.periods).
The models here are abstract; `accommodation` and `eet` say what each episode holds."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q

from .history import save_with_history
from .periods import ended_by


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


def record_episode(model, *, actor, young_person, values: dict, refuse_overlap):
    """Add an episode of `model` with `values` (checked) to a young person's record: a new
    current episode ends the current one the day before it starts, and `refuse_overlap(others,
    start_on, end_on)` refuses one that shares a day with another. Returns the new episode and
    the episodes the young person had before it."""
    start_on, end_on = values["start_on"], values["end_on"]
    episodes = list(model.objects.filter(young_person=young_person))
    moving_on = ended_by(episodes, start_on, end_on)
    refuse_overlap([e for e in episodes if e is not moving_on], start_on, end_on)
    if moving_on is not None:
        moving_on.end_on = start_on - timedelta(days=1)
        save_episode(moving_on, actor=actor, update_fields=["end_on"])
    episode = model(young_person=young_person, recorded_by=actor, **values)
    save_episode(episode, actor=actor)
    return episode, episodes


def others_than(episode):
    """The young person's other episodes of the same kind, to check a correction against."""
    return list(type(episode).objects.filter(
        young_person_id=episode.young_person_id
    ).exclude(pk=episode.pk))


def correct_episode(current, values: dict, *, version: int, actor):
    """Save a correction to an episode (locked, at `version`) with `values` (checked); the
    earlier version is kept in its history."""
    for name, value in values.items():
        setattr(current, name, value)
    current.version = version + 1
    save_episode(current, actor=actor)
    return current
