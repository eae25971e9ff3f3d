from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from careleavers.demo import DemoContext, run_demo_steps
from careleavers.models import Role
from careleavers.services import staff_upsert, team_upsert

DEMO_PASSWORD = "demo-leaving-care"

TEAMS = [("north", "North leaving care team"), ("south", "South leaving care team")]

# username, full name, role, team ids, caseload capacity
STAFF = [
    ("pa", "Priya Adeyemi", Role.PERSONAL_ADVISER, ["north"], 20),
    ("pa2", "Sam Okafor", Role.PERSONAL_ADVISER, ["north"], 20),
    ("pa3", "Jo Kowalski", Role.PERSONAL_ADVISER, ["south"], 20),
    ("manager", "Morgan Hughes", Role.TEAM_MANAGER, ["north"], None),
    ("manager2", "Alex Brennan", Role.TEAM_MANAGER, ["south"], None),
    ("duty", "Dana Whitfield", Role.DUTY_MANAGER, [], None),
    ("service", "Sasha Patel", Role.SERVICE_MANAGER, [], None),
    ("board", "Bernie Clarke", Role.BOARD_MEMBER, [], None),
    ("admin", "Ade Ibrahim", Role.ADMINISTRATOR, [], None),
]


class Command(BaseCommand):
    help = (
        "Load made-up demo data: teams, one account per role, and young people across every "
        "status with their care histories, Personal Advisers and contacts. Never real people. "
        "The same seed gives the same young people; running it again adds only who is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--young-people", type=int, default=60,
                            help="how many young people (default 60)")
        parser.add_argument("--seed", type=int, default=1,
                            help="the same seed gives the same young people (default 1)")

    @transaction.atomic
    def handle(self, *args, young_people, seed, **options):
        if not 0 <= young_people <= 9999:
            raise CommandError("--young-people must be from 0 to 9999")
        teams = {
            team_id: team_upsert(actor=None, team_id=team_id, name=name) for team_id, name in TEAMS
        }
        staff = {}
        for username, full_name, role, team_ids, capacity in STAFF:
            staff[username] = staff_upsert(
                actor=None,
                username=username,
                full_name=full_name,
                email=f"{username}@council.example",
                role=role,
                teams=[teams[t] for t in team_ids],
                caseload_capacity=capacity,
                password=DEMO_PASSWORD,
            )
        ctx = DemoContext(
            seed=seed, count=young_people, today=timezone.localdate(), now=timezone.now(),
            teams=teams, staff=staff,
            staff_teams={username: set(team_ids) for username, _, _, team_ids, _ in STAFF},
        )
        run_demo_steps(ctx)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        for line in ctx.report:
            self.stdout.write(line)
        self.stdout.write(f"Sign in at http://localhost:8000 with password {DEMO_PASSWORD!r} as:")
        for username, _, role, team_ids, _ in STAFF:
            team = f", {', '.join(team_ids)} team" if team_ids else ""
            self.stdout.write(f"  {username:<10} {Role(role).label}{team}")
