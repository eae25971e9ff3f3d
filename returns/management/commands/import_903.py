"""`import_903 DIR [DIR …] [--dry-run]` (INTERFACES.md §4): bring a council's own SSDA903
returns over, one folder for each collection year (see `returns.returns_903_import`).

All or nothing, as `import_records`: everything is checked and written in one transaction through
the same services as the forms, and any error anywhere keeps nothing: every error is listed as
`file.csv:LINE: column: message` and the command fails. Statuses, standings and alerts are
decided again afterwards, once for each young person changed, never imported.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from careleavers.models import Team, User
from careleavers.services import changes_collected
from returns.returns_903_import import TABLE_NAMES, Import903, year_label


class _RollBack(Exception):
    """Raised inside the transaction to undo it: on errors, and on a dry run."""


def _counted(tally, noun: str) -> str:
    total = tally.added + tally.updated + tally.unchanged
    return (f"{total} {noun} ({tally.added} added, {tally.updated} updated, "
            f"{tally.unchanged} unchanged)")


def _rows(rows) -> str:
    return f"{len(rows)} row{'s' if len(rows) != 1 else ''}"


class Command(BaseCommand):
    help = ("Bring a council's SSDA903 returns over: the header, episodes and care leaver tables "
            "for one or more collection years, one folder each (named by the year, such as 2024 "
            "or 2023-24). Checks every row; on any error imports nothing and lists each error.")

    def add_arguments(self, parser):
        parser.add_argument("directories", nargs="+", metavar="DIR",
                            help="a folder holding one collection year's 903 CSV files")
        parser.add_argument("--dry-run", action="store_true",
                            help="check everything and report what would change, but keep nothing")
        parser.add_argument("--team", metavar="TEAM_ID",
                            help="the team of young people new to the service (by default the "
                                 "only team, if there is one)")
        parser.add_argument("--recorded-by", metavar="USERNAME",
                            help="the member of staff a contact the returns record is recorded "
                                 "under when the young person had no Personal Adviser on the "
                                 "birthday (needed only then)")

    def handle(self, *args, directories, dry_run, team, recorded_by, **options):
        run = Import903([Path(d) for d in directories], today=timezone.localdate(),
                        team=self._team(team), recorded_by=self._staff(recorded_by))
        run.check()
        for line in run.skipped:
            self.stderr.write(line)
        if not run.ctx.errors:
            try:
                with transaction.atomic(), changes_collected():
                    run.load()
                    if run.ctx.errors or dry_run:
                        raise _RollBack
            except _RollBack:
                pass

        if run.ctx.errors:
            for error in run.ctx.sorted_errors():
                self.stderr.write(str(error))
            count = len(run.ctx.errors)
            raise CommandError(
                f"Nothing was imported: {count} error{'s' if count != 1 else ''} to fix"
            )

        for folder in run.folders:
            tables = ", ".join(
                f"{folder.files[table]} is {TABLE_NAMES[table]} ({_rows(folder.tables[table])})"
                for table in TABLE_NAMES if table in folder.tables)
            self.stdout.write(f"{folder.label} ({year_label(folder.year)}): {tables}")
        for note in run.notes:
            self.stdout.write(note)
        self.stdout.write("Young people: " + _counted(run.people, "in the headers"))
        self.stdout.write("Care periods: " + _counted(run.care_periods, "from the episodes"))
        codes = run.episode_codes
        self.stdout.write(f"Episodes kept for the return: {codes.updated + codes.unchanged} "
                          f"young people's ({codes.updated} added or changed, {codes.unchanged} "
                          "unchanged)")
        birthdays = run.birthdays
        self.stdout.write(f"Birthdays in the care leaver tables: "
                          f"{birthdays.updated + birthdays.unchanged} ({birthdays.updated} filled "
                          f"in where nothing was recorded, {birthdays.unchanged} left as "
                          "recorded)")
        if run.without_care_history:
            count = len(run.without_care_history)
            self.stdout.write(
                f"Care history not held for {count} young "
                f"{'person' if count == 1 else 'people'} ({', '.join(run.without_care_history)}):"
                " listed on the data quality page")
        if dry_run:
            self.stdout.write("Dry run: everything checked, nothing was imported.")
        elif not run.changed_anything():
            self.stdout.write(self.style.SUCCESS(
                "Nothing changed: everything in these files is already recorded."))
        else:
            self.stdout.write(self.style.SUCCESS("Imported."))

    def _team(self, team_id: str | None) -> Team | None:
        if team_id is not None:
            team = Team.objects.filter(team_id=team_id).first()
            if team is None:
                raise CommandError(f"--team: there is no team {team_id!r}")
            return team
        teams = list(Team.objects.all()[:2])
        return teams[0] if len(teams) == 1 else None

    def _staff(self, username: str | None) -> User | None:
        if username is None:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"--recorded-by: there is no member of staff {username!r}")
        return user
