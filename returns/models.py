"""The DfE's SSDA903 care leaver return as a Celery worker prepared it (careleavers.prepared): a
whole service takes longer to work out than a web request may, so the page shows and downloads
what the worker kept, never working the return out itself."""

from django.db import models
from simple_history.models import HistoricalRecords

from careleavers.models import YoungPerson
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


class Episode903(models.Model):
    """An episode of care as the council's own SSDA903 return gave it (`import_903`): the DfE's
    codes the care periods do not hold (legal status, placement, reasons, postcodes), kept so
    the product's own return can give them back. The care periods stay what the status is
    decided from; the export uses these only while they still make up a period exactly."""

    young_person = models.ForeignKey(YoungPerson, on_delete=models.CASCADE,
                                     related_name="episodes_903")
    started_on = models.DateField("DECOM")
    ceased_on = models.DateField("DEC", null=True, blank=True,
                                 help_text="The day after the last day looked after")
    rne = models.CharField("RNE", max_length=1, blank=True)
    legal_status = models.CharField("LS", max_length=2, blank=True)
    cin = models.CharField("CIN", max_length=2, blank=True)
    place = models.CharField("PLACE", max_length=2, blank=True)
    place_provider = models.CharField("PLACE_PROVIDER", max_length=3, blank=True)
    rec = models.CharField("REC", max_length=3, blank=True)
    reason_place_change = models.CharField("REASON_PLACE_CHANGE", max_length=5, blank=True)
    home_post = models.CharField("HOME_POST", max_length=8, blank=True)
    pl_post = models.CharField("PL_POST", max_length=8, blank=True)
    urn = models.CharField("URN", max_length=8, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["young_person", "started_on"]
        constraints = [models.UniqueConstraint(fields=["young_person", "started_on"],
                                               name="episode_903_once_per_start")]
        verbose_name = "SSDA903 episode"

    def __str__(self):
        return f"Episode from {self.started_on}"
