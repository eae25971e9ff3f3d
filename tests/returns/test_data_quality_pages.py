"""Each list on the data quality page a page at a time: a service just imported may have
hundreds of young people never seen, and each list turns its pages without moving the others."""

import re

import pytest
from django.urls import reverse

from tests.crowd import crowd

pytestmark = pytest.mark.django_db

URL = reverse("data-quality")


def names_in(html: str, section_id: str) -> list[str]:
    table = re.search(rf'<table class="govuk-table[^"]*" id="{section_id}">(.*?)</table>', html,
                      re.S).group(1)
    return re.findall(r'<a class="govuk-link" href="/young-people/\d+/">([^<]+)</a>', table)


@pytest.fixture
def never_seen(client, teams, staff):
    """51 young people the service must keep in touch with and has never seen."""
    crowd(teams["north"], 51)
    client.force_login(staff["manager"])


def test_51_never_seen_are_two_pages_of_the_no_contact_list(client, never_seen):
    first = client.get(URL).content.decode()
    second = client.get(URL, {"no_contact_page": "2"}).content.decode()

    assert "No contact recorded (51)" in first
    assert len(names_in(first, "no-contact")) == 50
    assert names_in(second, "no-contact") == ["Person 50"]
    assert "Showing 51 to 51 of 51 young people" in second
    assert 'href="?no_contact_page=2#no-contact-heading"' in first


def test_turning_one_lists_page_keeps_the_others(client, never_seen):
    html = client.get(URL, {"no_contact_page": "2", "review_page": "1"}).content.decode()

    # The link back to the first page of no contact keeps the other list's page.
    assert 'href="?no_contact_page=1&amp;review_page=1#no-contact-heading"' in html
