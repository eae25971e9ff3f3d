"""Reads about what young people ask on their own pages, each a fixed number of queries."""

from django.db.models import Case, IntegerField, Q, Value, When

from careleavers.models import Role, YoungPerson

from .models import Ask, AskState


def asks_of(young_person):
    """Everything this young person asked, waiting first, then newest first. One query."""
    return (
        Ask.objects.filter(young_person=young_person)
        .select_related("decided_by")
        .annotate(waiting_first=Case(When(state=AskState.WAITING, then=Value(0)), default=Value(1),
                                     output_field=IntegerField()))
        .order_by("waiting_first", "-asked_at", "-pk")
    )


def has_asks_to_answer(user) -> bool:
    """Personal Advisers answer their own young people; team managers those in their teams who
    have no PA."""
    return user.is_authenticated and user.role in (Role.PERSONAL_ADVISER, Role.TEAM_MANAGER)


def asks_waiting_for(user):
    """Asks waiting for this member of staff, the longest waiting first, with their young
    people: a PA's own young people's (their PA as the standing holds it), and for a team
    manager, those of young people in their teams with no PA. Restricted records follow the
    usual rule. One query."""
    if not has_asks_to_answer(user):
        return Ask.objects.none()
    visible = YoungPerson.objects.visible_to(user)
    if user.role == Role.PERSONAL_ADVISER:
        whose = Q(young_person__standing__adviser=user)
    else:
        whose = Q(young_person__team__in=user.teams.all(),
                  young_person__standing__adviser__isnull=True)
    return (
        Ask.objects.waiting().filter(whose, young_person__in=visible.values("pk"))
        .select_related("young_person")
        .order_by("asked_at", "pk")
    )
