"""The Corporate Parenting Board pack (DOMAIN.md §5-6): for a month, the figures as tables and
charts, compared with the month before and the same month a year before, with the service
manager's commentary under each heading.

Every number comes from `dashboard.figures.figures_for` (or a month's kept `MonthlySnapshot` of
it): nothing is counted a second way here. This module decides only how the board sees them.

The pack counts the whole service, restricted records included, and is not narrowed to the
young people the person making it may see: like the DfE and Ofsted returns, it is the service's
account of itself, made by a service manager (who sees every team) for the board, and it shows no
one. The board sees no young person: no name, date of birth or identifier, and no number under 5,
which could point to someone. `suppressed` is the one rule for that; everything that prints or
draws a number asks it, so a small number cannot slip out as a count, a percentage, a change or
the length of a bar.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe

from careleavers.dates import long_date, month_and_year
from careleavers.pdf import render_pdf
from careleavers.prepared import prepared_make, prepared_progress
from dashboard.charts import Bar, BarGroup, bar_chart, line_chart
from dashboard.figures import AGE_BANDS, EET_BANDS, figures_for
from dashboard.models import MonthlySnapshot
from dashboard.sections import LOCAL_OFFER_HEADING, entitlement_words
from dashboard.snapshots import month_end, month_start, previous_month
from eligibility.rules import Status, add_months
from localoffer.rules import pounds

from .models import BoardPackFile

#: Numbers below this are never shown to the board (DOMAIN.md §6).
SMALL_NUMBER = 5
FEWER_THAN_5 = "fewer than 5"
NOT_SHOWN = "–"
NOT_KEPT = "not kept"

NOTE_NOT_SHOWN = (f"{NOT_SHOWN} A percentage or change is not shown where it would reveal a "
                  "number under 5.")
NOTE_NOT_KEPT = (f"“{NOT_KEPT}”: the figures kept for that month did not yet count this. It is "
                 "counted from the month the service began keeping it.")

TREND_MONTHS = 12


# --- the one rule for small numbers -------------------------------------------------------------

def suppressed(count: int | None) -> bool:
    """True for a number of young people the board may not see: 0 to 4 (DOMAIN.md §6). A
    figure that was not kept (None) is not suppressed: there is nothing to hide."""
    return count is not None and count < SMALL_NUMBER


def count_text(count: int | None) -> str:
    """A number of young people as the board sees it."""
    if count is None:
        return NOT_KEPT
    if suppressed(count):
        return FEWER_THAN_5
    return f"{count:,}"


def percent_text(count: int | None, base: int | None) -> str:
    """`count` as a percentage of `base`, unless either is under 5 (the percentage would give
    the small number away) or was not kept."""
    if count is None or base is None:
        return NOT_KEPT
    if suppressed(count) or suppressed(base):
        return NOT_SHOWN
    return f"{round(100 * count / base)}%"


def change_text(now: int | None, then: int | None) -> str:
    """How much a number of young people moved since `then`: "+3", "−2" or "no change". Not
    shown if either number is under 5 (the change would give it away); "not kept" if either
    was not kept."""
    if now is None or then is None:
        return NOT_KEPT
    if suppressed(now) or suppressed(then):
        return NOT_SHOWN
    return _difference(now, then)


def _difference(now: float, then: float, unit: str = "") -> str:
    difference = round(now - then, 1)
    if difference == 0:
        return "no change"
    sign = "+" if difference > 0 else "−"
    return f"{sign}{abs(difference):,g}{unit}"


def drawable(count: int | None) -> int | None:
    """The value a chart may draw: None (nothing drawn) for a number the board may not see."""
    return None if count is None or suppressed(count) else count


# --- the figures for a month --------------------------------------------------------------------

@dataclass(frozen=True)
class MonthFigures:
    """`figures_for` as it stood at the end of a month (or today, for this month)."""

    month: date
    on: date
    figures: dict
    kept_on: date | None  # when the month's snapshot was taken; None if worked out now

    @property
    def source(self) -> str:
        if self.kept_on is not None:
            return f"as kept on {long_date(self.kept_on)}"
        return "worked out from the records"


def month_figures(month: date, *, today: date) -> MonthFigures:
    """The whole service's figures for `month` as they stood on its last day, or today for the
    current month: the month's kept snapshot if there is one, otherwise worked out from the
    records by `figures_for` for that day."""
    first = month_start(month)
    last = month_end(first)
    if last >= today:
        return MonthFigures(first, today, figures_for(today), None)
    kept = MonthlySnapshot.objects.filter(month=first, team__isnull=True).first()
    if kept is not None:
        return MonthFigures(first, last, kept.figures,
                            timezone.localdate(kept.taken_at))
    return MonthFigures(first, last, figures_for(last), None)


def _value(figures: dict, key: str):
    """One figure by dotted key, or None if these figures do not have it (a month kept before
    the figure was counted). A few are worked out from the caseloads, with no staff names."""
    if key.startswith("caseloads.") and key.split(".")[1] in CASELOAD_MEASURES:
        return CASELOAD_MEASURES[key.split(".")[1]](figures.get("caseloads"))
    value = figures
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _held(caseloads) -> list[int] | None:
    if not isinstance(caseloads, dict) or "per_adviser" not in caseloads:
        return None
    return [count for count in caseloads["per_adviser"].values() if count]


def _average(caseloads):
    held = _held(caseloads)
    return round(sum(held) / len(held), 1) if held else None


#: The board sees how caseloads are spread, never whose caseload is whose.
CASELOAD_MEASURES: dict[str, Callable[[dict | None], float | None]] = {
    "advisers": lambda c: None if _held(c) is None else len(_held(c)),
    "held": lambda c: None if _held(c) is None else sum(_held(c)),
    "average": _average,
    "largest": lambda c: None if _held(c) is None else max(_held(c), default=0),
}


# --- the layout ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    """A row of a table: a figure by its dotted key. A measure (days, an average) is not a
    number of young people: it is shown only when the number of young people it is worked out
    from (`basis`) may be shown, and has no percentage."""

    key: str
    label: str
    measure: bool = False
    unit: str = ""
    basis: str = ""
    indent: bool = False
    money: bool = False  # a measure in pence, shown in pounds


@dataclass(frozen=True)
class TableSpec:
    caption: str
    base: str  # the key percentages are of
    base_words: str
    lines: list[Line]
    heading: str = "Young people"  # over the first column


@dataclass(frozen=True)
class SectionSpec:
    key: str
    heading: str
    about: str
    tables: list[TableSpec]
    bars: list[tuple[str, str]]  # (key, short label): this month, last month and last year
    trends: list[tuple[str, str]]  # (key, short label): month by month
    #: Tables that depend on the month's figures (an entitlement the council offers), if any:
    #: called with this month's figures, they follow `tables`.
    tables_for: Callable[[dict], list[TableSpec]] | None = None

    def tables_of(self, figures: dict) -> list[TableSpec]:
        return [*self.tables, *(self.tables_for(figures) if self.tables_for else [])]


_STATUS_WORDS = {
    Status.ELIGIBLE: "Eligible: 16 or 17 and still looked after",
    Status.RELEVANT: "Relevant: 16 or 17 and left care",
    Status.FORMER_RELEVANT: "Former relevant: 18 to 20",
    Status.FORMER_RELEVANT_EDUCATION: "Former relevant in education or training: 21 to 24",
    Status.RETURNER_21_25: "Came back for support: 21 to 24",
    Status.ENTITLED_ON_REQUEST: "May ask for support: 21 to 24",
    Status.QUALIFYING: "Qualifying: advice and assistance",
}


def _eet_table(name: str, low: int, high: int) -> TableSpec:
    ages = f"{low} to {high}"
    return TableSpec(f"Aged {ages}", f"{name}.cohort", f"young people aged {ages}", [
        Line(f"{name}.cohort", f"Aged {low} to {high}"),
        Line(f"{name}.in_eet", "In education, employment or training"),
        Line(f"{name}.neet", "Not in education, employment or training"),
        Line(f"{name}.neet_illness_or_disability", "because of illness or disability",
             indent=True),
        Line(f"{name}.neet_pregnancy_or_parenting", "because of pregnancy or parenting",
             indent=True),
        Line(f"{name}.neet_other", "for another reason", indent=True),
        Line(f"{name}.not_recorded", "What they do is not recorded"),
    ])


SECTIONS: list[SectionSpec] = [
    SectionSpec(
        "young_people", "Young people we support",
        "Care leavers aged 16 to 25 the service has a duty to, by their status under the "
        "Children Act 1989 and by age.",
        [
            TableSpec("By status", "young_people.total", "all young people we support", [
                Line("young_people.total", "All young people we support"),
                *[Line(f"young_people.by_status.{status.value}", words)
                  for status, words in _STATUS_WORDS.items()],
            ]),
            TableSpec("By age", "young_people.total", "all young people we support", [
                *[Line(f"young_people.by_age_band.{band}", f"Aged {band.replace('-', ' to ')}")
                  for band in AGE_BANDS],
                Line("young_people.uasc", "Came to this country as unaccompanied children "
                                          "seeking asylum"),
            ]),
        ],
        bars=[(f"young_people.by_age_band.{band}", f"Aged {band.replace('-', ' to ')}")
              for band in AGE_BANDS],
        trends=[("young_people.total", "All young people we support")],
    ),
    SectionSpec(
        "pathway_plans", "Pathway plans",
        "Eligible, relevant and former relevant young people must have a pathway plan, "
        "reviewed at least every 6 months. A plan counts once a manager has authorised it.",
        [
            TableSpec("Pathway plans", "pathway_plans.required", "young people who need a plan", [
                Line("pathway_plans.required", "Need a pathway plan"),
                Line("pathway_plans.up_to_date", "Plan up to date"),
                Line("pathway_plans.due_within_28_days", "review due within 28 days",
                     indent=True),
                Line("pathway_plans.overdue", "Plan review overdue"),
                Line("pathway_plans.overdue_review_not_recorded",
                     "review held, plan not yet written up", indent=True),
                Line("pathway_plans.overdue_awaiting_authorisation",
                     "written up, waiting for a manager to authorise it", indent=True),
                Line("pathway_plans.overdue_not_held", "review not held", indent=True),
                Line("pathway_plans.none", "No authorised plan yet"),
            ]),
        ],
        bars=[("pathway_plans.up_to_date", "Up to date"),
              ("pathway_plans.overdue", "Overdue"),
              ("pathway_plans.none", "No plan yet")],
        trends=[("pathway_plans.up_to_date", "Up to date"),
                ("pathway_plans.overdue", "Overdue")],
    ),
    SectionSpec(
        "needs_assessments", "Needs assessments",
        "A needs assessment is due within 3 months of a young person becoming eligible or "
        "relevant, or of asking for support after 21; the pathway plan is built on it.",
        [
            TableSpec("Needs assessments", "needs_assessments.required",
                      "young people who need a plan", [
                          Line("needs_assessments.required",
                               "Need a plan and a needs assessment"),
                          Line("needs_assessments.overdue", "Needs assessment overdue"),
                      ]),
        ],
        bars=[("needs_assessments.overdue", "Overdue")],
        trends=[("needs_assessments.overdue", "Needs assessment overdue")],
    ),
    SectionSpec(
        "contact", "Keeping in touch",
        "Personal Advisers keep in touch at least every 8 weeks, or once a year with young "
        "people of 21 and over who have not asked for support. A contact counts when the young "
        "person was seen or spoken to.",
        [
            TableSpec("Keeping in touch", "contact.required",
                      "young people we must keep in touch with", [
                          Line("contact.required", "We must keep in touch with"),
                          Line("contact.within_standard", "In touch within the standard"),
                          Line("contact.overdue", "Not in touch within the standard"),
                          Line("contact.never", "never seen or spoken to", indent=True),
                      ]),
        ],
        bars=[("contact.within_standard", "In touch"),
              ("contact.overdue", "Not in touch")],
        trends=[("contact.within_standard", "In touch"),
                ("contact.overdue", "Not in touch")],
    ),
    SectionSpec(
        "accommodation", "Where they live",
        "For relevant and former relevant young people: whether the place they live has been "
        "assessed as suitable, and how many live in custody, bed and breakfast, with their "
        "former foster carers (Staying Put) or near the children’s home they left (Staying "
        "Close), and how many moved 3 or more times in the last 12 months.",
        [
            TableSpec("Where they live", "accommodation.in_scope",
                      "young people whose home we watch", [
                          Line("accommodation.in_scope", "Young people whose home we watch"),
                          Line("accommodation.suitable", "Suitable"),
                          Line("accommodation.unsuitable", "Not suitable"),
                          Line("accommodation.not_recorded", "Not recorded or not assessed"),
                          Line("accommodation.custody", "In custody"),
                          Line("accommodation.bed_and_breakfast", "In bed and breakfast"),
                          Line("accommodation.staying_put", "Staying Put with former foster "
                                                            "carers"),
                          Line("accommodation.staying_close", "Staying Close to the "
                                                              "children’s home they left"),
                          Line("accommodation.moved_3_or_more_12_months",
                               "Moved 3 or more times in the last 12 months"),
                      ]),
        ],
        bars=[("accommodation.suitable", "Suitable"),
              ("accommodation.unsuitable", "Not suitable"),
              ("accommodation.not_recorded", "Not recorded")],
        trends=[("accommodation.suitable", "Suitable"),
                ("accommodation.unsuitable", "Not suitable")],
    ),
    SectionSpec(
        "eet", "Education, employment and training",
        "What relevant and former relevant young people were doing, by age. The DfE measures "
        "19 to 21-year-olds.",
        [_eet_table(name, low, high) for name, (low, high) in EET_BANDS.items()],
        bars=[(f"{name}.in_eet", f"{low} to {high}: in education, employment or training")
              for name, (low, high) in EET_BANDS.items()],
        trends=[("eet_19_21.in_eet", "19 to 21: in education, employment or training"),
                ("eet_19_21.neet", "19 to 21: not in education, employment or training")],
    ),
    SectionSpec(
        "advisers", "Personal Advisers and stability",
        "How many young people needing a Personal Adviser have none, how caseloads are spread, "
        "and how many young people had a change of Personal Adviser in the last 12 months.",
        [
            TableSpec("Personal Advisers and caseloads", "", "", heading="Caseloads", lines=[
                Line("caseloads.unallocated_requiring_pa",
                     "Need a Personal Adviser and have none"),
                Line("caseloads.advisers", "Personal Advisers holding cases"),
                Line("caseloads.average", "Average caseload", measure=True,
                     basis="caseloads.held"),
                Line("caseloads.largest", "Largest caseload"),
            ]),
            TableSpec("Stability", "stability.with_pa", "young people with a Personal Adviser", [
                Line("stability.with_pa", "Have a Personal Adviser"),
                Line("stability.pa_changed_12_months",
                     "Changed Personal Adviser in the last 12 months"),
            ]),
        ],
        bars=[("caseloads.unallocated_requiring_pa", "No Personal Adviser"),
              ("stability.pa_changed_12_months", "Changed Personal Adviser")],
        trends=[("caseloads.unallocated_requiring_pa", "Need a Personal Adviser and have none")],
    ),
    SectionSpec(
        "authorisation", "Authorising plans",
        "A pathway plan counts only once a team manager, or a duty manager when they are away, "
        "has authorised it. Time waiting for a manager makes plans overdue.",
        [
            TableSpec("Authorising plans", "", "", heading="Plans", lines=[
                Line("authorisation.waiting", "Plans waiting to be authorised"),
                Line("authorisation.authorised_last_28_days",
                     "Young people whose plan was authorised in the last 28 days"),
                Line("authorisation.median_days_to_authorise",
                     "Days a plan usually waited to be authorised (median, last 28 days)",
                     measure=True, unit=" days",
                     basis="authorisation.authorised_last_28_days"),
            ]),
        ],
        bars=[("authorisation.waiting", "Waiting"),
              ("authorisation.authorised_last_28_days", "Authorised in 28 days")],
        trends=[("authorisation.waiting", "Plans waiting to be authorised")],
    ),
    SectionSpec(
        "local_offer", LOCAL_OFFER_HEADING,
        "What the council promises its care leavers: for each entitlement it offers, how many "
        "young people can have it and how many of them have had it agreed; requests waiting "
        "for a manager; and what was paid this month. Counts and totals only.",
        [
            TableSpec("Requests and payments", "", "", heading="Local offer", lines=[
                Line("local_offer.requests_waiting", "Requests waiting for a manager"),
                Line("local_offer.paid_this_month", "Young people paid this month"),
                Line("local_offer.paid_this_month_pence", "Paid this month", measure=True,
                     basis="local_offer.paid_this_month", money=True),
            ]),
        ],
        bars=[("local_offer.requests_waiting", "Requests waiting"),
              ("local_offer.paid_this_month", "Young people paid")],
        trends=[("local_offer.paid_this_month", "Young people paid this month")],
        tables_for=lambda figures: _take_up_tables(figures),
    ),
]


def _take_up_tables(figures: dict) -> list[TableSpec]:
    """Take-up of each entitlement offered this month: who can have it, and who had it."""
    offered = (figures.get("local_offer") or {}).get("can_have") or {}
    return [TableSpec("Take-up", "", "", heading="Entitlement", lines=[
        line for key in offered for line in (
            Line(f"local_offer.can_have.{key}", f"{entitlement_words(key)}: can have it"),
            Line(f"local_offer.had.{key}", f"{entitlement_words(key)}: had it agreed",
                 indent=True),
        )
    ])] if offered else []

SECTION_HEADINGS = {spec.key: spec.heading for spec in SECTIONS}


# --- what the pack shows ------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    label: str
    indent: bool
    cells: list[str]  # this month, percentage, last month, change, last year, change
    is_base: bool = False  # the line the percentages are of


@dataclass(frozen=True)
class Table:
    caption: str
    heading: str
    base_words: str
    rows: list[Row]

    def _any(self, text: str) -> bool:
        return any(text in row.cells for row in self.rows)

    @property
    def has_not_shown(self) -> bool:
        return self._any(NOT_SHOWN)

    @property
    def has_not_kept(self) -> bool:
        return self._any(NOT_KEPT)


@dataclass
class Section:
    key: str
    heading: str
    about: str
    commentary: str
    tables: list[Table]
    bar_chart: str
    trend_chart: str
    chart_notes: list[str] = field(default_factory=list)
    trend_notes: list[str] = field(default_factory=list)


def _measure(figures: dict, line: Line):
    """(the measure, or None; its text). A measure is shown only when the number of young
    people it is worked out from may be shown: an average of two caseloads, or the median of
    three waits, would point to those few."""
    value, basis = _value(figures, line.key), _value(figures, line.basis)
    if value is None:
        return None, NOT_KEPT if basis is None else NOT_SHOWN
    if basis is None or suppressed(basis):
        return None, NOT_SHOWN
    return value, pounds(value) if line.money else f"{value:,g}{line.unit}"


def _measure_change(now, then, line: Line) -> str:
    (value, text), (then_value, then_text) = now, then
    if NOT_KEPT in (text, then_text):
        return NOT_KEPT
    if value is None or then_value is None:
        return NOT_SHOWN
    if line.money:
        return "no change" if value == then_value else (
            ("+" if value > then_value else "−") + pounds(abs(value - then_value)))
    return _difference(value, then_value, line.unit)


def _row(line: Line, base: str, months: list[MonthFigures]) -> Row:
    """This month's cells (`_this_month`), then last month's and last year's, each with its
    change."""
    this_month = _this_month(line, base, months[0])
    if line.measure:
        now, before, last_year = (_measure(m.figures, line) for m in months)
        later = [before[1], _measure_change(now, before, line), last_year[1],
                 _measure_change(now, last_year, line)]
    else:
        now, before, last_year = (_value(m.figures, line.key) for m in months)
        later = [count_text(before), change_text(now, before), count_text(last_year),
                 change_text(now, last_year)]
    return Row(line.label, line.indent, [*this_month.cells, *later],
               is_base=this_month.is_base)


def _bar_groups(spec: SectionSpec, months: list[MonthFigures]):
    groups, notes = [], set()
    for key, label in spec.bars:
        bars = []
        for month in months:
            value = _value(month.figures, key)
            if value is None:
                bars.append(Bar(None, NOT_KEPT))
                notes.add(f"“{NOT_KEPT}”: the figures kept for that month did not count this.")
            elif suppressed(value):
                bars.append(Bar(None, f"{FEWER_THAN_5}: not drawn"))
                notes.add("A number under 5 is not drawn: its bar is left out.")
            else:
                bars.append(Bar(value, count_text(value)))
        groups.append(BarGroup(label, bars))
    return groups, sorted(notes)


def _trend_lines(spec: SectionSpec, kept: dict[date, dict]):
    lines, notes, missing = [], [], set()
    for key, label in spec.trends:
        points, hidden = [], []
        for month, figures in sorted(kept.items()):
            value = _value(figures, key)
            if value is None:
                missing.add(month)
            elif suppressed(value):
                hidden.append(f"{month:%b %Y}")
            points.append((month, drawable(value)))
        lines.append((label, points))
        if hidden:
            notes.append(f"{label}: not drawn where under 5 ({', '.join(hidden)}).")
    if missing:
        notes.append("Not kept for " + ", ".join(f"{m:%b %Y}" for m in sorted(missing)) + ".")
    return lines, notes


def _this_month(line: Line, base: str, month: MonthFigures) -> Row:
    """A row with this month's cells only: the number (or measure) and its percentage."""
    if line.measure:
        cells = [_measure(month.figures, line)[1], ""]
    else:
        now = _value(month.figures, line.key)
        percent = "" if not base or line.key == base else percent_text(
            now, _value(month.figures, base))
        cells = [count_text(now), percent]
    return Row(line.label, line.indent, cells, is_base=line.key == base)


