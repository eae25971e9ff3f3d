"""The columns that explain a figure's list: what in each young person's standing puts them
behind the number (a review date passed, the day they were last in touch, where they live). The
page and its CSV show the same columns; every value is read from the standing, so the list costs
no query more than the figure does."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from accommodation.rules import AccommodationType, Suitability
from careleavers.dates import long_date
from eet.rules import ActivityCode

from .figures import EET_BANDS


@dataclass(frozen=True)
class Column:
    heading: str  # on the page
    csv_heading: str
    value: Callable  # (standing, today) -> a date, a number, text or None

    def text(self, standing, today: date) -> str:
        """For the page: dates in words."""
        return self._shown(standing, today, long_date)

    def csv(self, standing, today: date) -> str:
        """For the spreadsheet: dates as YYYY-MM-DD."""
        return self._shown(standing, today, date.isoformat)

    def _shown(self, standing, today: date, dated: Callable[[date], str]) -> str:
        value = self.value(standing, today) if standing is not None else None
        if isinstance(value, date):
            return dated(value)
        return "" if value is None else str(value)


def _days_overdue(due: date | None, today: date) -> int | None:
    return (today - due).days if due is not None and due < today else None


def _label(choices, code: str) -> str | None:
    return choices(code).label if code else None


_PLANS = [
    Column("Review due", "review_due_on", lambda s, today: s.plan_review_due_on),
    Column("Days overdue", "days_overdue",
           lambda s, today: _days_overdue(s.plan_review_due_on, today)),
]
_NEEDS = [
    Column("Assessment due", "needs_assessment_due_on", lambda s, today: s.needs_assessment_due_on),
    Column("Days overdue", "days_overdue",
           lambda s, today: _days_overdue(s.needs_assessment_due_on, today)),
]
_CONTACT = [
    Column("Last seen or spoken to", "last_in_touch_on",
           lambda s, today: s.last_in_touch_on or "Never"),
    Column("Next contact due", "contact_due_on", lambda s, today: s.contact_due_on),
]
_PLACE = [
    Column("Where they live", "place", lambda s, today: _label(AccommodationType, s.place_type)),
    Column("Suitable", "suitability",
           lambda s, today: _label(Suitability, s.place_suitability)
           or ("Not assessed" if s.place_type else None)),
]
_ACTIVITY = [
    Column("What they do", "activity", lambda s, today: _label(ActivityCode, s.activity_code)
           or "Not recorded"),
]
_STABILITY = [
    Column("Personal Adviser changed", "pa_changed_on", lambda s, today: s.pa_changed_on),
]

_BY_GROUP = {
    "pathway_plans": _PLANS,
    "needs_assessments": _NEEDS,
    "contact": _CONTACT,
    "accommodation": _PLACE,
    **{name: _ACTIVITY for name in EET_BANDS},
    "stability": _STABILITY,
}


def explaining_columns(key: str) -> list[Column]:
    """The columns for the list behind the figure `key` (a dotted path)."""
    return _BY_GROUP.get(key.partition(".")[0], [])
