"""Caseloads, allocation and contacts. Each view authorises through advisers.access, binds a form,
calls a service and redirects."""

import secrets
from itertools import groupby
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from careleavers.access import get_young_person_for
from careleavers.concurrency import StaleEditError
from careleavers.dates import long_date
from careleavers.listing import SortBy, paginate, sorting
from careleavers.models import YoungPerson
from careleavers.record import build_caseload_columns

from . import access, selectors
from .forms import AllocateForm, ContactForm, CoverForm, EndAllocationForm, MoveForm
from .models import Allocation, AllocationKind, Contact
from .services import (
    adviser_allocate,
    allocation_end,
    allocations_move,
    contact_record,
    contact_update,
)


def record_url(young_person) -> str:
    return reverse("young-person", args=[young_person.pk])


@login_required
def my_caseload(request):
    """The young people a Personal Adviser holds, who needs seeing first."""
    if not access.has_own_caseload(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    young_people = selectors.caseload_of(request.user, today=today)
    rows = selectors.caseload_rows(young_people, today=today)
    # Facts other packages add to each row, such as where the pathway plan stands.
    columns = build_caseload_columns(young_people=young_people, today=today)
    return render(request, "advisers/my_caseload.html", {
        "rows": [
            (row, row.covered_by(request.user), _cells(columns, row.young_person))
            for row in rows
        ],
        "columns": columns,
        "overdue": sum(row.contact_state in ("never", "overdue") for row in rows),
        "due_soon": sum(row.contact_state == "due_soon" for row in rows),
        "today": today,
    })


#: How everyone in the team may be sorted. The other packages' columns (where the plan stands)
#: come from their own queries for the young people listed, so the list cannot be sorted by them
#: in SQL.
EVERYONE_SORTS = [
    SortBy("name", ("last_name", "first_name")),
    SortBy("personal_adviser", ("current_pa_name",)),
]


@login_required
def team_caseload(request):
    """A team's caseloads against capacity, who has no Personal Adviser, PA changes, and everyone
    in the team with what the other packages show about them (where their pathway plan stands)."""
    team, teams = access.get_team_for(request.user, request.GET.get("team"))
    today = timezone.localdate()
    young_people = YoungPerson.objects.visible_to(request.user).filter(team=team)
    advisers = list(selectors.advisers_with_caseloads(team, today=today))
    # Each list on the page turns its own pages (a team just imported may have hundreds with no
    # Personal Adviser yet).
    unallocated = paginate(request, selectors.caseload_rows(
        selectors.unallocated_requiring_pa(young_people, today=today), today=today
    ), noun="young people", param="unallocated_page")
    stability = [
        (person, selectors.pa_changes(person, today=today))
        for person in selectors.with_pa_changes(young_people, today=today)
        .annotate(current_pa_name=selectors.current_pa_name(today=today))
        .order_by("last_name", "first_name")
    ]
    changed = paginate(request, sorted(
        ((person, changes) for person, changes in stability if changes),
        key=lambda pair: -pair[1],
    ), noun="young people", param="changed_page")
    # Counted over the whole team (a query a column), shown for the page of everyone.
    columns = build_caseload_columns(young_people=young_people, today=today)
    order = sorting(request, EVERYONE_SORTS, default="name")
    everyone = paginate(request, order.order(
        young_people.annotate(current_pa_name=selectors.current_pa_name(today=today))
    ), noun="young people")
    return render(request, "advisers/team_caseload.html", {
        "team": team,
        "teams": teams if len(teams) > 1 else None,
        "advisers": advisers,
        "unallocated": [(row, _cells(columns, row.young_person)) for row in unallocated.rows],
        "unallocated_pages": unallocated,
        "changed": changed.rows,
        "changed_pages": changed,
        "columns": columns,
        "everyone": [(person, _cells(columns, person)) for person in everyone.rows],
        "pages": everyone,
        "headers": order.headers(
            [("Name", "name", False), ("Personal Adviser", "personal_adviser", False)]
            + [(column.heading, None, False) for column in columns]
        ),
        "young_people_count": len(stability),
        "can_allocate": access.allocates_personal_advisers(request.user),
        "year_ago": selectors.year_before(today),
    })


def _cells(columns, young_person) -> list:
    return [column.cell_for(young_person) for column in columns]


ALLOCATION_FORMS = {"allocate": AllocateForm, "cover": CoverForm, "end": EndAllocationForm}


@login_required
def allocation(request, pk):
    """A young person's Personal Adviser, cover and allocation history, for their team manager."""
    young_person = access.get_young_person_for_allocation(
        request.user, pk, log_view="" if request.method == "POST" else "Allocation"
    )
    today = timezone.localdate()
    history = list(
        Allocation.objects.filter(young_person=young_person)
        .select_related("adviser").order_by("-start_on", "-pk")
    )
    current = [a for a in history if a.is_current(today)]
    # Allocations that can still be ended: open, or set to end after today.
    open_allocations = Allocation.objects.filter(
        Q(end_on__isnull=True) | Q(end_on__gt=today), young_person=young_person
    )
    personal_adviser = next(
        (a for a in current if a.kind == AllocationKind.PERSONAL_ADVISER), None
    )
    arguments = {
        "allocate": {"young_person": young_person, "today": today,
                     "reallocating": personal_adviser is not None},
        "cover": {"young_person": young_person, "today": today},
        "end": {"today": today, "allocations": open_allocations.select_related("adviser")},
    }
    forms = {action: form_class(prefix=action, **arguments[action])
             for action, form_class in ALLOCATION_FORMS.items()}
    bound = None
    if request.method == "POST":
        # Each form on the page posts its own `action`; only that one is bound.
        action = request.POST.get("action")
        if action not in ALLOCATION_FORMS:
            raise PermissionDenied
        bound = forms[action] = ALLOCATION_FORMS[action](
            request.POST, prefix=action, **arguments[action]
        )
        if bound.is_valid():
            try:
                message = _apply_allocation(action, bound, request.user, young_person)
            except ValidationError as error:
                bound.add_service_error(error)
            else:
                messages.success(request, message)
                return redirect("allocation", pk=young_person.pk)
    return render(request, "advisers/allocation.html", {
        "young_person": young_person,
        "personal_adviser": personal_adviser,
        "covers": [a for a in current if a.kind == AllocationKind.COVER],
        "history": history,
        "allocate_form": forms["allocate"],
        "cover_form": forms["cover"],
        "end_form": forms["end"],
        "has_open_allocations": any(a.end_on is None or a.end_on > today for a in history),
        "form": bound,
        "record_url": record_url(young_person),
        "today": today,
    })


def _apply_allocation(action, form, actor, young_person) -> str:
    data = form.cleaned_data
    name = young_person.display_name
    if action == "allocate":
        allocation = adviser_allocate(
            actor=actor, young_person=young_person, adviser=data["adviser"],
            start_on=data["start_on"], reason=data["reason"],
        )
        return (f"{allocation.adviser.get_full_name()} is {name}’s Personal Adviser from "
                f"{long_date(allocation.start_on)}")
    if action == "cover":
        allocation = adviser_allocate(
            actor=actor, young_person=young_person, adviser=data["adviser"],
            start_on=data["start_on"], end_on=data["end_on"], reason=data["reason"],
            kind=AllocationKind.COVER,
        )
        return f"{allocation.adviser.get_full_name()} is covering for {name}"
    allocation = allocation_end(
        actor=actor, allocation=data["allocation"], end_on=data["end_on"], reason=data["reason"]
    )
    return (f"{allocation.adviser.get_full_name()}’s allocation ends on "
            f"{long_date(allocation.end_on)}")


#: The move a manager has chosen and is checking, kept in their session between the two pages:
#: the team, what the first page posted, and a token the check page sends back, so that what
#: moves is the move they last checked.
PENDING_MOVE = "team_move"

#: What the first page posts, kept for the check page.
MOVE_FIELDS = ["young_people", "kind", "adviser", "start_on_0", "start_on_1", "start_on_2",
               "end_on_0", "end_on_1", "end_on_2", "reason"]

STALE_MOVE_MESSAGE = ("Nothing has moved yet. You checked a different move after opening this "
                      "page: check this one, then move them.")


@login_required
def team_move(request):
    """Move several of a team's young people to another Personal Adviser, or to a colleague
    covering, together (a Personal Adviser leaving or off sick). This page chooses who and
    where to; the check page then moves them all or, if any one cannot move, nobody. Afterwards
    this page comes back with the rest of the first Personal Adviser's young people chosen, to
    move them to someone else."""
    team = access.get_team_for_moving(request.user, request.GET.get("team"))
    today = timezone.localdate()
    moving_from = _int_or_none(request.GET.get("from"))
    if request.method == "POST":
        access.get_young_people_to_move(request.user, request.POST.getlist("young_people"))
        form = MoveForm(request.POST, team=team, user=request.user, today=today)
        if form.is_valid():
            request.session[PENDING_MOVE] = {
                "team": team.team_id, "token": secrets.token_hex(8),
                "data": {name: request.POST.getlist(name) for name in MOVE_FIELDS},
            }
            return redirect(_move_url("team-move-check", team, moving_from))
    else:
        pending = _pending_move(request, team) if "back" in request.GET else None
        # Back from the check page to change something: the choices as they were.
        form = MoveForm(pending[0] if pending else None, team=team, user=request.user,
                        today=today)
    return _choose_page(request, team, form, moving_from, today)


@login_required
def team_move_check(request):
    """Check before you move them: who moves from whom to whom, and from when. Its one POST
    moves them all."""
    team = access.get_team_for_moving(request.user, request.GET.get("team"))
    today = timezone.localdate()
    moving_from = _int_or_none(request.GET.get("from"))
    pending = _pending_move(request, team)
    if pending is None:
        return redirect(_move_url("team-move", team, moving_from))
    data, token = pending
    chosen = access.get_young_people_to_move(request.user, data.getlist("young_people"))
    form = MoveForm(data, team=team, user=request.user, today=today)
    if not form.is_valid():  # changed since it was chosen: an adviser left the team, say
        return _choose_page(request, team, form, moving_from, today)
    if request.method == "POST":
        if request.POST.get("checked") != token:
            form.add_error(None, STALE_MOVE_MESSAGE)
        else:
            try:
                reallocation = _move(form, request.user)
            except ValidationError as error:
                form.add_service_error(error)
                return _choose_page(request, team, form, moving_from, today)
            del request.session[PENDING_MOVE]
            messages.success(request, _moved_message(form.cleaned_data, reallocation))
            return redirect(_move_url("team-move", team, moving_from))
    return _check_page(request, team, form, chosen, today, token=token,
                       change_url=_move_url("team-move", team, moving_from, back=True))


def _pending_move(request, team) -> tuple[QueryDict, str] | None:
    pending = request.session.get(PENDING_MOVE)
    if not pending or pending.get("team") != team.team_id:
        return None
    data = QueryDict(mutable=True)
    for name, values in pending["data"].items():
        data.setlist(name, values)
    return data, pending["token"]


def _choose_page(request, team, form, moving_from, today):
    people = list(selectors.people_to_move(
        YoungPerson.objects.visible_to(request.user).filter(team=team), today=today
    ))
    for position, person in enumerate(people, start=1):
        person.position = position  # each checkbox's id; the error summary links to the first
    if form.is_bound:
        selected = {_int_or_none(pk) for pk in form.data.getlist("young_people")}
    else:
        selected = {person.pk for person in people
                    if moving_from is not None and person.current_pa_id == moving_from}
    groups = [
        {"adviser_id": adviser_id, "name": name, "people": list(members)}
        for (adviser_id, name), members in groupby(
            people, key=lambda person: (person.current_pa_id, person.current_pa_name)
        )
    ]
    return render(request, "advisers/team_move.html", {
        "team": team,
        "form": form,
        "groups": groups,
        "selected": selected,
        "team_url": f"{reverse('team-caseload')}?{urlencode({'team': team.team_id})}",
        # The check page shows this page again when a move is refused: it posts here all the same.
        "action": _move_url("team-move", team, moving_from),
        "today": today,
    })


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _move_url(name, team, moving_from, *, back=False) -> str:
    query = {"team": team.team_id}
    if moving_from is not None:
        query["from"] = moving_from
    if back:
        query["back"] = 1
    return f"{reverse(name)}?{urlencode(query)}"


def _move(form, actor):
    data = form.cleaned_data
    return allocations_move(
        actor=actor, young_people=list(data["young_people"]), adviser=data["adviser"],
        start_on=data["start_on"], kind=data["kind"], end_on=data["end_on"],
        reason=data["reason"],
    )


def _moved_message(data, reallocation) -> str:
    count = reallocation.allocations.count()
    people = f"{count} young {'person' if count == 1 else 'people'}"
    name = data["adviser"].get_full_name()
    if data["kind"] == AllocationKind.COVER:
        until = f" to {long_date(data['end_on'])}" if data["end_on"] else ""
        return f"{name} is covering for {people} from {long_date(data['start_on'])}{until}"
    return (f"{name} is the Personal Adviser for {people} from "
            f"{long_date(data['start_on'])}")


def _check_page(request, team, form, chosen, today, *, token, change_url):
    data = form.cleaned_data
    adviser = data["adviser"]
    people = list(selectors.people_to_move(
        YoungPerson.objects.filter(pk__in=[person.pk for person in chosen]), today=today
    ))
    covering = data["kind"] == AllocationKind.COVER
    already = sum(person.current_pa_id == adviser.pk for person in people)
    holds_after = adviser.caseload + (0 if covering else len(people) - already)
    return render(request, "advisers/team_move_check.html", {
        "team": team,
        "form": form,
        "people": people,
        "adviser": adviser,
        "covering": covering,
        "start_on": data["start_on"],
        "end_on": data["end_on"],
        "reason": data["reason"],
        "holds_after": holds_after,
        "over_capacity": bool(adviser.caseload_capacity
                              and holds_after > adviser.caseload_capacity),
        "token": token,
        "change_url": change_url,
    })


@login_required
def contact_add(request, pk):
    """Record a visit, call or message: a Personal Adviser back from a visit, in under a minute."""
    young_person = access.get_young_person_for_contact(
        request.user, pk, log_view="" if request.method == "POST" else "Record a contact"
    )
    form = ContactForm(request.POST or None, young_person=young_person, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            contact_record(actor=request.user, young_person=young_person,
                           made_by=form.cleaned_data["made_by"], **form.contact_values())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _recorded_message("Contact recorded.", young_person))
            return redirect(record_url(young_person))
    return render(request, "advisers/contact_form.html", {
        "form": form, "young_person": young_person, "editing": False,
        "back_url": record_url(young_person),
    })


@login_required
def contact_edit(request, contact_id):
    """Correct a contact. The earlier version stays in its history; nothing is deleted."""
    contact = access.get_contact_for(
        request.user, contact_id, write=True,
        log_view="" if request.method == "POST" else "change a contact",
    )
    young_person = contact.young_person
    form = ContactForm(request.POST or None, young_person=young_person, user=request.user,
                       contact=contact)
    stale = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"] or 0
        try:
            contact_update(actor=request.user, contact=contact, version=version,
                           made_by=form.cleaned_data["made_by"], **form.contact_values())
        except StaleEditError as error:
            stale = form.refuse_stale(error, read_version=version)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _recorded_message("Contact updated.", young_person))
            return redirect(record_url(young_person))
    return render(request, "advisers/contact_form.html", {
        "form": form, "young_person": young_person, "editing": True, "contact": contact,
        "stale": stale, "back_url": record_url(young_person),
    })


def _recorded_message(prefix: str, young_person) -> str:
    keep_in_touch = selectors.keep_in_touch_for(young_person)
    today = timezone.localdate()
    state = keep_in_touch.state(today)
    if state == "none":
        return prefix
    if state == "never":
        return f"{prefix} They have not been seen or spoken to yet."
    due = f"{long_date(keep_in_touch.next_due)}"
    if state == "overdue":
        return f"{prefix} Next contact was due {due} and is overdue."
    return f"{prefix} Next contact due {due}"


@login_required
def contact_list(request, pk):
    """Every contact with them, newest first, with who made it: the keeping-in-touch part of the
    record."""
    young_person = get_young_person_for(request.user, pk, log_view="contacts")
    today = timezone.localdate()
    may_change = access.contact_change_rule(request.user, young_person, today=today)
    contacts = (Contact.objects.filter(young_person=young_person).select_related("made_by")
                .order_by("-contact_at", "-pk"))
    pages = paginate(request, contacts, noun="contacts")
    return render(request, "advisers/contact_list.html", {
        "young_person": young_person,
        "today": today,
        "pages": pages,
        "editable": {contact.pk for contact in pages.rows if may_change(contact)},
        "can_record_contact": access.can_record_contact(request.user, young_person),
    })

