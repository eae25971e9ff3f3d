"""Import loader for payments.csv (INTERFACES.md §1, optional): payments from the local offer
made before this system, each recorded as asked for, agreed and paid, with history rows that say
it was imported. They are held to what is left of each entitlement like any payment, so a file
that pays out more than an entitlement holds is refused, all of it. `payment_id` is the key:
importing the same file again changes nothing."""

from careleavers.csv_import import duplicate_keys, import_file

from .models import Entitlement, Payment
from .rules import PaymentMethod, pence_from_pounds
from .services import payment_import

COLUMNS = {"amount_pence": "amount", "paid_on": "paid_on", "entitlement": "entitlement",
           "method": "method", "reference": "reference"}


@import_file(
    "payments.csv", order=110,
    columns=["payment_id", "person_id", "entitlement", "amount", "paid_on", "method"],
    optional_columns=["reference", "agreed_by", "reason"],
    model=Payment,
)
def load_payments(rows, ctx):
    """Payments, keyed by the file's payment ID, loaded in date order."""
    entitlements = {entitlement.key: entitlement for entitlement in Entitlement.objects.all()}
    done = set(Payment.objects.filter(imported_id__isnull=False)
               .values_list("imported_id", flat=True))
    checked = []
    for row in duplicate_keys(rows, lambda r: (r.text("payment_id"),), column="payment_id"):
        payment_id = row.text("payment_id", required=True)
        if len(payment_id) > 50:
            row.error("payment_id", "Must be 50 characters or fewer")
        young_person = row.lookup("person_id", ctx.young_person, what="young person",
                                  source="young_people.csv")
        key = row.text("entitlement", required=True)
        entitlement = entitlements.get(key)
        if key and entitlement is None:
            row.error("entitlement", f"'{key}' is not an entitlement of the local offer "
                                     f"({', '.join(sorted(entitlements))})")
        amount_text = row.text("amount", required=True)
        amount = None
        if amount_text:
            try:
                amount = pence_from_pounds(amount_text)
            except ValueError:
                row.error("amount", f"'{amount_text}' must be an amount in pounds, like 250.00")
        paid_on = row.date("paid_on", required=True)
        method = row.choice("method", PaymentMethod)
        agreed_by = None
        username = row.text("agreed_by")
        if username:
            agreed_by = ctx.staff_member(username)
            if agreed_by is None:
                row.error("agreed_by", f"Unknown member of staff '{username}': not in "
                                       "staff.csv and not already here")
        if row.ok:
            checked.append((paid_on, row.line, row, payment_id, young_person, entitlement,
                            amount, method, agreed_by))

    for paid_on, _, row, payment_id, young_person, entitlement, amount, method, agreed_by in \
            sorted(checked, key=lambda c: c[:2]):
        if payment_id in done:
            ctx.count(row.file.name, "unchanged")
            continue
        payment = row.call(
            payment_import, columns=COLUMNS, actor=ctx.actor, young_person=young_person,
            entitlement=entitlement, amount_pence=amount, paid_on=paid_on, method=method,
            reference=row.text("reference"), agreed_by=agreed_by, imported_id=payment_id,
            reason=row.text("reason"), today=ctx.today,
        )
        if payment is not None:
            ctx.count(row.file.name, "added")
