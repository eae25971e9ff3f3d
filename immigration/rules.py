"""An unaccompanied asylum-seeking young person's immigration position, in words they would use
(DOMAIN.md §7). Pure code: no database access, so the forms, the import, the standing and the
alerts read the same rules.

Leave to remain decides what support can be given, and it runs out: a fresh application has to
be made before it ends, so the Personal Adviser must plan months ahead (DOMAIN.md §7). Refugee
status, humanitarian protection, discretionary leave and limited leave each end on a date on
the young person's eVisa or Home Office letter; indefinite leave to remain and British
citizenship do not end.
"""

from datetime import date, timedelta

from django.db import models


class Stage(models.TextChoices):
    """Where their claim has got to."""

    NOT_CLAIMED = "not_claimed", "Not claimed asylum yet"
    WAITING = "waiting", "Claim made, waiting for a decision"
    REFUSED = "refused", "Claim refused"
    APPEALING = "appealing", "Refused, and appealing"
    APPEAL_RIGHTS_EXHAUSTED = ("appeal_rights_exhausted",
                               "Appeal refused, with no more right to appeal")
    LEAVE_GRANTED = "leave_granted", "Allowed to stay (leave granted)"


class LeaveKind(models.TextChoices):
    """The kind of permission to stay the Home Office granted."""

    REFUGEE = "refugee", "Refugee status"
    HUMANITARIAN = "humanitarian", "Humanitarian protection"
    DISCRETIONARY = "discretionary", "Discretionary leave"
    LIMITED = "limited", "Limited leave to remain"
    INDEFINITE = "indefinite", "Indefinite leave to remain"
    CITIZENSHIP = "citizenship", "British citizenship"


#: Leave that does not run out: no end date is given for it.
DOES_NOT_END = frozenset({LeaveKind.INDEFINITE, LeaveKind.CITIZENSHIP})

#: Decisions the Personal Adviser must act on, talking it through with the young person and
#: changing their plan: a grant of leave, and a refusal.
DECISIONS = frozenset({Stage.LEAVE_GRANTED, Stage.REFUSED, Stage.APPEAL_RIGHTS_EXHAUSTED})

#: The stages at which an appeal has been lodged.
APPEAL_STAGES = frozenset({Stage.APPEALING, Stage.APPEAL_RIGHTS_EXHAUSTED})


def leave_ends_soon(expires_on: date | None, *, on: date, days: int) -> bool:
    """Their leave ends within `days` of `on`, or has ended and nothing newer is recorded:
    either way a new application needs the Personal Adviser now."""
    return expires_on is not None and expires_on <= on + timedelta(days=days)


def decision_words(stage: str, leave_kind: str = "") -> str:
    """'Refugee status granted', 'Claim refused', for the chronology and alerts."""
    if stage == Stage.LEAVE_GRANTED:
        return f"{LeaveKind(leave_kind).label if leave_kind else 'Leave'} granted"
    return Stage(stage).label
