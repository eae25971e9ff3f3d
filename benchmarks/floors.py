"""The floor under each figure: the same number from one hand-written SQL statement, as a
database administrator would write it for PostgreSQL, so `make bench` can show how far each of
`dashboard.figures.figures_for`'s numbers is from the speed of the database
(benchmarks/bench_floors.py times each against its floor and checks they agree).

The floors are for the whole service and a date from today on. They read the status as stored
(`eligibility.models.StatutoryStatus`), which is the status on the date only from today
(`eligibility.selectors.statuses_on`): for an earlier date the app decides statuses again from
the care history with `eligibility.rules.decide_status`, a rule these floors do not copy.

Each statement follows the definition in the package that owns the figure, and takes the sets
of statuses, codes and intervals from there, so a floor cannot drift from the app on a setting.
Dates are compared in SQL. A `__date` lookup in the app is the day in the service's time zone;
here it is the same test written against the day's bounds, so an index on the column can serve
it: a time is on or before a day if it is before the next day's local midnight.
"""

from datetime import date

from django.conf import settings
from django.db import connection
from django.utils import timezone

from accommodation.rules import MOVED_OFTEN, NOT_A_MOVE, moves_counted_after
from advisers.models import DEFAULT_KEEP_IN_TOUCH_DAYS, IN_TOUCH_OUTCOMES
from dashboard.figures import (
    ACCOMMODATION_STATUSES,
    AGE_BANDS,
    AUTHORISED_WITHIN_DAYS,
    EET_BANDS,
)
from eet.rules import EET_CODES, NEET_CODES
from eligibility.rules import PA_AND_PLAN_STATUSES, Status
from pathways.rules import DUE_SOON_DAYS, NEEDS_ASSESSMENT_MONTHS, REVIEW_MONTHS

#: The first moment of the day after the date, in the service's time zone.
DAY_ENDS = "((%(on)s::date + 1)::timestamp AT TIME ZONE %(tz)s)"


def aged(low: int, high: int) -> str:
    """A condition on `yp.date_of_birth`: aged `low` to `high` on the date
    (`eligibility.rules.age_on`), compared as dates so no age is worked out row by row. Aged at
    least N is born on or before the date N years back. That keeps the service's rule for a 29
    February birthday, 1 March in other years: born 29 February 2008, one is 19 from 1 March
    2027, and 19 years before it is 1 March 2008. From a 29 February back to a year without one,
    PostgreSQL lands on the 28th, and everyone born by then is N."""
    return (f"yp.date_of_birth <= (%(on)s::date - interval '{int(low)} years')::date "
            f"AND yp.date_of_birth > (%(on)s::date - interval '{int(high) + 1} years')::date")


def _values(choices) -> list[str]:
    return sorted(str(choice) for choice in choices)


def _params(on: date, **more) -> dict:
    if on < timezone.localdate():
        raise ValueError(f"The floors read today's stored statuses, and {on} is in the past")
    return {"on": on, "tz": settings.TIME_ZONE, **more}


def _rows(sql: str, params: dict) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _row(sql: str, params: dict) -> dict:
    (row,) = _rows(sql, params)
    return row


# --- young people (dashboard.figures.young_people_group) ----------------------------------------

#: ROLLUP adds the row for everyone (status null) to the row for each status.
YOUNG_PEOPLE = f"""
SELECT s.status,
       count(*) AS total,
       count(*) FILTER (WHERE yp.uasc) AS uasc,
       {", ".join(f'count(*) FILTER (WHERE {aged(low, high)}) AS "{band}"'
                  for band, (low, high) in AGE_BANDS.items())}
FROM eligibility_statutorystatus s
JOIN careleavers_youngperson yp ON yp.id = s.young_person_id
WHERE s.status <> 'not_entitled'
GROUP BY ROLLUP (s.status)
"""


def young_people(on: date) -> dict:
    """Young people by status, age band and UASC, among those entitled to anything."""
    rows = {row.pop("status"): row for row in _rows(YOUNG_PEOPLE, _params(on))}
    everyone = rows.pop(None)
    return {
        "total": everyone["total"],
        "by_status": {str(s): rows.get(s, {}).get("total", 0)
                      for s in Status if s != Status.NOT_ENTITLED},
        "by_age_band": {band: everyone[band] for band in AGE_BANDS},
        "uasc": everyone["uasc"],
    }


# --- pathway plans (dashboard.figures.pathway_plans_group) --------------------------------------

