"""Where the young person lives, on their record page, and their moves in the chronology."""

from django.urls import reverse

from careleavers.record import ChronologyEntry, RecordPart, record_part

from .access import can_change_accommodation
from .rules import MOVED_TO, accom_code
from .selectors import episodes_of, latest_assessment, visit_due


@record_part
def accommodation_part(*, young_person, user, today) -> RecordPart:
    """A fixed number of queries however long the history: the episodes, their assessments, one
    for the last visit where the council provides the place, and one for what this user may do."""
    episodes = episodes_of(young_person)
    for episode in episodes:
        episode.young_person = young_person
        episode.latest = latest_assessment(episode)
    current = next((e for e in episodes if e.covers(today)), None)
    history_url = reverse("accommodation", args=[young_person.pk])
    return RecordPart(
        order=40,
        template="accommodation/_record_panel.html",
        context={
            "current": current,
            "dfe_code": accom_code(current.type_code, current.latest.suitable)
            if current is not None and current.latest is not None else "",
            "earlier": [e for e in episodes if e is not current][:3],
            "earlier_count": len(episodes) - (1 if current else 0),
            "visit": visit_due(current, today=today),
            "history_url": history_url,
            "can_change": can_change_accommodation(user, young_person),
        },
        chronology=[entry for episode in episodes for entry in _entries(episode, history_url)],
    )


def _entries(episode, url):
    first_line = episode.address.splitlines()[0] if episode.address else ""
    where = ", ".join(part for part in (first_line, episode.provider) if part)
    title = MOVED_TO[episode.type_code]
    if episode.staying_close:
        title = f"{title}, Staying Close with support from {episode.staying_close_home}"
    yield ChronologyEntry(
        at=episode.start_on,
        kind="Accommodation",
        title=title,
        text=where,
        by=str(episode.recorded_by) if episode.recorded_by_id else "",
        url=url,
    )
    for assessment in episode.assessments.all():
        yield ChronologyEntry(
            at=assessment.assessed_on,
            kind="Accommodation",
            title=f"Accommodation assessed: {assessment.get_outcome_display().lower()}",
            text=assessment.reason,
            by=str(assessment.assessed_by) if assessment.assessed_by_id else "",
            url=url,
        )
