"""The figures (dashboard.figures.figures_for, INTERFACES.md §3): what `figures --json`, the
board pack and the monthly snapshot work out for the whole service, and what a team manager's
dashboard works out for one team on every visit."""

from careleavers.models import Team
from dashboard.figures import figures_for

from .harness import NOTES, measure

ENTITLED = ("eligible", "relevant", "former_relevant", "former_relevant_education",
            "returner_21_25", "entitled_on_request", "qualifying")


def bench_figures_for_the_whole_service(data):
    result = measure(
        "figures_for, whole service", lambda: figures_for(data.today),
        runs=3, target_seconds=30,
        why="30 s median: `figures --json` for BI tools, the board pack and the monthly snapshot "
            "run it in the background or at the command line, not while someone waits on a "
            "page; half a minute keeps a BI refresh and the board pack quick.",
    )
    figures = result.value
    assert figures["young_people"]["total"] == sum(
        data.statuses.get(status, 0) for status in ENTITLED)
    NOTES.append(_in_words(figures))
    assert result.met, result.failure()


def bench_figures_for_one_team(data):
    team = Team.objects.get(pk=data.team_pk)
    result = measure(
        "figures_for, one team", lambda: figures_for(data.today, team),
        runs=5, target_seconds=2,
        why="2 s median: a team manager's dashboard works these out on every visit, and a page "
            "someone waits for should open within 2 s.",
    )
    assert result.value["young_people"]["total"] > 0
    assert result.met, result.failure()


def _in_words(figures: dict) -> str:
    plans, contact = figures["pathway_plans"], figures["contact"]
    places, eet = figures["accommodation"], figures["eet_19_21"]
    return (
        f"The loaded service's figures on {figures['on']}: {figures['young_people']['total']:,} "
        f"young people; of {plans['required']:,} who need a pathway plan, "
        f"{plans['up_to_date']:,} up to date, {plans['overdue']:,} overdue and "
        f"{plans['none']:,} with none; {contact['within_standard']:,} of "
        f"{contact['required']:,} in touch within the standard; accommodation "
        f"{places['suitable']:,} suitable, {places['unsuitable']:,} not suitable and "
        f"{places['not_recorded']:,} not recorded of {places['in_scope']:,}; "
        f"{eet['in_eet']:,} of {eet['cohort']:,} aged 19 to 21 in education, employment or "
        f"training; {figures['caseloads']['unallocated_requiring_pa']:,} need a Personal "
        f"Adviser and have none."
    )
