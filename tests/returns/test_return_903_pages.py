"""The young people who would fail the DfE's checks, 50 a page: a first return from a service
just imported may have hundreds."""

import re
from datetime import date

import pytest
from django.urls import reverse

from returns.models import Return903File
from returns.returns_903_prepare import return_903_prepare
from tests.dashboard.people_903 import YEAR, care_leaver, seen

pytestmark = pytest.mark.django_db


def test_51_failing_are_two_pages_keeping_the_year(client, teams, staff):
    for number in range(51):
        # 20 in the collection year, seen around the birthday, nothing recorded for it.
        person = care_leaver(teams["north"], born=date(2004, 9, 1 + number % 28),
                             person_id=f"CL-{number:02d}", first_name="Gap",
                             last_name=f"{number:02d}")
        seen(person, date(2024, 9, 1))
    file = Return903File.objects.create(year=YEAR, requested_by=staff["service"])
    return_903_prepare(file.pk)
    client.force_login(staff["service"])

    first = client.get(reverse("return-903"), {"year": YEAR}).content.decode()
    second = client.get(reverse("return-903"), {"year": YEAR, "page": "2"}).content.decode()

    def failing(html):
        return re.findall(r'href="/young-people/\d+/">(Gap \d+)</a>', html)

    assert 'data-count="failing">51<' in first and len(failing(first)) == 50
    assert len(failing(second)) == 1 and failing(second)[0] not in failing(first)
    assert "Showing 51 to 51 of 51 young people" in second
    assert "(page 2 of 2)" in re.search(r"<title>(.*?)</title>", second, re.S).group(1)
    assert f'href="?year={YEAR}&amp;page=2"' in first
