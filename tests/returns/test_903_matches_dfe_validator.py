"""The DfE's own rules as the judge of the 903 return: the public validator councils use
(csc-validator-be-903, which implements the DfE's published SSDA903 validation rules), run on the
files `export_903` writes, finds the same young people failing the same rules as the service
tells the service manager, child by child: for a known caseload and for the demo.

The validator pins pandas below 2, so it lives in its own virtual environment, .venv-903, which
`make test` creates (`make dfe-validator`); it runs there through dfe_validator_runner.py. Without
that environment these tests skip, unless REQUIRE_DFE_VALIDATOR is set, as `make test` sets it:
then they fail.
"""

import json
import os
import re
import subprocess
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from eligibility.models import CarePeriod
from eligibility.rules import Status
from returns.returns_903 import HEADER_COLUMNS, OC3_COLUMNS, to_csv
from returns.returns_903_rules import failing_children, rules_for
from tests.dashboard.people_903 import (
    care_leaver,
    doing,
    in_touch_and_settled,
    living,
    seen,
)
from tests.returns.test_903_validation import CASES

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR_PYTHON = ROOT / ".venv-903" / "bin" / "python"
RUNNER = Path(__file__).with_name("dfe_validator_runner.py")

#: The collection years the validator has rules for (its lac2022_23 to lac2026_27).
VALIDATOR_YEARS = (2023, 2024, 2025, 2026, 2027)

#: The validator's rules that read only the Header and OC3 tables and that the service does not
#: check, and why. Any failure of one of them would show in the comparisons below, not be dropped.
NOT_CHECKED = {
    "105": "the UASC status, a Header column the DfE checks only in XML uploads: the CSV Header "
           "has none, and the validator skips the rule without it",
    "231": "the UASC status again; without it in the CSV Header the validator cannot run the "
           "rule (KeyError 'UASC_STATUS')",
    "348": "compares with last year's OC3 table (it declares only OC3 but reads OC3_last), "
           "which the service does not keep",
    "EPI": "the validator's own warning for a Header row with no episode and no OC3 row (it "
           "declares only Header but reads Episodes and OC3); every Header row the service "
           "writes is a care leaver's OC3 row",
}

#: Rules the validator cannot run on the DfE's CSV files (it logs the error and goes on), and why.
CANNOT_RUN = {
    "231": "reads UASC_STATUS, which the CSV Header does not have",
    "233": "an episodes rule (from 2025-26) that reads DATE_EPISODE_CEASED, which the DfE's "
           "episodes table calls DEC",
}

#: Where the validator departs from the DfE's rule and the service follows the rule: the
#: validator's 347 compares ACCOM with "T", a code no row can hold (the DfE's foyer codes are T1
#: and T2, suitable or not), so it never fails anyone; the service checks T1 and T2.
VALIDATOR_NEVER_FAILS = {"347"}

#: The episodes table, as the DfE's portal recognises it by its columns.
EPISODES_COLUMNS = ("CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
                    "HOME_POST,PL_POST,URN")

#: Of the validator's rules that join the episodes table, those that judge what the service
#: writes: whether a girl looked after in the year is a mother, and the date of birth of her
#: first child (MOTHER and MC_DOB are asked only of girls looked after in the year). The rest
#: judge the episodes themselves: the export's episodes of periods typed into the service carry
#: their dates and nothing else it does not hold (README), and the council's children's social
#: care system sends the rest (`with_episodes` makes such a table up beyond its dates).
EPISODES_RULES_CHECKED = {"165", "607", "625", "628"}


@pytest.fixture(autouse=True)
def validator_installed():
    if VALIDATOR_PYTHON.exists():
        return
    message = (f"The DfE's 903 validator is not installed in {VALIDATOR_PYTHON.parent.parent}: "
               "run `make dfe-validator`")
    if os.environ.get("REQUIRE_DFE_VALIDATOR"):
        pytest.fail(message)
    pytest.skip(message)


