"""Audit nobody can rewrite (DOMAIN.md §6): every page that shows one young person's details
logs who opened it, every download of young people's details logs who took whose, sign-in
records and history are read-only in admin, and staff who have worked on a record are made
inactive, never deleted, so their name stays on its history."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.urls import reverse
from django.utils import timezone

from careleavers.models import RecordView, User
from eligibility.services import care_period_add
from pathways.services import needs_assessment_start
from portal.services import details_change_propose
from tests.accommodation.places import place
from tests.advisers.people import young_person
from tests.careleavers.records import add_young_person, allocate
from tests.documents.files import keep
from tests.eet.activities import activity
from tests.factories import ContactFactory, PlanActionFactory, StaffFactory
from tests.health.people import add_child
from tests.immigration.positions import granted, uasc_person
from tests.localoffer.offer import agreed, asked, care_leaver, default_entitlements, paid
from tests.pathways.plan_setup import authorised_plan, written_plan
from tests.portal.asks_support import access_for
from tests.support import service_urls

pytestmark = pytest.mark.django_db

#: A URL with one of these in it shows (or changes) one young person's record.
RECORD_KWARGS = {"pk", "plan_id", "contact_id", "action_id", "assessment_id", "period_pk",
                 "episode_pk", "activity_pk", "alert_id", "request_pk", "payment_pk",
                 "record_pk"}


def record_url_names() -> set[str]:
    return {pattern.name for _, pattern in service_urls()
            if RECORD_KWARGS & set(pattern.pattern.regex.groupindex)}


@pytest.fixture
def record(staff, teams):
    return records_of_every_kind(staff, teams)


def records_of_every_kind(staff, teams):
    """One young person with something of every kind on their record, and the plans the
    plan pages need: a draft by their PA, one sent to the manager, one authorised."""
    pa, manager = staff["pa"], staff["manager"]
    person = add_young_person(team=teams["north"])
    allocate(person, pa)
    sent_for = add_young_person(team=teams["north"])
    allocate(sent_for, pa)
    authorised_for = add_young_person(team=teams["north"])
    allocate(authorised_for, pa)
    draft = written_plan(person, pa)
    episode = place(person)
    default_entitlements()
    care_leaver_with_money = care_leaver(teams["north"], pa)
    request = agreed(care_leaver_with_money, pa, manager)
    came_alone = uasc_person(teams["north"], pa)
    return {
        "came_alone": came_alone,
        "leave": granted(came_alone, actor=pa),
        "money": care_leaver_with_money,
        "waiting": asked(care_leaver_with_money, pa, pence=10_000),
        "agreed": request,
        "payment": paid(request, pa, 10_000),
        "person": person,
        "contact": ContactFactory(young_person=person, made_by=pa),
        "draft": draft,
        "action": PlanActionFactory(section=draft.sections.get(key="accommodation")),
        "sent": written_plan(sent_for, pa, submit=True),
        "authorised": authorised_plan(authorised_for, pa, manager),
        "assessment": needs_assessment_start(actor=pa, young_person=person),
        "period": care_period_add(actor=manager, young_person=person,
                                  start_on=timezone.localdate() - timedelta(days=700)),
        "episode": episode,
        "activity": activity(person),
        "document": keep(person, pa),
        "child": add_child(person, actor=pa),
        "ask": details_change_propose(access=access_for(person, invited_by=pa),
                                      phone="07700 900123", email="", address=""),
    }


def pages(record):
    """Each record page: who opens it, and its arguments. A POST-only address (plan-start and
    the like) answers a GET with 405 and shows nothing."""
    person = record["person"].pk
    return {
        "young-person": ("pa", {"pk": person}),
        "young-person-edit": ("pa", {"pk": person}),
        "young-person-chronology": ("pa", {"pk": person}),
        "young-person-history": ("pa", {"pk": person}),
        "contact-list": ("pa", {"pk": person}),
        "care-history": ("pa", {"pk": person}),
        "care-period-add": ("pa", {"pk": person}),
        "care-period-edit": ("pa", {"pk": person, "period_pk": record["period"].pk}),
        "care-facts-edit": ("pa", {"pk": person}),
        "support-choice-record": ("pa", {"pk": person}),
        "allocation": ("manager", {"pk": person}),
        "contact-add": ("pa", {"pk": person}),
        "contact-edit": ("pa", {"contact_id": record["contact"].pk}),
        "plan-list": ("pa", {"pk": person}),
        "plan-start": ("pa", {"pk": person}),
        "early-review-request": ("pa", {"pk": person}),
        "needs-assessment-start": ("pa", {"pk": person}),
        "needs-assessment": ("pa", {"assessment_id": record["assessment"].pk}),
        "plan-detail": ("pa", {"plan_id": record["draft"].pk}),
        "plan-edit": ("pa", {"plan_id": record["draft"].pk}),
        "plan-submit": ("pa", {"plan_id": record["draft"].pk}),
        "plan-decide": ("manager", {"plan_id": record["sent"].pk}),
        "plan-action-add": ("pa", {"plan_id": record["draft"].pk}),
        "plan-action-edit": ("pa", {"action_id": record["action"].pk}),
        "plan-pdf-young-person": ("pa", {"plan_id": record["authorised"].pk}),
        "plan-pdf-full": ("pa", {"plan_id": record["authorised"].pk}),
        "accommodation": ("pa", {"pk": person}),
        "accommodation-add": ("pa", {"pk": person}),
        "accommodation-edit": ("pa", {"pk": person, "episode_pk": record["episode"].pk}),
        "accommodation-assess": ("pa", {"pk": person, "episode_pk": record["episode"].pk}),
        "eet": ("pa", {"pk": person}),
        "eet-add": ("pa", {"pk": person}),
        "eet-edit": ("pa", {"pk": person, "activity_pk": record["activity"].pk}),
        "health": ("pa", {"pk": person}),
        "health-edit": ("pa", {"pk": person}),
        "child-add": ("pa", {"pk": person}),
        "child-edit": ("pa", {"pk": person, "child_pk": record["child"].pk}),
        "child-remove": ("pa", {"pk": person, "child_pk": record["child"].pk}),
        "placement-alert-seen": ("manager", {"alert_id": 1}),
        "documents": ("pa", {"pk": person}),
        "document-download": ("pa", {"pk": person, "document_pk": record["document"].pk}),
        "document-withdraw": ("pa", {"pk": person, "document_pk": record["document"].pk}),
        "document-tick": ("pa", {"pk": person, "item": "tenancy_agreement"}),
        "document-share": ("pa", {"pk": person, "document_pk": record["document"].pk}),
        "immigration": ("pa", {"pk": record["came_alone"].pk}),
        "immigration-add": ("pa", {"pk": record["came_alone"].pk}),
        "immigration-edit": ("pa", {"pk": record["came_alone"].pk,
                                    "record_pk": record["leave"].pk}),
        "immigration-decision-seen": ("pa", {"pk": record["came_alone"].pk,
                                             "record_pk": record["leave"].pk}),
        "local-offer": ("pa", {"pk": record["money"].pk}),
        "local-offer-ask": ("pa", {"pk": record["money"].pk}),
        "local-offer-decide": ("manager", {"pk": record["money"].pk,
                                           "request_pk": record["waiting"].pk}),
        "local-offer-pay": ("pa", {"pk": record["money"].pk, "request_pk": record["agreed"].pk}),
        "local-offer-cancel-payment": ("pa", {"pk": record["money"].pk,
                                              "payment_pk": record["payment"].pk}),
        "portal-own-access": ("pa", {"pk": person}),
        "portal-own-access-withdraw": ("pa", {"pk": person}),
        "portal-staff-asks": ("pa", {"pk": person}),
        "portal-staff-ask-decide": ("pa", {"pk": person, "ask_pk": record["ask"].pk}),
    }


def test_every_record_page_is_known_to_the_audit_test(record):
    assert record_url_names() == set(pages(record))


def test_opening_any_page_of_a_record_logs_who_opened_it(client, staff, record):
    post_only = set()
    for name, (persona, kwargs) in pages(record).items():
        user = staff[persona]
        client.force_login(user)
        before = RecordView.objects.filter(viewed_by=user).count()

        response = client.get(reverse(name, kwargs=kwargs))

        logged = RecordView.objects.filter(viewed_by=user).count() - before
        if response.status_code == 405:  # sends a form; there is no page to open
            assert logged == 0, name
            post_only.add(name)
            continue
        assert response.status_code == 200, name
        assert logged == 1, f"{name} logged {logged} openings"
    assert post_only == {"plan-start", "needs-assessment-start", "plan-submit",
                         "placement-alert-seen", "immigration-decision-seen", "document-share",
                         "portal-own-access-withdraw"}


def test_opening_a_contact_to_correct_it_is_logged(client, staff, record):
    client.force_login(staff["pa"])

    client.get(reverse("contact-edit", args=[record["contact"].pk]))

    view = RecordView.objects.get()
    assert (view.young_person, view.viewed_by, view.page) == (
        record["person"], staff["pa"], "change a contact")


def test_a_download_of_young_peoples_details_is_logged_on_each_record(client, staff, teams):
    north = [young_person(teams["north"]) for _ in range(3)]  # care leavers with no PA yet
    south = young_person(teams["south"])
    client.force_login(staff["manager"])

    response = client.get(reverse("dashboard-list-csv"),
                          {"figure": "caseloads.unallocated_requiring_pa"})

    assert response.status_code == 200
    downloaded = RecordView.objects.filter(viewed_by=staff["manager"])
    assert {view.young_person for view in downloaded} == set(north)
    assert south not in {view.young_person for view in downloaded}
    assert all(view.page.startswith("downloaded the list") and view.page.endswith("(CSV)")
               for view in downloaded)


@pytest.mark.parametrize("url_name, what", [
    ("annex-a-csv", "downloaded Ofsted Annex A list 9 (csv)"),
    ("annex-a-xlsx", "downloaded Ofsted Annex A list 9 (xlsx)"),
])
def test_downloads_of_the_inspection_list_are_logged_on_each_record(client, staff, teams,
                                                                    url_name, what):
    on_list = [young_person(teams["north"]) for _ in range(2)]
    add_young_person(team=teams["north"])  # not entitled to leaving care services
    client.force_login(staff["service"])

    assert client.get(reverse(url_name)).status_code == 200

    assert sorted(RecordView.objects.filter(viewed_by=staff["service"], page=what)
                  .values_list("young_person", flat=True)) == sorted(p.pk for p in on_list)


# --- admin -------------------------------------------------------------------------------------


@pytest.fixture
def sign_in_records(client, staff):
    client.post(reverse("sign-in"), {"username": staff["pa"].username, "password": "wrong"})
    return {"accessattempt": AccessAttempt.objects.get()}


@pytest.mark.parametrize("model", ["accessattempt"])
def test_sign_in_records_are_read_but_never_deleted_or_changed_in_admin(client, staff,
                                                                      sign_in_records, model):
    row = sign_in_records[model]
    client.force_login(staff["admin"])

    listed = client.get(reverse(f"admin:axes_{model}_changelist"))
    deleted = client.post(reverse(f"admin:axes_{model}_delete", args=[row.pk]), {"post": "yes"})
    bulk = client.post(reverse(f"admin:axes_{model}_changelist"),
                       {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"})
    added = client.get(reverse(f"admin:axes_{model}_add"))

    assert listed.status_code == 200 and staff["pa"].username in listed.content.decode()
    assert deleted.status_code == 403
    assert added.status_code == 403
    assert bulk.status_code in (200, 302)
    assert type(row).objects.filter(pk=row.pk).exists()


def test_the_sign_in_log_cannot_be_deleted_in_admin(client, staff):
    entry = AccessLog.objects.create(username="pa", ip_address="10.0.0.1", user_agent="Firefox")
    client.force_login(staff["admin"])

    response = client.post(reverse("admin:axes_accesslog_delete", args=[entry.pk]),
                           {"post": "yes"})

    assert response.status_code == 403
    assert AccessLog.objects.filter(pk=entry.pk).exists()


def test_history_cannot_be_rolled_back_from_admin(client, staff, teams):
    north = teams["north"]
    north.name = "North and East"
    north.save()
    first = north.history.earliest()
    client.force_login(staff["admin"])

    client.post(reverse("admin:careleavers_team_simple_history", args=[north.pk, first.pk]),
                {"name": first.name, "team_id": first.team_id})

    north.refresh_from_db()
    assert north.name == "North and East"
    assert north.history.count() == 2


def test_staff_who_worked_on_a_record_are_made_inactive_not_deleted(client, staff, record):
    pa = staff["pa"]  # wrote the contact and the plans
    client.force_login(staff["admin"])

    refused = client.post(reverse("admin:careleavers_user_delete", args=[pa.pk]), {"post": "yes"})
    client.post(reverse("admin:careleavers_user_changelist"),
                {"action": "delete_selected", "_selected_action": [pa.pk], "post": "yes"})
    client.post(reverse("admin:careleavers_user_changelist"),
                {"action": "make_inactive", "_selected_action": [pa.pk]})

    assert refused.status_code == 403
    pa.refresh_from_db()
    assert not pa.is_active
    assert record["draft"].history.earliest().history_user == pa
    assert pa.history.latest().history_user == staff["admin"]


def test_staff_who_only_opened_a_record_are_kept_too(client, staff, record):
    colleague = staff["colleague"]
    client.force_login(colleague)
    client.get(reverse("young-person", args=[record["person"].pk]))
    client.force_login(staff["admin"])

    response = client.post(reverse("admin:careleavers_user_delete", args=[colleague.pk]),
                           {"post": "yes"})

    assert response.status_code == 403
    assert User.objects.filter(pk=colleague.pk).exists()


def test_an_account_nobody_used_can_still_be_deleted(client, staff):
    mistake = StaffFactory(username="made.by.mistake")
    client.force_login(staff["admin"])

    response = client.post(reverse("admin:careleavers_user_delete", args=[mistake.pk]),
                           {"post": "yes"})

    assert response.status_code == 302
    assert not User.objects.filter(pk=mistake.pk).exists()
