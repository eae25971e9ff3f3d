"""Someone else can't: every pathway plan page, for every role that should not reach it. Nobody
outside the young person's team (or not named on a restricted record) learns the plan exists
(404); colleagues and managers who may read it but not change or decide it are refused (403), and
nothing changes."""

import pytest
from django.urls import reverse

from pathways.models import PlanAction
from pathways.services import needs_assessment_start, plan_action_add
from tests.pathways.plan_pages import action_post, plan_history, plan_post
from tests.pathways.plan_setup import snapshot, today, written_plan, young_person

pytestmark = pytest.mark.django_db

READERS = ["pa", "colleague", "manager", "duty", "service"]
OUTSIDERS = ["other_pa", "other_manager", "board", "admin"]
WRITERS = ["pa", "manager"]
READ_ONLY = ["colleague", "duty", "service"]
DECIDERS = ["manager", "duty"]


@pytest.fixture
def case(staff, teams):
    person, first, draft = plan_history(teams, staff)
    action = plan_action_add(actor=staff["pa"], plan=draft, section="education",
                             who="Personal Adviser", what="Find a course", due_on=today())
    assessment = needs_assessment_start(actor=staff["pa"], young_person=person)
    waiting = young_person(teams["north"])
    submitted = written_plan(waiting, staff["pa"], submit=True)
    return {"person": person, "first": first, "draft": draft, "action": action,
            "assessment": assessment, "submitted": submitted}


def read_urls(case):
    return [
        reverse("plan-list", args=[case["person"].pk]),
        reverse("plan-detail", args=[case["first"].pk]),
        reverse("plan-detail", args=[case["draft"].pk]),
        reverse("plan-pdf-young-person", args=[case["first"].pk]),
        reverse("plan-pdf-full", args=[case["first"].pk]),
        reverse("needs-assessment", args=[case["assessment"].pk]),
    ]


def write_gets(case):
    return [
        reverse("plan-edit", args=[case["draft"].pk]),
        reverse("plan-action-add", args=[case["draft"].pk]),
        reverse("plan-action-edit", args=[case["action"].pk]),
        reverse("early-review-request", args=[case["person"].pk]),
    ]


def write_posts(case):
    draft, person = case["draft"], case["person"]
    return [
        (reverse("plan-start", args=[person.pk]), {}),
        (reverse("plan-edit", args=[draft.pk]),
         plan_post(draft, aspirations="To be a plumber")),
        (reverse("plan-submit", args=[draft.pk]), {"version": draft.version}),
        (reverse("plan-action-add", args=[draft.pk]), action_post(due_on=today())),
        (reverse("plan-action-edit", args=[case["action"].pk]),
         {**action_post(due_on=today()), "done": "on"}),
        (reverse("plan-action-edit", args=[case["action"].pk]), {"remove": "1"}),
        (reverse("early-review-request", args=[person.pk]),
         {"reason": "young_person_asked", "requested_on_0": str(today().day),
          "requested_on_1": str(today().month), "requested_on_2": str(today().year)}),
        (reverse("needs-assessment-start", args=[person.pk]), {}),
        (reverse("needs-assessment", args=[case["assessment"].pk]),
         {"version": "1", "young_persons_views": "Changed", "then": "save"}),
    ]


@pytest.mark.parametrize("persona", READERS)
def test_anyone_who_may_see_the_record_may_read_the_plans(client, staff, case, persona):
    client.force_login(staff[persona])

    for url in read_urls(case):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_other_teams_board_members_and_administrators_cannot_find_the_plans(
    client, staff, case, persona
):
    client.force_login(staff[persona])

    for url in read_urls(case) + write_gets(case):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_other_teams_board_members_and_administrators_change_nothing(
    client, staff, case, persona
):
    client.force_login(staff[persona])
    before = snapshot()

    for url, data in write_posts(case):
        assert client.post(url, data).status_code == 404, url

    assert snapshot() == before


def test_a_restricted_record_hides_its_plans_from_staff_not_named(client, staff, teams):
    person, first, draft = plan_history(teams, staff)
    person.restricted = True
    person.save()
    person.restricted_to.set([staff["pa"]])
    client.force_login(staff["manager"])

    assert client.get(reverse("plan-detail", args=[first.pk])).status_code == 404
    assert client.get(reverse("plan-pdf-full", args=[first.pk])).status_code == 404
    client.force_login(staff["pa"])
    assert client.get(reverse("plan-detail", args=[first.pk])).status_code == 200


@pytest.mark.parametrize("persona", WRITERS)
def test_their_personal_adviser_and_team_manager_may_change_the_plan(
    client, staff, case, persona
):
    client.force_login(staff[persona])

    for url in write_gets(case):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", READ_ONLY)
