"""Helpers for the pathway plan page tests: a young person with a plan history, and the form data
the plan pages post."""

import re
from datetime import date

from pathways.forms import SECTION_TEXT_FIELDS, section_field_name
from pathways.models import Section
from pathways.services import PLAN_FIELDS
from tests.advisers.people import allocate, date_post
from tests.pathways.plan_setup import authorised_plan, days_ago, written_plan, young_person

__all__ = ["plan_history", "plan_post", "action_post", "date_post", "error_next_to",
           "error_summary"]


def plan_history(teams, staff, *, status=None, **fields):
    """A young person in the north team held by `pa`, with plan 1 authorised by their manager
    (review held 60 days ago) and plan 2, a review, written by `pa` and still a draft."""
    kwargs = {"status": status} if status is not None else {}
    person = young_person(teams["north"], **kwargs, **fields)
    allocate(person, staff["pa"])
    first = authorised_plan(person, staff["pa"], staff["manager"], held_on=days_ago(60),
                            accommodation="Stay in the flat until the tenancy comes up.")
    draft = written_plan(person, staff["pa"], held_on=days_ago(3),
                         accommodation="Move to the supported flat in the spring.")
    return person, first, draft


def plan_post(plan, *, then="save", **changes) -> dict:
    """What the plan form posts: the plan as saved, with `changes`. Section fields are named
    `<section key>__plan_text` and `<section key>__young_persons_words`."""
    plan.refresh_from_db()
    sections = {section.key: section for section in plan.sections.all()}
    values = {name: getattr(plan, name) for name in PLAN_FIELDS}
    values["version"] = plan.version
    for key in Section.values:
        for name in SECTION_TEXT_FIELDS:
            values[section_field_name(key, name)] = (
                getattr(sections[key], name) if key in sections else ""
            )
    values.update(changes)
    data = {"then": then}
    for name, value in values.items():
        if isinstance(value, date) or (value is None and name in (
                "review_held_on", "next_review_requested_on")):
            data.update(date_post(name, value))
        elif name == "received_copy":
            data[name] = {True: "yes", False: "no", None: ""}[value]
        else:
            data[name] = "" if value is None else value
    return data


def action_post(*, section="education", who="Personal Adviser", what="Find a plumbing course",
                due_on=None, done=False) -> dict:
    data = {"section": section, "who": who, "what": what, **date_post("due_on", due_on)}
    if done:
        data["done"] = "on"
    return data


def error_next_to(response, name: str) -> str:
    """The error message shown in the form group of field `name`, or ''."""
    body = response.content.decode()
    start = body.find(f'id="div_id_{name}"')
    if start == -1:
        return ""
    end = body.find('id="div_id_', start + 1)
    group = body[start:end if end != -1 else None]
    match = re.search(
        r'class="govuk-error-message">\s*<span class="govuk-visually-hidden">Error:</span>\s*'
        r"(.+?)\s*</", group, re.DOTALL,
    )
    return match[1] if match else ""


def error_summary(response) -> str:
    body = response.content.decode()
    start = body.find('class="govuk-error-summary"')
    return body[start:body.find("</ul>", start)] if start != -1 else ""
