"""Reads for plan status, the authorisation queue and what a plan changes from the one in force:
each a fixed number of queries, however many young people, plans or actions.

Where a plan stands is worked out by `rules.plan_status` from three dates annotated here as
correlated subqueries, so the record page, the caseload pages and the figures ask the same thing.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from django.db.models import (
    BooleanField,
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.utils import timezone

from careleavers.models import Role, YoungPerson
from eligibility.models import StatusChange, StatutoryStatus
from eligibility.rules import PA_AND_PLAN_STATUSES

from . import rules
from .access import worked_on_by
from .models import (
    OPEN_STATES,
    EarlyReview,
    PathwayPlan,
    PlanAction,
    PlanSection,
    PlanState,
    Section,
)
from .rules import PlanStanding


def authorised_plans():
    """A young person's authorised plans, latest first (correlated to the outer young person)."""
    return PathwayPlan.objects.filter(
        young_person=OuterRef("pk"), state=PlanState.AUTHORISED
    ).order_by("-number")


def with_plan_dates(young_people, *, as_of: date | None = None):
    """Annotate what `plan_standing` needs, in the one query that lists the young people:

    - `plan_required`: their status needs a pathway plan (INTERFACES.md §3 `required`);
    - `plan_number`, `plan_review_held_on`, `plan_next_review_requested_on`: from the latest
      authorised plan (None if there is none);
    - `early_review_due_on`, `early_review_requested_on`: the unmet early review due first;
    - `plan_awaiting_authorisation`: a plan has been submitted and not yet decided;
    - `open_plan_state`: draft, submitted or returned, for a plan being worked on, or None.

    With `as_of`, the plans as they stood at the end of that day (for figures on a past date):
    plans authorised by then, early reviews asked for and not yet met by then, and a plan
    submitted by then and not decided until later.
    """
    latest = authorised_plans()
    unmet = EarlyReview.objects.filter(
        young_person=OuterRef("pk"), met_by_plan__isnull=True
    ).order_by("due_on", "pk")
    awaiting = PathwayPlan.objects.filter(young_person=OuterRef("pk"), state=PlanState.SUBMITTED)
    if as_of is not None:
        latest = latest.filter(decided_at__date__lte=as_of)
        unmet = EarlyReview.objects.filter(
            Q(met_by_plan__isnull=True) | Q(met_by_plan__decided_at__date__gt=as_of),
            young_person=OuterRef("pk"), requested_on__lte=as_of,
        ).order_by("due_on", "pk")
        # A plan returned and sent again keeps the date it was returned: it is waiting if it
        # is waiting now or was decided only after the date.
        awaiting = PathwayPlan.objects.filter(
            Q(state=PlanState.SUBMITTED) | Q(decided_at__date__gt=as_of),
            young_person=OuterRef("pk"), submitted_at__date__lte=as_of,
        )
    return young_people.annotate(
        plan_required=Exists(
            StatutoryStatus.objects.filter(
                young_person=OuterRef("pk"), status__in=PA_AND_PLAN_STATUSES
            )
        ),
        plan_number=Subquery(latest.values("number")[:1]),
        plan_review_held_on=Subquery(latest.values("review_held_on")[:1]),
        plan_next_review_requested_on=Subquery(latest.values("next_review_requested_on")[:1]),
        early_review_due_on=Subquery(unmet.values("due_on")[:1]),
        early_review_requested_on=Subquery(unmet.values("requested_on")[:1]),
        plan_awaiting_authorisation=Exists(awaiting),
        open_plan_state=Subquery(
            PathwayPlan.objects.filter(young_person=OuterRef("pk"), state__in=OPEN_STATES)
            .values("state")[:1]
        ),
    )


def review_held_not_recorded(*, on: date):
    """An expression for the outer young person: on `on`, a review had been held for a plan
    that was not yet authorised and not waiting for authorisation either: the review happened
    but the plan was not written up and submitted (Kirklees's "a review but a delay in
    recording"). Plans authorised after `on` count: on that day they were still unrecorded."""
    return Exists(
        PathwayPlan.objects.filter(
            Q(state__in=[PlanState.DRAFT, PlanState.RETURNED])
            | Q(state=PlanState.AUTHORISED, decided_at__date__gt=on)
            | Q(state=PlanState.SUBMITTED, submitted_at__date__gt=on),
            young_person=OuterRef("pk"), review_held_on__lte=on,
        )
    )