def at_a_glance(this_month: MonthFigures) -> dict[str, list[Table]]:
    """{section key: its tables with this month's figures}, for the commentary form: the numbers
    being commented on, as the pack will show them (small numbers hidden the same way)."""
    return {
        spec.key: [Table(table.caption, table.heading, table.base_words,
                         [_this_month(line, table.base, this_month) for line in table.lines])
                   for table in spec.tables_of(this_month.figures)]
        for spec in SECTIONS
    }


def kept_months(month: date, this_month: MonthFigures, *, months: int = TREND_MONTHS):
    """{first day of month: figures} for the `months` months up to `month`, from the kept
    snapshots (one query); `month` itself as the pack shows it. Months not kept are missing."""
    since = add_months(month, -(months - 1))
    kept = {
        snapshot.month: snapshot.figures
        for snapshot in MonthlySnapshot.objects.filter(
            team__isnull=True, month__gte=since, month__lt=month,
        )
    }
    kept[month] = this_month.figures
    return kept


def board_sections(months: list[MonthFigures], kept: dict[date, dict], *,
                   commentary: dict[str, str]) -> list[Section]:
    """The pack's sections for this month, last month and the same month last year."""
    names = [month_and_year(m.month) for m in months]
    shown = []
    for spec in SECTIONS:
        tables = [
            Table(table.caption, table.heading, table.base_words,
                  [_row(line, table.base, months) for line in table.lines])
            for table in spec.tables_of(months[0].figures)
        ]
        groups, bar_notes = _bar_groups(spec, months)
        lines, trend_notes = _trend_lines(spec, kept)
        shown.append(Section(
            key=spec.key, heading=spec.heading, about=spec.about,
            commentary=(commentary or {}).get(spec.key, "").strip(),
            tables=tables,
            bar_chart=bar_chart(groups, series=names, title=f"{spec.heading}: {names[0]}, "
                                f"{names[1]} and {names[2]}", chart_id=f"bars-{spec.key}"),
            trend_chart=line_chart(lines, title=f"{spec.heading}: month by month",
                                    chart_id=f"trend-{spec.key}") if len(kept) > 1 else "",
            chart_notes=bar_notes,
            trend_notes=trend_notes,
        ))
    return shown


