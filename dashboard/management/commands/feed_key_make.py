"""`feed_key_make USERNAME --name NAME`: a key for the figures feed, read as that service
manager; printed once."""

from django.core.management.base import BaseCommand, CommandError

from careleavers.models import User
from dashboard.feed import feed_key_make


class Command(BaseCommand):
    help = ("Make a key for the council's reporting tools to read the figures feed as a service "
            "manager. The key is printed once; withdraw it in the administration pages.")

    def add_arguments(self, parser):
        parser.add_argument("username", help="the service manager it reads as")
        parser.add_argument("--name", required=True, help="what reads with it, such as Power BI")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}")
        try:
            _, key = feed_key_make(made_for=user, name=name)
        except ValueError as refused:
            raise CommandError(
                f"{refused}: only a service manager's key may read the figures") from None
        self.stdout.write(key)