def plan_due_on(row) -> date | None:
    """When the next review is due, for a row annotated by `with_plan_dates` (None with no
    authorised plan)."""
    if row.plan_review_held_on is None:
        return None
    return rules.review_due(
        rules.next_review_due(row.plan_review_held_on, row.plan_next_review_requested_on),
        row.early_review_due_on,
    )


def plan_standing(row, on: date) -> PlanStanding:
    """Where the plan stands on `on`, for a row annotated by `with_plan_dates`."""
    plan_due = (
        rules.next_review_due(row.plan_review_held_on, row.plan_next_review_requested_on)
        if row.plan_review_held_on is not None else None
    )
    return rules.plan_status(
        on=on, latest_authorised_due=plan_due, early_review_due=row.early_review_due_on,
        required=row.plan_required,
    )


def explain_plan_due(row) -> str:
    """The review date and why, in plain words, for a row annotated by `with_plan_dates`."""
    return rules.explain_due(
        held_on=row.plan_review_held_on,
        requested_earlier=row.plan_next_review_requested_on,
        early_review_due_on=row.early_review_due_on,
        early_review_requested_on=row.early_review_requested_on,
        required=row.plan_required,
    )


def plan_standings(young_people, *, on: date) -> dict[int, PlanStanding]:
    """{young person pk: where their plan stands on `on`}, in one query."""
    return {row.pk: plan_standing(row, on) for row in with_plan_dates(young_people.order_by())}


def plan_position_for(young_person, *, on: date):
    """One young person's row annotated by `with_plan_dates` (one query), for the record page."""
    return with_plan_dates(YoungPerson.objects.filter(pk=young_person.pk)).get()


def authorisation_queue(user, *, now=None):
    """Plans submitted and waiting for authorisation, oldest first, each annotated with `waiting`
    (how long since it was submitted) and `worked_on_by_user` (they wrote, changed or sent it, so
    cannot decide it).

    Team managers see their own teams' plans; duty managers see every team's, for when a team
    manager is away (DOMAIN.md §2). Restricted records follow the usual rule. Nobody else has
    a queue. One query.
    """
    if not user.is_authenticated or user.role not in (Role.TEAM_MANAGER, Role.DUTY_MANAGER):
        return PathwayPlan.objects.none()
    visible = YoungPerson.objects.visible_to(user)
    if user.role == Role.TEAM_MANAGER:
        visible = visible.filter(team__in=user.teams.all())
    now = now or timezone.now()
    return (
        PathwayPlan.objects.filter(
            state=PlanState.SUBMITTED, young_person__in=visible.values("pk")
        )
        .select_related("young_person__team", "author")
        .annotate(
            waiting=ExpressionWrapper(
                Value(now, output_field=DateTimeField()) - F("submitted_at"),
                output_field=DurationField(),
            ),
            worked_on_by_user=ExpressionWrapper(worked_on_by(user),
                                                output_field=BooleanField()),
        )
        .order_by("submitted_at", "pk")
    )



def needs_assessments_due(young_people, *, on: date,
                          statuses=None) -> dict[int, rules.NeedsAssessmentDue]:
    """{young person pk: when their needs assessment is due} for those who need a plan and have
    an assessment due (by `rules.needs_assessment_due`, the rule the record page shows), as of
    `on`. `statuses` (eligibility.selectors.StatusesOn) says who needed a plan on `on` when it is
    not today. Two queries: the young people with their plan and latest completed assessment;
    their status changes."""
    if statuses is not None:
        needing = with_plan_dates(
            statuses.having(young_people.order_by(), PA_AND_PLAN_STATUSES), as_of=on
        )
    else:
        needing = with_plan_dates(young_people.order_by(), as_of=on).filter(plan_required=True)
    rows = list(
        needing
        .annotate(last_assessment_completed_on=Max(
            "needs_assessments__completed_on",
            filter=Q(needs_assessments__completed_on__lte=on),
        ))
        .only("pk", "date_of_birth")
    )
    changes: dict[int, list[tuple[str, date]]] = {}
    for pk, status, effective_on in StatusChange.objects.filter(
        young_person__in=young_people.order_by().values("pk"), effective_on__lte=on
    ).values_list("young_person", "status", "effective_on"):
        changes.setdefault(pk, []).append((status, effective_on))
    due = {}
    for row in rows:
        found = rules.needs_assessment_due(
            date_of_birth=row.date_of_birth, status_changes=changes.get(row.pk, []),
            has_plan=row.plan_number is not None,
            last_completed_on=row.last_assessment_completed_on,
        )
        if found is not None:
            due[row.pk] = found
    return due