def dfe_validator(*years_and_folders) -> list[dict]:
    """The validator's findings on each (year, folder) of CSV files, in one run."""
    args = [str(value) for pair in years_and_folders for value in pair]
    done = subprocess.run([str(VALIDATOR_PYTHON), str(RUNNER), *args], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def export_903(year: int, folder: Path) -> dict[str, set[str]]:
    """Run `export_903` and read who it says would fail which of the DfE's rules, from the lines
    it prints for the service manager ("CHILD: 132, 153: why")."""
    err = StringIO()
    try:
        call_command("export_903", "--year", str(year), "--out", str(folder), stdout=StringIO(),
                     stderr=err)
    except CommandError as error:
        assert error.returncode == 1, error
    failing: dict[str, set[str]] = {}
    for line in err.getvalue().splitlines():
        if found := re.match(r"(\S+): ([0-9A-Z]+(?:, [0-9A-Z]+)*): ", line):
            failing.setdefault(found[1], set()).update(found[2].split(", "))
    return failing


def with_episodes(folder: Path, year: int) -> None:
    """The episodes table the DfE receives with the return, from the council's children's
    social care system: for each child in the Header looked after at some time in the year, an
    episode for each care period, dated as the service holds it (DEC the day after the last day
    looked after), the codes it does not hold made up. Care leavers who were not looked after in
    the year have none, so the rules that join the table run as the DfE runs them."""
    header = (folder / "header.csv").read_text(encoding="utf-8").splitlines()[1:]
    children = {line.split(",")[0] for line in header}
    first, last = date(year - 1, 4, 1), date(year, 3, 31)
    rows = [EPISODES_COLUMNS]
    for period in CarePeriod.objects.filter(
            young_person__person_id__in=children, short_break=False, start_on__lte=last,
    ).exclude(end_on__lt=first - timedelta(days=1)).select_related("young_person"):
        ended = period.end_on + timedelta(days=1) if period.end_on else None
        rows.append(",".join([
            period.young_person.person_id, f"{period.start_on:%d/%m/%Y}", "S", "C2", "N1", "U1",
            "PR1", f"{ended:%d/%m/%Y}" if ended else "", "E8" if ended else "", "", "", "",
            "SC123456",
        ]))
    (folder / "episodes.csv").write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")


def compared(ours: dict[str, set[str]], theirs: dict, *, cannot_run=CANNOT_RUN
             ) -> tuple[dict, dict]:
    """(ours, the validator's) {CHILD: codes}, leaving out only the rules the validator never
    fails anyone on and those that judge the episodes themselves; the validator's failures of
    other rules the service does not check stay in."""
    assert theirs["crashed"].keys() <= cannot_run.keys(), theirs["crashed"]
    about_the_episodes = set(theirs["episodes_rules"]) - EPISODES_RULES_CHECKED
    validator = {child: set(codes) - VALIDATOR_NEVER_FAILS - about_the_episodes
                 for child, codes in theirs["failing"].items()}
    assert not any(set(codes) & VALIDATOR_NEVER_FAILS for codes in theirs["failing"].values()), (
        "The validator now fails someone on a rule it used to miss: compare on it too")
    service = {child: codes - VALIDATOR_NEVER_FAILS for child, codes in ours.items()}
    return ({c: codes for c, codes in service.items() if codes},
            {c: codes for c, codes in validator.items() if codes})


def test_the_service_checks_every_header_and_oc3_rule_of_the_validator_but_the_stated_ones(
        tmp_path):
    folders = []
    for year in VALIDATOR_YEARS:
        export_903(year, tmp_path / str(year))
        folders.append((year, tmp_path / str(year)))

    for year, found in zip(VALIDATOR_YEARS, dfe_validator(*folders), strict=True):
        ours = {r.code for r in rules_for(year)}
        theirs = set(found["header_oc3_rules"])
        assert ours == theirs - NOT_CHECKED.keys(), year
        assert found["failing"] == {}, year  # an empty return fails nothing


# A known caseload ------------------------------------------------------------------------------

#: Who should fail which rule in 2024-25, and nobody else.
FAILING_IN_2025 = {
    "CL-SEX-U": {"232"},  # sex not known: a code from 2024-25, which the DfE queries
    "CL-NO-ETHNIC": {"103"},  # brought over with no ethnicity
    "CL-SHORT-UPN": {"168"},  # a digit missing
    "CL-UN1": {"209"},  # "under school age" for a 19-year-old
    "CL-NO-ACTIV": {"132", "153"},  # in touch, nothing recorded for what they were doing
    "CL-NO-ACCOM": {"133", "153"},  # in touch, nothing recorded for where they lived
    "CL-MANY": {"168", "232", "132", "153"},  # several at once
    "CL-STAYING-PUT-17": {"3001"},  # Staying Put is for 18 and over
    "CL-FOYER-17": {"347"},  # the one the validator misses (VALIDATOR_NEVER_FAILS)
}


CASELOAD = {"CL-GOOD", "CL-UN2", "CL-NOT-IN-TOUCH", "CL-SAME-UPN-1", "CL-SAME-UPN-2",
            *FAILING_IN_2025}


def children_in(folder: Path) -> set[str]:
    return {line.split(",")[0] for line in (folder / "oc3.csv").read_text().splitlines()[1:]}


@pytest.fixture
def caseload(teams):
    north = teams["north"]

    def settled(person_id, born, **fields):
        person = care_leaver(north, born=born, person_id=person_id, **fields)
        in_touch_and_settled(person, born.replace(year=born.year + 19))
        return person

    # Nothing for the DfE to query.
    settled("CL-GOOD", date(2005, 6, 15), sex="F", ethnicity="BAFR", upn="A123456789012")
    settled("CL-UN2", date(2005, 7, 1), sex="M", upn="UN2")
    care_leaver(north, born=date(2006, 5, 1), person_id="CL-NOT-IN-TOUCH")  # NO, 0, 0

    settled("CL-SEX-U", date(2005, 8, 1), sex="U")
    settled("CL-NO-ETHNIC", date(2005, 9, 1), ethnicity="")
    settled("CL-SHORT-UPN", date(2005, 10, 1), upn="K06014812931")
    settled("CL-UN1", date(2005, 11, 1), upn="UN1")
    no_activ = care_leaver(north, born=date(2005, 12, 1), person_id="CL-NO-ACTIV")
    seen(no_activ, date(2024, 11, 20))
    living(no_activ, "D", date(2024, 1, 1))
    no_accom = care_leaver(north, born=date(2006, 1, 10), person_id="CL-NO-ACCOM")
    seen(no_accom, date(2025, 1, 2))
    doing(no_accom, "P4", date(2024, 9, 1))
    many = care_leaver(north, born=date(2006, 2, 1), person_id="CL-MANY", sex="U",
                       upn="A12345678901")
    seen(many, date(2025, 1, 20))
    living(many, "E", date(2024, 1, 1), suitable=False)
    # 17 in the year, left care at 16: relevant children.
    at_carers = care_leaver(north, born=date(2007, 6, 1), status=Status.RELEVANT,
                            person_id="CL-STAYING-PUT-17")
    seen(at_carers, date(2024, 5, 20))
    doing(at_carers, "F1", date(2023, 9, 1))
    living(at_carers, "Z", date(2024, 3, 1), staying_put_carer="Jan Holt")
    in_foyer = care_leaver(north, born=date(2007, 7, 1), status=Status.RELEVANT,
                           person_id="CL-FOYER-17")
    seen(in_foyer, date(2024, 6, 20))
    doing(in_foyer, "F2", date(2023, 9, 1))
    living(in_foyer, "T", date(2024, 2, 1))
    # The same UPN on two records, which the DfE refuses from 2025-26; 20 and 21 then.
    settled("CL-SAME-UPN-1", date(2005, 4, 20), upn="B123456789012")
    settled("CL-SAME-UPN-2", date(2004, 4, 21), upn="B123456789012")


@time_machine.travel(date(2026, 5, 10), tick=False)
def test_the_validator_fails_the_same_young_people_on_the_same_rules(caseload, tmp_path):
    years = (2024, 2025, 2026)
    ours = {year: export_903(year, tmp_path / str(year)) for year in years}

    found = dfe_validator(*((year, tmp_path / str(year)) for year in years))

    assert children_in(tmp_path / "2025") == CASELOAD
    assert ours[2025] == FAILING_IN_2025
    for year, theirs in zip(years, found, strict=True):
        service, validator = compared(ours[year], theirs)
        assert service == validator, year
    # Before 2024-25 the DfE has no code for sex not known: left blank, which it refuses.
    assert ours[2024]["CL-SEX-U"] == {"101"}
    assert ours[2026]["CL-SAME-UPN-1"] == ours[2026]["CL-SAME-UPN-2"] == {"444"}


# The demo --------------------------------------------------------------------------------------


@time_machine.travel(date(2025, 6, 1), tick=False)
def test_the_validator_agrees_on_the_demo(tmp_path):
    call_command("seed_demo", stdout=StringIO())
    years = (2024, 2025, 2026)  # the two years before and the one so far
    ours = {year: export_903(year, tmp_path / str(year)) for year in years}

    found = dfe_validator(*((year, tmp_path / str(year)) for year in years))

    for year, theirs in zip(years, found, strict=True):
        service, validator = compared(ours[year], theirs)
        assert service == validator, year
    # Not an agreement about nothing: the demo's return holds care leavers in each year.
    assert all(children_in(tmp_path / str(year)) for year in years)


# Each rule's own cases ---------------------------------------------------------------------------


#: Why some of the rows made by hand for each rule are judged differently, none of which the
#: export can write.
#: - The validator capitalises every value it reads, so it takes "wbri" and "yes" as WBRI and
#:   YES; the export writes the DfE's codes in capitals, and the service checks them as written.
#: - Some cases have a Header row with no OC3 row, which the validator's EPI warns about.
#: - The validator's 3001 joins the Header by child, so it cannot run when a child is in it
#:   twice (the case for INT32).
LOWER_CASE_CODES = re.compile(r"^(?=.*[a-z])[A-Za-z]+$")


def test_the_validator_judges_each_rules_cases_as_the_service_does(tmp_path):
    cases, folders = [], []
    for number, (check, failing, passing) in enumerate(CASES):
        for kind, tables in (("fails", failing), ("passes", passing)):
            values = [v for row in (*tables.header, *tables.oc3)
                      for k, v in row.items() if k not in ("CHILD", "DOB", "MC_DOB")]
            if tables.year not in VALIDATOR_YEARS or any(
                LOWER_CASE_CODES.match(value) for value in values
            ):
                continue
            folder = tmp_path / f"{number}-{kind}"
            folder.mkdir()
            (folder / "header.csv").write_text(to_csv(HEADER_COLUMNS, tables.header))
            (folder / "oc3.csv").write_text(to_csv(OC3_COLUMNS, tables.oc3))
            cases.append((f"{check.__name__} {kind}: {tables}", tables))
            folders.append((tables.year, folder))

    found = dfe_validator(*folders)

    for (case, tables), theirs in zip(cases, found, strict=True):
        ours = {child: {r.code for r in broken}
                for child, broken in failing_children(tables).items()}
        theirs = {**theirs, "failing": {
            child: [code for code in codes if code != "EPI"]
            for child, codes in theirs["failing"].items()
        }}
        twice = len({r["CHILD"] for r in tables.header}) < len(tables.header)
        service, validator = compared(
            ours, theirs, cannot_run=CANNOT_RUN | ({"3001": "INT32's case"} if twice else {}))
        assert service == validator, case
