"""The placement alerts page for managers. Thin: authorise through the owning package's access
functions, ask its querysets, render; changes are POST only and go through services."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accommodation.access import (
    get_alert_for,
    may_acknowledge_placement_alerts,
    placement_alerts_for,
)
from accommodation.services import placement_alert_acknowledge
from advisers.models import Allocation, AllocationKind, current_on
from careleavers.listing import paginate

#: Alerts a manager has marked as seen stay on the page this long, so colleagues see who acted.
SEEN_KEPT_DAYS = 28


def _personal_adviser_name(*, today):
    """An annotation for accommodation episodes: their young person's Personal Adviser today."""
    return Subquery(
        Allocation.objects.filter(current_on(today), young_person=OuterRef("young_person"),
                                  kind=AllocationKind.PERSONAL_ADVISER)
        .values("adviser__full_name")[:1]
    )


@login_required
def placement_alerts(request):
    """Moves into bed and breakfast, emergency accommodation, no fixed abode or custody, for the
    managers who must react the same week (DOMAIN.md §2)."""
    episodes = placement_alerts_for(request.user)
    today = timezone.localdate()
    rows = list(
        episodes.needing_manager(since=today - timedelta(days=SEEN_KEPT_DAYS))
        .select_related("young_person__team", "placement_alert__acknowledged_by")
        .annotate(personal_adviser_name=_personal_adviser_name(today=today))
        .order_by("placement_alert__raised_at", "pk")
    )
    # Both lists a page at a time, each turning its own pages.
    return render(request, "alerts/placement_alerts.html", {
        "waiting": paginate(request, [e for e in rows if not e.placement_alert.seen],
                            noun="placements"),
        "seen": paginate(request, sorted((e for e in rows if e.placement_alert.seen),
                                         key=lambda e: e.placement_alert.acknowledged_at,
                                         reverse=True),
                         noun="placements", param="seen_page"),
        "can_acknowledge": may_acknowledge_placement_alerts(request.user),
        "seen_kept_days": SEEN_KEPT_DAYS,
        "today": today,
    })


@login_required
@require_POST
def placement_alert_seen(request, alert_id):
    alert = get_alert_for(request.user, alert_id)
    placement_alert_acknowledge(actor=request.user, alert=alert)
    messages.success(request, f"Marked as seen: {alert.episode.young_person.display_name}, "
                              f"{alert.episode.get_type_code_display().lower()}")
    return redirect("placement-alerts")
