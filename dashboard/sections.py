"""How the figures are shown: a heading per group, a plain-words label per number, and the number
each percentage is of. The numbers themselves come only from `dashboard.figures`."""

from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from django.utils.safestring import SafeString, mark_safe

from eligibility.rules import Status
from localoffer.rules import pounds

from .figures import AGE_BANDS, EET_BANDS, MEASURES, MONEY_MEASURES


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int | None
    percent: int | None

    @property
    def is_measure(self) -> bool:
        """A measure (days, or money), not a number of young people: no list behind it."""
        return self.key in MEASURES

    @property
    def is_money(self) -> bool:
        return self.key in MONEY_MEASURES


@dataclass(frozen=True)
class Section:
    group: str
    heading: str
    of: str  # what the percentages are of, in words
    rows: list[Row]


#: (group, heading, the key percentages are of, what that is in words, [(key, label)]).
_LAYOUT = [
    ("young_people", "Young people we support", "total", "all young people we support", [
        ("total", "All young people we support"),
        *[(f"by_status.{s.value}", s.label) for s in Status if s != Status.NOT_ENTITLED],
        *[(f"by_age_band.{band}", f"Aged {band.replace('-', ' to ')}") for band in AGE_BANDS],
        ("uasc", "Unaccompanied asylum-seeking children"),
    ]),
    ("pathway_plans", "Pathway plans", "required", "young people who need a plan", [
        ("required", "Need a pathway plan"),
        ("up_to_date", "Plan up to date"),
        ("due_within_28_days", "Review due within 28 days"),
        ("overdue", "Plan review overdue"),
        ("none", "No authorised plan"),
        ("awaiting_authorisation", "Plan waiting to be authorised"),
        ("overdue_awaiting_authorisation", "Overdue: waiting to be authorised"),
        ("overdue_review_not_recorded", "Overdue: review held but the plan not yet written up"),
        ("overdue_not_held", "Overdue: no review held"),
    ]),
    ("needs_assessments", "Needs assessments", "required", "young people who need a plan", [
        ("required", "Need a pathway plan, so a needs assessment"),
        ("overdue", "Needs assessment overdue"),
    ]),
    ("contact", "Keeping in touch", "required", "young people we must keep in touch with", [
        ("required", "We must keep in touch with"),
        ("within_standard", "In touch within the standard"),
        ("overdue", "Not in touch within the standard"),
        ("never", "Never seen or spoken to"),
    ]),
    ("accommodation", "Where they live", "in_scope", "young people whose home we watch", [
        ("in_scope", "Young people whose home we watch"),
        ("suitable", "Suitable"),
        ("unsuitable", "Not suitable"),
        ("not_recorded", "Not recorded or not assessed"),
        ("custody", "In custody"),
        ("bed_and_breakfast", "Bed and breakfast"),
        ("staying_put", "Staying Put with former foster carers"),
        ("staying_close", "Staying Close to the children’s home they left"),
        ("moved_3_or_more_12_months", "Moved 3 or more times in the last 12 months"),
    ]),
    *[
        (name, f"Education, employment and training at {low} to {high}", "cohort",
         f"young people aged {low} to {high}", [
             ("cohort", f"Aged {low} to {high}"),
             ("in_eet", "In education, employment or training"),
             ("neet", "Not in education, employment or training"),
             ("neet_illness_or_disability", "Not in education, employment or training: ill or "
                                            "disabled"),
             ("neet_pregnancy_or_parenting", "Not in education, employment or training: "
                                             "pregnant or looking after their child"),
             ("neet_other", "Not in education, employment or training: another reason"),
             ("not_recorded", "Not recorded"),
         ])
        for name, (low, high) in EET_BANDS.items()
    ],
    ("stability", "Keeping the same Personal Adviser", "with_pa",
     "young people with a Personal Adviser", [
         ("with_pa", "Have a Personal Adviser"),
         ("pa_changed_12_months", "Changed Personal Adviser in the last 12 months"),
     ]),
    ("authorisation", "Authorising plans", "", "", [
        ("waiting", "Plan waiting to be authorised"),
        ("authorised_last_28_days", "Plan authorised in the last 28 days"),
        ("median_days_to_authorise", "Days a plan usually waits to be authorised (median, "
                                     "last 28 days)"),
    ]),
]

UNALLOCATED_LABEL = "Need a Personal Adviser and have none"
LOCAL_OFFER_HEADING = "The local offer"
PAID_THIS_MONTH_LABEL = "Paid this month"
PAID_PEOPLE_LABEL = "Young people paid this month"
WAITING_LABEL = "Request waiting for a manager"


def entitlement_words(key: str) -> str:
    """'setting-up-home' as 'Setting up home': the entitlement's short name, in words."""
    return key.replace("-", " ").capitalize()


def _local_offer_label(rest: str) -> str | None:
    kind, _, key = rest.partition(".")
    if kind == "can_have" and key:
        return f"Can have: {entitlement_words(key)}"
    if kind == "had" and key:
        return f"Had: {entitlement_words(key)}"
    return {"requests_waiting": WAITING_LABEL, "paid_this_month": PAID_PEOPLE_LABEL,
            "paid_this_month_pence": PAID_THIS_MONTH_LABEL}.get(rest)


