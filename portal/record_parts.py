"""Young people's own access on their record and on staff home pages: a panel saying whether they
may use their own pages, the invitation and its withdrawal in the chronology, and what they ask
and its answers."""

from django.db.models import Case, Count, IntegerField, Min, Value, When, Window
from django.urls import reverse
from django.utils import timezone

from careleavers.record import ChronologyEntry, HomePanel, RecordPart, home_panel, record_part

from .ask_selectors import asks_of, asks_waiting_for, has_asks_to_answer
from .models import AskKind, AskState
from .selectors import accesses_of


@record_part
def own_access_part(*, young_person, user, today) -> RecordPart:
    """One query: their accesses, with who invited and withdrew each."""
    accesses = accesses_of(young_person)
    url = reverse("portal-own-access", args=[young_person.pk])
    chronology = []
    for access in accesses.all:
        chronology.append(ChronologyEntry(
            at=access.invited_at, kind="Own access",
            title="Invited to see their own pages", text=f"Email: {access.email}",
            by=str(access.invited_by), url=url))
        if access.withdrawn_at:
            chronology.append(ChronologyEntry(
                at=access.withdrawn_at, kind="Own access", title="Their own access withdrawn",
                text=access.withdrawn_reason, by=str(access.withdrawn_by or ""), url=url))
    current = accesses.current
    return RecordPart(
        order=90,
        template="portal/_record_panel.html",
        context={"own_access_url": url, "latest_access": accesses.latest,
                 "access_usable": current is not None and current.usable_at(timezone.now())},
        chronology=chronology,
    )


# What a young person asks --------------------------------------------------------------------
# Their messages are in the chronology as contacts from them (not as contacts that keep in
# touch: the standard counts seeing or speaking to them, DOMAIN.md §2), with their other
# requests and each answer; a panel on the overview while any waits; and on the home page of
# whoever answers them, what waits.

#: Messages shown in full on the home page; the rest are counted.
MESSAGES_ON_HOME_PAGE = 5


def _ask_chronology(asks, *, url) -> list[ChronologyEntry]:
    entries = []
    for ask in asks:
        if ask.kind == AskKind.MESSAGE:
            entries.append(ChronologyEntry(at=ask.asked_at, kind="Contact",
                                           title="Message from them, sent on their own pages",
                                           text=ask.text, by="The young person", url=url))
            continue
        entries.append(ChronologyEntry(at=ask.asked_at, kind="Their requests",
                                       title=f"They asked: {ask.summary.lower()}", text=ask.text,
                                       by="The young person", url=url))
        if ask.state == AskState.DONE:
            entries.append(ChronologyEntry(at=ask.decided_at, kind="Their requests",
                                           title=f"Confirmed: {ask.summary.lower()}",
                                           by=str(ask.decided_by), url=url))
        elif ask.state == AskState.DECLINED:
            entries.append(ChronologyEntry(at=ask.decided_at, kind="Their requests",
                                           title=f"Said no: {ask.summary.lower()}",
                                           text=ask.decline_reason, by=str(ask.decided_by),
                                           url=url))
    return entries


@record_part
def asks_part(*, young_person, user, today) -> RecordPart:
    """One query: their asks, with who answered each."""
    asks = list(asks_of(young_person))
    url = reverse("portal-staff-asks", args=[young_person.pk])
    waiting = [ask for ask in asks if ask.waiting]
    return RecordPart(
        order=8,
        template="portal/_staff_record_panel.html" if waiting else "",
        context={"waiting": waiting, "asks_url": url},
        chronology=_ask_chronology(asks, url=url),
    )


@home_panel
def asks_waiting_panel(*, user, today):
    """One query: the newest messages waiting for this user, messages first, each row with how
    many asks wait in all and since when."""
    if not has_asks_to_answer(user):
        return None
    rows = list(
        asks_waiting_for(user)
        .annotate(waiting_in_all=Window(Count("pk")), oldest=Window(Min("asked_at")),
                  message_first=Case(When(kind=AskKind.MESSAGE, then=Value(0)), default=Value(1),
                                     output_field=IntegerField()))
        .order_by("message_first", "-asked_at", "-pk")[:MESSAGES_ON_HOME_PAGE]
    )
    if not rows:
        return None
    return HomePanel(order=4, template="portal/_staff_home_panel.html", context={
        "waiting": rows[0].waiting_in_all, "oldest": rows[0].oldest,
        "messages": [ask for ask in rows if ask.kind == AskKind.MESSAGE],
    })
