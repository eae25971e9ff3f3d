"""The DfE's view of a care leaver around a birthday: IN_TOUCH, ACTIV and ACCOM, as the SSDA903
care leaver table (OC3) defines them (DOMAIN.md §4). One definition: the export, the dashboard and
the record all ask here.

The circumstances are those around the birthday: contact in the in-touch window (by default
3 months before to 1 month after the birthday, both days included; `settings.DFE_IN_TOUCH_WINDOW`),
and the activity and accommodation on the birthday itself.

IN_TOUCH, first that applies:
- YES: seen or spoken to in the window (a contact whose outcome was "seen" or "spoke").
- RHOM: went home to live with parents, as recorded in the care facts, 6 months or more before
  the birthday (CLR reg 3: a return home of 6 months ends the council's duties).
- NREQ: the latest request for support or opt-out made on or before the last day of the window
  is an opt-out: they said they no longer want support, and did not ask for it again afterwards
  (up to that day).
- REFU: every contact in the window they answered was a refusal.
- NO: no contact in the window, or only attempts that did not reach them.
- DIED is a DfE code but nothing in the system records a death yet, so it is never given.

ACTIV and ACCOM are "0" unless IN_TOUCH is YES: the DfE's 0 means the council is not in touch,
and for every other IN_TOUCH code it does not know their circumstances first hand.
When they are in touch but nothing is recorded for the birthday, ACTIV or ACCOM is None: a gap for
the council to fill before the return, never a code made up for them.

ACCOM's suitability digit comes from the latest assessment of the place, made on or before the
last day of the window (or the first made after, if none was made by then). A place never assessed
counts as not suitable (2): the council can call accommodation suitable only once it has judged it
so against CLR Schedule 2, and the DfE's codes have no "not known". `accom_assessed` says when the
digit is that presumption. No fixed abode (S) and custody (X) are always 2 (the DfE has no S1, X1).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accommodation.models import AccommodationEpisode, SuitabilityAssessment
from accommodation.rules import accom_code
from advisers.models import Contact, ContactOutcome
from careleavers.dates import day_starts
from eet.models import ActivityEpisode
from eligibility.models import CareFacts, SupportChoice
from eligibility.rules import RETURN_HOME_MONTHS, add_months

NOT_IN_TOUCH = "0"


class InTouch(models.TextChoices):
    YES = "YES", "In touch"
    NO = "NO", "Not in touch"
    DIED = "DIED", "Died"
    REFU = "REFU", "Refuses contact"
    NREQ = "NREQ", "No longer requires services"
    RHOM = "RHOM", "Returned home to parents for 6 months or more"


@dataclass(frozen=True)
class DfEView:
    in_touch: str  # an InTouch code
    activ: str | None  # an ACTIV code, "0" if not in touch, None if in touch but not recorded
    accom: str | None  # letter and digit, "0" if not in touch, None if in touch but not recorded
    accom_assessed: bool  # False when the digit is the presumption for a place never assessed
    window: tuple[date, date]  # the in-touch window, first and last days included


def in_touch_window(birthday_on: date, window: tuple[int, int] | None = None) -> tuple[date, date]:
    """The first and last days of the in-touch window around a birthday: `window` is (months
    before, months after), by default settings.DFE_IN_TOUCH_WINDOW."""
    before, after = window or settings.DFE_IN_TOUCH_WINDOW
    return add_months(birthday_on, -before), add_months(birthday_on, after)


def dfe_view(young_person, birthday_on: date, *,
             window: tuple[int, int] | None = None) -> DfEView:
    """IN_TOUCH, ACTIV and ACCOM for one young person around one birthday."""
    return dfe_views([(young_person, birthday_on)], window=window)[0]


def dfe_views(people_and_birthdays: Iterable[tuple], *,
              window: tuple[int, int] | None = None) -> list[DfEView]:
    """The same for many (young person, birthday) pairs, in order, in six queries however many:
    contacts in the windows, care facts, requests for support and opt-outs, activities,
    accommodation and its assessments."""
    pairs = [(person.pk, birthday_on) for person, birthday_on in people_and_birthdays]
    if not pairs:
        return []
    ids = {pk for pk, _ in pairs}
    windows = [in_touch_window(birthday_on, window) for _, birthday_on in pairs]
    first_day = min(first for first, _ in windows)
    last_day = max(last for _, last in windows)
    first_birthday = min(birthday_on for _, birthday_on in pairs)
    last_birthday = max(birthday_on for _, birthday_on in pairs)

    contacts = defaultdict(list)
    local = timezone.get_current_timezone()
    for pk, at, outcome in Contact.objects.filter(
        young_person_id__in=ids, contact_at__gte=day_starts(first_day),
        contact_at__lt=day_starts(last_day + timedelta(days=1)),
        outcome__in=[ContactOutcome.SEEN, ContactOutcome.SPOKE, ContactOutcome.REFUSED],
    ).values_list("young_person_id", "contact_at", "outcome"):
        contacts[pk].append((at.astimezone(local).date(), outcome))

    returned_home = dict(
        CareFacts.objects.filter(young_person_id__in=ids, returned_home_on__isnull=False)
        .values_list("young_person_id", "returned_home_on")
    )
    support_choices = defaultdict(list)
    for choice in SupportChoice.objects.filter(
        young_person_id__in=ids, on__lte=last_day
    ).in_order_made().only("young_person_id", "kind", "on"):
        support_choices[choice.young_person_id].append(choice.as_fact())

    spanning = Q(start_on__lte=last_birthday) & (
        Q(end_on__isnull=True) | Q(end_on__gte=first_birthday)
    )
    activities = defaultdict(list)
    for activity in ActivityEpisode.objects.filter(spanning, young_person_id__in=ids).only(
        "young_person_id", "start_on", "end_on", "activity_code"
    ):
        activities[activity.young_person_id].append(activity)

    episodes = defaultdict(list)
    episode_list = list(
        AccommodationEpisode.objects.filter(spanning, young_person_id__in=ids).only(
            "young_person_id", "start_on", "end_on", "type_code"
        )
    )
    for episode in episode_list:
        episodes[episode.young_person_id].append(episode)
    assessments = defaultdict(list)
    for episode_id, assessed_on, outcome in SuitabilityAssessment.objects.filter(
        episode__in=[e.pk for e in episode_list]
    ).order_by("assessed_on", "pk").values_list("episode_id", "assessed_on", "outcome"):
        assessments[episode_id].append((assessed_on, outcome))

    return [
        _view(
            birthday_on=birthday_on, window=span, contacts=contacts[pk],
            returned_home_on=returned_home.get(pk), support_choices=support_choices[pk],
            activities=activities[pk],
            episodes=episodes[pk], assessments=assessments,
        )
        for (pk, birthday_on), span in zip(pairs, windows, strict=True)
    ]


def _view(*, birthday_on, window, contacts, returned_home_on, support_choices, activities,
          episodes, assessments) -> DfEView:
    first, last = window
    outcomes = {outcome for day, outcome in contacts if first <= day <= last}
    in_touch = _in_touch(outcomes, returned_home_on, support_choices, birthday_on=birthday_on,
                         last_day=last)
    if in_touch != InTouch.YES:
        return DfEView(in_touch, NOT_IN_TOUCH, NOT_IN_TOUCH, False, window)

    activity = next((a for a in activities if a.covers(birthday_on)), None)
    episode = next((e for e in episodes if e.covers(birthday_on)), None)
    accom, assessed = None, False
    if episode is not None:
        outcome = _suitability(assessments[episode.pk], last_day=last)
        assessed = outcome is not None
        accom = accom_code(episode.type_code, outcome == "suitable")
    return DfEView(
        in_touch=in_touch,
        activ=activity.activity_code if activity is not None else None,
        accom=accom,
        accom_assessed=assessed,
        window=window,
    )


def _in_touch(outcomes: set, returned_home_on: date | None, support_choices: list, *,
              birthday_on: date, last_day: date) -> str:
    """`support_choices`: the young person's (rules.SupportChoice), in the order made."""
    if outcomes & {ContactOutcome.SEEN, ContactOutcome.SPOKE}:
        return InTouch.YES
    if returned_home_on and add_months(returned_home_on, RETURN_HOME_MONTHS) <= birthday_on:
        return InTouch.RHOM
    by_then = [choice for choice in support_choices if choice.on <= last_day]
    if by_then and not by_then[-1].asked:
        return InTouch.NREQ
    if ContactOutcome.REFUSED in outcomes:
        return InTouch.REFU
    return InTouch.NO


def _suitability(assessments: list[tuple[date, str]], *, last_day: date) -> str | None:
    """The outcome of the latest assessment made by `last_day`, or of the first made after."""
    if not assessments:
        return None
    by_then = [outcome for assessed_on, outcome in assessments if assessed_on <= last_day]
    return by_then[-1] if by_then else assessments[0][1]
