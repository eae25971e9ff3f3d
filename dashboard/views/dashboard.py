"""Pages for managers. Thin: authorise through the owning package's access functions, ask its
querysets, render; changes are POST only and go through services."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from advisers.selectors import current_pa_name
from careleavers.access import record_download
from careleavers.listing import SortBy, in_words, paginate, sorting
from careleavers.models import User, YoungPerson
from careleavers.spreadsheets import csv_writer
from eligibility.rules import Status, age_on
from localoffer.rules import pounds
from localoffer.selectors import spend_by_month

from ..access import dashboard_scope_for
from ..charts import SCREEN, line_chart
from ..figures import UnknownFigure, figures_for, young_people_behind, young_people_matching
from ..forms import DashboardFilters
from ..lists import explaining_columns
from ..sections import advisers_listed, label_for, rows_html, sections
from ..snapshots import trends


def _scope(request, *, today):
    """The filters bound from the query string, the team chosen, and the young people the
    figures count from: those this user may see, narrowed by the filters."""
    teams, visible = dashboard_scope_for(request.user)
    filters = DashboardFilters(request.GET or None, teams=teams)
    chosen = filters.chosen()
    within = young_people_matching(
        visible, on=today, adviser=chosen.get("adviser"), age_band=chosen.get("age_band", ""),
        status=chosen.get("status", ""),
    )
    return filters, chosen.get("team"), within


def _trends(request, *, team, today):
    """Trends for the team chosen, or everything the user's dashboard covers: the whole service
    for duty and service managers, a team manager's own teams added together."""
    if team is not None:
        teams = [team]
    elif request.user.sees_all_teams:
        teams = None
    else:
        teams = request.user.teams.all()
    shown = trends(teams=teams, until=today)
    for trend in shown:
        trend["chart"] = line_chart([(trend["label"], trend["points"])], title=trend["label"],
                                    chart_id=f"trend-{trend['key'].replace('.', '-')}",
                                    layout=SCREEN)
    return shown


def _filter_panel(request, filters, *, action: str, kept=("figure", "sort", "dir")) -> dict:
    """What `_filters.html` needs: the filters chosen as removable tags, a link clearing them,
    and the query parameters the form carries over (on a list, its figure and sort)."""
    selected, clear_url = filters.selected(request.GET, path=action)
    return {
        "filters": filters, "action": action, "selected": selected, "clear_url": clear_url,
        "kept": [(name, request.GET[name]) for name in kept if request.GET.get(name)],
    }


def _filter_query(request) -> str:
    query = request.GET.copy()
    query.pop("figure", None)
    return query.urlencode()


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


def _young_people(team, within):
    """The young people the dashboard covers, as a condition for a query of their records."""
    people = within if within is not None else YoungPerson.objects.all()
    return people.filter(team=team) if team is not None else people


def _adviser_names(usernames) -> dict[str, str]:
    """Each adviser's name by username. A duty manager's figures name thousands of advisers:
    every member of staff's name is then fetched rather than a list of thousands sent."""
    wanted = set(usernames)
    staff = User.objects.all() if len(wanted) > 100 else User.objects.filter(username__in=wanted)
    return {username: name for username, name in staff.values_list("username", "full_name")
            if username in wanted}


@login_required
def dashboard(request):
    """The figures (DOMAIN.md §5) for the teams this manager runs, each linking to the young
    people behind it."""
    today = timezone.localdate()
    filters, team, within = _scope(request, today=today)
    figures = figures_for(today, team, within=within)
    listed = advisers_listed(figures)
    names = _adviser_names(figures["caseloads"]["per_adviser"]) if listed else {}
    query = _filter_query(request)
    list_url = reverse("dashboard-list")
    return render(request, "dashboard/dashboard.html", {
        **_filter_panel(request, filters, action=reverse("dashboard"), kept=()),
        "sections": [(section, rows_html(section, list_url=list_url, query=query))
                     for section in sections(figures, adviser_names=names)],
        "advisers_not_listed": 0 if listed else len(figures["caseloads"]["per_adviser"]),
        "trends": _trends(request, team=team, today=today),
        "spend": [(month, pounds(pence)) for month, pence in spend_by_month(
            _young_people(team, within), until=today)],
        "narrowed": any(request.GET.get(name) for name in ("adviser", "age_band", "status")),
        "today": today,
    })


