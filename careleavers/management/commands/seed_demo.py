from django.core.management.base import BaseCommand
from django.db import transaction

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
    help = "Load made-up demo data: teams and one account per role. Never real people."

    def add_arguments(self, parser):
        parser.add_argument("--young-people", type=int, default=60)
        parser.add_argument("--seed", type=int, default=1)

    @transaction.atomic
    def handle(self, *args, **options):
        teams = {
            team_id: team_upsert(actor=None, team_id=team_id, name=name) for team_id, name in TEAMS
        }
        for username, full_name, role, team_ids, capacity in STAFF:
            staff_upsert(
                actor=None,
                username=username,
                full_name=full_name,
                email=f"{username}@council.example",
                role=role,
                teams=[teams[t] for t in team_ids],
                caseload_capacity=capacity,
                password=DEMO_PASSWORD,
            )
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Sign in at http://localhost:8000 with password {DEMO_PASSWORD!r} as:")
        for username, _, role, team_ids, _ in STAFF:
            team = f", {', '.join(team_ids)} team" if team_ids else ""
            self.stdout.write(f"  {username:<10} {Role(role).label}{team}")