#: Where each young person who needs a plan stands on the date (`pathways.selectors`
#: `with_plan_dates(as_of=…)` and `plan_standing`, `pathways.rules.plan_status`). Their plans
#: are read through the index on (young person, number): a handful each.
PLAN_STANDING = f"""
WITH required AS (
    SELECT young_person_id AS id
    FROM eligibility_statutorystatus
    WHERE status = ANY(%(plan_statuses)s)
),
-- Early reviews asked for by the date and not met by a plan authorised by then; the one due
-- first counts.
early AS (
    SELECT er.young_person_id, min(er.due_on) AS due_on
    FROM pathways_earlyreview er
    LEFT JOIN pathways_pathwayplan met ON met.id = er.met_by_plan_id
    WHERE er.requested_on <= %(on)s
      AND (er.met_by_plan_id IS NULL OR met.decided_at >= {DAY_ENDS})
    GROUP BY er.young_person_id
),
-- Due 6 months after the review held, or on the earlier date set at it, or on an early review
-- due sooner; a latest plan with no review date is no plan (`pathways.rules.review_due`).
standing AS (
    SELECT r.id,
           CASE WHEN latest.review_held_on IS NOT NULL THEN
               LEAST((latest.review_held_on + make_interval(months => %(review_months)s))::date,
                     latest.next_review_requested_on, e.due_on)
           END AS due_on,
           plans.awaiting,
           plans.unrecorded
    FROM required r
    -- Only authorised plans count, and only those authorised by the end of the date; the
    -- latest is the highest number.
    LEFT JOIN LATERAL (
        SELECT p.review_held_on, p.next_review_requested_on
        FROM pathways_pathwayplan p
        WHERE p.young_person_id = r.id AND p.state = 'authorised' AND p.decided_at < {DAY_ENDS}
        ORDER BY p.number DESC
        LIMIT 1
    ) AS latest ON true
    CROSS JOIN LATERAL (
        SELECT
            -- Sent to a manager by the date and not decided by then.
            coalesce(bool_or(p.submitted_at < {DAY_ENDS}
                             AND (p.state = 'submitted' OR p.decided_at >= {DAY_ENDS})),
                     false) AS awaiting,
            -- A review held by the date for a plan not yet written up and sent
            -- (`pathways.selectors.review_held_not_recorded`).
            coalesce(bool_or(p.review_held_on <= %(on)s
                             AND (p.state IN ('draft', 'returned')
                                  OR (p.state = 'authorised' AND p.decided_at >= {DAY_ENDS})
                                  OR (p.state = 'submitted' AND p.submitted_at >= {DAY_ENDS}))),
                     false) AS unrecorded
        FROM pathways_pathwayplan p
        WHERE p.young_person_id = r.id
    ) AS plans
    LEFT JOIN early e ON e.young_person_id = r.id
)
"""

PATHWAY_PLANS = PLAN_STANDING + """
SELECT count(*) AS required,
       count(*) FILTER (WHERE due_on >= %(on)s) AS up_to_date,
       count(*) FILTER (WHERE due_on < %(on)s) AS overdue,
       count(*) FILTER (WHERE due_on IS NULL) AS none,
       count(*) FILTER (WHERE due_on BETWEEN %(on)s AND %(on)s::date + %(due_soon_days)s)
           AS due_within_28_days,
       count(*) FILTER (WHERE awaiting) AS awaiting_authorisation,
       count(*) FILTER (WHERE due_on < %(on)s AND awaiting) AS overdue_awaiting_authorisation,
       count(*) FILTER (WHERE due_on < %(on)s AND NOT awaiting AND unrecorded)
           AS overdue_review_not_recorded,
       count(*) FILTER (WHERE due_on < %(on)s AND NOT awaiting AND NOT unrecorded)
           AS overdue_not_held
FROM standing
"""

PLANS_OVERDUE = PLAN_STANDING + """
SELECT id FROM standing WHERE due_on < %(on)s
"""


def _plan_params(on: date) -> dict:
    return _params(on, plan_statuses=_values(PA_AND_PLAN_STATUSES), review_months=REVIEW_MONTHS,
                   due_soon_days=DUE_SOON_DAYS)


def pathway_plans(on: date) -> dict:
    """Pathway plans among those who must have one: up to date, overdue and why, none."""
    return _row(PATHWAY_PLANS, _plan_params(on))


def plans_overdue(on: date) -> set[int]:
    """The young people behind "plans overdue" (the dashboard's drill-down list)."""
    return {row["id"] for row in _rows(PLANS_OVERDUE, _plan_params(on))}