def board_pack_context(month: date, *, commentary: dict[str, str], today: date,
                       made_at=None, on_step: Callable[[int, str], None] | None = None) -> dict:
    """Everything the PDF template needs for `month`. `on_step(percent, words)` is told as each
    part is worked out, for a progress bar."""
    step = on_step or (lambda percent, words: None)
    month = month_start(month)
    step(5, f"Working out the figures for {month_and_year(month)}")
    this_month = month_figures(month, today=today)
    before = previous_month(month)
    step(25, f"Working out the figures for {month_and_year(before)}")
    last_month = month_figures(before, today=today)
    year_before = add_months(month, -12)
    step(40, f"Working out the figures for {month_and_year(year_before)}")
    last_year = month_figures(year_before, today=today)
    step(55, "Reading the months kept for the trends")
    months = [this_month, last_month, last_year]
    kept = kept_months(month, this_month)
    step(65, "Drawing the tables and charts")
    sections = board_sections(months, kept, commentary=commentary)
    council, service = settings.COUNCIL_NAME, settings.SERVICE_NAME
    return {
        "running_head_left": css_string(f"{council} – {service}"),
        "running_head_right": css_string(f"Corporate Parenting Board – {month_and_year(month)}"),
        "month": month,
        "month_name": month_and_year(month),
        "months": months,
        "month_names": [month_and_year(m.month) for m in months],
        "sections": sections,
        "council_name": council,
        "service_name": service,
        "made_at": made_at or timezone.now(),
        "note_not_shown": NOTE_NOT_SHOWN,
        "note_not_kept": NOTE_NOT_KEPT,
        "fewer_than_5": FEWER_THAN_5,
    }


