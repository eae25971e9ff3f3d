""""Plans waiting for authorisation" on the home page of a manager who authorises plans: how
many, how long the longest has waited, and the way to the queue."""

from django.db.models import Count, Min, Q

from careleavers.record import HomePanel, home_panel

from .access import may_authorise_plans
from .selectors import authorisation_queue


@home_panel
def plans_waiting(*, user, today):
    """One query: the plans in the user's authorisation queue, counted."""
    if not may_authorise_plans(user):
        return None
    counted = authorisation_queue(user).order_by().aggregate(
        waiting=Count("pk"), worked_on=Count("pk", filter=Q(worked_on_by_user=True)),
        oldest=Min("submitted_at"),
    )
    return HomePanel(order=5, template="pathways/_plans_waiting_panel.html", context=counted)