# --- needs assessments (dashboard.figures.needs_assessments_group) ------------------------------

#: `pathways.rules.needs_assessment_due`, for those whose status needs a plan.
NEEDS_ASSESSMENTS = f"""
WITH due AS (
    SELECT CASE
               -- Asked for support at 21 to 25: a fresh assessment since the latest request.
               WHEN c.asked_again_on IS NOT NULL THEN
                   CASE WHEN a.completed_on IS NULL OR a.completed_on < c.asked_again_on
                        THEN (c.asked_again_on + make_interval(months => %(months)s))::date
                   END
               WHEN a.completed_on IS NOT NULL OR EXISTS (
                   SELECT FROM pathways_pathwayplan p
                   WHERE p.young_person_id = s.young_person_id AND p.state = 'authorised'
                     AND p.decided_at < {DAY_ENDS}
               ) THEN NULL
               -- From the 16th birthday, or from becoming eligible if that was later.
               WHEN c.eligible_on IS NOT NULL THEN
                   (GREATEST(c.eligible_on, sixteenth.birthday)
                    + make_interval(months => %(months)s))::date
               WHEN c.relevant_on IS NOT NULL THEN
                   (c.relevant_on + make_interval(months => %(months)s))::date
           END AS due_on
    FROM eligibility_statutorystatus s
    JOIN careleavers_youngperson yp ON yp.id = s.young_person_id
    CROSS JOIN LATERAL (
        SELECT max(effective_on) FILTER (WHERE status = 'returner_21_25') AS asked_again_on,
               min(effective_on) FILTER (WHERE status = 'eligible') AS eligible_on,
               min(effective_on) FILTER (WHERE status = 'relevant') AS relevant_on
        FROM eligibility_statuschange
        WHERE young_person_id = s.young_person_id AND effective_on <= %(on)s
    ) AS c
    CROSS JOIN LATERAL (
        SELECT max(completed_on) AS completed_on
        FROM pathways_needsassessment
        WHERE young_person_id = s.young_person_id AND completed_on <= %(on)s
    ) AS a
    -- PostgreSQL moves a 29 February birthday back to the 28th in other years; the service
    -- (`eligibility.rules.birthday`) moves it on to 1 March, the one case where the day changes.
    CROSS JOIN LATERAL (SELECT (yp.date_of_birth + interval '16 years')::date AS day) AS b
    CROSS JOIN LATERAL (
        SELECT b.day + (extract(day FROM b.day) <> extract(day FROM yp.date_of_birth))::int
            AS birthday
    ) AS sixteenth
    WHERE s.status = ANY(%(plan_statuses)s)
)
SELECT count(*) AS required, count(*) FILTER (WHERE due_on < %(on)s) AS overdue
FROM due
"""


def needs_assessments(on: date) -> dict:
    """Needs assessments overdue, among those whose status needs a plan."""
    return _row(NEEDS_ASSESSMENTS, _params(
        on, plan_statuses=_values(PA_AND_PLAN_STATUSES), months=NEEDS_ASSESSMENT_MONTHS))


# --- keeping in touch (dashboard.figures.contact_group) -----------------------------------------

#: `advisers.models.KeepInTouch.state` against the local standard: the defaults, as changed by
#: the council's own rows (a row with no interval takes a status out of the standard). The last
#: time in touch is read through the index on (young person, time) from the newest down.
CONTACT = f"""
WITH standard AS (
    SELECT coalesce(k.status, d.status) AS status,
           CASE WHEN k.status IS NOT NULL THEN k.interval_days ELSE d.days END AS days
    FROM unnest(%(default_statuses)s::text[], %(default_days)s::int[]) AS d (status, days)
    FULL JOIN advisers_keepintouchstandard k ON k.status = d.status
)
SELECT count(*) AS required,
       count(*) FILTER (WHERE l.day + st.days >= %(on)s) AS within_standard,
       count(*) FILTER (WHERE l.day IS NULL OR l.day + st.days < %(on)s) AS overdue,
       count(*) FILTER (WHERE l.day IS NULL) AS never
FROM eligibility_statutorystatus s
JOIN standard st ON st.status = s.status AND st.days IS NOT NULL
LEFT JOIN LATERAL (
    SELECT (c.contact_at AT TIME ZONE %(tz)s)::date AS day
    FROM advisers_contact c
    WHERE c.young_person_id = s.young_person_id AND c.outcome = ANY(%(in_touch)s)
      AND c.contact_at < {DAY_ENDS}
    ORDER BY c.contact_at DESC
    LIMIT 1
) AS l ON true
"""


