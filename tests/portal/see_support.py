"""Young people signed in to their own pages, for the tests of what they see: an access made
directly, as an invitation taken up would leave it, and its id in the client's session."""

from datetime import timedelta

from django.utils import timezone

from pathways.services import plan_authorise, plan_start, plan_submit, plan_update
from portal.access import SESSION_KEY
from portal.models import Access


def access_for(young_person, invited_by) -> Access:
    """A current access for `young_person`, taken up a moment ago."""
    now = timezone.now()
    return Access.objects.create(
        young_person=young_person, email=f"yp{young_person.pk}@example.org",
        invited_by=invited_by, invited_at=now - timedelta(days=1),
        invitation_expires_at=now + timedelta(days=6), first_signed_in_at=now,
        last_signed_in_at=now,
    )


def sign_in(client, young_person, invited_by) -> Access:
    """Sign `young_person` in to their own pages in `client`."""
    access = access_for(young_person, invited_by)
    session = client.session
    session[SESSION_KEY] = access.pk
    session.save()
    return access


def plan_written(person, pa, *, words="", held_on=None, **sections):
    """A plan written by `pa` through the services, its review held on `held_on` (a week ago
    unless given), with their own words, their hopes and the given sections."""
    held_on = held_on or timezone.localdate() - timedelta(days=7)
    plan = plan_start(actor=pa, young_person=person, today=held_on)
    return plan_update(
        actor=pa, plan=plan, version=plan.version, review_held_on=held_on,
        own_words=words, aspirations="Own a dog and go travelling",
        sections={key: {"plan_text": text} for key, text in sections.items()},
    )


def authorised(person, pa, manager, **kwargs):
    """A plan written by `pa` and authorised by `manager`."""
    plan = plan_written(person, pa, **kwargs)
    plan = plan_submit(actor=pa, plan=plan)
    return plan_authorise(actor=manager, plan=plan, notify=False)
