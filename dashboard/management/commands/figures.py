"""`figures --on YYYY-MM-DD [--team TEAM_ID] --json` (INTERFACES.md §3): the dashboard's figures
as one JSON object."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from careleavers.management.options import on_date
from careleavers.models import Team
from dashboard.figures import figures_for


class Command(BaseCommand):
    help = (
        "Print the dashboard's figures for a date (today unless --on), for the service or a team."
    )

    def add_arguments(self, parser):
        parser.add_argument("--on", metavar="YYYY-MM-DD", help="the figures as of this date")
        parser.add_argument("--team", metavar="TEAM_ID", help="one team only")
        parser.add_argument("--json", action="store_true", help="print JSON (the only format)")

    def handle(self, *args, on=None, team=None, **options):
        day = on_date(on) if on else timezone.localdate()
        chosen = None
        if team:
            chosen = Team.objects.filter(team_id=team).first()
            if chosen is None:
                raise CommandError(f"There is no team with the ID {team!r}")
        self.stdout.write(json.dumps(figures_for(day, chosen), indent=2))
