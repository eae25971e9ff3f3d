"""The figures feed for the council's reporting tools (`dashboard.feed`): GET only, JSON or CSV,
for today or `?on=YYYY-MM-DD`, the whole service or `?team=TEAM_ID`."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from careleavers.models import Team, YoungPerson
from careleavers.spreadsheets import csv_writer

from ..access import may_see_reports
from ..feed import feed_key_user, feed_rows
from ..figures import figures_for


class _NoKey(Exception):
    pass


def _reader(request):
    """The service manager reading: by feed key, or signed in."""
    header = request.headers.get("Authorization", "")
    if header:
        user = feed_key_user(header)
        if user is None:
            raise _NoKey
        return user
    if not request.user.is_authenticated:
        raise _NoKey
    if not may_see_reports(request.user):
        raise PermissionDenied
    return request.user


def _figures(request):
    """(figures, team id) as asked, or the response refusing it."""
    try:
        user = _reader(request)
    except _NoKey:
        response = JsonResponse({"error": "Send a feed key: Authorization: Bearer KEY"},
                                status=401)
        response["WWW-Authenticate"] = 'Bearer realm="figures"'
        return None, response
    day = timezone.localdate()
    if on := request.GET.get("on"):
        try:
            day = date.fromisoformat(on)
        except ValueError:
            return None, JsonResponse({"error": "Give the date as YYYY-MM-DD"}, status=400)
    team = None
    if team_id := request.GET.get("team"):
        team = Team.objects.filter(team_id=team_id).first()
        if team is None:
            raise Http404("No such team")
    figures = figures_for(day, team, within=YoungPerson.objects.visible_to(user))
    return (figures, team_id or ""), None


@require_GET
def figures_json(request):
    """The figures as `figures --json` gives them."""
    found, refused = _figures(request)
    if refused:
        return refused
    figures, _ = found
    return JsonResponse(figures)


@require_GET
def figures_csv(request):
    """One row per figure: date, team (blank for the whole service), figure, value."""
    found, refused = _figures(request)
    if refused:
        return refused
    figures, team_id = found
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="figures-{figures["on"]}.csv"'
    writer = csv_writer(response)
    writer.writerow(["on", "team", "figure", "value"])
    writer.writerows(feed_rows(figures, team_id=team_id))
    return response
