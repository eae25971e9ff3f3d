"""Reads about what young people do each day, each a fixed number of queries."""

from datetime import date

from django.db.models import OuterRef, Subquery

from .models import ActivityEpisode


def activities_of(young_person) -> list[ActivityEpisode]:
    """Everything they have done, newest first. One query."""
    return list(
        ActivityEpisode.objects.filter(young_person=young_person)
        .select_related("recorded_by").order_by("-start_on")
    )


def with_activity_on(young_people, *, on: date):
    """Annotate `activity_code`: what each young person was doing on `on`, by the activity
    covering it (the one that started last, should two overlap), or None."""
    covering = ActivityEpisode.objects.covering(on).filter(
        young_person=OuterRef("pk")
    ).order_by("-start_on")
    return young_people.annotate(activity_code=Subquery(covering.values("activity_code")[:1]))
