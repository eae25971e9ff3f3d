"""accommodation.csv and activities.csv in `import_records` (INTERFACES.md §1): through the same
services as the forms, all or nothing, and the same files twice change nothing."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from accommodation.models import AccommodationEpisode, PlacementAlert, SuitabilityAssessment
from careleavers.models import User
from eet.models import ActivityEpisode
from tests.accommodation.places import episode_post

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 3, 3, 15, 0, tzinfo=ZoneInfo("Europe/London"))

BASE = {
    "teams.csv": "team_id,name\nnorth,North team\n",
    "staff.csv": ("username,full_name,email,role,team_id\n"
                  "mgreen,Morgan Green,mgreen@council.example,team_manager,north\n"),
    "young_people.csv": (
        "person_id,first_name,last_name,date_of_birth,sex,ethnicity,team_id\n"
        "YP-1,Amara,Testperson,2006-09-01,F,BAFR,north\n"
        "YP-2,Ben,Example,2005-01-15,M,WBRI,north\n"
    ),
}
# Out of date order: each young person's places load oldest first.
ACCOMMODATION = """\
person_id,start_date,end_date,type_code,suitable,council_provided
YP-1,2025-06-01,,E,Y,Y
YP-1,2024-09-01,,D,N,Y
YP-2,2025-12-01,2026-01-31,W,N,Y
YP-2,2026-02-20,,X,,N
"""
ACTIVITIES = """\
person_id,start_date,end_date,activity_code
YP-1,2025-09-01,,F2
YP-1,2024-09-01,2025-06-30,G5
YP-2,2025-01-01,,P5
"""


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def write(directory, **files):
    for name, text in {**BASE, **files}.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def run(directory) -> str:
    out = StringIO()
    call_command("import_records", str(directory), stdout=out, stderr=StringIO())
    return out.getvalue()


def run_failing(directory) -> list[str]:
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_records", str(directory), stdout=StringIO(), stderr=err)
    return err.getvalue().splitlines()


def places(person_id):
    return list(AccommodationEpisode.objects.filter(young_person__person_id=person_id)
                .order_by("start_on").values_list("start_on", "end_on", "type_code"))


def test_places_and_activities_are_imported_with_counts(tmp_path):
    out = run(write(tmp_path, **{"accommodation.csv": ACCOMMODATION,
                                 "activities.csv": ACTIVITIES}))

    assert "accommodation.csv: 4 rows (4 added, 0 updated, 0 unchanged)" in out
    assert "activities.csv: 3 rows (3 added, 0 updated, 0 unchanged)" in out


def test_a_later_place_ends_the_one_before_it_as_a_move_does(tmp_path):
    run(write(tmp_path, **{"accommodation.csv": ACCOMMODATION}))

    assert places("YP-1") == [(date(2024, 9, 1), date(2025, 5, 31), "D"),
                              (date(2025, 6, 1), None, "E")]
    assert places("YP-2") == [(date(2025, 12, 1), date(2026, 1, 31), "W"),
                              (date(2026, 2, 20), None, "X")]


def test_suitability_is_recorded_as_a_judgement_and_blank_means_not_assessed(tmp_path):
    run(write(tmp_path, **{"accommodation.csv": ACCOMMODATION}))

    judged = {
        (a.episode.young_person.person_id, a.episode.type_code): (a.outcome, a.imported)
        for a in SuitabilityAssessment.objects.select_related("episode__young_person")
    }
    assert judged == {("YP-1", "E"): ("suitable", True), ("YP-1", "D"): ("unsuitable", True),
                      ("YP-2", "W"): ("unsuitable", True)}


def test_a_current_placement_in_custody_raises_an_alert_but_a_past_one_does_not(tmp_path):
    run(write(tmp_path, **{"accommodation.csv": ACCOMMODATION}))

    assert [alert.episode.type_code for alert in PlacementAlert.objects.all()] == ["X"]


def test_activities_end_the_one_before_and_keep_their_codes(tmp_path):
    run(write(tmp_path, **{"activities.csv": ACTIVITIES}))

    assert list(ActivityEpisode.objects.filter(young_person__person_id="YP-1")
                .order_by("start_on").values_list("start_on", "end_on", "activity_code")) == [
        (date(2024, 9, 1), date(2025, 6, 30), "G5"), (date(2025, 9, 1), None, "F2")]


def test_importing_the_same_files_again_changes_nothing(tmp_path):
    folder = write(tmp_path, **{"accommodation.csv": ACCOMMODATION,
                                "activities.csv": ACTIVITIES})
    run(folder)
    before = (AccommodationEpisode.history.count(), SuitabilityAssessment.objects.count(),
              ActivityEpisode.history.count())

    out = run(folder)

    assert "accommodation.csv: 4 rows (0 added, 0 updated, 4 unchanged)" in out
    assert "activities.csv: 3 rows (0 added, 0 updated, 3 unchanged)" in out
    assert (AccommodationEpisode.history.count(), SuitabilityAssessment.objects.count(),
            ActivityEpisode.history.count()) == before


def test_a_changed_row_updates_through_the_services(tmp_path):
    run(write(tmp_path, **{"accommodation.csv": ACCOMMODATION, "activities.csv": ACTIVITIES}))
    changed = ACCOMMODATION.replace("YP-1,2025-06-01,,E,Y,Y", "YP-1,2025-06-01,,E,N,Y")

    out = run(write(tmp_path, **{"accommodation.csv": changed,
                                 "activities.csv": ACTIVITIES.replace(",F2", ",P2")}))

    assert "accommodation.csv: 4 rows (0 added, 1 updated, 3 unchanged)" in out
    episode = AccommodationEpisode.objects.get(young_person__person_id="YP-1", type_code="E")
    assert episode.assessments.first().outcome == "unsuitable"
    assert ActivityEpisode.objects.get(end_on__isnull=True,
                                       young_person__person_id="YP-1").activity_code == "P2"


def test_bad_rows_are_listed_with_their_line_and_column_and_nothing_is_imported(tmp_path):
    bad_places = """\
