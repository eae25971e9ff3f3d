"""Import loaders for teams, staff and young people (INTERFACES.md §1)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from .csv_import import duplicate_keys, import_file
from .models import Ethnicity, Role, Sex, Team, User, YoungPerson
from .services import staff_upsert, team_upsert, young_person_create, young_person_update

TEAM_ID = re.compile(r"^[-a-zA-Z0-9_]+$")

#: Roles whose members work in a team, so their row must name it.
ROLES_IN_A_TEAM = (Role.PERSONAL_ADVISER, Role.TEAM_MANAGER)


@import_file("teams.csv", order=10, required=True, columns=["team_id", "name"], model=Team)
def load_teams(rows, ctx):
    for row in duplicate_keys(rows, lambda r: (r.text("team_id").lower(),), column="team_id"):
        team_id = row.text("team_id", required=True)
        name = row.text("name", required=True)
        if team_id and not TEAM_ID.match(team_id):
            row.error("team_id", "Use only letters, numbers, hyphens and underscores")
        if not row.ok:
            row.fail_key()
            continue
        existing = Team.objects.filter(team_id=team_id).first()
        if existing is not None and existing.name == name:
            ctx.count(row.file.name, "unchanged")
            continue
        if row.call(team_upsert, actor=ctx.actor, team_id=team_id, name=name) is None:
            row.fail_key()
            continue
        ctx.count(row.file.name, "added" if existing is None else "updated")


@import_file(
    "staff.csv", order=20, required=True,
    columns=["username", "full_name", "role"],
    optional_columns=["email", "team_id", "caseload_capacity"], model=User,
)
def load_staff(rows, ctx):
    for row in duplicate_keys(rows, lambda r: (r.text("username").lower(),), column="username"):
        username = row.text("username", required=True)
        if username:
            try:
                User.username_validator(username)
            except ValidationError as error:
                row.error("username", error.messages[0])
        full_name = row.text("full_name", required=True)
        email = row.text("email")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                row.error("email", f"'{email}' is not an email address")
        role = row.choice("role", Role)
        teams = []
        if row.text("team_id"):
            team = row.lookup("team_id", ctx.team, what="team", source="teams.csv")
            teams = [team] if team else []
        elif role in ROLES_IN_A_TEAM:
            row.error("team_id", f"Enter the team: a {Role(role).label.lower()} works in a team")
        capacity = row.integer("caseload_capacity")
        if not row.ok:
            row.fail_key()
            continue

        existing = User.objects.filter(username=username).first()
        values = {
            "full_name": full_name,
            "email": email if row.present("email") or existing is None else existing.email,
            "role": role,
            "caseload_capacity": (
                capacity if row.present("caseload_capacity") or existing is None
                else existing.caseload_capacity
            ),
        }
        if existing is not None and _staff_unchanged(existing, values, teams):
            ctx.count(row.file.name, "unchanged")
            continue
        if row.call(staff_upsert, actor=ctx.actor, username=username, teams=teams,
                    **values) is None:
            row.fail_key()
            continue
        ctx.count(row.file.name, "added" if existing is None else "updated")


def _staff_unchanged(user, values, teams) -> bool:
    return all(getattr(user, name) == value for name, value in values.items()) and set(
        user.teams.values_list("pk", flat=True)
    ) == {team.pk for team in teams}


YOUNG_PERSON_TEXT = ["first_name", "last_name", "preferred_name", "upn", "languages", "phone",
                     "email", "address"]
YOUNG_PERSON_FLAGS = ["uasc", "disability"]


@import_file(
    "young_people.csv", order=30, required=True,
    columns=["person_id", "first_name", "last_name", "date_of_birth", "sex", "ethnicity",
             "team_id"],
    optional_columns=["preferred_name", "upn", "uasc", "disability",
                      "languages", "phone", "email", "address"],
    model=YoungPerson,
)
def load_young_people(rows, ctx):
    for row in duplicate_keys(rows, lambda r: (r.text("person_id").lower(),), column="person_id"):
        person_id = row.text("person_id", required=True)
        fields = {
            name: row.text(name, required=name in ("first_name", "last_name"))
            for name in YOUNG_PERSON_TEXT if row.present(name)
        }
        fields |= {name: row.flag(name) for name in YOUNG_PERSON_FLAGS if row.present(name)}
        fields["date_of_birth"] = row.date("date_of_birth", required=True)
        fields["sex"] = row.choice("sex", Sex)
        fields["ethnicity"] = row.choice(
            "ethnicity", Ethnicity, what="a DfE ethnicity code (such as WBRI, BAFR or MOTH)"
        )
        fields["team"] = row.lookup("team_id", ctx.team, what="team", source="teams.csv")
        if not row.ok:
            row.fail_key()
            continue

        existing = ctx.young_person(person_id)
        columns = {"team": "team_id"}
        if existing is None:
            done = row.call(young_person_create, columns=columns, actor=ctx.actor,
                            today=ctx.today, person_id=person_id, **fields)
            outcome = "added"
        else:
            changed = {
                name: value for name, value in fields.items() if getattr(existing, name) != value
            }
            if not changed:
                ctx.count(row.file.name, "unchanged")
                continue
            done = row.call(young_person_update, columns=columns, actor=ctx.actor,
                            young_person=existing, version=existing.version, today=ctx.today,
                            **changed)
            outcome = "updated"
        if done is None:
            row.fail_key()
            continue
        ctx.count(row.file.name, outcome)
