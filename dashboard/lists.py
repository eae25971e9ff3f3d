"""The columns that explain a figure's list: what in each young person's standing puts them
behind the number (a review date passed, the day they were last in touch, where they live). The
page and its CSV show the same columns; every value is read from the standing, so the list costs
no query more than the figure does, and the list can be sorted by a column in SQL."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from accommodation.rules import AccommodationType, Suitability
from careleavers.dates import long_date
from careleavers.listing import SortBy, in_words
from eet.rules import ActivityCode

from .figures import EET_BANDS


@dataclass(frozen=True)
class Column:
    heading: str  # on the page
    csv_heading: str
    value: Callable  # (standing, today) -> a date, a number, text or None
    # How the list is sorted by this column, from the young person (None: it is not).
    sort: SortBy | None = None

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


def _by_date(key: str, field: str, **how) -> SortBy:
    return SortBy(key, (f"standing__{field}",), **how)


def _name(user) -> str | None:
    return user.get_full_name() if user is not None else None


_PLANS = [
    Column("Review due", "review_due_on", lambda s, today: s.plan_review_due_on,
           _by_date("review_due_on", "plan_review_due_on")),
    # The most days overdue is the earliest date due.
    Column("Days overdue", "days_overdue",
           lambda s, today: _days_overdue(s.plan_review_due_on, today),
           _by_date("days_overdue", "plan_review_due_on", reverse=True)),
]
_NEEDS = [
    Column("Assessment due", "needs_assessment_due_on", lambda s, today: s.needs_assessment_due_on,
           _by_date("needs_assessment_due_on", "needs_assessment_due_on")),
    Column("Days overdue", "days_overdue",
           lambda s, today: _days_overdue(s.needs_assessment_due_on, today),
           _by_date("days_overdue", "needs_assessment_due_on", reverse=True)),
]
# Someone never seen or spoken to has no date: they come first, as the most overdue.
_CONTACT = [
    Column("Last seen or spoken to", "last_in_touch_on",
           lambda s, today: s.last_in_touch_on or "Never",
           _by_date("last_in_touch_on", "last_in_touch_on", empty_first=True)),
    # The list reads the name through the standing's join (`select_related`), not a query a row.
    Column("Seen or spoken to by", "last_in_touch_by",
           lambda s, today: _name(s.last_in_touch_by),
           SortBy("last_in_touch_by", ("standing__last_in_touch_by__full_name",))),
    Column("Next contact due", "contact_due_on", lambda s, today: s.contact_due_on,
           _by_date("contact_due_on", "contact_due_on", empty_first=True)),
]
_PLACE = [
    Column("Where they live", "place", lambda s, today: _label(AccommodationType, s.place_type),
           SortBy("place", (in_words("standing__place_type", AccommodationType.choices),))),
    Column("Suitable", "suitability",
           lambda s, today: _label(Suitability, s.place_suitability)
           or ("Not assessed" if s.place_type else None),
           SortBy("suitability",
                  (in_words("standing__place_suitability", Suitability.choices),))),
]
_ACTIVITY = [
    Column("What they do", "activity", lambda s, today: _label(ActivityCode, s.activity_code)
           or "Not recorded",
           SortBy("activity", (in_words("standing__activity_code", ActivityCode.choices),))),
]
_STABILITY = [
    Column("Personal Adviser changed", "pa_changed_on", lambda s, today: s.pa_changed_on,
           _by_date("pa_changed_on", "pa_changed_on")),
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
