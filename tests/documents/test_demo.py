"""The demo's documents: some of what each young person with a Personal Adviser should leave
care with ticked off by them, and a tenancy agreement kept for those in their own tenancy, a
PDF that opens and says so; seeding again changes nothing."""

import io
import re
from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from documents.models import ChecklistTick, Document

pytestmark = pytest.mark.django_db


def test_the_demo_ticks_off_documents_and_keeps_tenancy_agreements(documents_store):
    out = StringIO()
    call_command("seed_demo", "--young-people", "40", stdout=out)

    assert re.search(r"Documents: \d+ checklist items ticked off for \d+ young people; "
                     r"[1-9]\d* tenancy agreements uploaded and shared with them", out.getvalue())
    ticks = ChecklistTick.objects.select_related("young_person", "changed_by")
    assert ticks.count() > 10
    for tick in ticks:
        assert tick.has_it and tick.changed_by.role == "personal_adviser"
    agreements = list(Document.objects.select_related("young_person"))
    assert agreements, "nobody in the demo lives in their own tenancy"
    for agreement in agreements:
        assert agreement.kind == "tenancy_agreement" and agreement.dated_on is not None
        with agreement.file.open("rb") as pdf:
            text = PdfReader(io.BytesIO(pdf.read())).pages[0].extract_text()
        assert "tenancy agreement" in text.lower()
        assert agreement.young_person.last_name in text
        tick = ticks.get(young_person=agreement.young_person, item="tenancy_agreement")
        assert tick.document == agreement
        assert agreement.shared_with_young_person  # their own copy, on their own pages

    counts = ChecklistTick.history.count(), Document.objects.count()
    call_command("seed_demo", "--young-people", "40", stdout=StringIO())
    assert (ChecklistTick.history.count(), Document.objects.count()) == counts
