"""The local offer on the young person's record page (a panel, and requests and payments in the
chronology), on the plan's money section (what they can have and what is left), and on the home
page of a manager who agrees requests."""

from django.db.models import Count, Min
from django.urls import reverse

from careleavers.record import (
    ChronologyEntry,
    HomePanel,
    RecordPart,
    SectionFact,
    home_panel,
    plan_section_facts,
    record_part,
)

from .access import can_ask, may_agree_requests
from .models import RequestState
from .selectors import offer_for, payments_of, requests_of, requests_waiting

KIND = "Money"


def _asked_by(asked) -> str:
    return str(asked.asked_by) if asked.asked_by_id else "Imported"


def _chronology(requests, payments, url) -> list[ChronologyEntry]:
    entries = []
    for asked in requests:
        what = f"{asked.amount_text} from the {asked.entitlement.name.lower()}" \
            if asked.amount_pence is not None else f"the {asked.entitlement.name.lower()}"
        if not asked.imported:
            entries.append(ChronologyEntry(at=asked.asked_at, kind=KIND, title=f"Asked for {what}",
                                           text=asked.reason, by=_asked_by(asked), url=url))
        if asked.state == RequestState.AGREED and not asked.within_limit and not asked.imported:
            entries.append(ChronologyEntry(at=asked.decided_at, kind=KIND, title=f"Agreed: {what}",
                                           by=str(asked.decided_by), url=url))
        elif asked.state == RequestState.DECLINED:
            entries.append(ChronologyEntry(at=asked.decided_at, kind=KIND,
                                           title=f"Declined: {what}", text=asked.decision_reason,
                                           by=str(asked.decided_by), url=url))
    for payment in payments:
        entries.append(ChronologyEntry(
            at=payment.paid_on, kind=KIND,
            title=f"Paid {payment.amount} from the {payment.entitlement.name.lower()}",
            text=payment.get_method_display() + (f", reference {payment.reference}"
                                                  if payment.reference else ""),
            by=str(payment.recorded_by) if payment.recorded_by_id else "Imported", url=url,
        ))
        if payment.cancelled:
            entries.append(ChronologyEntry(
                at=payment.cancelled_at, kind=KIND,
                title=f"Payment of {payment.amount} cancelled", text=payment.cancel_reason,
                by=str(payment.cancelled_by), url=url,
            ))
    return entries


@record_part
def money_part(*, young_person, user, today) -> RecordPart:
    """Four queries: the requests, the payments, the entitlements, and whether this user may
    ask."""
    requests = requests_of(young_person)
    payments = payments_of(young_person)
    offer = offer_for(young_person, today=today, requests=requests)
    url = reverse("local-offer", args=[young_person.pk])
    money = [line for line in offer if line.entitlement.is_money and line.can_have]
    return RecordPart(
        order=55,
        template="localoffer/_record_panel.html",
        context={
            "money_url": url,
            "lines": [line for line in offer if line.can_have or line.had_any],
            "paid": sum(line.paid_pence for line in offer),
            "left": sum(line.left_pence for line in money),
            "waiting": sum(1 for asked in requests if asked.state == RequestState.WAITING),
            "can_ask": can_ask(user, young_person) and any(line.can_have for line in offer),
        },
        chronology=_chronology(requests, payments, url),
    )


@plan_section_facts("money")
def money_facts(*, young_person, today) -> list[SectionFact]:
    """What they can have from the local offer and what is left of it. Three queries: their
    status, their requests with what was paid on each, and the entitlements."""
    return [SectionFact(line.entitlement.name, line.summary)
            for line in offer_for(young_person, today=today) if line.can_have]


@home_panel
def requests_waiting_panel(*, user, today):
    """One query: the requests waiting for this manager, counted."""
    if not may_agree_requests(user):
        return None
    counted = requests_waiting(user).order_by().aggregate(
        waiting=Count("pk"), oldest=Min("asked_at"),
    )
    return HomePanel(order=6, template="localoffer/_requests_waiting_panel.html", context=counted)