def contact(on: date) -> dict:
    """Young people in touch within the standard, overdue, and never in touch."""
    defaults = sorted((str(status), days) for status, days in DEFAULT_KEEP_IN_TOUCH_DAYS.items())
    return _row(CONTACT, _params(
        on, default_statuses=[status for status, _ in defaults],
        default_days=[days for _, days in defaults], in_touch=_values(IN_TOUCH_OUTCOMES),
    ))


# --- accommodation (dashboard.figures.accommodation_group) --------------------------------------

#: The place covering the date (the one that started last), and its latest assessment made by
#: then (`accommodation.selectors.with_accommodation_on` and `suitability_on`).
ACCOMMODATION = """
SELECT count(*) AS in_scope,
       count(*) FILTER (WHERE assessed.outcome = 'suitable') AS suitable,
       count(*) FILTER (WHERE assessed.outcome <> 'suitable') AS unsuitable,
       count(*) FILTER (WHERE assessed.outcome IS NULL) AS not_recorded,
       count(*) FILTER (WHERE place.type_code = 'X') AS custody,
       count(*) FILTER (WHERE place.type_code = 'W') AS bed_and_breakfast,
       count(*) FILTER (WHERE place.type_code = 'Z') AS staying_put,
       count(*) FILTER (WHERE place.staying_close) AS staying_close,
       count(*) FILTER (WHERE moved.n >= %(moved_often)s) AS moved_3_or_more_12_months
FROM eligibility_statutorystatus s
LEFT JOIN LATERAL (
    SELECT e.id, e.type_code, e.staying_close
    FROM accommodation_accommodationepisode e
    WHERE e.young_person_id = s.young_person_id
      AND e.start_on <= %(on)s AND (e.end_on IS NULL OR e.end_on >= %(on)s)
    ORDER BY e.start_on DESC
    LIMIT 1
) AS place ON true
LEFT JOIN LATERAL (
    SELECT a.outcome
    FROM accommodation_suitabilityassessment a
    WHERE a.episode_id = place.id AND a.assessed_on <= %(on)s
    ORDER BY a.assessed_on DESC, a.id DESC
    LIMIT 1
) AS assessed ON true
-- Moves in the 12 months up to the date (`accommodation.selectors.moves_by`): places started
-- in that time after another of theirs, not counting "residence not known".
LEFT JOIN LATERAL (
    SELECT count(*) AS n
    FROM accommodation_accommodationepisode m
    WHERE m.young_person_id = s.young_person_id
      AND m.start_on > %(moves_after)s AND m.start_on <= %(on)s
      AND m.type_code <> ALL(%(not_a_move)s)
      AND EXISTS (SELECT FROM accommodation_accommodationepisode b
                  WHERE b.young_person_id = m.young_person_id AND b.start_on < m.start_on)
) AS moved ON true
WHERE s.status = ANY(%(statuses)s)
"""


def accommodation(on: date) -> dict:
    """Where young people in scope lived: suitable, not suitable, not recorded, the places
    watched (custody, bed and breakfast, Staying Put, Staying Close), and those who moved
    often."""
    return _row(ACCOMMODATION, _params(
        on, statuses=_values(ACCOMMODATION_STATUSES), moves_after=moves_counted_after(on),
        moved_often=MOVED_OFTEN, not_a_move=_values(NOT_A_MOVE),
    ))


# --- education, employment and training (dashboard.figures._eet_group) --------------------------

EET_COUNTS = ("cohort", "in_eet", "neet", "not_recorded", "neet_illness_or_disability",
              "neet_other", "neet_pregnancy_or_parenting")


def eet_sql(bands: dict[str, tuple[int, int]]) -> str:
    """What young people in scope in each age band were doing, by the activity covering the date
    (the one that started last: `eet.selectors.with_activity_on`)."""
    band = " ".join(f"WHEN {aged(low, high)} THEN '{name}'"
                    for name, (low, high) in bands.items())
    return f"""
WITH in_scope AS (
    SELECT yp.id, CASE {band} END AS band
    FROM eligibility_statutorystatus s
    JOIN careleavers_youngperson yp ON yp.id = s.young_person_id
    WHERE s.status = ANY(%(statuses)s)
)
SELECT i.band,
       count(*) AS cohort,
       count(*) FILTER (WHERE a.code = ANY(%(eet)s)) AS in_eet,
       count(*) FILTER (WHERE a.code = ANY(%(neet)s)) AS neet,
       count(*) FILTER (WHERE a.code IS NULL) AS not_recorded,
       count(*) FILTER (WHERE a.code = 'G4') AS neet_illness_or_disability,
       count(*) FILTER (WHERE a.code = 'G5') AS neet_other,
       count(*) FILTER (WHERE a.code = 'G6') AS neet_pregnancy_or_parenting
FROM in_scope i
LEFT JOIN LATERAL (
    SELECT e.activity_code AS code
    FROM eet_activityepisode e
    WHERE e.young_person_id = i.id
      AND e.start_on <= %(on)s AND (e.end_on IS NULL OR e.end_on >= %(on)s)
    ORDER BY e.start_on DESC
    LIMIT 1
) AS a ON true
WHERE i.band IS NOT NULL
GROUP BY i.band
"""


