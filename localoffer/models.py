"""The local offer (DOMAIN.md §7): what the council promises its care leavers (entitlements, set
by an administrator), what a young person asked for and whether a manager agreed it, and what
was paid. Money is held in whole pence. Nothing here is deleted: an entitlement is retired, a
request declined, a payment cancelled, each with who and when in its history."""

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from simple_history.models import HistoricalRecords

from careleavers.models import YoungPerson

from .rules import PaidAs, PaymentMethod, pounds


class Entitlement(models.Model):
    """One thing in the council's local offer: how much (or nothing, for help that is not money,
    such as council tax exemption), whether it is paid once or in parts, who can have it, and the
    amount over which a manager must agree a request."""

    key = models.SlugField(
        "short name", max_length=50, unique=True,
        help_text="How payments.csv names it, for example setting-up-home. Lower-case letters, "
                  "numbers and hyphens.",
    )
    name = models.CharField(max_length=100)
    description = models.TextField("what it is, in plain words")
    amount_pence = models.PositiveIntegerField(
        "amount in pence", null=True, blank=True,
        help_text="Blank for help that is not money, such as council tax exemption",
    )
    paid = models.CharField("how it is paid", max_length=10, choices=PaidAs.choices,
                            default=PaidAs.IN_PARTS)
    statuses = models.JSONField(
        "who can have it", default=list,
        help_text="The statutory statuses that qualify",
    )
    youngest_age = models.PositiveSmallIntegerField("from age", default=16)
    oldest_age = models.PositiveSmallIntegerField(
        "to age", default=24, help_text="Up to and including this age: 24 means until their 25th "
                                        "birthday",
    )
    manager_over_pence = models.PositiveIntegerField(
        "a manager agrees requests over (pence)", default=0,
        help_text="0: a manager agrees every request. Requests up to this are agreed as they "
                  "are asked for.",
    )
    order = models.PositiveSmallIntegerField("order on the page", default=100)
    active = models.BooleanField(
        "offered now", default=True,
        help_text="Untick to retire it: nobody can ask for it any more, and what was paid is kept",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(youngest_age__lte=models.F("oldest_age")),
                                   name="entitlement_ages_in_order"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_money(self) -> bool:
        return self.amount_pence is not None

    @property
    def amount(self) -> str:
        return pounds(self.amount_pence, whole=True) if self.is_money else "Not paid in money"


class RequestState(models.TextChoices):
    WAITING = "waiting", "Waiting for a manager"
    AGREED = "agreed", "Agreed"
    DECLINED = "declined", "Declined"


class OfferRequestQuerySet(models.QuerySet):
    def standing(self):
        """Requests that hold part of an entitlement: waiting or agreed, not declined."""
        return self.exclude(state=RequestState.DECLINED)

    def with_paid(self):
        """Annotate `paid_pence`: the payments on each request, less those cancelled."""
        return self.annotate(paid_pence=Sum(
            "payments__amount_pence", filter=Q(payments__cancelled_at__isnull=True), default=0,
        ))


class OfferRequest(models.Model):
    """A young person's request, made by a member of staff who works with them, for an amount
    from one entitlement (or for help that is not money), and whether it was agreed."""

    young_person = models.ForeignKey(YoungPerson, on_delete=models.CASCADE,
                                     related_name="offer_requests")
    entitlement = models.ForeignKey(Entitlement, on_delete=models.PROTECT,
                                    related_name="requests")
    amount_pence = models.PositiveIntegerField("amount in pence", null=True, blank=True)
    reason = models.TextField("what it is for")
    state = models.CharField(max_length=10, choices=RequestState.choices,
                             default=RequestState.WAITING, db_index=True)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+",
                                 help_text="Blank for a payment imported from another system")
    asked_at = models.DateTimeField("asked")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField("decided", null=True, blank=True)
    decision_reason = models.TextField("why it was declined", blank=True)
    within_limit = models.BooleanField(
        "agreed as asked, within the limit", default=False,
        help_text="For no more than the entitlement's limit, so no manager had to agree it",
    )
    imported = models.BooleanField(default=False,
                                   help_text="Agreed and paid before this system")

    objects = OfferRequestQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-asked_at", "-pk"]

    def __str__(self):
        return f"{self.entitlement}: {self.amount_text}"

    @property
    def amount_text(self) -> str:
        return pounds(self.amount_pence) if self.amount_pence is not None else "Not money"

    @property
    def agreed(self) -> bool:
        return self.state == RequestState.AGREED


class PaymentQuerySet(models.QuerySet):
    def live(self):
        return self.filter(cancelled_at__isnull=True)


class Payment(models.Model):
    """Money paid against an agreed request. A payment made in error is cancelled, with the
    reason, and kept."""

    # Removed only with the young person's whole record (their requests go with it).
    request = models.ForeignKey(OfferRequest, on_delete=models.CASCADE, related_name="payments")
    # Held here as well as on the request, for lists and the finance file by date.
    young_person = models.ForeignKey(YoungPerson, on_delete=models.CASCADE,
                                     related_name="offer_payments")
    entitlement = models.ForeignKey(Entitlement, on_delete=models.PROTECT,
                                    related_name="payments")
    paid_on = models.DateField("date paid", db_index=True)
    amount_pence = models.PositiveIntegerField("amount in pence")
    method = models.CharField("how it was paid", max_length=20, choices=PaymentMethod.choices)
    reference = models.CharField("reference", max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    recorded_at = models.DateTimeField("recorded")
    imported_id = models.CharField(
        "payment ID in the file it was imported from", max_length=50, unique=True, null=True,
        blank=True,
    )
    cancelled_at = models.DateTimeField("cancelled", null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    cancel_reason = models.TextField("why it was cancelled", blank=True)

    objects = PaymentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-paid_on", "-pk"]

    def __str__(self):
        return f"{pounds(self.amount_pence)} on {self.paid_on}"

    @property
    def amount(self) -> str:
        return pounds(self.amount_pence)

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None
