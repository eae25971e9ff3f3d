"""`eligibility_check FILE` (INTERFACES.md §2): decide the statutory status of made-up scenarios.

FILE is a JSON list of scenarios. Prints one JSON object per line, in order. Every scenario is read
and checked before anything is printed, so bad input prints nothing but the error.
"""

import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from eligibility.rules import CarePeriod, Facts, decide_status, support_choices_from

FLAGS = (
    "detained_on_16th_birthday",
    "special_guardianship_order",
    "privately_fostered_after_16",
    "in_education_or_training",
)
OPTIONAL_DATES = ("returned_home_on",)
#: One request for support and one opt-out, read as the choices they are (INTERFACES.md §2).
SUPPORT_DATES = ("requested_support_on", "opted_out_on")


class ScenarioError(Exception):
    pass


def _missing(value: Any) -> bool:
    return value is None or value == "" or value == []


def _date(value: Any, key: str, *, required: bool = False) -> date | None:
    if _missing(value):
        if required:
            raise ScenarioError(f"'{key}' is missing; give a date as YYYY-MM-DD")
        return None
    if not isinstance(value, str):
        raise ScenarioError(f"'{key}' must be a date as YYYY-MM-DD, not {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ScenarioError(f"'{key}' is not a date as YYYY-MM-DD: {value!r}") from None


def _flag(value: Any, key: str) -> bool:
    if _missing(value):
        return False
    if not isinstance(value, bool):
        raise ScenarioError(f"'{key}' must be true or false, not {value!r}")
    return value


def _care_periods(value: Any) -> tuple[CarePeriod, ...]:
    if _missing(value):
        return ()
    if not isinstance(value, list):
        raise ScenarioError("'care_periods' must be a list of {start, end, short_break}")
    periods = []
    for index, raw in enumerate(value):
        key = f"care_periods[{index}]"
        if not isinstance(raw, dict):
            raise ScenarioError(f"'{key}' must be an object with start, end and short_break")
        start = _date(raw.get("start"), f"{key}.start", required=True)
        end = _date(raw.get("end"), f"{key}.end")
        if end is not None and end < start:
            raise ScenarioError(f"'{key}.end' ({end}) is before its start ({start})")
        periods.append(CarePeriod(start, end, _flag(raw.get("short_break"), f"{key}.short_break")))
    return tuple(periods)


def scenario_facts(scenario: dict) -> tuple[Facts, date]:
    """The rule's facts and the date to decide on, from one scenario. Raises ScenarioError."""
    on = _date(scenario.get("on"), "on", required=True)
    facts = Facts(
        date_of_birth=_date(scenario.get("date_of_birth"), "date_of_birth", required=True),
        care_periods=_care_periods(scenario.get("care_periods")),
        **{key: _flag(scenario.get(key), key) for key in FLAGS},
        **{key: _date(scenario.get(key), key) for key in OPTIONAL_DATES},
        support_choices=support_choices_from(
            *(_date(scenario.get(key), key) for key in SUPPORT_DATES)
        ),
    )
    return facts, on


class Command(BaseCommand):
    help = (
        "Decide the statutory status of each scenario in a JSON file and print one JSON object "
        "per line: id, status, personal_adviser_required, pathway_plan_required, reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a JSON list of scenarios (INTERFACES.md §2)")

    def handle(self, *args, file, **options):
        scenarios = self._read(file)
        checked = []
        for position, scenario in enumerate(scenarios, start=1):
            if not isinstance(scenario, dict):
                raise CommandError(f"Scenario {position} in {file} is not a JSON object")
            if _missing(scenario.get("id")):
                raise CommandError(f"Scenario {position} in {file} has no 'id'")
            try:
                facts, on = scenario_facts(scenario)
            except ScenarioError as error:
                raise CommandError(f"Scenario {scenario['id']!r}: {error}") from None
            checked.append((scenario["id"], facts, on))

        for scenario_id, facts, on in checked:
            decision = decide_status(facts, on)
            self.stdout.write(
                json.dumps(
                    {
                        "id": scenario_id,
                        "status": decision.status.value,
                        "personal_adviser_required": decision.personal_adviser_required,
                        "pathway_plan_required": decision.pathway_plan_required,
                        "reason": decision.reason,
                    },
                    ensure_ascii=False,
                )
            )

    def _read(self, file: str) -> list:
        try:
            with open(file, encoding="utf-8") as handle:
                scenarios = json.load(handle)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CommandError(f"{file} is not valid JSON: {error}") from None
        if not isinstance(scenarios, list):
            raise CommandError(f"{file} must hold a JSON list of scenarios")
        return scenarios
