"""What a young person reads on their own pages, each a fixed number of queries however much
their record holds. Only what is theirs and written for them: never a note written for staff
(contact notes, a manager's reasons, why something was withdrawn or declined), never who a
restricted record is kept to, never a plan that is not yet authorised."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q
from django.utils import timezone

from advisers.models import Allocation, AllocationKind, Contact
from careleavers.models import YoungPerson
from documents.models import Document
from eligibility.models import StatutoryStatus
from eligibility.rules import Status
from localoffer.models import Payment, RequestState
from localoffer.rules import pounds
from localoffer.selectors import OfferLine, offer_for, requests_of
from pathways.models import PathwayPlan, PlanState, Section
from standing.models import Standing

from .models import Access, PortalVisit

#: What each status means for the young person, in their words (DOMAIN.md §1).
STATUS_IN_PLAIN_WORDS = {
    Status.ELIGIBLE: (
        "You are still looked after by the council, and have been for long enough to have a "
        "Personal Adviser and a pathway plan to help you get ready to leave care."
    ),
    Status.RELEVANT: (
        "You have left care and you are 16 or 17. You have a Personal Adviser and a pathway "
        "plan, and the council helps you with somewhere to live and with money."
    ),
    Status.FORMER_RELEVANT: (
        "You left care and you are 18, 19 or 20. You have a Personal Adviser and a pathway plan "
        "until you are 21, and you can have what the local offer gives."
    ),
    Status.FORMER_RELEVANT_EDUCATION: (
        "You are 21 or over and in education or training, or want to be, so you keep your "
        "Personal Adviser and pathway plan until you are 25."
    ),
    Status.RETURNER_21_25: (
        "You are 21 or over and you asked for support, so you have a Personal Adviser and a "
        "pathway plan until you are 25, or until you tell us you no longer want them."
    ),
    Status.ENTITLED_ON_REQUEST: (
        "You are 21 or over. You can ask us for support at any time until you are 25, and we "
        "will keep in touch with you at least once a year."
    ),
    Status.QUALIFYING: (
        "You were looked after after you turned 16. You can ask us for advice and help until "
        "you are 21, or 25 if you are in education or training."
    ),
    Status.NOT_ENTITLED: (
        "Our records say you cannot have leaving care support now. If you think that is "
        "wrong, ask us."
    ),
}


# --- their Personal Adviser ----------------------------------------------------------------------


@dataclass(frozen=True)
class Adviser:
    """Someone working with them, and how to reach them at work."""

    name: str
    email: str
    phone: str
    since: date


@dataclass(frozen=True)
class TheirPeople:
    adviser: Adviser | None  # their Personal Adviser today
    cover: Adviser | None  # a colleague covering while their PA is away, if any


def _adviser(allocation: Allocation) -> Adviser:
    user = allocation.adviser
    return Adviser(name=user.get_full_name(), email=user.email, phone=user.work_phone,
                   since=allocation.start_on)


def people_of(young_person: YoungPerson, *, today: date) -> TheirPeople:
    """Their Personal Adviser today and anyone covering. One query."""
    allocations = list(
        Allocation.objects.current(today).filter(young_person=young_person)
        .select_related("adviser").order_by("-start_on", "-pk")
    )
    main = next((a for a in allocations if a.kind == AllocationKind.PERSONAL_ADVISER), None)
    cover = next((a for a in allocations if a.kind == AllocationKind.COVER), None)
    return TheirPeople(adviser=_adviser(main) if main else None,
                       cover=_adviser(cover) if cover else None)


def standing_of(young_person: YoungPerson) -> Standing | None:
    """Where they stand today (when their PA is next due to be in touch, when their plan is
    next looked at). One query."""
    return Standing.objects.filter(young_person=young_person).first()


# --- their plan ----------------------------------------------------------------------------------

_SECTION_ORDER = {key: index for index, key in enumerate(Section.values)}


@dataclass(frozen=True)
class TheirPlan:
    plan: PathwayPlan
    sections: list  # the sections with something in them, in the plan's order, actions loaded


def plan_of(young_person: YoungPerson) -> TheirPlan | None:
    """Their latest authorised plan, as their version of it shows it: only the sections with
    something agreed, said or to do. A plan being written or waiting for a manager is never
    theirs to read yet. Three queries: the plan with who wrote it, its sections, their
    actions."""
    plan = (PathwayPlan.objects.filter(young_person=young_person, state=PlanState.AUTHORISED)
            .select_related("author").order_by("-number").first())
    if plan is None:
        return None
    sections = sorted(plan.sections.prefetch_related("actions"),
                      key=lambda section: _SECTION_ORDER[section.key])
    return TheirPlan(plan=plan, sections=[
        section for section in sections if section.is_filled or section.actions.all()
    ])


# --- money and support ---------------------------------------------------------------------------

#: A request's state, as the young person would say it.
REQUEST_STATE_IN_PLAIN_WORDS = {
    RequestState.WAITING: "Waiting for a manager to say yes",
    RequestState.AGREED: "Agreed",
    RequestState.DECLINED: "Not agreed",
}


@dataclass(frozen=True)
class Asked:
    """Something asked for them from the local offer, and where it stands."""

    what: str
    amount: str  # '' for help that is not money
    asked_on: date
    state: str  # in plain words
    paid: str  # '' when nothing is paid on it


@dataclass(frozen=True)
class Money:
    can_have: list[OfferLine]  # what they can have now, or have had some of
    asked: list[Asked]  # what was asked for them, newest first
    payments: list[Payment]  # what was paid to them, newest first, cancelled ones left out


def money_of(young_person: YoungPerson, *, today: date) -> Money:
    """What the local offer gives them: each entitlement they can have now or have had, what was
    paid and what is left; what was asked for them and where it stands; what was paid. Five
    queries: their status, their requests with what was paid on each, the entitlements, their
    payments, and nothing else."""
    young_person.statutory_status = StatutoryStatus.objects.filter(
        young_person=young_person).first()
    requests = requests_of(young_person)
    lines = offer_for(young_person, today=today, requests=requests)
    payments = list(
        Payment.objects.filter(young_person=young_person, cancelled_at__isnull=True)
        .select_related("entitlement").order_by("-paid_on", "-pk")
    )
    asked = [
        Asked(what=request.entitlement.name,
              amount=pounds(request.amount_pence) if request.amount_pence is not None else "",
              asked_on=timezone.localdate(request.asked_at),
              state=REQUEST_STATE_IN_PLAIN_WORDS[request.state],
              paid=pounds(request.paid_pence) if request.paid_pence else "")
        for request in requests
    ]
    return Money(can_have=[line for line in lines if line.can_have or line.had_any],
                 asked=asked, payments=payments)


# --- documents -----------------------------------------------------------------------------------


def documents_shared_with(young_person: YoungPerson) -> list[Document]:
    """The documents their PA has shared with them, newest first. One query."""
    return list(Document.objects.shared().filter(young_person=young_person))


def shared_document(young_person: YoungPerson, pk) -> Document | None:
    """One document shared with them; None for anyone else's, or one not shared. One query."""
    return Document.objects.shared().filter(young_person=young_person, pk=pk).first()