def eet(on: date, bands: dict[str, tuple[int, int]] = EET_BANDS) -> dict[str, dict]:
    """{band: its figures} for each age band (the three of `dashboard.figures.EET_BANDS`)."""
    rows = _rows(eet_sql(bands), _params(
        on, statuses=_values(ACCOMMODATION_STATUSES), eet=_values(EET_CODES),
        neet=_values(NEET_CODES),
    ))
    found = {row.pop("band"): row for row in rows}
    # A band with nobody in it has no row.
    return {name: found.get(name, dict.fromkeys(EET_COUNTS, 0)) for name in bands}


# --- caseloads (dashboard.figures.caseloads_group) ----------------------------------------------

#: Current on the date: started by then, and not ended before it (`advisers.models.current_on`).
CURRENT = "a.start_on <= %(on)s AND (a.end_on IS NULL OR a.end_on >= %(on)s)"

CASELOADS = f"""
SELECT u.username, count(DISTINCT a.young_person_id) AS n
FROM advisers_allocation a
JOIN careleavers_user u ON u.id = a.adviser_id
WHERE a.kind = 'personal_adviser' AND {CURRENT}
GROUP BY u.username
UNION ALL
SELECT NULL, count(*)
FROM eligibility_statutorystatus s
WHERE s.status = ANY(%(plan_statuses)s)
  AND NOT EXISTS (
      SELECT FROM advisers_allocation a
      WHERE a.young_person_id = s.young_person_id AND a.kind = 'personal_adviser' AND {CURRENT}
  )
"""


def caseloads(on: date) -> dict:
    """Young people held by each Personal Adviser, and those needing one who have none."""
    rows = _rows(CASELOADS, _params(on, plan_statuses=_values(PA_AND_PLAN_STATUSES)))
    return {
        "unallocated_requiring_pa": next(r["n"] for r in rows if r["username"] is None),
        "per_adviser": {r["username"]: r["n"] for r in sorted(
            (r for r in rows if r["username"] is not None), key=lambda r: r["username"])},
    }


# --- stability (dashboard.figures.stability_group) ----------------------------------------------

#: A year before the date, as `advisers.selectors.year_before` has it: from 29 February to the
#: 28th, as PostgreSQL's interval arithmetic goes.
YEAR_BEFORE = "(%(on)s::date - interval '1 year')::date"

#: Changes of Personal Adviser in the 12 months before the date (`advisers.selectors.pa_changes`):
#: every PA who started in that time, less one if the first PA ever started in it.
STABILITY = f"""
WITH held AS (
    SELECT DISTINCT a.young_person_id
    FROM advisers_allocation a
    WHERE a.kind = 'personal_adviser' AND {CURRENT}
),
started AS (
    SELECT young_person_id,
           count(*) FILTER (WHERE start_on > {YEAR_BEFORE} AND start_on <= %(on)s) AS recently,
           min(start_on) AS first_on
    FROM advisers_allocation
    WHERE kind = 'personal_adviser'
    GROUP BY young_person_id
)
SELECT count(*) AS with_pa,
       count(*) FILTER (
           WHERE st.recently - (st.first_on > {YEAR_BEFORE})::int > 0
       ) AS pa_changed_12_months
FROM held h
JOIN started st USING (young_person_id)
"""


def stability(on: date) -> dict:
    """Young people with a Personal Adviser, and those whose PA changed in 12 months."""
    return _row(STABILITY, _params(on))


# --- authorisation (dashboard.figures.authorisation_group) --------------------------------------

