"""`run_daily_checks [--on YYYY-MM-DD] [--verify]` (INTERFACES.md §5): what the nightly job
runs."""


from django.core.management.base import BaseCommand
from django.utils import timezone

from alerts.services import daily_checks_run
from careleavers.management.options import on_date
from careleavers.models import YoungPerson
from eligibility.rules import Status


class Command(BaseCommand):
    help = (
        "Run the daily checks for today, or for another date with --on: statuses move on "
        "birthdays and dated events; alerts are raised and resolved. Only the young people the "
        "days since the last run may move are checked, and everyone at least weekly (or with "
        "--verify). Running it twice for one date changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--on", metavar="YYYY-MM-DD", help="run as of this date")
        parser.add_argument(
            "--verify", action="store_true",
            help="check everyone from their records (not only those the days since the last "
                 "run may move), and list each young person whose standing no longer matched "
                 "their records, with the facts that moved",
        )

    def handle(self, *args, on=None, verify=False, **options):
        day = on_date(on) if on else timezone.localdate()
        checks = daily_checks_run(on=day, everyone=verify)
        self.stdout.write(f"Daily checks for {day.isoformat()}")
        if checks.everyone:
            self.stdout.write(f"Checked everyone from their records: {checks.statuses_decided}")
        else:
            self.stdout.write(
                f"Checked those the days since {checks.since.isoformat()} may move: "
                f"{checks.statuses_decided} statuses decided again"
            )
        count = checks.statuses_changed
        self.stdout.write(f"Statuses changed: {count}")
        for change in checks.status_changes:
            previous = Status(change.previous_status).label if change.previous_status else "none"
            self.stdout.write(
                f"  {change.young_person.person_id}: {previous} -> {Status(change.status).label}"
            )
        moved = checks.standings_moved
        self.stdout.write(f"Standings brought up to date: {len(moved)}")
        if verify:
            people = dict(YoungPerson.objects.filter(pk__in=moved).values_list("pk", "person_id"))
            for pk in sorted(moved, key=people.get):
                self.stdout.write(f"  {people[pk]}: {', '.join(moved[pk])}")
        for heading, alerts in (("Alerts raised", checks.alerts_raised),
                                ("Alerts resolved", checks.alerts_resolved)):
            self.stdout.write(f"{heading}: {len(alerts)}")
            people = dict(
                YoungPerson.objects.filter(pk__in={a.young_person_id for a in alerts})
                .values_list("pk", "person_id")
            )
            for alert in sorted(alerts, key=lambda a: (a.kind, people[a.young_person_id])):
                self.stdout.write(
                    f"  {people[alert.young_person_id]}: {alert.get_kind_display()}"
                )
        self.stdout.write(f"Placement alert emails caught up: {checks.placement_alerts_sent}")
