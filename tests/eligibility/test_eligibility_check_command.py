"""`eligibility_check FILE` (INTERFACES.md §2): one JSON line per scenario, from the app's rule."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from eligibility.rules import CarePeriod, Facts, decide_status

SCENARIOS = [
    {
        # Only the required keys: never in care.
        "id": "never-in-care",
        "on": "2025-01-01",
        "date_of_birth": "2008-06-15",
    },
    {
        "id": "still-in-care",
        "on": "2025-01-01",
        "date_of_birth": "2008-06-15",
        "care_periods": [{"start": "2024-01-01", "end": None}],
    },
    {
        # Keys present but empty, null or false.
        "id": 3,
        "on": "2025-12-01",
        "date_of_birth": "2008-06-15",
        "care_periods": [{"start": "2023-04-01", "end": "2025-09-30", "short_break": False}],
        "detained_on_16th_birthday": False,
        "special_guardianship_order": None,
        "returned_home_on": None,
        "requested_support_on": "",
    },
    {
        "id": "returner",
        "on": "2029-07-01",
        "date_of_birth": "2008-06-15",
        "care_periods": [{"start": "2023-04-01", "end": "2025-09-30"}],
        "requested_support_on": "2029-06-20",
        "opted_out_on": "2029-06-01",
    },
    {
        "id": "guardianship",
        "on": "2025-01-01",
        "date_of_birth": "2008-06-15",
        "special_guardianship_order": True,
        "care_periods": [],
    },
    {
        # Keys the command does not know are left alone.
        "id": "too-old",
        "on": "2033-06-15",
        "date_of_birth": "2008-06-15",
        "expected": "not_entitled",
    },
]


def run(tmp_path, scenarios) -> list[dict]:
    path = tmp_path / "scenarios.json"
    path.write_text(json.dumps(scenarios), encoding="utf-8")
    out = StringIO()
    call_command("eligibility_check", str(path), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_prints_one_line_per_scenario_in_order(tmp_path):
    results = run(tmp_path, SCENARIOS)

    assert [(r["id"], r["status"]) for r in results] == [
        ("never-in-care", "not_entitled"),
        ("still-in-care", "eligible"),
        (3, "relevant"),
        ("returner", "returner_21_25"),
        ("guardianship", "qualifying"),
        ("too-old", "not_entitled"),
    ]
    assert list(results[1]) == [
        "id", "status", "personal_adviser_required", "pathway_plan_required", "reason"
    ]


def test_prints_what_each_status_brings(tmp_path):
    results = {r["id"]: r for r in run(tmp_path, SCENARIOS)}

    assert results["still-in-care"]["personal_adviser_required"] is True
    assert results["still-in-care"]["pathway_plan_required"] is True
    assert results["returner"]["personal_adviser_required"] is True
    assert results["guardianship"]["personal_adviser_required"] is False
    assert results["guardianship"]["pathway_plan_required"] is False
    assert results["too-old"]["reason"] == (
        "Turned 25 on 15 June 2033: leaving-care duties end at 25 (Children Act 1989 s.23CZB)."
    )


def test_gives_the_same_reason_as_the_app(tmp_path):
    (result,) = run(tmp_path, [SCENARIOS[2]])
    decision = decide_status(
        Facts(date(2008, 6, 15), (CarePeriod(date(2023, 4, 1), date(2025, 9, 30)),)),
        date(2025, 12, 1),
    )
    assert result["reason"] == decision.reason
    assert "Left care on 30 September 2025" in result["reason"]


def test_empty_list_prints_nothing(tmp_path):
    assert run(tmp_path, []) == []


@pytest.mark.parametrize(
    ("scenario", "message"),
    [
        ({"id": "no-dob", "on": "2025-01-01"}, "Scenario 'no-dob': 'date_of_birth' is missing"),
        (
            {"id": "bad-on", "on": "2025-13-01", "date_of_birth": "2008-06-15"},
            "Scenario 'bad-on': 'on' is not a date as YYYY-MM-DD: '2025-13-01'",
        ),
        (
            {
                "id": "bad-period",
                "on": "2025-01-01",
                "date_of_birth": "2008-06-15",
                "care_periods": [{"start": "2024-05-01", "end": "2024-04-01"}],
            },
            "Scenario 'bad-period': 'care_periods[0].end' (2024-04-01) is before its start",
        ),
        (
            {
                "id": "bad-flag",
                "on": "2025-01-01",
                "date_of_birth": "2008-06-15",
                "in_education_or_training": "yes",
            },
            "Scenario 'bad-flag': 'in_education_or_training' must be true or false",
        ),
        ({"on": "2025-01-01", "date_of_birth": "2008-06-15"}, "Scenario 2 in"),
    ],
)
def test_bad_input_names_the_scenario_and_key_and_prints_nothing(tmp_path, scenario, message):
    path = tmp_path / "scenarios.json"
    path.write_text(json.dumps([SCENARIOS[0], scenario]), encoding="utf-8")
    out = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("eligibility_check", str(path), stdout=out)

    assert message in str(error.value)
    assert out.getvalue() == ""


def test_unreadable_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("eligibility_check", str(tmp_path / "missing.json"))


def test_file_that_is_not_a_json_list_is_an_error(tmp_path):
    path = tmp_path / "scenarios.json"
    path.write_text('{"id": 1}', encoding="utf-8")
    with pytest.raises(CommandError, match="must hold a JSON list"):
        call_command("eligibility_check", str(path))
