"""The reports that leave the service: the board pack, the DfE return, the Ofsted list, and the
data quality page that gets records ready for them. This page only links to them, each link
shown only to those who may use it; each report checks its own access."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from dashboard.access import may_see_reports
from localoffer.access import payments_file_teams

from ..access import may_see_any_report, may_see_data_quality


@login_required
def reports(request):
    if not may_see_any_report(request.user):
        raise PermissionDenied
    return render(request, "returns/reports.html", {
        "may_see_reports": may_see_reports(request.user),
        "may_see_data_quality": may_see_data_quality(request.user),
        "may_download_payments": payments_file_teams(request.user) is not None,
    })
