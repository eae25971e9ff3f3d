from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from careleavers.models import YoungPerson
from eligibility.rules import Status

#: Keep-in-touch defaults from DOMAIN.md §2 (CA 1989 ss.23B, 23C; CLR reg 8), in days.
#: Councils change them in the admin; these fill a new installation.
DEFAULT_KEEP_IN_TOUCH_DAYS = {
    Status.ELIGIBLE: 56,
    Status.RELEVANT: 56,
    Status.FORMER_RELEVANT: 56,
    Status.FORMER_RELEVANT_EDUCATION: 56,
    Status.RETURNER_21_25: 56,
    Status.ENTITLED_ON_REQUEST: 365,
}


def interval_in_words(days: int | None) -> str:
    """'every 8 weeks', 'once a year', 'every 10 days'."""
    if days is None:
        return "no keep-in-touch standard"
    if days % 365 == 0:
        years = days // 365
        return "once a year" if years == 1 else f"every {years} years"
    if days % 7 == 0:
        weeks = days // 7
        return "every week" if weeks == 1 else f"every {weeks} weeks"
    return "every day" if days == 1 else f"every {days} days"


class KeepInTouchStandard(models.Model):
    """How often the service must be in touch with a young person of each status."""

    status = models.CharField(max_length=30, choices=Status.choices, unique=True)
    interval_days = models.PositiveSmallIntegerField(
        "at least every (days)", null=True, blank=True,
        help_text="Leave blank for no standard (for example, qualifying young people)",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["status"]

    def __str__(self):
        return f"{self.get_status_display()}: {interval_in_words(self.interval_days)}"

    @classmethod
    def as_dict(cls) -> dict[str, int | None]:
        """Status → days, with the DOMAIN.md defaults for any status not set locally."""
        standards = {str(k): v for k, v in DEFAULT_KEEP_IN_TOUCH_DAYS.items()}
        standards.update(dict(cls.objects.values_list("status", "interval_days")))
        return standards


class AllocationKind(models.TextChoices):
    PERSONAL_ADVISER = "personal_adviser", "Personal Adviser"
    COVER = "cover", "Covering"


def current_on(on: date) -> Q:
    """An allocation is current on a day from its start to its end, both included; an end date
    may be set ahead (a colleague covering a fortnight's leave)."""
    return Q(start_on__lte=on) & (Q(end_on__isnull=True) | Q(end_on__gte=on))


class AllocationQuerySet(models.QuerySet):
    def current(self, on: date):
        return self.filter(current_on(on))

    def main(self):
        return self.filter(kind=AllocationKind.PERSONAL_ADVISER)


class Allocation(models.Model):
    """A Personal Adviser's allocation to a young person, or a colleague covering for a while."""

    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="allocations"
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="allocations"
    )
    kind = models.CharField(
        max_length=20, choices=AllocationKind.choices, default=AllocationKind.PERSONAL_ADVISER
    )
    start_on = models.DateField("started")
    end_on = models.DateField("ended", null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)

    objects = AllocationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["young_person"],
                condition=Q(end_on__isnull=True, kind="personal_adviser"),
                name="one_current_personal_adviser",
            ),
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="allocation_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.adviser} for {self.young_person}"

    def is_current(self, on: date) -> bool:
        """The same test as `current_on`, for allocations already loaded."""
        return self.start_on <= on and (self.end_on is None or self.end_on >= on)


class Reallocation(models.Model):
    """Young people a manager moved to one Personal Adviser together (each with an allocation of
    their own), so that the adviser is told once, in one email, about all of them."""

    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    made_at = models.DateTimeField(auto_now_add=True)
    allocations = models.ManyToManyField(Allocation, related_name="+")
    notified_at = models.DateTimeField(
        null=True, blank=True, help_text="When the Personal Adviser was emailed"
    )

    class Meta:
        ordering = ["-made_at"]

    def __str__(self):
        return f"Young people moved to {self.adviser}"


class ContactType(models.TextChoices):
    HOME_VISIT = "home_visit", "Home visit"
    ACCOMMODATION_VISIT = "accommodation_visit", "Visit where they live (council-provided)"
    OFFICE = "office", "Met at the office"
    CUSTODY_VISIT = "custody_visit", "Visit in prison or custody"
    PHONE = "phone", "Phone call"
    VIDEO = "video", "Video call"
    MESSAGE = "message", "Text or app message"
    EMAIL = "email", "Email"
    OTHER = "other", "Other"


#: Contacts made face to face: only these can see a young person on their own. "Other" may be
#: either (a walk, a café), so the question is asked for it too.
FACE_TO_FACE_TYPES = frozenset({
    ContactType.HOME_VISIT, ContactType.ACCOMMODATION_VISIT, ContactType.OFFICE,
    ContactType.CUSTODY_VISIT, ContactType.OTHER,
})


#: Visits, told apart from calls, messages and meetings in the chronology's filter.
VISIT_TYPES = frozenset({
    ContactType.HOME_VISIT, ContactType.ACCOMMODATION_VISIT, ContactType.CUSTODY_VISIT,
})


class ContactOutcome(models.TextChoices):
    SEEN = "seen", "Seen"
    SPOKE = "spoke", "Spoke"
    ATTEMPTED = "attempted", "Tried but could not reach them"
    REFUSED = "refused", "They did not want contact"


#: Outcomes that count as being in touch (INTERFACES.md §3 'within_standard').
IN_TOUCH_OUTCOMES = (ContactOutcome.SEEN, ContactOutcome.SPOKE)


class ContactQuerySet(models.QuerySet):
    def in_touch(self):
        return self.filter(outcome__in=IN_TOUCH_OUTCOMES)


class Contact(models.Model):
    """A visit, call or message with a young person, or an attempt at one. Never deleted."""

    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="contacts"
    )
    contact_at = models.DateTimeField("date and time")
    contact_type = models.CharField("type", max_length=30, choices=ContactType.choices)
    outcome = models.CharField(max_length=20, choices=ContactOutcome.choices)
    seen_alone = models.BooleanField(null=True, blank=True)
    location = models.CharField("where", max_length=200, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contacts_made"
    )
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ContactQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-contact_at"]
        indexes = [models.Index(fields=["young_person", "-contact_at"])]

    def __str__(self):
        return f"{self.get_contact_type_display()} on {self.contact_at:%d %b %Y}"


@dataclass(frozen=True)
class KeepInTouch:
    """Where a young person stands against their keep-in-touch standard (DOMAIN.md §2).

    The next contact is due the standard's interval after the last time they were seen or spoken
    to (CA 1989 ss.23B, 23C). Someone never seen or spoken to is overdue.
    """

    last_in_touch: date | None
    interval_days: int | None

    DUE_SOON_DAYS = 7

    @property
    def required(self) -> bool:
        return self.interval_days is not None

    @property
    def in_words(self) -> str:
        return interval_in_words(self.interval_days)

    @property
    def next_due(self) -> date | None:
        if self.interval_days is None or self.last_in_touch is None:
            return None
        return self.last_in_touch + timedelta(days=self.interval_days)

    def state(self, today: date) -> str:
        """'none' (no standard), 'never', 'overdue', 'due_soon' (within 7 days) or 'ok'."""
        if not self.required:
            return "none"
        if self.last_in_touch is None:
            return "never"
        if today > self.next_due:
            return "overdue"
        if self.next_due <= today + timedelta(days=self.DUE_SOON_DAYS):
            return "due_soon"
        return "ok"
