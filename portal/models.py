"""Young people's own access to the service: who was invited, by whom, and whether they still
may sign in. Young people are not staff users: they never hold a `careleavers.User`, so no staff
page, which all need a signed-in member of staff, can open for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careleavers.models import YoungPerson


class AccessQuerySet(models.QuerySet):
    def current(self):
        """Not withdrawn: the young person may use it (an invitation still has to be taken up
        before it runs out)."""
        return self.filter(withdrawn_at__isnull=True)


class Access(models.Model):
    """A young person's own access: made when their PA invites them, ended when it is withdrawn.
    A young person has at most one access that is not withdrawn; a new invitation after a
    withdrawal is a new row, so the old one's story stays."""

    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="portal_accesses"
    )
    email = models.EmailField("email address")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    invitation_expires_at = models.DateTimeField()
    #: When the invitation email went (once: the worker claims it before sending).
    invitation_sent_at = models.DateTimeField(null=True, blank=True)
    first_signed_in_at = models.DateTimeField(null=True, blank=True)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    withdrawn_reason = models.TextField(blank=True)

    objects = AccessQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-invited_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["young_person"], condition=Q(withdrawn_at__isnull=True),
                name="portal_one_current_access",
            ),
        ]

    def __str__(self):
        return f"Access for {self.young_person} ({self.email})"

    @property
    def taken_up(self) -> bool:
        return self.first_signed_in_at is not None

    def usable_at(self, moment) -> bool:
        """May be used to sign in at this moment: not withdrawn, and taken up or still inside
        the invitation's time."""
        if self.withdrawn_at is not None:
            return False
        return self.taken_up or moment < self.invitation_expires_at


class SignInCode(models.Model):
    """A one-time code emailed to a young person to sign in. Only its keyed hash is kept. It
    works once, until it runs out; a newer code replaces it; and never once wrong codes have
    locked its address (`locked_until`: when the address may be tried again)."""

    access = models.ForeignKey(Access, on_delete=models.CASCADE, related_name="sign_in_codes")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True)
    wrong_attempts = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["access", "-created_at"])]

    def __str__(self):
        return f"Sign-in code for {self.access_id} at {self.created_at}"


class PortalVisit(models.Model):
    """A young person signed in or out, or opened one of their own pages: their record's
    access log, as staff's openings are (`careleavers.RecordView`)."""

    access = models.ForeignKey(Access, on_delete=models.CASCADE, related_name="visits")
    at = models.DateTimeField(default=timezone.now)
    page = models.CharField(max_length=200)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["access", "-at"])]

    def __str__(self):
        return f"{self.page} at {self.at}"


class WrongSignInCode(models.Model):
    """A wrong code typed for an email address, whether or not it is one the service knows (kept
    by the address's keyed hash, not the address): too many in a while lock signing in with it,
    for any address alike, so the answers never say whose address is known."""

    email_hash = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["email_hash", "-at"])]

    def __str__(self):
        return f"Wrong code at {self.at}"


# --- What a young person asks ---------------------------------------------------------------


class AskKind(models.TextChoices):
    MESSAGE = "message", "Message"
    DETAILS = "details", "New phone, email or address"
    REVIEW = "review", "Plan review"
    SUPPORT = "support", "Support after 21"


class AskState(models.TextChoices):
    WAITING = "waiting", "Waiting for your PA"
    DONE = "done", "Done"
    DECLINED = "declined", "Your PA said no"


class SupportWish(models.TextChoices):
    """What a young person aged 21 to 24 says about support (the same two choices eligibility
    records: `eligibility.models.SupportChoiceKind`)."""

    ASKED = "asked", "I would like support again"
    OPTED_OUT = "opted_out", "I no longer want support"


class AskQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(state=AskState.WAITING)


class Ask(models.Model):
    """Something a young person asked through their own pages: a message to their PA, new
    contact details, an early review of their plan, or support after 21 (or no more of it).
    Nothing on their record changes until their PA (or, with no PA, a team manager) confirms
    it; a message is marked read. Each decision keeps who made it and when."""

    Kind = AskKind
    State = AskState

    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="portal_asks"
    )
    access = models.ForeignKey(Access, on_delete=models.PROTECT, related_name="asks")
    kind = models.CharField(max_length=20, choices=AskKind.choices)
    asked_at = models.DateTimeField(default=timezone.now)
    #: The message, or the young person's reason for a review or about support.
    text = models.TextField(blank=True)
    # New contact details proposed, beside the record's as they were when asked (a change made
    # on the record since makes the proposal stale).
    phone = models.CharField("phone number", max_length=30, blank=True)
    email = models.EmailField("email address", blank=True)
    address = models.TextField(blank=True)
    phone_was = models.CharField(max_length=30, blank=True)
    email_was = models.EmailField(blank=True)
    address_was = models.TextField(blank=True)
    support = models.CharField(max_length=20, choices=SupportWish.choices, blank=True)

    state = models.CharField(max_length=20, choices=AskState.choices, default=AskState.WAITING)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    decline_reason = models.TextField(blank=True)

    objects = AskQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-asked_at", "-pk"]
        indexes = [
            models.Index(fields=["young_person", "state"]),
            models.Index(fields=["state", "asked_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.young_person}"

    @property
    def waiting(self) -> bool:
        return self.state == AskState.WAITING

    @property
    def details_changed(self) -> list[tuple[str, str, str]]:
        """(what, as it was, as they asked) for each detail a details ask changes."""
        return [(label, getattr(self, f"{name}_was"), getattr(self, name))
                for name, label in (("phone", "Phone number"), ("email", "Email address"),
                                    ("address", "Address"))
                if getattr(self, name) != getattr(self, f"{name}_was")]

    @property
    def summary(self) -> str:
        """What was asked, in a few plain words, for lists."""
        if self.kind == AskKind.MESSAGE:
            return "Message"
        if self.kind == AskKind.DETAILS:
            return "New " + ", ".join(label.lower() for label, _, _ in self.details_changed)
        if self.kind == AskKind.REVIEW:
            return "Plan review"
        return self.get_support_display()
