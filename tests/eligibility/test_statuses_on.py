"""A young person's status on an earlier date, for figures about a past month: decided again by
the one rule from the care history, not read from today's status."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from careleavers.models import YoungPerson
from careleavers.services import young_person_create
from dashboard.figures import figures_for, pks_behind
from eligibility.rules import Status
from eligibility.selectors import statuses_on
from eligibility.services import care_period_add

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2026, 11, 23, 12, 0, tzinfo=ZoneInfo("Europe/London")),
                             tick=False):
        yield


def person(teams, person_id, *, born, in_care=None):
    young_person = young_person_create(
        actor=None, today=TODAY, person_id=person_id, first_name="Sam", last_name=person_id,
        date_of_birth=born, sex="F", ethnicity="WBRI", team=teams["north"],
    )
    if in_care:
        care_period_add(actor=None, young_person=young_person, start_on=in_care[0],
                        end_on=in_care[1], today=TODAY)
    return young_person


def test_today_the_stored_status_and_before_the_status_they_had_then(teams):
    # In care from 14 to 16 and a half; 19 today.
    rio = person(teams, "RIO", born=date(2007, 6, 1), in_care=(date(2021, 6, 1),
                                                               date(2023, 12, 1)))
    people = YoungPerson.objects.all()

    assert statuses_on(people, on=TODAY).get(rio.pk) == Status.FORMER_RELEVANT
    assert statuses_on(people, on=TODAY).stored
    # At 17 she had left care after 13 weeks looked after since 14: relevant.
    then = statuses_on(people, on=date(2024, 6, 1))
    assert not then.stored
    assert then.get(rio.pk) == Status.RELEVANT
    # At 15, in care: not yet 16, so none of the leaving care duties.
    assert statuses_on(people, on=date(2022, 6, 1)).get(rio.pk) == Status.NOT_ENTITLED


def test_figures_for_a_past_month_count_young_people_at_their_status_then(teams):
    rio = person(teams, "RIO", born=date(2007, 6, 1), in_care=(date(2021, 6, 1),
                                                               date(2023, 12, 1)))
    # Came into care in June 2025 aged 16: eligible only once 13 weeks looked after.
    kai = person(teams, "KAI", born=date(2009, 1, 10), in_care=(date(2025, 6, 1), None))

    now = figures_for(TODAY)["young_people"]["by_status"]
    a_year_ago = figures_for(date(2025, 7, 31))["young_people"]

    assert (now["former_relevant"], now["eligible"]) == (1, 1)
    # In July 2025 Rio was 18 and former relevant; Kai had been in care under 13 weeks.
    assert a_year_ago["by_status"]["former_relevant"] == 1
    assert a_year_ago["by_status"]["eligible"] == 0
    assert a_year_ago["total"] == 1
    assert pks_behind("young_people.by_status.relevant", date(2024, 6, 1)) == {rio.pk}
    assert pks_behind("pathway_plans.required", date(2025, 7, 31)) == {rio.pk}
    assert pks_behind("pathway_plans.required", TODAY) == {rio.pk, kai.pk}