# --- what changed since the plan in force, for the manager deciding a plan ----------------------

#: The parts of the plan that are not sections: what it says about them, compared like one.
ABOUT_THEM = "about"
ABOUT_THEM_FIELDS = {
    "own_words": "In their own words",
    "aspirations": "What they want for their future",
    "trusted_people": "Who they trust and would turn to in a crisis",
}
SECTION_TEXTS = {"young_persons_words": "What they said", "plan_text": "What we agreed"}


def _tidy(text: str) -> str:
    """Text as a reader sees it: line breaks of any kind, and spaces at line ends, are not a
    change."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def word_changes(before: str, after: str) -> list[tuple[str, str]]:
    """The words of `after` against `before`, as ("same" | "added" | "removed", text) runs in
    reading order: joining the "same" and "added" runs gives `after`, the "same" and "removed"
    runs give `before` (give or take the spaces between words). Pure: no database access."""
    old = re.findall(r"\S+\s*", _tidy(before))
    new = re.findall(r"\S+\s*", _tidy(after))
    matcher = SequenceMatcher(
        None, [word.rstrip() for word in old], [word.rstrip() for word in new], autojunk=False
    )
    runs: list[tuple[str, str]] = []

    def put(kind: str, text: str) -> None:
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + text)
        else:
            runs.append((kind, text))

    def add(kind: str, text: str) -> None:
        # A run added or taken away ends at its last word: the space after it is shared.
        body = text if kind == "same" else text.rstrip()
        if runs and not runs[-1][1][-1].isspace() and not body[0].isspace():
            put("same", " ")  # the words either side of a change stay apart
        put(kind, body)
        if len(body) < len(text):
            put("same", text[len(body):])

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("same", "".join(new[j1:j2]))
            continue
        if i1 < i2:
            add("removed", "".join(old[i1:i2]))
        if j1 < j2:
            add("added", "".join(new[j1:j2]))
    return runs


@dataclass(frozen=True)
class TextChange:
    """One piece of writing in a part of the plan, then and now."""

    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return _tidy(self.before) != _tidy(self.after)

    @property
    def words(self) -> list[tuple[str, str]]:
        return word_changes(self.before, self.after)


@dataclass(frozen=True)
class PartChange:
    """A part of the plan (a section, or what it says about them) against the plan in force."""

    key: str
    label: str
    texts: list[TextChange]

    @property
    def changed(self) -> bool:
        return any(text.changed for text in self.texts)

    @property
    def changed_texts(self) -> list[TextChange]:
        return [text for text in self.texts if text.changed]


@dataclass(frozen=True)
class ActionLine:
    """An action as it stands in the plan (or, taken off, as it stood in the plan in force)."""

    part: str
    who: str
    what: str
    due_on: date
    done: bool
    #: The date it had in the plan in force, if the plan moved it.
    was_due_on: date | None = None
    #: Days since it was due, for an action not done whose date has passed; else None.
    days_late: int | None = None

    @property
    def overdue(self) -> bool:
        return self.days_late is not None


@dataclass(frozen=True)
class PlanChanges:
    """What a plan changes from the young person's last authorised plan (`previous`: None for
    their first plan, with nothing to compare it with)."""

    previous: PathwayPlan | None
    parts: list[PartChange] = field(default_factory=list)
    new_actions: list[ActionLine] = field(default_factory=list)
    done_actions: list[ActionLine] = field(default_factory=list)
    removed_actions: list[ActionLine] = field(default_factory=list)
    carried_actions: list[ActionLine] = field(default_factory=list)

    @property
    def is_first_plan(self) -> bool:
        return self.previous is None

    @property
    def changed_parts(self) -> list[PartChange]:
        return [part for part in self.parts if part.changed]

    @property
    def overdue_actions(self) -> list[ActionLine]:
        return [action for action in self.carried_actions if action.overdue]

    @property
    def any_action_changes(self) -> bool:
        return bool(self.new_actions or self.done_actions or self.removed_actions)


def _days_late(due_on: date, done: bool, on: date) -> int | None:
    return (on - due_on).days if not done and due_on < on else None


def _action_key(section_key: str, who: str, what: str) -> tuple[str, str, str]:
    # Actions are carried into a review as copies: the same part, who and what is the same action.
    return section_key, " ".join(who.split()).casefold(), " ".join(what.split()).casefold()


def changes_since_last_authorised(plan: PathwayPlan, *, on: date | None = None) -> PlanChanges:
    """What `plan` changes from the young person's latest authorised plan before it (never a
    draft or a plan returned for changes: only an authorised plan is the plan, DOMAIN.md §2):

    - each part of the plan, in the plan's order: its texts then and now;
    - actions: new ones, ones now done, ones taken off without being done, and the ones carried
      over, each not done and due before `on` (today) counted as days late.

    Three queries (one, for a first plan): the plan in force; both plans' sections; their
    actions.
    """
    on = on or timezone.localdate()
    previous = (
        PathwayPlan.objects.filter(
            young_person_id=plan.young_person_id, state=PlanState.AUTHORISED,
            number__lt=plan.number,
        )
        .select_related("decided_by").order_by("-number").first()
    )
    if previous is None:
        return PlanChanges(previous=None)
    sections = {(section.plan_id, section.key): section
                for section in PlanSection.objects.filter(plan_id__in=[previous.pk, plan.pk])}
    parts = [PartChange(ABOUT_THEM, "About them", [
        TextChange(label, getattr(previous, name), getattr(plan, name))
        for name, label in ABOUT_THEM_FIELDS.items()
    ])]
    for key, label in Section.choices:
        then, now = sections.get((previous.pk, key)), sections.get((plan.pk, key))
        parts.append(PartChange(key, label, [
            TextChange(text_label, getattr(then, name, ""), getattr(now, name, ""))
            for name, text_label in SECTION_TEXTS.items()
        ]))

    order = {key: index for index, key in enumerate(Section.values)}
    labels = dict(Section.choices)
    actions = sorted(
        PlanAction.objects.filter(section__plan_id__in=[previous.pk, plan.pk])
        .values("section__plan_id", "section__key", "who", "what", "due_on", "done", "pk"),
        key=lambda row: (order[row["section__key"]], row["due_on"], row["pk"]),
    )
    # The actions still open when the plan in force was authorised, by what they are.
    open_then: dict[tuple, list[dict]] = {}
    for row in actions:
        if row["section__plan_id"] == previous.pk and not row["done"]:
            key = _action_key(row["section__key"], row["who"], row["what"])
            open_then.setdefault(key, []).append(row)
    new, done, carried = [], [], []
    for row in actions:
        if row["section__plan_id"] != plan.pk:
            continue
        matches = open_then.get(_action_key(row["section__key"], row["who"], row["what"]))
        then = matches.pop(0) if matches else None
        line = ActionLine(
            part=labels[row["section__key"]], who=row["who"], what=row["what"],
            due_on=row["due_on"], done=row["done"],
            was_due_on=then["due_on"] if then and then["due_on"] != row["due_on"] else None,
            days_late=_days_late(row["due_on"], row["done"], on),
        )
        if then is None:
            new.append(line)
        elif row["done"]:
            done.append(line)
        else:
            carried.append(line)
    still_open = {row["pk"] for rows in open_then.values() for row in rows}
    removed = [
        ActionLine(part=labels[row["section__key"]], who=row["who"], what=row["what"],
                   due_on=row["due_on"], done=False)
        for row in actions if row["pk"] in still_open
    ]
    return PlanChanges(previous=previous, parts=parts, new_actions=new, done_actions=done,
                       removed_actions=removed, carried_actions=carried)
