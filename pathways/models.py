"""Needs assessments, pathway plans, their reviews and authorisation (DOMAIN.md §2-3)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from careleavers.models import YoungPerson

from . import rules


class Section(models.TextChoices):
    """The parts of a needs assessment and a pathway plan (CPPCR reg 42; CLR reg 6 and Sch 1-2).
    The keys are what the database, imports and forms use."""

    CONTACT = "contact", "Keeping in touch and personal support"
    EDUCATION = "education", "Education and training"
    EMPLOYMENT = "employment", "Work and other things to do"
    CONTINGENCY = "contingency", "If things go wrong"
    ACCOMMODATION = "accommodation", "Where I live"
    RELATIONSHIPS = "relationships", "Family, friends and people I trust"
    SKILLS = "skills", "Looking after myself and my home"
    MONEY = "money", "Money and what I can get"
    HEALTH = "health", "Health and how I feel"
    IDENTITY = "identity", "Who I am: faith, culture and language"


class NeedsAssessment(models.Model):
    """What the young person needs, assessed with them before their first plan (CLR reg 5-6)."""

    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="needs_assessments"
    )
    started_on = models.DateField("started")
    completed_on = models.DateField("completed", null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    #: {section key: what was found}
    areas = models.JSONField(default=dict, blank=True)
    young_persons_views = models.TextField("the young person's views", blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on", "-pk"]

    def __str__(self):
        return f"Needs assessment for {self.young_person} started {self.started_on}"

    @property
    def is_complete(self) -> bool:
        return self.completed_on is not None


class PlanState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for authorisation"
    RETURNED = "returned", "Returned for changes"
    AUTHORISED = "authorised", "Authorised"


#: A young person has at most one plan in these states at a time: the one being worked on.
OPEN_STATES = (PlanState.DRAFT, PlanState.SUBMITTED, PlanState.RETURNED)


class PathwayPlan(models.Model):
    """One version of a young person's pathway plan. Each review starts a new version from the
    plan in force; authorised versions are never changed."""

    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="pathway_plans"
    )
    number = models.PositiveIntegerField()
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="+",
        help_text="The authorised plan this version was started from",
    )
    needs_assessment = models.ForeignKey(
        NeedsAssessment, null=True, blank=True, on_delete=models.RESTRICT, related_name="plans"
    )
    state = models.CharField(max_length=20, choices=PlanState.choices, default=PlanState.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pathway_plans_written"
    )
    started_on = models.DateField("started")
    review_held_on = models.DateField(
        "review held on", null=True, blank=True,
        help_text="The date of the review meeting. For a first plan, the date it was agreed.",
    )
    next_review_requested_on = models.DateField(
        "next review earlier, on", null=True, blank=True,
        help_text="Only if the review agreed an earlier date than 6 months",
    )
    aspirations = models.TextField("what they want for their future", blank=True)
    trusted_people = models.TextField(
        "who they trust and would turn to in a crisis", blank=True
    )
    own_words = models.TextField("in their own words", blank=True)
    received_copy = models.BooleanField("they have a copy of the plan", null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="pathway_plans_decided",
    )
    return_reasons = models.TextField("what needs changing", blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["young_person", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["young_person", "number"], name="one_plan_number_per_young_person"
            ),
            models.UniqueConstraint(
                fields=["young_person"],
                condition=models.Q(state__in=["draft", "submitted", "returned"]),
                name="one_open_plan_per_young_person",
            ),
        ]
        indexes = [
            models.Index(fields=["young_person", "state", "-review_held_on"]),
            models.Index(fields=["state", "submitted_at"]),
            models.Index(fields=["state", "decided_at"]),
        ]

    def __str__(self):
        return f"Pathway plan {self.number} for {self.young_person}"

    @property
    def next_review_due(self):
        """When the next review is due (only meaningful once authorised)."""
        if self.review_held_on is None:
            return None
        return rules.next_review_due(self.review_held_on, self.next_review_requested_on)

    @property
    def is_authorised(self) -> bool:
        return self.state == PlanState.AUTHORISED

    @property
    def is_editable(self) -> bool:
        return self.state in (PlanState.DRAFT, PlanState.RETURNED)


class PlanSection(models.Model):
    """One part of a plan: what was agreed, and what the young person said about it."""

    plan = models.ForeignKey(PathwayPlan, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=20, choices=Section.choices)
    plan_text = models.TextField("what we agreed", blank=True)
    young_persons_words = models.TextField("what they said", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="one_section_of_each_kind")
        ]

    def __str__(self):
        return self.get_key_display()

    @property
    def is_filled(self) -> bool:
        return bool(self.plan_text.strip() or self.young_persons_words.strip())


class PlanAction(models.Model):
    """Something someone agreed to do, by a date."""

    section = models.ForeignKey(PlanSection, on_delete=models.CASCADE, related_name="actions")
    who = models.CharField(max_length=200)
    what = models.TextField()
    due_on = models.DateField("by")
    done = models.BooleanField(default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"{self.who}: {self.what[:50]}"


class EarlyReviewReason(models.TextChoices):
    YOUNG_PERSON_ASKED = "young_person_asked", "The young person asked"
    ADVISER_DECIDED = "adviser_decided", "Their Personal Adviser decided"
    ACCOMMODATION_MOVE = "accommodation_move", "They moved home"
    SIGNIFICANT_CHANGE = "significant_change", "Another significant change"


class EarlyReview(models.Model):
    """A review asked for before the 6 months are up (CPPCR reg 42(3); CLR reg 7(3); DOMAIN.md
    §2): due within 28 days of the request, met by the next plan reviewed on or after it."""

    Reason = EarlyReviewReason

    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="early_reviews"
    )
    requested_on = models.DateField("asked for on")
    reason = models.CharField(max_length=30, choices=EarlyReviewReason.choices)
    description = models.TextField(blank=True)
    due_on = models.DateField("due by")
    met_by_plan = models.ForeignKey(
        PathwayPlan, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="early_reviews_met",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_on", "-pk"]
        indexes = [models.Index(fields=["young_person", "met_by_plan", "due_on"])]

    def __str__(self):
        return f"Early review for {self.young_person} asked for on {self.requested_on}"
