"""Preparing the DfE 903 return: a service manager asks for a year's return, a worker prepares it
in steps the page follows, and the page then shows and downloads exactly what the return worked
out directly would; a return that fails or stops says so and can be tried again; nobody but a
service manager can ask, follow or download."""

import io
import re
import zipfile
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from careleavers.models import RecordView
from careleavers.prepared import PreparedState
from returns.models import Return903File
from returns.returns_903 import return_903
from returns.returns_903_files import return_903_request
from returns.returns_903_prepare import return_903_prepare
from returns.tasks import prepare_return_903
from tests.dashboard.people_903 import YEAR, care_leaver, doing, living, seen

pytestmark = pytest.mark.django_db

#: A day after the collection year ended, so the return holds the whole year.
AFTER_THE_YEAR = timezone.make_aware(timezone.datetime(2025, 6, 2, 10, 30))


@pytest.fixture
def people(teams):
    """Two who would fail the DfE's checks (one in each team, one restricted) and one who would
    not."""
    gail = care_leaver(teams["north"], born=date(2004, 9, 20), person_id="CL-GAP",
                       first_name="Gail", last_name="Pike")
    seen(gail, date(2024, 9, 1))
    hal = care_leaver(teams["south"], born=date(2006, 5, 3), person_id="CL-HAL",
                      first_name="Hal", last_name="Moss", restricted=True)
    seen(hal, date(2024, 5, 1))
    living(hal, "U", date(2024, 1, 10))
    amy = care_leaver(teams["south"], born=date(2005, 6, 15), person_id="CL-AMY",
                      first_name="Amy", last_name="Bell")
    seen(amy, date(2024, 6, 1))
    doing(amy, "F2", date(2023, 9, 1))
    living(amy, "U", date(2024, 1, 10))
    return {"gail": gail, "hal": hal, "amy": amy}


def signed_in(client, user):
    client.force_login(user)
    return client


def page(client, year=YEAR) -> str:
    return client.get(reverse("return-903"), {"year": year}).content.decode()


def failing_on_page(html: str) -> list[tuple[str, list[str]]]:
    """(link to the young person, the DfE rule codes) for each failing row, in order."""
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', html, re.S)
    return [(re.search(r'href="(/young-people/\d+/)"', row)[1],
             re.findall(r'data-rule="([^"]+)"', row)) for row in rows if "data-rule" in row]


# --- asking for it -------------------------------------------------------------------------------

def test_a_year_never_prepared_offers_to_prepare_it(client, staff, people):
    html = page(signed_in(client, staff["service"]))

    assert "has not been prepared yet" in html
    assert re.search(r'<form method="post" action="/reports/903/prepare/">.*?name="year" '
                     rf'value="{YEAR}".*?>Prepare the return</button>', html, re.S)
    assert "Download the return (ZIP)" not in html
    assert 'data-count="failing"' not in html
    assert not Return903File.objects.exists()


def test_asking_queues_it_and_the_page_follows_it(client, staff, people):
    response = signed_in(client, staff["service"]).post(reverse("return-903-prepare"),
                                                        {"year": YEAR})

    file = Return903File.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('return-903')}?year={YEAR}"
    assert (file.year, file.state, file.requested_by) == (
        YEAR, PreparedState.QUEUED, staff["service"])
    html = page(client)
    assert '<progress class="app-progress" id="return-903-progress" max="100" value="0">' in html
    assert 'role="status" aria-live="polite" data-status>Waiting to start.</p>' in html
    assert "Refresh</a> to see how it is getting on." in html
    assert f'data-progress data-status-url="/reports/903/{file.pk}/status.json"' in html
    assert 'src="/static/dist/progress.mjs" nonce="' in html
    assert re.search(r"<div data-try-again hidden>", html)
    assert "Download the return (ZIP)" not in html
    assert client.get(reverse("return-903-status", args=[file.pk])).json() == {
        "state": "queued", "progress": 0, "status_text": "Waiting to start.",
        "finished": False, "stuck": False, "download_url": None,
    }