#: The columns every figure's list has, and how each sorts (the explaining columns add theirs).
_PERSON_COLUMNS = [
    ("Name", SortBy("name", ("last_name", "first_name")), False),
    ("Council ID", SortBy("person_id", ("person_id",)), False),
    ("Age", SortBy("age", ("date_of_birth",), reverse=True), True),
    ("Status", SortBy("status", (in_words("statutory_status__status", Status.choices),)), False),
    ("Team", SortBy("team", ("team__name",)), False),
    ("Personal Adviser", SortBy("personal_adviser", ("personal_adviser_name",)), False),
]


def _figure_list(request, *, today):
    """The figure asked for, its label and filters, its explaining columns, the order asked
    for, and its young people in that order (a queryset: the page takes 50, the CSV all)."""
    key = request.GET.get("figure", "")
    filters, team, within = _scope(request, today=today)
    try:
        people = young_people_behind(key, today, team, within=within)
    except UnknownFigure:
        raise Http404("No such figure") from None
    names = (_adviser_names([key.removeprefix("caseloads.per_adviser.")])
             if key.startswith("caseloads.per_adviser.") else {})
    label = label_for(key, adviser_names=names)
    if label is None:
        raise Http404("No such figure")
    columns = explaining_columns(key)
    order = sorting(
        request, [sort for _, sort, _ in _PERSON_COLUMNS]
        + [column.sort for column in columns if column.sort is not None],
        default="name", tie_break=("pk",),
    )
    people = order.order(
        people.select_related("team", "statutory_status", "standing__last_in_touch_by")
        .annotate(personal_adviser_name=current_pa_name(today=today))
    )
    return key, label, filters, columns, order, people


def _headers(columns, order) -> list[dict]:
    return [
        {"heading": heading, "sort": order.header(sort.key), "numeric": numeric}
        for heading, sort, numeric in _PERSON_COLUMNS
    ] + [
        {"heading": column.heading, "sort": order.header(column.sort.key) if column.sort else None}
        for column in columns
    ]


@login_required
def figure_list(request):
    """The young people behind one number on the dashboard, by the same definition, 50 a page,
    sorted by the column chosen."""
    today = timezone.localdate()
    key, label, filters, columns, order, people = _figure_list(request, today=today)
    pages = paginate(request, people, noun="young people")
    for person in pages.rows:
        person.age = age_on(person.date_of_birth, today)
    return render(request, "dashboard/figure_list.html", {
        "label": label,
        "headers": _headers(columns, order),
        "pages": pages,
        "rows": [(person, [column.text(getattr(person, "standing", None), today)
                           for column in columns]) for person in pages.rows],
        **_filter_panel(request, filters, action=reverse("dashboard-list")),
        "dashboard_url": _with_query(reverse("dashboard"), _filter_query(request)),
        "csv_url": f"{reverse('dashboard-list-csv')}?{_csv_query(request)}",
        "today": today,
    })


def _csv_query(request) -> str:
    """The list's query for its download: every row, in the order shown, whatever the page."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def figure_list_csv(request):
    """The same list as a spreadsheet: every young person behind the number, not one page."""
    today = timezone.localdate()
    key, label, filters, columns, order, people = _figure_list(request, today=today)
    rows = list(people)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{key.replace(".", "-")}-{today.isoformat()}.csv"'
    )
    writer = csv_writer(response)
    writer.writerow(["person_id", "first_name", "last_name", "date_of_birth", "age", "team",
                     "status", "personal_adviser", *(column.csv_heading for column in columns)])
    for person in rows:
        status = getattr(person, "statutory_status", None)
        standing = getattr(person, "standing", None)
        writer.writerow([
            person.person_id, person.first_name, person.last_name,
            person.date_of_birth.isoformat(), age_on(person.date_of_birth, today),
            person.team.name if person.team else "",
            status.get_status_display() if status else "", person.personal_adviser_name or "",
            *(column.csv(standing, today) for column in columns),
        ])
    record_download(request.user, [person.pk for person in rows], f"the list “{label}” (CSV)")
    return response
