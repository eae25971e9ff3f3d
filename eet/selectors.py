"""Reads about what young people do each day, each a fixed number of queries."""

from .models import ActivityEpisode


def activities_of(young_person) -> list[ActivityEpisode]:
    """Everything they have done, newest first. One query."""
    return list(
        ActivityEpisode.objects.filter(young_person=young_person)
        .select_related("recorded_by").order_by("-start_on")
    )
