"""Their health and their own children on the young person's record page (a panel, and the
chronology's "Health" entries: their health history given to them, a child born), and what the
record says on their pathway plan's health section."""

from django.urls import reverse

from careleavers.dates import long_date
from careleavers.record import (
    ChronologyEntry,
    RecordPart,
    SectionFact,
    plan_section_facts,
    record_part,
)

from .access import can_change_health
from .models import Child, HealthRecord
from .rules import Answer, registration_in_words
from .selectors import children_of


def _record(young_person) -> HealthRecord | None:
    return HealthRecord.objects.filter(young_person=young_person).first()


@record_part
def health_part(*, young_person, user, today) -> RecordPart:
    """Three queries however many children: the health record, the children, and one for what
    this user may do."""
    record = _record(young_person)
    children = [child for child in children_of(young_person) if not child.removed]
    url = reverse("health", args=[young_person.pk])
    return RecordPart(
        order=55,
        template="health/_record_panel.html",
        context={
            "record": record,
            "gp": registration_in_words(record.gp_registered, record.gp_practice)
            if record else "",
            "dentist": registration_in_words(record.dentist_registered,
                                             record.dentist_practice) if record else "",
            "children": children,
            "health_url": url,
            "can_change": can_change_health(user, young_person),
        },
        chronology=list(_entries(record, children, url)),
    )


def _entries(record, children: list[Child], url: str):
    if record is not None and record.history_given_on is not None:
        yield ChronologyEntry(at=record.history_given_on, kind="Health",
                              title="Their health history was given to them", url=url)
    for child in children:
        if child.born_on is not None:
            yield ChronologyEntry(
                at=child.born_on, kind="Health",
                title=f"{child.name or 'Their child'} was born",
                text=child.get_lives_with_them_display() if child.lives_with_them != "not_known"
                else "", by=str(child.recorded_by) if child.recorded_by_id else "", url=url,
            )


@plan_section_facts("health")
def health_facts(*, young_person, today) -> list[SectionFact]:
    """GP, dentist, their health history and any disability, as their health record has them.
    One query."""
    record = _record(young_person)
    if record is None:
        return [SectionFact("Health record", "Nothing recorded yet")]
    given = record.history_given_on
    disability = Answer(record.disability).label
    if record.disability == Answer.YES and record.disability_details:
        disability = f"Yes, {record.disability_details}"
    return [
        SectionFact("Registered with a GP",
                    registration_in_words(record.gp_registered, record.gp_practice)),
        SectionFact("Registered with a dentist",
                    registration_in_words(record.dentist_registered, record.dentist_practice)),
        SectionFact("Their health history was given to them",
                    f"On {long_date(given)}" if given else "Not yet"),
        SectionFact("Disability", disability),
    ]
