"""Reads for caseload pages: each a fixed number of queries however many young people.

Counts are correlated subqueries rather than joins and aggregates, so they stay right whatever
other joins a queryset carries (restricted records join the staff named on them).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Exists, F, IntegerField, Min, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from careleavers.models import User, YoungPerson
from eligibility.models import StatutoryStatus
from eligibility.rules import PA_AND_PLAN_STATUSES, age_on

from .models import (
    IN_TOUCH_OUTCOMES,
    Allocation,
    AllocationKind,
    Contact,
    ContactOutcome,
    KeepInTouch,
    KeepInTouchStandard,
    current_on,
)


def with_contact_dates(young_people):
    """Annotate when each young person was last in touch (seen or spoke), and when and how the
    last contact of any kind went."""
    contacts = Contact.objects.filter(young_person=OuterRef("pk")).order_by("-contact_at")
    return young_people.annotate(
        last_in_touch_at=Subquery(
            contacts.filter(outcome__in=IN_TOUCH_OUTCOMES).values("contact_at")[:1]
        ),
        last_contact_at=Subquery(contacts.values("contact_at")[:1]),
        last_contact_outcome=Subquery(contacts.values("outcome")[:1]),
    )


def current_allocations_prefetch(*, today: date):
    return Prefetch(
        "allocations",
        queryset=Allocation.objects.current(today).select_related("adviser").order_by(
            "kind", "start_on"
        ),
        to_attr="current_allocations",
    )


def caseload_of(adviser, *, today: date):
    """The young people this adviser holds today, as their PA or covering."""
    return YoungPerson.objects.visible_to(adviser).filter(
        Exists(Allocation.objects.filter(current_on(today), young_person=OuterRef("pk"),
                                         adviser=adviser))
    )


def unallocated_requiring_pa(young_people, *, today: date, statuses=None):
    """Young people whose status requires a Personal Adviser and who have none today
    (INTERFACES.md §3 'unallocated_requiring_pa'). `statuses` (eligibility.selectors.StatusesOn)
    gives their statuses on `today` when it is not the real today."""
    requiring = (
        statuses.having(young_people, PA_AND_PLAN_STATUSES) if statuses is not None
        else young_people.filter(statutory_status__status__in=PA_AND_PLAN_STATUSES)
    )
    return requiring.exclude(
        Exists(Allocation.objects.filter(current_on(today), young_person=OuterRef("pk"),
                                         kind=AllocationKind.PERSONAL_ADVISER))
    )


#: Order on a caseload: who has never been seen, then who is most overdue, then who is due
#: soonest; young people with no keep-in-touch standard last.
_URGENCY = {"never": 0, "overdue": 1, "due_soon": 2, "ok": 2, "none": 3}


@dataclass
class CaseloadRow:
    young_person: YoungPerson
    age: int
    status: object  # StatutoryStatus or None
    personal_adviser: User | None
    covering: list = field(default_factory=list)
    cover_allocations: list = field(default_factory=list)
    last_contact_at: datetime | None = None
    last_contact_outcome: str = ""
    keep_in_touch: KeepInTouch = KeepInTouch(None, None)
    contact_state: str = "none"
    due_in_days: int | None = None

    @property
    def last_contact_outcome_label(self) -> str:
        if not self.last_contact_outcome:
            return ""
        return ContactOutcome(self.last_contact_outcome).label

    def covered_by(self, user) -> bool:
        return any(adviser.pk == user.pk for adviser in self.covering)

    @property
    def urgency(self):
        due = self.keep_in_touch.next_due or date.min
        return (_URGENCY[self.contact_state], due, self.young_person.last_name,
                self.young_person.first_name)


def caseload_rows(young_people, *, today: date) -> list[CaseloadRow]:
    """Rows for a caseload table, most urgent first.

    Queries: the keep-in-touch standards; the young people with their status and contact dates;
    their current allocations with the advisers.
    """
    standards = KeepInTouchStandard.as_dict()
    people = (
        with_contact_dates(young_people)
        .select_related("statutory_status", "team")
        .prefetch_related(current_allocations_prefetch(today=today))
    )
    rows = []
    for person in people:
        status = getattr(person, "statutory_status", None)
        last = person.last_in_touch_at
        keep_in_touch = KeepInTouch(
            last_in_touch=timezone.localtime(last).date() if last else None,
            interval_days=standards.get(status.status) if status else None,
        )
        main = [a for a in person.current_allocations if a.kind == AllocationKind.PERSONAL_ADVISER]
        covers = [a for a in person.current_allocations if a.kind == AllocationKind.COVER]
        next_due = keep_in_touch.next_due
        rows.append(
            CaseloadRow(
                young_person=person,
                age=age_on(person.date_of_birth, today),
                status=status,
                personal_adviser=main[0].adviser if main else None,
                covering=[a.adviser for a in covers],
                cover_allocations=covers,
                last_contact_at=person.last_contact_at,
                last_contact_outcome=person.last_contact_outcome or "",
                keep_in_touch=keep_in_touch,
                contact_state=keep_in_touch.state(today),
                due_in_days=(next_due - today).days if next_due else None,
            )
        )
    rows.sort(key=lambda row: row.urgency)
    return rows


def _held_count(kind, today):
    return Coalesce(
        Subquery(
            Allocation.objects.filter(current_on(today), adviser=OuterRef("pk"), kind=kind)
            .order_by()
            .values("adviser")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def advisers_with_caseloads(team, *, today: date):
    """Each Personal Adviser in the team with how many young people they hold as PA today
    (`caseload`) and how many they are covering (`covering`)."""
    return (
        User.objects.personal_advisers()
        .in_team(team)
        .annotate(
            caseload=_held_count(AllocationKind.PERSONAL_ADVISER, today),
            covering=_held_count(AllocationKind.COVER, today),
        )
        .order_by("full_name", "username")
    )


def year_before(today: date) -> date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def with_pa_changes(young_people, *, today: date):
    """Annotate what `pa_changes` needs: Personal Advisers who started in the last 12 months,
    and when the first one ever started (stability, DOMAIN.md §5)."""
    since = year_before(today)
    main = Allocation.objects.filter(
        young_person=OuterRef("pk"), kind=AllocationKind.PERSONAL_ADVISER
    ).order_by().values("young_person")
    return young_people.annotate(
        pa_started_recently=Coalesce(
            Subquery(
                main.filter(start_on__gt=since, start_on__lte=today)
                .annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
        first_pa_on=Subquery(main.annotate(first=Min("start_on")).values("first")),
    )


def pa_changes(young_person, *, today: date) -> int:
    """Changes of Personal Adviser in the last 12 months, from a row annotated by
    `with_pa_changes`: every PA who started in that time, except a young person's first."""
    recent = young_person.pa_started_recently
    first = young_person.first_pa_on
    if first is not None and first > year_before(today):
        recent -= 1
    return max(recent, 0)


