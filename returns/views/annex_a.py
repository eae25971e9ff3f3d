"""Ofsted's Annex A, List 9 (leaving care services), for service managers to hand to inspectors:
a page saying what it is and how many young people are on it, and the two downloads.

The list covers the whole service, restricted records included (see returns.annex_a), so
nothing here is cached by the browser or a proxy, and each download is logged."""

import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from careleavers.access import record_download
from careleavers.models import YoungPerson
from dashboard.access import may_see_reports

from .. import annex_a as list_9

logger = logging.getLogger(__name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _authorise(user) -> None:
    if not may_see_reports(user):
        raise PermissionDenied


def _download(request, *, content_type: str, extension: str, body) -> HttpResponse:
    today = timezone.localdate()
    rows = list_9.list_9_rows(today)
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{list_9.filename(today, extension)}"'
    )
    body(rows, response)
    record_download(
        request.user,
        YoungPerson.objects.filter(person_id__in=[row.child_id for row in rows])
        .values_list("pk", flat=True),
        f"Ofsted Annex A list 9 ({extension})",
    )
    logger.info("Annex A list 9 (%s, %d young people) downloaded by %s", extension, len(rows),
                request.user.username)
    return response


@never_cache
@login_required
def annex_a(request):
    _authorise(request.user)
    today = timezone.localdate()
    return render(request, "returns/annex_a.html", {
        "count": list_9.list_9_people(list_9.statuses_for_list(today)).count(),
        "today": today,
    })


@never_cache
@login_required
def annex_a_csv(request):
    _authorise(request.user)
    return _download(request, content_type="text/csv; charset=utf-8", extension="csv",
                     body=list_9.write_csv)


@never_cache
@login_required
def annex_a_xlsx(request):
    _authorise(request.user)
    return _download(request, content_type=XLSX, extension="xlsx",
                     body=lambda rows, out: out.write(list_9.workbook_bytes(rows)))
