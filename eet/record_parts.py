"""What the young person does each day: a panel on their record page, their activities in the
chronology, and a column on caseload tables."""

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from careleavers.episodes import covering
from careleavers.record import (
    CaseloadCell,
    ChronologyEntry,
    RecordPart,
    caseload_column,
    record_part,
)

from .access import can_change_activities
from .models import ActivityEpisode
from .rules import NEET_CODES, ActivityCode
from .selectors import activities_of


@record_part
def activity_part(*, young_person, user, today) -> RecordPart:
    """Two queries: the activities, and what this user may do."""
    activities = activities_of(young_person)
    current = next((a for a in activities if a.covers(today)), None)
    history_url = reverse("eet", args=[young_person.pk])
    return RecordPart(
        order=50,
        template="eet/_record_panel.html",
        context={
            "current": current,
            "previous": next((a for a in activities if a is not current and a.start_on <= today),
                             None),
            "history_url": history_url,
            "can_change": can_change_activities(user, young_person),
        },
        chronology=[
            ChronologyEntry(
                at=activity.start_on,
                kind="Education or work",
                title=f"Started: {activity.get_activity_code_display().lower()}",
                text=" at ".join(p for p in (activity.course_or_job,
                                             activity.provider_or_employer) if p)
                or activity.neet_reason,
                by=str(activity.recorded_by) if activity.recorded_by_id else "",
                url=history_url,
            )
            for activity in activities
        ],
    )


@caseload_column("Education or work", order=50)
def education_or_work(*, young_people, today) -> dict:
    """What each young person does today, as a tag. One query."""
    codes = young_people.annotate(
        activity_today=Subquery(
            ActivityEpisode.objects.filter(covering(today), young_person=OuterRef("pk"))
            .order_by("-start_on").values("activity_code")[:1]
        )
    ).values_list("pk", "activity_today")
    cells = {}
    for pk, code in codes:
        if code is None:
            cells[pk] = CaseloadCell("Not recorded", "govuk-tag--grey")
        elif code in NEET_CODES:
            cells[pk] = CaseloadCell("Not in education, work or training", "govuk-tag--yellow")
        else:
            cells[pk] = CaseloadCell(ActivityCode(code).label, "govuk-tag--green")
    return cells
