from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careleavers.models import YoungPerson

from .rules import ChecklistItem, DocumentKind, FileType
from .storage import documents_storage, stored_name


class DocumentQuerySet(models.QuerySet):
    def current(self):
        """Documents neither replaced nor withdrawn."""
        return self.filter(withdrawn_at__isnull=True)

    def shared(self):
        """Current documents their PA has shared with the young person: the only ones they
        can open from their own pages."""
        return self.current().filter(shared_with_young_person=True)


class Document(models.Model):
    """A file on a young person's record: a tenancy agreement, a passport, a signed plan. Never
    deleted: one replaced or withdrawn says why, and stays in the record."""

    young_person = models.ForeignKey(YoungPerson, on_delete=models.CASCADE,
                                     related_name="documents")
    kind = models.CharField("kind of document", max_length=30, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    dated_on = models.DateField("date on the document", null=True, blank=True)
    file = models.FileField(storage=documents_storage, upload_to=stored_name, max_length=255)
    original_name = models.CharField("file name", max_length=255)
    content_type = models.CharField("type of file", max_length=100, choices=FileType.choices)
    size = models.PositiveIntegerField("size in bytes")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField("uploaded", default=timezone.now)
    withdrawn_at = models.DateTimeField("replaced or withdrawn", null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    withdrawn_reason = models.TextField("why it was replaced or withdrawn", blank=True)
    shared_with_young_person = models.BooleanField(
        "shared with the young person", default=False,
        help_text="They can download it from their own pages",
    )

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_current(self) -> bool:
        return self.withdrawn_at is None


class ChecklistTick(models.Model):
    """Whether a young person has one thing on the checklist of what they should leave care
    with, who last said so and when, and the document that shows it (if one is kept here).
    One row for each thing; every tick and untick is kept in its history."""

    young_person = models.ForeignKey(YoungPerson, on_delete=models.CASCADE,
                                     related_name="document_ticks")
    item = models.CharField("what they should have", max_length=30,
                            choices=ChecklistItem.choices)
    has_it = models.BooleanField("they have it", default=False)
    # Documents are never deleted but with the young person's whole record, ticks and all.
    document = models.ForeignKey(Document, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name="document that shows it")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    changed_at = models.DateTimeField("changed", default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["young_person", "item"],
                                    name="one_tick_per_checklist_item"),
        ]

    def __str__(self):
        return f"{self.get_item_display()}: {'have it' if self.has_it else 'missing'}"