def current_pa_name(*, today: date):
    """An annotation: the name of the young person's Personal Adviser today, or None."""
    return Subquery(
        Allocation.objects.filter(current_on(today), young_person=OuterRef("pk"),
                                  kind=AllocationKind.PERSONAL_ADVISER)
        .values("adviser__full_name")[:1]
    )


def current_cover_name(*, today: date):
    """An annotation: the name of the colleague covering for the young person's Personal
    Adviser today (the one who started last, if several), or None."""
    return Subquery(
        Allocation.objects.filter(current_on(today), young_person=OuterRef("pk"),
                                  kind=AllocationKind.COVER)
        .order_by("-start_on", "-pk").values("adviser__full_name")[:1]
    )


def people_to_move(young_people, *, today: date):
    """Young people a manager may move to another Personal Adviser, grouped by the one they have
    today (those with none last), with who that is and since when (`current_pa_id`,
    `current_pa_name`, `current_pa_since`) and who is covering (`current_cover_name`). One
    query."""
    main = Allocation.objects.filter(current_on(today), young_person=OuterRef("pk"),
                                     kind=AllocationKind.PERSONAL_ADVISER)
    return (
        young_people.annotate(
            current_pa_id=Subquery(main.values("adviser")[:1]),
            current_pa_name=current_pa_name(today=today),
            current_pa_since=Subquery(main.values("start_on")[:1]),
            current_cover_name=current_cover_name(today=today),
        )
        .order_by(F("current_pa_name").asc(nulls_last=True), "current_pa_id", "last_name",
                  "first_name", "pk")
    )


def last_in_touch_at(*, on: date):
    """An annotation: when the young person was last seen or spoken to, on or before `on`
    (the contact the keep-in-touch standard counts from), or None."""
    return Subquery(
        Contact.objects.filter(
            young_person=OuterRef("pk"), outcome__in=IN_TOUCH_OUTCOMES, contact_at__date__lte=on,
        ).order_by("-contact_at").values("contact_at")[:1]
    )


def last_in_touch_made_by(*, on: date):
    """An annotation: the id of the member of staff who made the contact `last_in_touch_at`
    finds (who last saw or spoke to the young person, on or before `on`), or None."""
    return Subquery(
        Contact.objects.filter(
            young_person=OuterRef("pk"), outcome__in=IN_TOUCH_OUTCOMES, contact_at__date__lte=on,
        ).order_by("-contact_at", "-pk").values("made_by")[:1]
    )


def keep_in_touch_for(young_person) -> KeepInTouch:
    """Where one young person stands against their keep-in-touch standard."""
    status = (
        StatutoryStatus.objects.filter(young_person=young_person)
        .values_list("status", flat=True).first()
    )
    last = (
        Contact.objects.filter(young_person=young_person).in_touch()
        .order_by("-contact_at").values_list("contact_at", flat=True).first()
    )
    return KeepInTouch(
        last_in_touch=timezone.localtime(last).date() if last else None,
        interval_days=KeepInTouchStandard.as_dict().get(status) if status else None,
    )
