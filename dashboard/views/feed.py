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


def _reader(request):
    """The service manager reading, by feed key or signed in; None if neither (403 for a
    signed-in user who is not a service manager)."""
    if header := request.headers.get("Authorization", ""):
        return feed_key_user(header)
    if not request.user.is_authenticated:
        return None
    if not may_see_reports(request.user):
        raise PermissionDenied
    return request.user


@require_GET
def figures_feed(request, *, form: str):
    """The figures as `figures --json` gives them (`form` "json"), or one CSV row per figure:
    date, team (blank for the whole service), figure, value."""
    user = _reader(request)
    if user is None:
        response = JsonResponse({"error": "Send a feed key: Authorization: Bearer KEY"},
                                status=401)
        response["WWW-Authenticate"] = 'Bearer realm="figures"'
        return response
    day = timezone.localdate()
    if on := request.GET.get("on"):
        try:
            day = date.fromisoformat(on)
        except ValueError:
            return JsonResponse({"error": "Give the date as YYYY-MM-DD"}, status=400)
    team = None
    if team_id := request.GET.get("team", ""):
        team = Team.objects.filter(team_id=team_id).first()
        if team is None:
            raise Http404("No such team")
    figures = figures_for(day, team, within=YoungPerson.objects.visible_to(user))
    if form == "json":
        return JsonResponse(figures)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="figures-{figures["on"]}.csv"'
    writer = csv_writer(response)
    writer.writerow(["on", "team", "figure", "value"])
    writer.writerows(feed_rows(figures, team_id=team_id))
    return response
