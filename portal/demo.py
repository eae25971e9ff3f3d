"""Demo of young people's own pages, through the services: the first young person on the demo
PA's caseload who has an email address and an authorised plan is invited by their PA. The demo
prints their email address, so anyone trying the demo can sign in as them (the code is printed
in the terminal, as every demo email is), read their plan and send their PA a message."""

from careleavers.demo import DemoContext, demo_step

from .models import Access
from .services import access_invite

#: The demo Personal Adviser whose young person is invited (README, the demo's accounts).
DEMO_PA = "pa"


def _invited(ctx: DemoContext, pa):
    """The young person the demo PA invites: on their caseload today with an authorised plan to
    read, one with an email address on their record if there is one."""
    people = list(
        ctx.young_people()
        .filter(allocations__adviser=pa, allocations__end_on__isnull=True,
                pathway_plans__state="authorised").distinct()
    )
    return next((person for person in people if person.email), people[0] if people else None)


def _email(person) -> str:
    """The address they gave their PA for the invitation: the record's, or a made-up one that
    reaches no one."""
    return person.email or f"{person.first_name}.{person.last_name}@example.com".lower().replace(
        " ", "").replace("-", "").replace("'", "")


@demo_step(order=80)
def add_own_access(ctx: DemoContext) -> None:
    pa = ctx.staff.get(DEMO_PA)
    if pa is None:
        return
    person = _invited(ctx, pa)
    if person is None:
        return
    current = Access.objects.current().filter(young_person=person).first()
    if current is None or not current.usable_at(ctx.now):
        # Invited again once an invitation runs out unused, so the demo can always be tried.
        current = access_invite(actor=pa, young_person=person, email=_email(person))
    ctx.report.append(
        f"A young person's own pages: {person.display_name} ({current.email}) is invited by "
        f"{pa.get_full_name()}. Sign in as them at /you/sign-in/ with that email: the code is "
        "printed in the terminal."
    )
