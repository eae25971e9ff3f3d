"""Only a signed-in young person opens their pages: anyone else (nobody signed in, a member of
staff, a young person whose access was withdrawn) is sent to the portal's sign-in. The pages only
show; nothing is posted to them."""

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.advisers.people import allocate, young_person
from tests.portal.see_support import sign_in

pytestmark = pytest.mark.django_db

PAGES = ["portal-home", "portal-plan", "portal-money", "portal-documents",
         "portal-what-we-hold"]
#: Signing in and out are not pages of a signed-in young person.
SIGNING_IN = {"portal-sign-in", "portal-sign-in-code", "portal-sign-out"}
#: What they ask of their PA, which tests/portal/test_asks*.py hold.
ASKING = {"portal-asks", "portal-ask", "portal-message", "portal-details", "portal-review",
          "portal-support"}


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    return person


def urls():
    return [reverse(name) for name in PAGES] + [reverse("portal-document", args=[1])]


def portal_url_names() -> set[str]:
    portal = next(pattern for pattern in get_resolver().url_patterns
                  if isinstance(pattern, URLResolver) and str(pattern.pattern) == "you/")
    return {pattern.name for pattern in portal.url_patterns}


def test_every_page_of_the_portal_is_known_here():
    assert portal_url_names() - SIGNING_IN - ASKING == {*PAGES, "portal-document"}


def test_nobody_signed_in_is_sent_to_the_portals_sign_in(client):
    for url in urls():
        response = client.get(url)
        assert (response.status_code, response.url) == (302, reverse("portal-sign-in")), url


@pytest.mark.parametrize("persona", ["pa", "manager", "service", "admin"])
def test_staff_are_not_young_people(client, staff, person, persona):
    client.force_login(staff[persona])

    for url in urls():
        response = client.get(url)
        assert response.status_code == 403, url
        assert "These pages are for young people" in response.content.decode(), url
        assert person.last_name not in response.content.decode(), url


def test_a_withdrawn_access_opens_nothing(client, staff, person):
    access = sign_in(client, person, staff["pa"])
    assert client.get(reverse("portal-home")).status_code == 200
    access.withdrawn_at = timezone.now()
    access.withdrawn_by = staff["pa"]
    access.save()

    for url in urls():
        response = client.get(url)
        assert (response.status_code, response.url) == (302, reverse("portal-sign-in")), url


def test_the_pages_take_no_post(client, staff, person):
    sign_in(client, person, staff["pa"])

    for url in urls():
        assert client.post(url).status_code == 405, url


def test_the_pages_are_never_kept_in_a_browsers_cache(client, staff, person):
    sign_in(client, person, staff["pa"])

    for name in PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert "no-store" in response["Cache-Control"], name
