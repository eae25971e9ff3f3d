"""The figures against their floors (benchmarks/floors.py): each headline number worked out by
the app and by one hand-written SQL statement, timed in the same run, checked to be the same
number, and the app's time given in floor times. The figures are to be worked out at the speed
of the database; the floor is how fast that is on this machine and this data, whatever its
size, so the target is a ratio rather than seconds."""

import pytest

from dashboard.figures import EET_BANDS, figures_for, figures_of, young_people_behind

from . import floors
from .harness import FLOOR_RATIO, measure

WHY = (f"at most {FLOOR_RATIO:g}× its floor, median against median: a figure worked out at the "
       "speed of the database takes about as long as the one statement a database "
       "administrator would write for it, with room for Django building the query and reading "
       "the rows.")


def differences(app, floor, key: str = "") -> list[str]:
    """Where the app's answer and the floor's differ, key by dotted key."""
    if isinstance(app, dict) and isinstance(floor, dict):
        found = []
        for name in sorted(set(app) | set(floor)):
            inner = f"{key}.{name}" if key else name
            if name not in floor:
                found.append(f"{inner}: no floor (app {app[name]!r})")
            elif name not in app:
                found.append(f"{inner}: not in the app's (floor {floor[name]!r})")
            else:
                found += differences(app[name], floor[name], inner)
        return found
    if isinstance(app, set) and isinstance(floor, set):
        if app == floor:
            return []
        return [f"{key or 'ids'}: {len(app):,} from the app, {len(floor):,} from the floor; "
                f"only the app's: {sorted(app - floor)[:10]}, "
                f"only the floor's: {sorted(floor - app)[:10]}"]
    return [] if app == floor else [f"{key}: app {app!r}, floor {floor!r}"]


def _check(result) -> None:
    assert result.agrees, f"{result.name}: the floor disagrees: " + "; ".join(
        differences(result.value, result.floor_value))
    assert result.met, result.failure()


def bench_floor_figures_for_the_whole_service(data):
    on = data.today
    result = measure(
        "figures_for, whole service, against its floor", lambda: figures_for(on),
        floor=lambda: floors.figures(on), runs=3, target_seconds=None,
        why=f"{WHY} The floor is every group's floor in turn, and must agree key by key.",
    )
    _check(result)


def _group(name: str, on):
    """What `figures_for` works out for one group."""
    return figures_of([name], on)[name]


def _eet_19_21(on):
    return floors.eet(on, {"eet_19_21": EET_BANDS["eet_19_21"]})["eet_19_21"]


#: The headline groups (the dashboard's first row, DOMAIN.md §5), named as the table shows them,
#: with their floors.
GROUP_FLOORS = {
    "young_people": ("young people", floors.young_people),
    "pathway_plans": ("pathway plans", floors.pathway_plans),
    "contact": ("keeping in touch", floors.contact),
    "accommodation": ("accommodation", floors.accommodation),
    "eet_19_21": ("EET, 19 to 21", _eet_19_21),
    # The group gives both unallocated young people and each PA's caseload; its floor gives
    # both, so the two do the same work.
    "caseloads": ("caseloads and unallocated", floors.caseloads),
}


@pytest.mark.parametrize("group", GROUP_FLOORS)
def bench_floor_figure_group(data, group):
    on = data.today
    label, floor = GROUP_FLOORS[group]
    result = measure(
        f"figures, {label}, against its floor", lambda: _group(group, on),
        floor=lambda: floor(on), runs=5, target_seconds=None, why=WHY,
    )
    _check(result)


def bench_floor_plans_overdue_list(data):
    on = data.today
    result = measure(
        "drill-down list, plans overdue (ids), against its floor",
        lambda: set(young_people_behind("pathway_plans.overdue", on)
                    .values_list("pk", flat=True)),
        floor=lambda: floors.plans_overdue(on), runs=5, target_seconds=None,
        why=f"{WHY} The list behind a number must be the same young people as the floor's.",
    )
    _check(result)
