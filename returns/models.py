"""The DfE's SSDA903 care leaver return as a Celery worker prepared it (careleavers.prepared): a
whole service takes longer to work out than a web request may, so the page shows and downloads
what the worker kept, never working the return out itself."""

from django.db import models

from careleavers.prepared import PreparedFile, PreparedState


class Return903FileQuerySet(models.QuerySet):
    def without_zip(self):
        """Everything but the zip itself, for the page."""
        return self.defer("zip")

    def done(self):
        return self.filter(state=PreparedState.DONE)


class Return903File(PreparedFile):
    """One preparation of the 903 return for a collection year: the zip to upload to DfE
    COLLECT, and everything the page shows of it. Each is kept; the page shows the latest."""

    year = models.PositiveSmallIntegerField(help_text="The collection year, by the year it "
                                                      "ends in")
    until = models.DateField(null=True, blank=True,
                             help_text="Birthdays up to this day (for a year not yet ended)")
    zip = models.BinaryField(null=True, blank=True, editable=False,
                             help_text="header.csv and oc3.csv")
    in_oc3 = models.PositiveIntegerField(default=0,
                                         help_text="Young people in the care leaver table")
    young_person_ids = models.JSONField(default=list, blank=True,
                                        help_text="The young people in it, for logging "
                                                  "downloads")
    failing = models.JSONField(default=list, blank=True,
                               help_text="Who would fail the DfE's checks and why, in birthday "
                                         "order")

    objects = Return903FileQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["year", "-requested_at"], name="return903_year_latest")]
        verbose_name = "prepared SSDA903 return"

    def __str__(self):
        state = self.get_state_display().lower()
        return f"SSDA903 return {self.year - 1}-{self.year % 100:02d} ({state})"

    @property
    def filename(self) -> str:
        return f"ssda903-care-leavers-{self.year - 1}-{self.year % 100:02d}.zip"
