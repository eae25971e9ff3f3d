"""Telling team managers about placements they must react to the same week (DOMAIN.md §2)."""

from datetime import timedelta

from django.core.mail import send_mail
from django.utils import timezone

from careleavers.dates import long_date
from careleavers.models import Role, User, YoungPerson

from .models import PlacementAlert
from .rules import MOVED_TO, AccommodationType

#: Managers are emailed about placements that started this recently; older ones are history.
RECENT_DAYS = 28


def managers_to_alert(young_person: YoungPerson):
    """The team managers of the young person's team who can see their record."""
    managers = User.objects.filter(
        role=Role.TEAM_MANAGER, is_active=True, teams=young_person.team_id
    ).exclude(email="")
    if young_person.restricted:
        managers = managers.filter(restricted_records=young_person)
    return managers.distinct()


def placement_alert_notify(*, alert_id: int) -> bool:
    """Email the team managers about an alert, once: sending again changes nothing. The email
    names no one (email is less safe than the service): it gives the council ID and asks the
    manager to sign in. Returns whether an email went."""
    alert = (
        PlacementAlert.objects.filter(pk=alert_id, notified_at__isnull=True)
        .select_related("episode__young_person").first()
    )
    if alert is None:
        return False
    episode = alert.episode
    if episode.start_on < timezone.localdate() - timedelta(days=RECENT_DAYS):
        # History being recorded (an import): no email, and the page lists it only if they are
        # still there.
        return False
    young_person = episode.young_person
    recipients = sorted(managers_to_alert(young_person).values_list("email", flat=True))
    # Claim it first, so two workers never both send.
    claimed = PlacementAlert.objects.filter(pk=alert.pk, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed or not recipients:
        return False
    what = MOVED_TO[AccommodationType(episode.type_code)].lower()
    send_mail(
        subject=f"Placement alert: a young person {what}",
        message=(
            f"A young person in your team (council ID {young_person.person_id}) {what} on "
            f"{long_date(episode.start_on)}.\n\n"
            "Please look at it this week: sign in to the leaving care service and open "
            "Placement alerts.\n"
        ),
        from_email=None,
        recipient_list=recipients,
    )
    return True