person_id,start_date,end_date,type_code,suitable,council_provided
YP-1,2025-06-01,,Q,Y,Y
YP-1,2024-09-01,2024-08-01,D,N,Y
YP-2,2026-02-20,,X,Y,N
YP-2,2025-12-01,,U,maybe,
YP-9,2025-12-01,,U,,
"""
    bad_activities = """\
person_id,start_date,end_date,activity_code
YP-1,2025-09-01,,F3
YP-2,2025-01-01,,P5
YP-2,2024-01-01,2025-03-01,F2
"""
    errors = run_failing(write(tmp_path, **{"accommodation.csv": bad_places,
                                            "activities.csv": bad_activities}))

    assert errors[0].startswith("accommodation.csv:2: type_code: 'Q' is not a DfE accommodation "
                                "type (B, C, D, E, G, H, K, R, S, T, U, V, W, X, Y, Z)")
    assert ("accommodation.csv:3: end_date: The date they moved out must be on or after the date "
            "they moved in") in errors
    assert "accommodation.csv:5: suitable: 'maybe' must be Y, N or blank (not assessed)" in errors
    assert any(e.startswith("accommodation.csv:6: person_id: Unknown young person 'YP-9'")
               for e in errors)
    assert any(e.startswith("accommodation.csv:4: suitable: In custody cannot be recorded as "
                            "suitable") for e in errors)
    assert any(e.startswith("activities.csv:2: activity_code: 'F3' is not a DfE activity code")
               for e in errors)
    assert any(e.startswith("activities.csv:3: start_date: This overlaps another activity")
               for e in errors)
    assert not AccommodationEpisode.objects.exists() and not ActivityEpisode.objects.exists()


STAYING_PUT = """\
person_id,start_date,end_date,type_code,suitable,council_provided
YP-1,2024-09-01,,Z,Y,Y
"""


def test_staying_put_without_a_carer_column_imports_with_the_carer_not_recorded(client, tmp_path):
    assert "accommodation.csv: 1 row (1 added," in run(
        write(tmp_path, **{"accommodation.csv": STAYING_PUT}))

    episode = AccommodationEpisode.objects.get(young_person__person_id="YP-1")
    assert (episode.type_code, episode.staying_put_carer) == ("Z", "")
    client.force_login(User.objects.get(username="mgreen"))
    record = client.get(reverse("young-person", args=[episode.young_person_id]))
    assert "Carer not recorded" in record.content.decode()


def test_the_optional_carer_column_names_the_carer_and_a_later_file_can_add_one(tmp_path):
    run(write(tmp_path, **{"accommodation.csv": STAYING_PUT}))

    with_carer = ("person_id,start_date,type_code,staying_put_carer\n"
                  "YP-1,2024-09-01,Z,Janet Pearson\n")
    assert "accommodation.csv: 1 row (0 added, 1 updated" in run(
        write(tmp_path, **{"accommodation.csv": with_carer}))
    episode = AccommodationEpisode.objects.get(young_person__person_id="YP-1")
    assert episode.staying_put_carer == "Janet Pearson"
    # A file without the carer leaves the one now recorded alone.
    assert "(0 added, 0 updated, 1 unchanged)" in run(
        write(tmp_path, **{"accommodation.csv": STAYING_PUT}))
    assert AccommodationEpisode.objects.get(pk=episode.pk).staying_put_carer == "Janet Pearson"


def test_a_carer_for_a_place_that_is_not_staying_put_is_refused(tmp_path):
    errors = run_failing(write(tmp_path, **{"accommodation.csv": (
        "person_id,start_date,type_code,staying_put_carer\nYP-1,2024-09-01,U,Janet Pearson\n"
    )}))

    assert errors[0] == ("accommodation.csv:2: staying_put_carer: Only give a former foster carer "
                         "for Staying Put (with former foster carers)")
    assert not AccommodationEpisode.objects.exists()


def test_the_form_still_asks_for_the_carer_of_a_place_imported_without_one(client, tmp_path):
    run(write(tmp_path, **{"accommodation.csv": STAYING_PUT}))
    episode = AccommodationEpisode.objects.get(young_person__person_id="YP-1")
    client.force_login(User.objects.get(username="mgreen"))

    response = client.post(
        reverse("accommodation-edit", args=[episode.young_person_id, episode.pk]),
        episode_post("Z", start_on=episode.start_on, version=episode.version),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["staying_put_carer"] == [
        "Enter the name of the former foster carer they are staying with"]