def test_colleagues_duty_and_service_managers_cannot_change_the_plan(
    client, staff, case, persona
):
    client.force_login(staff[persona])
    before = snapshot()

    for url in write_gets(case):
        assert client.get(url).status_code == 403, url
    for url, data in write_posts(case):
        assert client.post(url, data).status_code == 403, url

    assert snapshot() == before


def test_the_author_may_carry_on_with_their_draft_after_the_young_person_moves_on(
    client, staff, case
):
    # No longer allocated, but still in the team: their draft is still theirs to finish.
    case["person"].allocations.all().delete()
    client.force_login(staff["pa"])

    assert client.get(reverse("plan-edit", args=[case["draft"].pk])).status_code == 200
    assert client.post(reverse("plan-start", args=[case["person"].pk])).status_code == 403


@pytest.mark.parametrize("persona", DECIDERS)
def test_the_team_manager_and_duty_managers_may_decide_a_plan(client, staff, case, persona):
    client.force_login(staff[persona])

    assert client.get(reverse("plan-decide", args=[case["submitted"].pk])).status_code == 200


@pytest.mark.parametrize("persona", ["pa", "colleague", "service"])
def test_advisers_and_service_managers_cannot_decide_a_plan(client, staff, case, persona):
    client.force_login(staff[persona])
    url = reverse("plan-decide", args=[case["submitted"].pk])
    before = snapshot()

    assert client.get(url).status_code == 403
    assert client.post(url, {"decision": "authorise"}).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_other_teams_managers_cannot_decide_a_plan(client, staff, case, persona):
    client.force_login(staff[persona])
    url = reverse("plan-decide", args=[case["submitted"].pk])
    before = snapshot()

    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "authorise"}).status_code == 404
    assert snapshot() == before


def test_a_manager_cannot_authorise_a_plan_they_wrote(client, staff, teams):
    person = young_person(teams["north"])
    plan = written_plan(person, staff["manager"], submit=True)
    client.force_login(staff["manager"])
    url = reverse("plan-decide", args=[plan.pk])
    before = snapshot()

    assert client.get(url).status_code == 403
    assert client.post(url, {"decision": "authorise"}).status_code == 403
    assert snapshot() == before
    page = client.get(reverse("plan-detail", args=[plan.pk])).content.decode()
    assert "You wrote, changed or sent this plan, so another manager" in page
    assert reverse("plan-decide", args=[plan.pk]) not in page


@pytest.mark.parametrize("persona", DECIDERS)
def test_managers_who_decide_plans_have_a_queue(client, staff, persona):
    client.force_login(staff[persona])

    assert client.get(reverse("plan-queue")).status_code == 200


@pytest.mark.parametrize("persona", ["pa", "colleague", "service", "board", "admin"])
def test_nobody_else_has_a_queue(client, staff, persona):
    client.force_login(staff[persona])

    assert client.get(reverse("plan-queue")).status_code == 403


def test_navigation_offers_the_queue_to_team_and_duty_managers_only(client, staff):
    url = reverse("plan-queue")
    for persona in DECIDERS:
        client.force_login(staff[persona])
        assert f'href="{url}"' in client.get(reverse("home")).content.decode()
    for persona in ["pa", "service", "board"]:
        client.force_login(staff[persona])
        assert f'href="{url}"' not in client.get(reverse("home")).content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, case):
    for url in read_urls(case) + write_gets(case) + [reverse("plan-queue")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("sign-in"))


def test_pages_that_change_a_plan_take_posts_only(client, staff, case):
    client.force_login(staff["pa"])

    for url in [reverse("plan-start", args=[case["person"].pk]),
                reverse("plan-submit", args=[case["draft"].pk]),
                reverse("needs-assessment-start", args=[case["person"].pk])]:
        assert client.get(url).status_code == 405, url
    assert PlanAction.objects.count() == 1


def test_a_plan_that_is_not_authorised_has_no_pdf(client, staff, case):
    client.force_login(staff["pa"])

    for name in ("plan-pdf-young-person", "plan-pdf-full"):
        assert client.get(reverse(name, args=[case["draft"].pk])).status_code == 404
        assert client.get(reverse(name, args=[case["submitted"].pk])).status_code == 404


def test_reading_a_plan_is_logged_against_the_young_person(client, staff, case):
    client.force_login(staff["colleague"])

    client.get(reverse("plan-detail", args=[case["first"].pk]))
    client.get(reverse("plan-pdf-full", args=[case["first"].pk]))

    pages = list(case["person"].views.filter(viewed_by=staff["colleague"])
                 .values_list("page", flat=True))
    assert "pathway plan" in pages
    assert "pathway plan PDF (full)" in pages
