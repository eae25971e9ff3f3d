"""The authorised plan as a PDF: the young person's copy in plain words with their own words first,
and the full plan for the file. Both list the actions with their dates. Read back with pypdf."""

import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from pypdf import PdfReader

from careleavers.pdf import StaticFilesOnly
from eligibility.rules import Status
from pathways.services import plan_action_add, plan_authorise, plan_submit, plan_update
from tests.advisers.people import allocate
from tests.pathways.plan_setup import days_ago, today, written_plan, young_person

pytestmark = pytest.mark.django_db


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[ \t]+", " ", text)


def fonts(response) -> set[str]:
    reader = PdfReader(io.BytesIO(response.content))
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


@pytest.fixture
def plan(staff, teams):
    person = young_person(teams["north"], Status.FORMER_RELEVANT, first_name="Amani",
                          last_name="Okafor", preferred_name="Ami", person_id="CL-4471")
    allocate(person, staff["pa"])
    plan = written_plan(person, staff["pa"], held_on=days_ago(5),
                        accommodation="Stay in the flat; ask the landlord about the boiler.",
                        education="Start the plumbing course at Kirklees College.")
    plan = plan_update(
        actor=staff["pa"], plan=plan, version=plan.version, received_copy=True,
        own_words="I want to stay near my sister and finish my course.",
        aspirations="Get a dog and go to the seaside.",
        trusted_people="My sister Hana, and my old foster carer Sue.",
        next_review_requested_on=days_ago(5) + timedelta(days=90),
        sections={"accommodation": {"young_persons_words": "The heating keeps breaking."}},
    )
    plan_action_add(actor=staff["pa"], plan=plan, section="accommodation",
                    who="Personal Adviser", what="Ring the landlord about the boiler",
                    due_on=today() + timedelta(days=7))
    plan_action_add(actor=staff["pa"], plan=plan, section="education", who="Ami",
                    what="Go to the college open day", due_on=today() + timedelta(days=21),
                    done=True)
    plan = plan_submit(actor=staff["pa"], plan=plan)
    return plan_authorise(actor=staff["manager"], plan=plan, notify=False)


def test_the_young_persons_copy_starts_with_their_own_words(client, staff, plan):
    client.force_login(staff["pa"])

    response = client.get(reverse("plan-pdf-young-person", args=[plan.pk]))

    text = pdf_text(response)
    first_heading = text.index("My pathway plan", text.index("Ami"))
    own_words = text.index("In my own words")
    assert own_words > first_heading
    assert text.index("I want to stay near my sister and finish my course.") < text.index(
        "What I want for my future")
    assert text.index("Get a dog and go to the seaside.") < text.index("Where I live")
    assert "My sister Hana, and my old foster carer Sue." in text
    # Only the parts of the plan that say something; in the young person's words first.
    assert "Where I live" in text and "Education and training" in text
    assert "Money and what I can get" not in text
    assert text.index("The heating keeps breaking.") < text.index("Stay in the flat;")


def test_the_young_persons_copy_lists_the_actions_with_dates(client, staff, plan):
    client.force_login(staff["pa"])

    text = pdf_text(client.get(reverse("plan-pdf-young-person", args=[plan.pk])))

    assert "Ring the landlord about the boiler" in text
    assert long_date(today() + timedelta(days=7)) in text
    assert "Go to the college open day" in text
    assert long_date(today() + timedelta(days=21)) in text
    assert f"by {long_date(plan.next_review_due)}" in text


def test_the_young_persons_copy_is_in_plain_words(client, staff, plan):
    client.force_login(staff["pa"])

    text = pdf_text(client.get(reverse("plan-pdf-young-person", args=[plan.pk])))

    for jargon in ("Authorised", "CPPCR", "statutory", "Council ID", "CL-4471"):
        assert jargon not in text


def test_the_full_plan_has_every_field_and_who_authorised_it(client, staff, plan):
    client.force_login(staff["pa"])

    text = pdf_text(client.get(reverse("plan-pdf-full", args=[plan.pk])))

    assert "Pathway plan 1" in text
    assert "Amani Okafor" in text and "CL-4471" in text
    assert f"Written by {staff['pa'].get_full_name()}" in text
    assert f"Authorised by {staff['manager'].get_full_name()}" in text
    assert f"Review held on {long_date(days_ago(5))}" in text
    assert f"Earlier review date agreed {long_date(days_ago(5) + timedelta(days=90))}" in text
    assert f"Next review due {long_date(plan.next_review_due)}" in text
    assert "Young person has a copy Yes" in text
    for heading in ("Keeping in touch and personal support", "Money and what I can get",
                    "Who I am: faith, culture and language"):
        assert heading in text
    assert "Ring the landlord about the boiler" in text
    assert long_date(today() + timedelta(days=7)) in text
    assert re.search(r"Go to the college open day\s+" + long_date(today() + timedelta(days=21))
                     + r"\s+Yes", text)
    assert "Confidential" in text
    assert re.search(r"Page 1 of \d", text)


def test_pdfs_download_as_attachments_named_without_the_young_person(client, staff, plan):
    client.force_login(staff["pa"])

    full = client.get(reverse("plan-pdf-full", args=[plan.pk]))
    theirs = client.get(reverse("plan-pdf-young-person", args=[plan.pk]))

    assert full["Content-Type"] == "application/pdf"
    assert full["Content-Disposition"] == 'attachment; filename="pathway-plan-1.pdf"'
    assert theirs["Content-Disposition"] == 'attachment; filename="my-pathway-plan-1.pdf"'
    assert "no-store" in [d.strip() for d in full["Cache-Control"].split(",")]
    assert full.content.startswith(b"%PDF-")


def test_pdfs_use_the_services_font_in_the_page_margins_too(client, staff, plan):
    client.force_login(staff["pa"])

    response = client.get(reverse("plan-pdf-full", args=[plan.pk]))

    assert fonts(response)
    assert all("Liberation-Sans" in name for name in fonts(response)), fonts(response)


def test_documents_may_use_the_services_static_files_and_nothing_else():
    fetcher = StaticFilesOnly()

    assert fetcher.fetch("http://testserver/static/favicon.svg").read().startswith(b"<")
    for url in ("http://169.254.169.254/latest/meta-data/", "file:///etc/passwd",
                "http://testserver/static/../../etc/passwd", "https://example.com/x.png"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_an_earlier_version_still_downloads_after_a_review(client, staff, plan):
    review = written_plan(plan.young_person, staff["pa"], held_on=today())
    plan_authorise(actor=staff["duty"], plan=plan_submit(actor=staff["pa"], plan=review),
                   notify=False)
    client.force_login(staff["colleague"])

    response = client.get(reverse("plan-pdf-full", args=[plan.pk]))

    assert response.status_code == 200
    assert "Pathway plan 1" in pdf_text(response)
