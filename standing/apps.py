from django.apps import AppConfig


class StandingConfig(AppConfig):
    name = "standing"
    verbose_name = "Where each young person stands"

    def ready(self):
        # Keeps each young person's standing in the transaction of every change to their records.
        from django.db.models.signals import post_migrate

        from . import standings

        # A service upgraded to this has young people and no standings yet: derive them once,
        # so no page waits for the night.
        post_migrate.connect(standings.standings_fill_missing, sender=self)
