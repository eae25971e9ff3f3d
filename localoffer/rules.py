"""What a young person can have from the local offer, and money in pounds and pence. Pure code:
no database access, so the pages, the plan, the imports and the figures ask the same rules.

Sources: Children and Social Work Act 2017 s.2 (each council publishes its local offer for care
leavers); Children Act 1989 (Higher Education Bursary) (England) Regulations 2009 (£2,000 for a
former relevant young person in higher education); the DfE's expectation since April 2023 of a
setting-up-home allowance of at least £3,000, usable from leaving care to 25. Who qualifies for
each entitlement, and how much, are settings an administrator changes (DOMAIN.md §7).

Money is held as whole pence (integers), never as floating point.
"""

import re
from decimal import Decimal, InvalidOperation

from django.db import models


class PaidAs(models.TextChoices):
    ONCE = "once", "Once"
    IN_PARTS = "in_parts", "In parts, up to the amount"


class PaymentMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    PREPAID_CARD = "prepaid_card", "Prepaid card"
    SUPPLIER = "supplier", "Paid to a supplier or landlord"
    CASH = "cash", "Cash"
    VOUCHER = "voucher", "Voucher"


def can_have(entitlement, *, status: str | None, age: int) -> bool:
    """Whether a young person of this statutory `status` and `age` (whole years) can have
    `entitlement` today: it is not retired, their status is one it is for, and their age is
    within its ages (both ends included)."""
    return (
        entitlement.active
        and status is not None
        and status in entitlement.statuses
        and entitlement.youngest_age <= age <= entitlement.oldest_age
    )


def needs_a_manager(entitlement, amount_pence: int | None) -> bool:
    """Four eyes: a request for more than the entitlement's limit needs a team manager or duty
    manager to agree it; within the limit it is agreed as it is asked for."""
    return (amount_pence or 0) > entitlement.manager_over_pence


def left(amount_pence: int | None, used_pence: int) -> int | None:
    """What is left of an amount once `used_pence` is spent (never below nothing); None for
    something not paid in money."""
    if amount_pence is None:
        return None
    return max(amount_pence - used_pence, 0)


_POUNDS = re.compile(r"^\d{1,7}(\.\d{1,2})?$")


def pence_from_pounds(text: str) -> int:
    """'3,000', '£3000.50' or '25.5' as whole pence. ValueError for anything else, including
    a negative amount, more than two decimal places or more than £9,999,999.99."""
    cleaned = text.strip().replace(",", "").removeprefix("£").strip()
    if not _POUNDS.match(cleaned):
        raise ValueError(f"'{text}' is not an amount of money")
    try:
        return int(Decimal(cleaned) * 100)
    except InvalidOperation as error:  # pragma: no cover - the pattern lets none through
        raise ValueError(f"'{text}' is not an amount of money") from error


def pounds(pence: int | None, *, whole: bool = False) -> str:
    """'£3,000.00' (or '£3,000' with `whole` when there are no pence); '' for None."""
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    whole_pounds, rest = divmod(abs(pence), 100)
    if whole and not rest:
        return f"{sign}£{whole_pounds:,}"
    return f"{sign}£{whole_pounds:,}.{rest:02d}"


def plain_pounds(pence: int) -> str:
    """'3000.00': the amount as a finance system reads it, with no £ or commas."""
    whole_pounds, rest = divmod(pence, 100)
    return f"{whole_pounds}.{rest:02d}"
