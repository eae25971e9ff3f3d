"""Each of a young person's pages runs the same number of queries however much their record holds:
a few contacts, plans, requests and documents, or many."""

from datetime import timedelta

import pytest
from django.urls import reverse

from documents.services import document_share
from pathways.services import plan_action_add, plan_authorise, plan_submit
from tests.advisers.people import contact, cover, days_ago, today
from tests.documents.files import keep
from tests.localoffer.offer import agreed, care_leaver, paid
from tests.portal.see_support import plan_written, sign_in

pytestmark = pytest.mark.django_db

# Every page: 1 the session, 2 the access with its young person and their team.
# home: 3 their PA and anyone covering, 4 their standing.
# plan: 3 the latest authorised plan with who wrote it, 4 its sections, 5 their actions.
# money: 3 their status, 4 their requests with what was paid on each, 5 the entitlements,
# 6 their payments.
# documents: 3 the documents shared with them. One document: 3 that document.
# what we hold: 3 their PA and anyone covering, 4 their standing, 5 their status, 6 their
# contacts counted, 7 their plans counted, 8 their documents counted.
# And after every page: the opening kept in their access log, and the session saved with when
# they were last seen (a savepoint, the update, its release): 4 more.
AFTER_EVERY_PAGE = 4
BUDGETS = {
    "portal-home": 4 + AFTER_EVERY_PAGE,
    "portal-plan": 5 + AFTER_EVERY_PAGE,
    "portal-money": 6 + AFTER_EVERY_PAGE,
    "portal-documents": 3 + AFTER_EVERY_PAGE,
    "portal-what-we-hold": 8 + AFTER_EVERY_PAGE,
}
DOCUMENT_BUDGET = 3 + AFTER_EVERY_PAGE


@pytest.fixture(autouse=True)
def documents_store(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                      "OPTIONS": {"location": tmp_path / "documents"}},
    }


def record(person, staff, how_many: int):
    """`how_many` of each thing on their record: contacts, plans (each with a section of each
    kind and actions), requests paid, documents shared."""
    pa, manager = staff["pa"], staff["manager"]
    cover(person, staff["colleague"])
    for n in range(how_many):
        contact(person, pa, on=days_ago(5 + n), notes=f"Visit {n}")
    for n in range(min(how_many, 3)):
        plan = plan_written(person, pa, held_on=days_ago(60 - n), words=f"Plan {n}",
                            accommodation="Stay", education="College", health="See the GP")
        for m in range(how_many):
            plan_action_add(actor=pa, plan=plan, section=("accommodation", "health")[m % 2],
                            who="PA", what=f"Action {m}", due_on=today() + timedelta(days=m + 1))
        plan = plan_submit(actor=pa, plan=plan)
        plan_authorise(actor=manager, plan=plan, notify=False)
    for n in range(how_many):
        paid(agreed(person, pa, manager, pence=1_000 + n), pa)
    documents = []
    for n in range(how_many):
        documents.append(document_share(actor=pa, document=keep(person, pa, title=f"Doc {n}"),
                                        shared=True))
    return documents


@pytest.mark.parametrize("how_many", [1, 8])
@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_each_page_runs_a_fixed_number_of_queries(client, staff, teams, how_many, name,
                                                  django_assert_max_num_queries):
    person = care_leaver(teams["north"], staff["pa"], age=19)
    record(person, staff, how_many)
    sign_in(client, person, staff["pa"])

    with django_assert_max_num_queries(BUDGETS[name]):
        response = client.get(reverse(name))

    assert response.status_code == 200


@pytest.mark.parametrize("how_many", [1, 8])
def test_a_document_downloads_in_a_fixed_number_of_queries(client, staff, teams, how_many,
                                                           django_assert_max_num_queries):
    person = care_leaver(teams["north"], staff["pa"], age=19)
    documents = record(person, staff, how_many)
    sign_in(client, person, staff["pa"])

    with django_assert_max_num_queries(DOCUMENT_BUDGET):
        response = client.get(reverse("portal-document", args=[documents[-1].pk]))

    assert response.status_code == 200
    response.close()