# --- what the service holds ----------------------------------------------------------------------


@dataclass(frozen=True)
class Held:
    status: StatutoryStatus | None
    status_in_plain_words: str
    contacts: int
    last_contact_on: date | None
    plans: int
    last_plan_on: date | None
    documents: int
    last_document_on: date | None


def held_about(young_person: YoungPerson) -> Held:
    """A summary of what their record holds: their status and why, and how many contacts, plans
    and documents, with the latest of each. Four queries."""
    status = StatutoryStatus.objects.filter(young_person=young_person).first()
    contacts = Contact.objects.filter(young_person=young_person).aggregate(
        count=Count("pk"), last=Max("contact_at"))
    plans = PathwayPlan.objects.filter(
        young_person=young_person, state=PlanState.AUTHORISED
    ).aggregate(count=Count("pk"), last=Max("review_held_on"))
    documents = Document.objects.filter(young_person=young_person).aggregate(
        count=Count("pk", filter=Q(withdrawn_at__isnull=True)), last=Max("uploaded_at"))
    return Held(
        status=status,
        status_in_plain_words=STATUS_IN_PLAIN_WORDS.get(status.status, "") if status else "",
        contacts=contacts["count"], last_contact_on=contacts["last"],
        plans=plans["count"], last_plan_on=plans["last"],
        documents=documents["count"], last_document_on=documents["last"],
    )


# Young people's own access, for staff.

#: The newest sign-ins and pages opened shown on the record; the rest are kept.
VISITS_SHOWN = 100


@dataclass(frozen=True)
class Accesses:
    """Every access a young person has had, newest first, and the one not withdrawn if any."""

    all: list[Access]

    @property
    def latest(self) -> Access | None:
        """The newest, withdrawn or not: where their access stands."""
        return self.all[0] if self.all else None

    @property
    def current(self) -> Access | None:
        return next((access for access in self.all if access.withdrawn_at is None), None)


def accesses_of(young_person) -> Accesses:
    """One query, with who invited and who withdrew each."""
    return Accesses(list(
        Access.objects.filter(young_person=young_person)
        .select_related("invited_by", "withdrawn_by").order_by("-invited_at", "-pk")
    ))


def visits_of(young_person, *, limit: int = VISITS_SHOWN) -> list[PortalVisit]:
    """The young person's newest sign-ins and pages opened, with the email each access had:
    one query however many there are."""
    return list(PortalVisit.objects.filter(access__young_person=young_person)
                .select_related("access").order_by("-at", "-pk")[:limit])