def _local_offer_section(offer: dict) -> Section:
    """Take-up of each entitlement among those who can have it: a row for who can have it and
    one for who had it (as a share of those who can)."""
    rows = []
    for key, can in offer["can_have"].items():
        had = offer["had"][key]
        rows.append(Row(f"local_offer.can_have.{key}", _local_offer_label(f"can_have.{key}"),
                        can, None))
        rows.append(Row(f"local_offer.had.{key}", _local_offer_label(f"had.{key}"), had,
                        _percent(had, can)))
    rows.append(Row("local_offer.requests_waiting", WAITING_LABEL, offer["requests_waiting"],
                    None))
    rows.append(Row("local_offer.paid_this_month", PAID_PEOPLE_LABEL,
                    offer["paid_this_month"], None))
    rows.append(Row("local_offer.paid_this_month_pence", PAID_THIS_MONTH_LABEL,
                    offer["paid_this_month_pence"], None))
    return Section("local_offer", LOCAL_OFFER_HEADING, "young people who can have each", rows)


def _percent(count: int, of: int) -> int | None:
    return round(100 * count / of) if of else None


def _lookup(figures: dict, group: str, key: str) -> int:
    value = figures[group]
    for part in key.split("."):
        value = value[part]
    return value


#: At most this many Personal Advisers' caseloads are listed on the dashboard, one row each. A
#: dashboard covering more (a duty manager's, across every team of a large service) would be a
#: table of thousands of names: a team chosen in the filter lists its own, and the Team page
#: holds each adviser's caseload against their capacity.
ADVISER_ROWS_SHOWN = 50


def advisers_listed(figures: dict) -> bool:
    """Whether the dashboard lists each Personal Adviser's caseload for these figures."""
    return len(figures["caseloads"]["per_adviser"]) <= ADVISER_ROWS_SHOWN


def sections(figures: dict, *, adviser_names: dict[str, str]) -> list[Section]:
    """The dashboard's tables for one `figures_for` result (each adviser's caseload only where
    `advisers_listed`)."""
    shown = []
    for group, heading, base, of, rows in _LAYOUT:
        total = _lookup(figures, group, base) if base else 0
        shown.append(Section(group, heading, of, [
            Row(f"{group}.{key}", label, _lookup(figures, group, key),
                None if key == base or not base
                else _percent(_lookup(figures, group, key), total))
            for key, label in rows
        ]))
    caseloads = figures["caseloads"]
    shown.append(Section("caseloads", "Personal Advisers", "", [
        Row("caseloads.unallocated_requiring_pa", UNALLOCATED_LABEL,
            caseloads["unallocated_requiring_pa"], None),
        *[Row(f"caseloads.per_adviser.{username}",
              f"Held by {adviser_names.get(username, username)}", count, None)
          for username, count in caseloads["per_adviser"].items()
          if advisers_listed(figures)],
    ]))
    if "local_offer" in figures:
        shown.append(_local_offer_section(figures["local_offer"]))
    return shown


def label_for(key: str, *, adviser_names: dict[str, str]) -> str | None:
    """The words for one figure's key, for the heading of the list behind it."""
    group, _, rest = key.partition(".")
    if group == "caseloads":
        if rest == "unallocated_requiring_pa":
            return UNALLOCATED_LABEL
        username = rest.removeprefix("per_adviser.")
        return f"Held by {adviser_names.get(username, username)}"
    if group == "local_offer":
        label = _local_offer_label(rest)
        return f"{LOCAL_OFFER_HEADING}: {label}" if label else None
    for name, heading, _, _, rows in _LAYOUT:
        if name == group:
            return next((f"{heading}: {label}" for k, label in rows if k == rest), None)
    return None


def rows_html(section: Section, *, list_url: str, query: str) -> SafeString:
    """A section's table rows. Made in one pass rather than a template loop: the duty manager's
    Personal Advisers section holds a row for every adviser in the service (thousands in a
    regional service), and the template engine took most of the page's time drawing them."""
    # The standard library's escape, as Django's `escape` is without its wrapper for lazy text
    # (a few microseconds on each of thousands of calls).
    also = escape(f"&{query}") if query else ""
    url = escape(list_url)

    def row_html(row: Row) -> str:
        label, key = escape(str(row.label)), escape(row.key)
        if row.is_measure:
            if row.is_money:
                count = escape(pounds(row.count or 0))
            else:
                count = ("None authorised" if row.count is None
                         else f"{row.count} day{'' if row.count == 1 else 's'}")
            number = (f'<td class="govuk-table__cell govuk-table__cell--numeric" '
                      f'data-figure="{key}">{count}</td>')
        else:
            number = (f'<td class="govuk-table__cell govuk-table__cell--numeric"><a '
                      f'class="govuk-link" href="{url}?figure={escape(quote(row.key, safe="/"))}'
                      f'{also}" data-figure="{key}">{row.count}<span '
                      f'class="govuk-visually-hidden"> – {label}</span></a></td>')
        percent = "" if row.percent is None else f"{row.percent}%"
        return (f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
                f'{label}</th>{number}<td class="govuk-table__cell govuk-table__cell--numeric">'
                f"{percent}</td></tr>")

    # Escaped and joined here, not by `format_html` per row: thousands of rows.
    return mark_safe("\n".join(row_html(row) for row in section.rows))
