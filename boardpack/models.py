from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from careleavers.dates import month_and_year
from careleavers.prepared import PreparedFile, PreparedState

# The tables keep the names they had when these models lived in `dashboard`.


class BoardPack(models.Model):
    """The Corporate Parenting Board pack for one month: the service manager's commentary on each
    section, written before the PDF is made. The figures themselves are never stored here: each
    PDF works them out (or reads the month's snapshot) when it is made."""

    month = models.DateField(unique=True, help_text="The first day of the month")
    commentary = models.JSONField(default=dict, blank=True,
                                  help_text="Section key: the text shown under its heading")
    # Optimistic concurrency (careleavers.concurrency): a stale save is refused.
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(table_name="dashboard_historicalboardpack")

    class Meta:
        db_table = "dashboard_boardpack"
        ordering = ["-month"]

    def __str__(self):
        return f"Board pack for {month_and_year(self.month)}"


#: The states of a file being made, shared by every file a worker prepares.
BoardPackFileState = PreparedState


class BoardPackFileQuerySet(models.QuerySet):
    def without_pdf(self):
        """Everything but the PDF itself, for lists."""
        return self.defer("pdf")

    def done(self):
        return self.filter(state=BoardPackFileState.DONE)


class BoardPackFile(PreparedFile):
    """One PDF of a board pack, made by a Celery task (careleavers.prepared). Every one is kept
    so it can be downloaded again. The PDF lives in the database because the web server and the
    worker may be different machines."""

    pack = models.ForeignKey(BoardPack, on_delete=models.CASCADE, related_name="files")
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_size = models.PositiveIntegerField(default=0, help_text="Bytes")

    objects = BoardPackFileQuerySet.as_manager()

    class Meta:
        db_table = "dashboard_boardpackfile"
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.pack} ({self.get_state_display().lower()})"

    @property
    def filename(self) -> str:
        return f"corporate-parenting-board-{self.pack.month:%Y-%m}.pdf"
