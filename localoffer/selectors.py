"""Reads about the local offer, each a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, ExpressionWrapper, Q, Sum
from django.db.models.functions import TruncMonth

from careleavers.models import Role, YoungPerson
from eligibility.rules import add_months, age_on

from .models import Entitlement, OfferRequest, Payment, RequestState
from .rules import can_have, left, pounds


@dataclass(frozen=True)
class OfferLine:
    """One entitlement as it stands for one young person."""

    entitlement: Entitlement
    can_have: bool
    paid_pence: int  # paid, less payments cancelled
    held_pence: int  # asked for or agreed, not yet paid
    waiting: int  # requests waiting for a manager
    agreed: bool  # anything agreed (for help that is not money)

    @property
    def left_pence(self) -> int | None:
        """What is left to pay of the entitlement."""
        return left(self.entitlement.amount_pence, self.paid_pence)

    @property
    def left_to_ask_pence(self) -> int | None:
        """What is left once what is asked for or agreed, and not yet paid, is set aside."""
        return left(self.entitlement.amount_pence, self.paid_pence + self.held_pence)

    @property
    def paid(self) -> str:
        return pounds(self.paid_pence)

    @property
    def left(self) -> str:
        return pounds(self.left_pence)

    @property
    def held(self) -> str:
        return pounds(self.held_pence)

    @property
    def had_any(self) -> bool:
        return bool(self.paid_pence or self.held_pence or self.agreed or self.waiting)

    @property
    def summary(self) -> str:
        """'£1,200.00 paid, £1,800.00 left', in plain words, for the plan and the overview."""
        if not self.entitlement.is_money:
            if self.agreed:
                return "Agreed"
            return "Asked for, waiting for a manager" if self.waiting else "Not asked for yet"
        words = f"{self.paid} paid, {self.left} left of {self.entitlement.amount}"
        if self.held_pence:
            words += f" ({self.held} asked for or agreed, not yet paid)"
        return words


def status_of(young_person) -> str | None:
    status = getattr(young_person, "statutory_status", None)
    return status.status if status is not None else None


def offer_for(young_person, *, today: date, requests=None) -> list[OfferLine]:
    """Every entitlement offered now or already had, with what this young person can have of
    it, what was paid and what is left. Entitlements retired that they never had are left out.
    Two queries: the entitlements, and their requests with what was paid on each unless given
    (from `requests_of`); and their status, unless read with the young person."""
    status = status_of(young_person)
    age = age_on(young_person.date_of_birth, today)
    requests = requests_of(young_person) if requests is None else requests
    held, paid, waiting, agreed = defaultdict(int), defaultdict(int), defaultdict(int), set()
    for request in requests:
        # Only an agreed request is paid, and an agreed request is never declined.
        paid[request.entitlement_id] += request.paid_pence
        if request.state == RequestState.DECLINED:
            continue
        if request.state == RequestState.WAITING:
            waiting[request.entitlement_id] += 1
        else:
            agreed.add(request.entitlement_id)
        held[request.entitlement_id] += max((request.amount_pence or 0) - request.paid_pence, 0)
    touched = {request.entitlement_id for request in requests}
    return [
        OfferLine(
            entitlement=entitlement,
            can_have=can_have(entitlement, status=status, age=age),
            paid_pence=paid[entitlement.pk], held_pence=held[entitlement.pk],
            waiting=waiting[entitlement.pk], agreed=entitlement.pk in agreed,
        )
        for entitlement in Entitlement.objects.filter(Q(active=True) | Q(pk__in=touched))
    ]


def requests_of(young_person) -> list[OfferRequest]:
    """Their requests, newest first, each with `paid_pence`. One query."""
    return list(
        OfferRequest.objects.filter(young_person=young_person).with_paid()
        .select_related("entitlement", "asked_by", "decided_by").order_by("-asked_at", "-pk")
    )


def payments_of(young_person) -> list[Payment]:
    """Their payments, newest first, cancelled ones too. One query."""
    return list(
        Payment.objects.filter(young_person=young_person)
        .select_related("entitlement", "recorded_by", "cancelled_by", "request")
        .order_by("-paid_on", "-pk")
    )


def requests_waiting(user):
    """Requests waiting for a manager to agree, oldest first, each annotated with
    `asked_by_user` (they asked for it, so cannot agree it).

    Team managers see their own teams'; duty managers every team's, for when a team manager is
    away. Restricted records follow the usual rule. Nobody else has a list. One query."""
    if not user.is_authenticated or user.role not in (Role.TEAM_MANAGER, Role.DUTY_MANAGER):
        return OfferRequest.objects.none()
    visible = YoungPerson.objects.visible_to(user)
    if user.role == Role.TEAM_MANAGER:
        visible = visible.filter(team__in=user.teams.all())
    return (
        OfferRequest.objects.filter(state=RequestState.WAITING,
                                    young_person__in=visible.values("pk"))
        .select_related("young_person__team", "entitlement", "asked_by")
        .annotate(asked_by_user=ExpressionWrapper(Q(asked_by=user),
                                                  output_field=BooleanField()))
        .order_by("asked_at", "pk")
    )


def payments_between(teams, *, since: date, until: date):
    """Payments paid from `since` to `until` (both included) to young people in `teams`, for the
    finance system, oldest first, cancelled ones too (the file says when). One query."""
    return (
        Payment.objects.filter(paid_on__gte=since, paid_on__lte=until,
                               young_person__team__in=teams)
        .select_related("young_person", "entitlement", "request__decided_by")
        .order_by("paid_on", "pk")
    )


def spend_by_month(young_people, *, until: date, months: int = 12) -> list[tuple[date, int]]:
    """[(first day of the month, pence paid)] for each of the `months` months up to `until`'s,
    oldest first, to `young_people` (a queryset): payments cancelled are left out. One query."""
    since = add_months(until.replace(day=1), -(months - 1))
    paid = dict(
        Payment.objects.filter(young_person__in=young_people.values("pk"), paid_on__gte=since,
                               paid_on__lte=until, cancelled_at__isnull=True)
        .annotate(month=TruncMonth("paid_on")).order_by().values("month")
        .annotate(pence=Sum("amount_pence")).values_list("month", "pence")
    )
    return [(month, paid.get(month, 0))
            for month in (add_months(since, n) for n in range(months))]
