"""Demo documents, through the services: each young person with a Personal Adviser has some of
what they should leave care with ticked off by them, and someone living in their own tenancy
has their tenancy agreement kept on the record (a one-page PDF made here, dated the day they
moved in) and ticked off with it. Everything is made up."""

from django.core.files.base import ContentFile
from django.db.models import Q

from careleavers.dates import format_dfe_date, month_and_year
from careleavers.demo import DemoContext, demo_step
from careleavers.models import YoungPerson

from .models import ChecklistTick, Document
from .rules import ChecklistItem, DocumentKind
from .services import checklist_tick, document_share, document_upload

#: What a Personal Adviser has most often seen by now, and how likely each is ticked off.
LIKELY = [(ChecklistItem.BIRTH_CERTIFICATE, 0.7), (ChecklistItem.NATIONAL_INSURANCE, 0.6),
          (ChecklistItem.BANK_ACCOUNT, 0.5), (ChecklistItem.PASSPORT_OR_IMMIGRATION, 0.3)]
#: The DfE's code for living independently (ACCOM U): their own tenancy.
OWN_TENANCY = "U"


def simple_pdf(lines: list[str]) -> bytes:
    """A one-page PDF (A4, Helvetica) with these lines of plain text, written byte by byte: a
    real PDF any viewer opens, without drawing one through WeasyPrint for every young person."""
    def escaped(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    text = " ".join(f"({escaped(line)}) Tj T*" for line in lines)
    stream = f"BT /F1 12 Tf 16 TL 60 780 Td {text} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{start}\n"
            "%%EOF\n").encode()
    return out


def _advisers_today(ctx: DemoContext) -> dict:
    """{young person pk: their Personal Adviser today} (allocations belong to advisers: read by
    relation)."""
    staff_by_pk = {user.pk: user for user in ctx.staff.values()}
    return {
        pk: staff_by_pk[adviser_pk]
        for pk, adviser_pk in ctx.young_people().filter(
            Q(allocations__end_on__isnull=True) | Q(allocations__end_on__gte=ctx.today),
            allocations__kind="personal_adviser", allocations__start_on__lte=ctx.today,
        ).values_list("pk", "allocations__adviser")
        if adviser_pk in staff_by_pk
    }


def _tenancy_agreement(ctx: DemoContext, person: YoungPerson, spell) -> bytes:
    return simple_pdf([
        "Assured shorthold tenancy agreement",
        "",
        f"Landlord: {spell.where or 'Demo Borough Council Housing'}",
        f"Tenant: {person.first_name} {person.last_name}",
        f"Tenancy starts: {format_dfe_date(spell.start_on)}",
        "",
        "Made-up demo document: not a real tenancy.",
    ])


@demo_step(order=60)
def add_documents(ctx: DemoContext) -> None:
    advisers = _advisers_today(ctx)
    people = [person for person in ctx.young_people() if person.pk in advisers]
    done = set(ChecklistTick.objects.filter(young_person__in=people)
               .values_list("young_person", flat=True)) | set(
        Document.objects.filter(young_person__in=people).values_list("young_person", flat=True))
    ticks = uploads = ticked_for = 0
    for person in people:
        if person.pk in done:
            continue
        rng = ctx.rng("documents", person.person_id)
        adviser = advisers[person.pk]
        ticked = [item for item, chance in LIKELY if rng.random() < chance]
        for item in ticked:
            checklist_tick(actor=adviser, young_person=person, item=item, has_it=True)
        home = ctx.place_on(person, ctx.today)
        if home is not None and home.code == OWN_TENANCY:
            agreement = document_upload(
                actor=adviser, young_person=person, kind=DocumentKind.TENANCY_AGREEMENT,
                title=f"Tenancy agreement from {month_and_year(home.start_on)}",
                dated_on=home.start_on,
                upload=ContentFile(_tenancy_agreement(ctx, person, home),
                                   name="tenancy-agreement.pdf"),
            )
            checklist_tick(actor=adviser, young_person=person,
                           item=ChecklistItem.TENANCY_AGREEMENT, has_it=True,
                           document=agreement)
            # Their own copy, to download from their own pages.
            document_share(actor=adviser, document=agreement, shared=True)
            uploads += 1
            ticked.append(ChecklistItem.TENANCY_AGREEMENT)
        ticks += len(ticked)
        ticked_for += bool(ticked)
    ctx.report.append(f"Documents: {ticks} checklist items ticked off for {ticked_for} young "
                      f"people; {uploads} tenancy agreements uploaded and shared with them")
