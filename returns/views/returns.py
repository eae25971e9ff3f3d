"""The DfE's SSDA903 care leaver return, for service managers: they ask for the return for a
collection year, a Celery worker prepares it (the whole service takes longer than a web request
may), and the page shows who would fail the DfE's rules and why, and downloads the files, from
what the worker kept. A whole-service statutory return (see returns.returns_903), so nothing here
is kept by the browser, and each download is logged."""

import logging
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from careleavers.access import record_download
from careleavers.listing import paginate
from careleavers.prepared import prepared_status
from dashboard.access import may_see_reports

from .. import returns_903
from ..models import Return903File
from ..returns_903_files import return_903_latest, return_903_latest_ready, return_903_request
from ..returns_903_forms import CollectionYearForm, year_label

logger = logging.getLogger(__name__)


def _require_reports(user):
    if not may_see_reports(user):
        raise PermissionDenied


def _status(file: Return903File, now) -> dict:
    """Where the preparing of a return has got to, for the page and its JSON."""
    return prepared_status(file, now, ready="The return is ready.",
                           failed="The return could not be prepared. Try again.",
                           download_url=reverse("return-903-download", args=[file.pk]))


@dataclass(frozen=True)
class Failing:
    """A young person who would fail the DfE's checks, as the prepared return kept them."""

    pk: int
    name: str
    child: str
    nth: str
    birthday: date
    failures: list[dict]


def _failing(file: Return903File) -> list[Failing]:
    return [Failing(pk=row["pk"], name=row["name"], child=row["child"], nth=row["nth"],
                    birthday=date.fromisoformat(row["birthday"]), failures=row["failures"])
            for row in file.failing]


def _page(request, form: CollectionYearForm, year: int, *, status=200):
    today = timezone.localdate()
    now = timezone.now()
    latest = return_903_latest(year)
    ready = latest if latest is not None and latest.done else return_903_latest_ready(year)
    failing = _failing(ready) if ready is not None else []
    first_day, last_day = returns_903.collection_year(year)
    return render(request, "returns/return_903.html", {
        "form": form,
        "year": year,
        "year_label": year_label(year),
        "first_day": first_day,
        "last_day": last_day,
        "in_progress": year > returns_903.latest_ended_year(today),
        "latest": latest,
        "status": _status(latest, now) if latest is not None else None,
        "ready": ready,
        "failing": failing,
        "pages": paginate(request, failing, noun="young people"),
    }, status=status)


@never_cache
@login_required
def return_903(request):
    """The return for a collection year, as last prepared, or how its preparing is getting on.
    The page opens on the latest year that has ended: that is the one the DfE collects (from
    April), and the data quality page already watches the year in progress."""
    _require_reports(request.user)
    form = CollectionYearForm(request.GET or None, today=timezone.localdate())
    return _page(request, form, form.chosen_year())


@never_cache
@login_required
def return_903_prepare(request):
    """Prepare the return for the year chosen (the first time, again with the records as they
    are now, or after one failed or stopped), then follow it on the page. Anyone else is refused
    before the method is looked at."""
    _require_reports(request.user)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CollectionYearForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        return _page(request, form, form.default, status=400)
    year = form.cleaned_data["year"]
    return_903_request(actor=request.user, year=year)
    return redirect(f"{reverse('return-903')}?year={year}")


def _file(user, file_id) -> Return903File:
    _require_reports(user)
    file = Return903File.objects.without_zip().filter(pk=file_id).first()
    if file is None:
        raise Http404("No such return")
    return file


@never_cache
@login_required
def return_903_status(request, file_id):
    response = JsonResponse(_status(_file(request.user, file_id), timezone.now()))
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def return_903_download(request, file_id):
    """header.csv and oc3.csv in one zip, as DfE COLLECT takes them, as the worker prepared
    them."""
    file = _file(request.user, file_id)
    if not file.done:
        raise Http404("That return is not ready")
    data = Return903File.objects.filter(pk=file.pk).values_list("zip", flat=True).get()
    response = HttpResponse(bytes(data), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    response["Cache-Control"] = "no-store"
    record_download(request.user, file.young_person_ids,
                    f"the SSDA903 care leaver return {year_label(file.year)}")
    logger.info("SSDA903 care leaver return %d (%d young people) downloaded by %s", file.year,
                file.in_oc3, request.user.username)
    return response
