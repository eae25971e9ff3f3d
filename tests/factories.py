from datetime import timedelta

import factory
from django.utils import timezone

from careleavers.models import Role, Team, User
from standing.standings import standings_refresh

PASSWORD = "correct-horse-battery"

STAFF_NAMES = [
    "Priya Shah", "Tom Evans", "Grace Okoye", "Liam Byrne", "Amira Haddad", "Dan Kowalczyk",
    "Ellie Morgan", "Kwame Mensah", "Sophie Turner", "Raj Patel", "Hannah Lee", "Joe Barker",
]


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ["team_id"]

    team_id = factory.Sequence(lambda n: f"team-{n}")
    name = factory.Sequence(lambda n: f"Team {n}")


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    # Plain names, so tests can look for them in HTML without escaping (no O'Neills).
    full_name = factory.Sequence(lambda n: STAFF_NAMES[n % len(STAFF_NAMES)])
    email = factory.LazyAttribute(lambda u: f"{u.username}@council.example")
    role = Role.PERSONAL_ADVISER
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        if create and extracted:
            self.teams.set(extracted)


class KeepsStanding(factory.django.DjangoModelFactory):
    """Saved directly, a record still leaves its young person's standing as the services would
    (the services refresh it in the transaction of every change)."""

    class Meta:
        abstract = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            standings_refresh(young_person_ids=[getattr(instance, "young_person_id", instance.pk)],
                              on=timezone.localdate())


class YoungPersonFactory(KeepsStanding):
    """A young person saved directly, without a status. Use careleavers.services.
    young_person_create when the test needs the status worked out as the app would."""

    class Meta:
        model = "careleavers.YoungPerson"
        skip_postgeneration_save = True

    person_id = factory.Sequence(lambda n: f"CL{n:06d}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.Faker("date_of_birth", minimum_age=16, maximum_age=24)
    sex = "F"
    ethnicity = "WBRI"
    team = factory.SubFactory(TeamFactory)

    @factory.post_generation
    def restricted_to(self, create, extracted, **kwargs):
        if create and extracted:
            self.restricted_to.set(extracted)


class AllocationFactory(KeepsStanding):
    """A Personal Adviser's allocation saved directly. Use advisers.services.adviser_allocate when
    the test is about allocating."""

    class Meta:
        model = "advisers.Allocation"

    young_person = factory.SubFactory(YoungPersonFactory)
    adviser = factory.SubFactory(StaffFactory, role=Role.PERSONAL_ADVISER)
    kind = "personal_adviser"
    start_on = factory.Faker("date_between", start_date="-2y", end_date="-1d")


class ContactFactory(KeepsStanding):
    """A contact saved directly (a home visit where they were seen, a week ago, by default)."""

    class Meta:
        model = "advisers.Contact"

    young_person = factory.SubFactory(YoungPersonFactory)
    made_by = factory.SubFactory(StaffFactory, role=Role.PERSONAL_ADVISER)
    contact_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    contact_type = "home_visit"
    outcome = "seen"


class PathwayPlanFactory(KeepsStanding):
    """A pathway plan saved directly: by default plan 1, authorised, its review held 60 days ago.
    Use pathways.services when the test is about writing or deciding plans."""

    class Meta:
        model = "pathways.PathwayPlan"

    young_person = factory.SubFactory(YoungPersonFactory)
    number = factory.Sequence(lambda n: n + 1)
    state = "authorised"
    author = factory.SubFactory(StaffFactory, role=Role.PERSONAL_ADVISER)
    review_held_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=60))
    started_on = factory.LazyAttribute(lambda plan: plan.review_held_on or timezone.localdate())
    submitted_at = factory.LazyAttribute(
        lambda plan: None if plan.state == "draft" else timezone.now() - timedelta(days=50)
    )
    decided_at = factory.LazyAttribute(
        lambda plan: timezone.now() - timedelta(days=45)
        if plan.state in ("authorised", "returned") else None
    )
    decided_by = factory.Maybe(
        factory.LazyAttribute(lambda plan: plan.state in ("authorised", "returned")),
        yes_declaration=factory.SubFactory(StaffFactory, role=Role.TEAM_MANAGER),
        no_declaration=None,
    )


class PlanSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pathways.PlanSection"

    plan = factory.SubFactory(PathwayPlanFactory)
    key = "accommodation"
    plan_text = "Stay in the flat; PA to chase the repairs."
    young_persons_words = "I like it here but the heating keeps breaking."


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pathways.PlanAction"

    section = factory.SubFactory(PlanSectionFactory)
    who = "Personal Adviser"
    what = "Ring the landlord about the boiler"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


class EarlyReviewFactory(KeepsStanding):
    class Meta:
        model = "pathways.EarlyReview"

    young_person = factory.SubFactory(YoungPersonFactory)
    requested_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    reason = "young_person_asked"
    due_on = factory.LazyAttribute(lambda review: review.requested_on + timedelta(days=28))