def test_without_a_queue_it_is_prepared_once_the_request_commits(
    client, staff, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(client, staff["service"]).post(reverse("return-903-prepare"), {"year": YEAR})

    file = Return903File.objects.get()
    assert file.state == PreparedState.DONE
    status = client.get(reverse("return-903-status", args=[file.pk])).json()
    assert status["finished"] and status["progress"] == 100
    assert status["status_text"] == "The return is ready."
    assert status["download_url"] == reverse("return-903-download", args=[file.pk])
    html = page(client)
    assert "data-progress" not in html and "progress.mjs" not in html
    assert 'data-count="failing">2<' in html


def test_a_year_not_offered_is_not_prepared(client, staff, people):
    response = signed_in(client, staff["service"]).post(reverse("return-903-prepare"),
                                                        {"year": "1999"})

    assert response.status_code == 400
    assert "Select a collection year from the list" in response.content.decode()
    assert not Return903File.objects.exists()


# --- preparing it --------------------------------------------------------------------------------

def test_preparing_steps_through_the_return_and_keeps_it(staff, people, monkeypatch):
    file = return_903_request(actor=staff["service"], year=YEAR)
    seen_fields = []
    monkeypatch.setattr("careleavers.prepared.prepared_progress", lambda model, pk, **fields: (
        seen_fields.append(fields), model.objects.filter(pk=pk).update(**fields)))

    assert return_903_prepare(file.pk) is True

    file.refresh_from_db()
    assert file.state == PreparedState.DONE and file.progress == 100 and file.step == "Ready"
    assert file.finished_at is not None and file.in_oc3 == 3
    assert sorted(file.young_person_ids) == sorted(p.pk for p in people.values())
    steps = [fields["step"] for fields in seen_fields if "step" in fields]
    assert steps == ["Finding the care leavers", "Checking the DfE's rules", "Writing the files",
                     "Ready"]
    percents = [fields["progress"] for fields in seen_fields if "progress" in fields]
    assert percents == sorted(percents) and percents[-1] == 100


@time_machine.travel(AFTER_THE_YEAR, tick=False)
def test_the_page_shows_what_the_return_worked_out_directly_gives(client, staff, people):
    direct = return_903(YEAR)
    file = return_903_request(actor=staff["service"], year=YEAR)
    return_903_prepare(file.pk)
    signed_in(client, staff["service"])

    html = page(client)
    download = client.get(reverse("return-903-download", args=[file.pk]))

    assert failing_on_page(html) == [
        (reverse("young-person", args=[member.young_person.pk]),
         [failure.code for failure in failures])
        for member, failures in direct.failing
    ]
    assert [member.young_person for member, _ in direct.failing] == [people["hal"],
                                                                     people["gail"]]
    assert f'data-count="oc3">{len(direct.oc3)}<' in html
    assert f'data-count="failing">{len(direct.failing)}<' in html
    for member, failures in direct.failing:
        assert f"{member.nth}: " in html and member.young_person.person_id in html
        for failure in failures:
            assert failure.fix in html
    assert download.content == direct.as_zip()
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        assert archive.read("oc3.csv").decode() == direct.oc3_csv()


def test_a_ready_return_says_when_and_by_whom_and_offers_to_prepare_it_again(
    client, staff, people
):
    file = return_903_request(actor=staff["service"], year=YEAR)
    return_903_prepare(file.pk)
    file.refresh_from_db()

    html = page(signed_in(client, staff["service"]))

    prepared = re.search(r"<dd[^>]*data-prepared>(.*?)</dd>", html, re.S)[1]
    assert staff["service"].get_full_name() in prepared
    assert f"{file.finished_at:%Y}" in prepared
    assert "are not in this return. Prepare it again to include them." in html
    assert ">Prepare it again</button>" in html
    assert f'href="{reverse("return-903-download", args=[file.pk])}"' in html


def test_a_return_being_prepared_again_shows_its_progress_and_the_one_before(
    client, staff, people
):
    before = return_903_request(actor=staff["service"], year=YEAR)
    return_903_prepare(before.pk)
    again = return_903_request(actor=staff["service"], year=YEAR)
    Return903File.objects.filter(pk=again.pk).update(
        state=PreparedState.RUNNING, progress=40, step="Checking the DfE's rules")

    html = page(signed_in(client, staff["service"]))

    assert "Checking the DfE&#x27;s rules (40% done)." in html
    assert "The return prepared before" in html
    assert f'href="{reverse("return-903-download", args=[before.pk])}"' in html
    assert ">Prepare it again</button>" not in html


def test_a_task_delivered_twice_prepares_the_return_once(staff, people):
    file = return_903_request(actor=staff["service"], year=YEAR)
    assert prepare_return_903(file.pk) == {"file": file.pk, "prepared": True}
    file.refresh_from_db()
    kept, finished_at = bytes(file.zip), file.finished_at

    assert prepare_return_903(file.pk) == {"file": file.pk, "prepared": False}

    file.refresh_from_db()
    assert bytes(file.zip) == kept and file.finished_at == finished_at
    assert file.state == PreparedState.DONE and file.step == "Ready"


def test_a_second_delivery_for_a_return_being_prepared_leaves_it_alone(staff, people):
    file = return_903_request(actor=staff["service"], year=YEAR)
    Return903File.objects.filter(pk=file.pk).update(
        state=PreparedState.RUNNING, progress=5, step="Finding the care leavers")

    assert prepare_return_903(file.pk) == {"file": file.pk, "prepared": False}

    file.refresh_from_db()
    assert (file.state, file.progress, file.step) == (
        PreparedState.RUNNING, 5, "Finding the care leavers")
    assert file.zip is None


def test_a_return_that_fails_says_so_and_offers_to_try_again(client, staff, people,
                                                             monkeypatch):
    file = return_903_request(actor=staff["service"], year=YEAR)

    def broken(*args, **kwargs):
        raise OSError("The database went away")

    monkeypatch.setattr("returns.returns_903_prepare.return_903", broken)
    assert return_903_prepare(file.pk) is False

    file.refresh_from_db()
    assert file.state == PreparedState.FAILED and "went away" in file.error
    html = page(signed_in(client, staff["service"]))
    assert "The return could not be prepared. Try again." in html
    assert re.search(r"<div data-try-again>\s*<form", html)
    assert "Download the return (ZIP)" not in html
    assert client.get(reverse("return-903-download", args=[file.pk])).status_code == 404

    client.post(reverse("return-903-prepare"), {"year": YEAR})
    assert Return903File.objects.exclude(pk=file.pk).get().state == PreparedState.QUEUED


def test_a_return_waiting_over_10_minutes_says_it_has_not_finished(client, staff, people):
    file = return_903_request(actor=staff["service"], year=YEAR)
    Return903File.objects.filter(pk=file.pk).update(
        requested_at=timezone.now() - timedelta(minutes=11))

    signed_in(client, staff["service"])
    html = page(client)
    status = client.get(reverse("return-903-status", args=[file.pk])).json()

    assert "This has not finished. Try again." in html
    assert re.search(r"<div data-try-again>\s*<form", html)
    assert status["stuck"] and status["finished"]


def test_each_year_has_its_own_return(client, staff, people):
    file = return_903_request(actor=staff["service"], year=YEAR)
    return_903_prepare(file.pk)

    html = page(signed_in(client, staff["service"]), year=YEAR - 1)

    assert "has not been prepared yet" in html
    assert 'data-count="failing"' not in html


# --- who may ----------------------------------------------------------------------------------

@pytest.mark.parametrize("persona", ["manager", "pa", "board"])
def test_only_a_service_manager_may_ask_follow_or_download(client, staff, people, persona):
    file = return_903_request(actor=staff["service"], year=YEAR)
    return_903_prepare(file.pk)
    signed_in(client, staff[persona])
    urls = [reverse("return-903"), reverse("return-903-prepare"),
            reverse("return-903-status", args=[file.pk]),
            reverse("return-903-download", args=[file.pk])]

    for url in urls:
        assert client.get(url, {"year": YEAR}).status_code == 403, url
        assert client.post(url, {"year": YEAR}).status_code == 403, url

    assert list(Return903File.objects.all()) == [file]
    assert not RecordView.objects.filter(viewed_by=staff[persona]).exists()


def test_asking_to_prepare_takes_a_post(client, staff):
    response = signed_in(client, staff["service"]).get(reverse("return-903-prepare"),
                                                       {"year": YEAR})

    assert response.status_code == 405
    assert not Return903File.objects.exists()