#: Plans waiting for a manager on the date, and those authorised in the 28 days up to it, in one
#: pass over the plans (`dashboard.figures.authorisation_group`).
AUTHORISATION = f"""
WITH plans AS (
    SELECT young_person_id,
           submitted_at < {DAY_ENDS} AND (state = 'submitted' OR decided_at >= {DAY_ENDS})
               AS waiting,
           state = 'authorised' AND submitted_at IS NOT NULL AND decided_at < {DAY_ENDS}
               AND decided_at >= ((%(on)s::date - %(within_days)s + 1)::timestamp
                                  AT TIME ZONE %(tz)s)
               AS authorised_lately,
           (decided_at AT TIME ZONE %(tz)s)::date - (submitted_at AT TIME ZONE %(tz)s)::date
               AS days
    FROM pathways_pathwayplan
),
summary AS (
    SELECT count(DISTINCT young_person_id) FILTER (WHERE waiting) AS waiting,
           count(DISTINCT young_person_id) FILTER (WHERE authorised_lately)
               AS authorised_last_28_days,
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY days)
                FILTER (WHERE authorised_lately))::numeric AS middle
    FROM plans
)
SELECT waiting,
       authorised_last_28_days,
       -- statistics.median, then Python's round(), which takes a half to the even number
       -- (PostgreSQL's round takes it away from zero).
       (CASE WHEN middle = trunc(middle) THEN middle ELSE 2 * round(middle / 2) END)::int
           AS median_days_to_authorise
FROM summary
"""


def authorisation(on: date) -> dict:
    """Plans waiting for a manager, and the median days to authorise over the last 28 days."""
    return _row(AUTHORISATION, _params(on, within_days=AUTHORISED_WITHIN_DAYS))


# --- the local offer (dashboard.figures, the local_offer group) ----------------------------------

#: For each entitlement offered: who can have it by their status and age on the date
#: (`localoffer.rules.can_have`), and who of them had it agreed by the date.
LOCAL_OFFER_TAKE_UP = f"""
SELECT e.key,
       count(yp.id) AS can_have,
       count(yp.id) FILTER (WHERE EXISTS (
           SELECT 1 FROM localoffer_offerrequest r
           WHERE r.young_person_id = yp.id AND r.entitlement_id = e.id AND r.state = 'agreed'
             AND r.asked_at < {DAY_ENDS} AND r.decided_at < {DAY_ENDS})) AS had
FROM localoffer_entitlement e
LEFT JOIN eligibility_statutorystatus s ON e.statuses ? s.status
LEFT JOIN careleavers_youngperson yp
       ON yp.id = s.young_person_id
      AND yp.date_of_birth <= (%(on)s::date - make_interval(years => e.youngest_age))::date
      AND yp.date_of_birth > (%(on)s::date - make_interval(years => e.oldest_age + 1))::date
WHERE e.active
GROUP BY e.key
"""

#: Who had a request waiting for a manager on the date, and who was paid in its month (less
#: payments cancelled by then), and how much.
LOCAL_OFFER_REST = f"""
SELECT (SELECT count(DISTINCT young_person_id) FROM localoffer_offerrequest
        WHERE asked_at < {DAY_ENDS} AND (decided_at IS NULL OR decided_at >= {DAY_ENDS}))
           AS requests_waiting,
       count(DISTINCT p.young_person_id) AS paid_this_month,
       coalesce(sum(p.amount_pence), 0) AS paid_this_month_pence
FROM localoffer_payment p
WHERE p.paid_on BETWEEN date_trunc('month', %(on)s::date)::date AND %(on)s::date
  AND (p.cancelled_at IS NULL OR p.cancelled_at >= {DAY_ENDS})
"""


def local_offer(on: date) -> dict:
    """Take-up of each entitlement offered, requests waiting and what was paid this month."""
    params = _params(on)
    take_up = _rows(LOCAL_OFFER_TAKE_UP, params)
    return {
        "can_have": {row["key"]: row["can_have"] for row in take_up},
        "had": {row["key"]: row["had"] for row in take_up},
        **_row(LOCAL_OFFER_REST, params),
    }


# --- every figure --------------------------------------------------------------------------------

def figures(on: date) -> dict:
    """What `dashboard.figures.figures_for(on)` gives for the whole service, floor by floor."""
    return {
        "on": on.isoformat(),
        "young_people": young_people(on),
        "pathway_plans": pathway_plans(on),
        "needs_assessments": needs_assessments(on),
        "contact": contact(on),
        "accommodation": accommodation(on),
        **eet(on),
        "caseloads": caseloads(on),
        "stability": stability(on),
        "authorisation": authorisation(on),
        "local_offer": local_offer(on),
    }
