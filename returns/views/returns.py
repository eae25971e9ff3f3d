"""The DfE's SSDA903 care leaver return, for service managers: who would fail the DfE's rules and
why, before they download the files. A whole-service statutory return (see
returns.returns_903), so nothing here is kept by the browser, and each download is logged."""

import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from careleavers.access import record_download
from careleavers.listing import paginate
from dashboard.access import may_see_reports

from .. import returns_903
from ..returns_903_forms import CollectionYearForm, year_label

logger = logging.getLogger(__name__)


def _year(request) -> tuple[CollectionYearForm, int]:
    if not may_see_reports(request.user):
        raise PermissionDenied
    form = CollectionYearForm(request.GET or None, today=timezone.localdate())
    return form, form.chosen_year()


@never_cache
@login_required
def return_903(request):
    """The return for a collection year. The page opens on the latest year that has ended: that
    is the one the DfE collects (from April), and the data quality page already watches the
    year in progress."""
    form, year = _year(request)
    today = timezone.localdate()
    result = returns_903.return_903(year, today=today)
    return render(request, "returns/return_903.html", {
        "form": form,
        "result": result,
        "failing": result.failing,
        "pages": paginate(request, result.failing, noun="young people"),
        "year_label": year_label(year),
        "in_progress": year > returns_903.latest_ended_year(today),
    })


@never_cache
@login_required
def return_903_download(request):
    """header.csv and oc3.csv in one zip, as DfE COLLECT takes them."""
    form, year = _year(request)
    result = returns_903.return_903(year)
    response = HttpResponse(result.as_zip(), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="ssda903-care-leavers-{year - 1}-{year % 100:02d}.zip"'
    )
    response["Cache-Control"] = "no-store"
    record_download(request.user, [member.young_person.pk for member in result.members],
                    f"the SSDA903 care leaver return {year_label(year)}")
    logger.info("SSDA903 care leaver return %d (%d young people) downloaded by %s", year,
                len(result.oc3), request.user.username)
    return response
