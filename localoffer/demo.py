"""Demo requests and payments from the local offer, through the services, for some of the young
people who have left care and have a Personal Adviser: a setting-up-home allowance for those
living in a place of their own, spent on furniture in parts; the higher education bursary for
those at university; council tax exemption for those 18 or over in a home of their own; a
birthday payment within the Personal Adviser's limit; driving lessons waiting for a manager; a
deposit declined until there is a tenancy. Each is asked for by their Personal Adviser and
agreed by their team manager, never the other way round. Suppliers and references are made up."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from careleavers.demo import DemoContext, demo_step
from careleavers.models import Role
from eligibility.rules import age_on, birthday

from .models import Entitlement, OfferRequest
from .rules import can_have
from .services import payment_record, request_agree, request_ask, request_decline

#: Places of their own (DfE ACCOM codes): independent living, ordinary lodgings, a foyer.
OWN_PLACE = {"U", "K"}
AT_UNIVERSITY = {"F1", "P1"}
FURNITURE = [
    ("A bed, a wardrobe and bedding for their new flat", 65_000, "Northfield Furniture Project"),
    ("A cooker and a fridge freezer", 72_000, "Demo Town Electricals"),
    ("A sofa, curtains and pots and pans", 48_000, "Northfield Furniture Project"),
]


def _at(ctx: DemoContext, rng, day: date) -> datetime:
    at = timezone.make_aware(datetime.combine(day, time(rng.randint(9, 16), rng.choice([0, 30]))))
    return min(at, ctx.now)


def _adviser(person, today: date):
    # Allocations belong to `advisers`; read here by relation, as careleavers.access does.
    allocation = person.allocations.filter(
        kind="personal_adviser", end_on__isnull=True, start_on__lte=today,
    ).select_related("adviser").order_by("-start_on").first()
    return allocation.adviser if allocation else None


def _days_ago(ctx, days: int) -> date:
    return ctx.today - timedelta(days=days)


@demo_step(order=60)
def add_local_offer(ctx: DemoContext) -> None:
    people = list(ctx.young_people().select_related("statutory_status"))
    had = set(OfferRequest.objects.filter(young_person__in=people)
              .values_list("young_person", flat=True))
    offer = {entitlement.key: entitlement for entitlement in Entitlement.objects.all()}
    counts = {"asked": 0, "paid": 0, "waiting": 0}

    for person in people:
        if person.pk in had:
            continue
        status = getattr(person, "statutory_status", None)
        age = age_on(person.date_of_birth, ctx.today)

        def may(key, status=status, age=age):
            return key in offer and can_have(offer[key], status=status and status.status,
                                             age=age)

        if not may("setting-up-home"):
            continue
        rng = ctx.rng("local-offer", person.person_id)
        if rng.random() > 0.6:
            continue
        adviser = _adviser(person, ctx.today)
        managers = ctx.team_members(person.team, Role.TEAM_MANAGER)
        if adviser is None or not managers:
            continue
        manager = managers[0]
        place = ctx.place_on(person, ctx.today)
        activity = ctx.activity_on(person, ctx.today)

        def ask(key, pence, reason, days, *, adviser=adviser, person=person, rng=rng):
            counts["asked"] += 1
            return request_ask(actor=adviser, young_person=person, entitlement=offer[key],
                               amount_pence=pence, reason=reason, today=ctx.today,
                               now=_at(ctx, rng, _days_ago(ctx, days)))

        def agree(request, days, *, manager=manager, rng=rng):
            return request_agree(actor=manager, request=request,
                                 now=_at(ctx, rng, _days_ago(ctx, days)))

        def pay(request, pence, days, method, reference, *, adviser=adviser):
            counts["paid"] += 1
            return payment_record(actor=adviser, request=request, paid_on=_days_ago(ctx, days),
                                  amount_pence=pence, method=method, reference=reference,
                                  today=ctx.today)

        if place is not None and place.code in OWN_PLACE:
            moved_in = min(max((ctx.today - place.start_on).days, 20), 700)
            items = rng.sample(FURNITURE, rng.randint(1, 2))
            request = agree(ask("setting-up-home", sum(p for _, p, _ in items),
                                "; ".join(reason[0].lower() + reason[1:] if n else reason
                                          for n, (reason, _, _) in enumerate(items)),
                                moved_in - 2), moved_in - 4)
            for number, (_, pence, supplier) in enumerate(items):
                pay(request, pence, max(moved_in - 7 - 5 * number, 1), "supplier",
                    f"{supplier.split()[0].upper()}-{rng.randint(1000, 9999)}")
            if age >= 18 and may("council-tax-exemption"):
                ask("council-tax-exemption", None, "Their own tenancy in the borough",
                    moved_in - 3)
        if activity is not None and activity.code in AT_UNIVERSITY and \
                may("higher-education-bursary"):
            request = agree(ask("higher-education-bursary", 200_000,
                                f"Studying {activity.detail} at {activity.where}", 90), 88)
            pay(request, 100_000, 80, "bank_transfer", f"HEB-{rng.randint(10000, 99999)}")
        since_birthday = (ctx.today - birthday(person.date_of_birth, age)).days
        if may("birthday-payment") and since_birthday >= 3 and rng.random() < 0.5:
            request = ask("birthday-payment", 2_500, "A present for their birthday",
                          since_birthday + 3)
            pay(request, 2_500, since_birthday, rng.choice(["bank_transfer", "voucher"]), "")
        if may("driving-lessons") and rng.random() < 0.2:
            ask("driving-lessons", 30_000,
                "Ten driving lessons: a licence would help them get to work", rng.randint(1, 6))
            counts["waiting"] += 1
        elif may("housing-deposit") and rng.random() < 0.15:
            request = ask("housing-deposit", 60_000, "A deposit for a room they have seen",
                          rng.randint(8, 20))
            request_decline(actor=manager, request=request,
                            reason="No tenancy offered yet: ask again once the landlord has "
                                   "agreed the let", now=_at(ctx, rng, _days_ago(ctx, 5)))
    ctx.report.append(
        f"Local offer: {counts['asked']} requests and {counts['paid']} payments; "
        f"{counts['waiting']} waiting for a manager"
    )
