from django.conf import settings
from django.db import models

from careleavers.models import Team, YoungPerson


class Standing(models.Model):
    """Where one young person stands, as their records say on `derived_on`: what pages, lists,
    figures and alerts ask about, in one row. Every value is derived from the records by one
    function in `standing.facts` and kept up to date in the transaction of each change to
    them (`standings_refresh`); nothing here is ever typed in. Dates are stored, not states:
    "overdue" is a due date compared with the day, so the row stays true as days pass until a
    fact that depends on the date moves (the nightly checks)."""

    young_person = models.OneToOneField(
        YoungPerson, on_delete=models.CASCADE, related_name="standing", primary_key=True
    )
    derived_on = models.DateField()
    status = models.CharField(max_length=30, blank=True)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    restricted = models.BooleanField()
    # Their own details the figures group by, here so that the figures count from this table
    # alone, without joining every young person's row.
    date_of_birth = models.DateField(null=True)
    uasc = models.BooleanField(default=False)
    adviser = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                related_name="+")
    pa_changed_on = models.DateField(null=True)
    plan_required = models.BooleanField()
    plan_being_worked_on = models.CharField(max_length=20, blank=True)
    plan_awaiting_authorisation = models.BooleanField()
    plan_review_held_on = models.DateField(null=True)
    plan_review_due_on = models.DateField(null=True)
    plan_review_not_written_up = models.BooleanField()
    needs_assessment_due_on = models.DateField(null=True)
    last_in_touch_on = models.DateField(null=True)
    last_in_touch_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                         on_delete=models.SET_NULL, related_name="+")
    keep_in_touch_every_days = models.PositiveIntegerField(null=True)
    contact_due_on = models.DateField(null=True)
    place_type = models.CharField(max_length=2, blank=True)
    place_suitability = models.CharField(max_length=20, blank=True)
    activity_code = models.CharField(max_length=4, blank=True)
    release_expected_on = models.DateField(null=True)
    leave_ends_on = models.DateField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["team", "status"]),
            models.Index(fields=["adviser"]),
            models.Index(fields=["plan_review_due_on"]),
            models.Index(fields=["contact_due_on"]),
        ]

    def __str__(self):
        return f"Standing of {self.young_person_id} on {self.derived_on}"
