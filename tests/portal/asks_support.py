"""Young people signed in to their own pages, for the tests of what they ask: an access their PA
gave them, taken up, its id in the session as signing in leaves it."""

from datetime import timedelta

from django.utils import timezone

from portal.access import SESSION_KEY
from portal.models import Access


def access_for(young_person, *, invited_by) -> Access:
    """A current access, already taken up."""
    now = timezone.now()
    return Access.objects.create(
        young_person=young_person, email=f"yp{young_person.pk}@example.com",
        invited_by=invited_by, invited_at=now - timedelta(days=2),
        invitation_expires_at=now + timedelta(days=5), first_signed_in_at=now - timedelta(days=1),
        last_signed_in_at=now - timedelta(days=1),
    )


def sign_in_young_person(client, access: Access) -> Access:
    """The client's session is this young person's, as after signing in with their code."""
    session = client.session
    session[SESSION_KEY] = access.pk
    session.save()
    return access


def signed_in(client, young_person, *, invited_by) -> Access:
    return sign_in_young_person(client, access_for(young_person, invited_by=invited_by))