def css_string(text: str) -> str:
    """`text` as a quoted CSS string for the page's running head (inside <style>, where HTML
    escaping does not apply): anything but letters, digits and spaces as a CSS escape."""
    return mark_safe('"' + "".join(
        char if char.isalnum() or char == " " else f"\\{ord(char):x} " for char in text
    ) + '"')


#: The pack uses no files, images or stylesheets from anywhere: the address only anchors
#: relative URLs, of which there are none.
PDF_BASE_URL = "http://localhost/"


def board_pack_render(month: date, *, commentary: dict[str, str], today: date | None = None,
                      on_step: Callable[[int, str], None] | None = None) -> bytes:
    """The board pack for `month` as a PDF."""
    step = on_step or (lambda percent, words: None)
    context = board_pack_context(month, commentary=commentary,
                                 today=today or timezone.localdate(), on_step=step)
    step(70, "Making the PDF")
    return render_pdf("boardpack/board_pack_pdf.html", context, base_url=PDF_BASE_URL)


def _progress(file_id: int, **fields) -> None:
    prepared_progress(BoardPackFile, file_id, **fields)


def board_pack_make(file_id: int, *, today: date | None = None) -> bool:
    """Make the PDF for one requested file (the Celery task's work), in steps the progress page
    can follow, and keep it (careleavers.prepared). Only a file still waiting is made, so a task
    delivered twice makes it once. A file being made, made or failed is left alone; one left
    half-made by a worker that stopped shows as stuck after a while, and the page offers to make
    it again. Returns whether it made a PDF."""

    def work(step) -> dict:
        file = BoardPackFile.objects.without_pdf().select_related("pack").get(pk=file_id)
        pdf = board_pack_render(file.pack.month, commentary=file.pack.commentary, today=today,
                                on_step=step)
        step(95, "Keeping the PDF")
        return {"pdf": pdf, "pdf_size": len(pdf)}

    return prepared_make(BoardPackFile, file_id, work,
                         update=lambda pk, **fields: _progress(pk, **fields))
