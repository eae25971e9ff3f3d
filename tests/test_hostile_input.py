"""Hostile input to every form in the service: huge numbers, NUL characters, 10,000 characters,
impossible dates and ids that are not ids. Whatever is posted, the answer is never a 500, and a
post that is refused changes nothing in the database.

Every URL whose view takes a post (see `_takes_post`) is found by walking the URL resolver, and
each must be in FORMS (how to reach its form, and as whom) or in EXCLUDED (with the reason), so a
new form cannot be added without being covered here. Every form on every page opened must also
post to one of those URLs.

For each form, the page that holds it is opened and its fields are read from the HTML, as a
browser sees them. The form is posted as the browser would post it unchanged, with the answers a
person would give (FORMS' `fill`), and that post must be saved: so each hostile post after it is
otherwise valid. Then it is posted once for each hostile value in each field, everything else
left as it was. Each post is undone afterwards, so every post starts from the same records.

- A value that no field of its kind could take (a NUL character in text; anything in a date box,
  a choice, a number or a hidden field that the page did not offer) must be refused: the page
  again with the field's error (or a 4xx). Free text may take a hostile value that is only odd
  ("99999999999999999999" is a possible name).
- A refused post writes nothing, in any table: a half-save fails as a new or changed row does.
  See `Undoing` for how that is seen. Sessions (the idle clock, messages) and the sign-in
  lockout's record of attempts are written on purpose and are not counted.
- A refused page names what is wrong: "There is a problem" with nothing under it fails too.
"""

import functools
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.db import connection, transaction
from django.urls import URLPattern, resolve, reverse
from django.urls.converters import IntConverter
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accommodation.models import PlacementAlert
from boardpack.board_forms import month_slug
from boardpack.board_pack import board_pack_commentary_save, board_pack_request
from dashboard.snapshots import previous_month
from eligibility.services import care_period_add
from localoffer.services import payment_record, request_agree, request_ask
from pathways.services import needs_assessment_start, plan_action_add
from portal.services import access_invite, details_change_propose
from tests.accommodation.places import place
from tests.advisers.people import allocate, contact, young_person
from tests.documents.files import keep, pdf_bytes
from tests.eet.activities import activity
from tests.factories import PASSWORD
from tests.health.people import add_child
from tests.immigration.positions import granted, uasc_person
from tests.localoffer.offer import default_entitlements, entitlement
from tests.pathways.plan_setup import authorised_plan, written_plan
from tests.portal.asks_support import access_for, sign_in_young_person
from tests.portal.test_asks import care_leaver_aged_22
from tests.support import service_urls

pytestmark = pytest.mark.django_db

# --- what is posted ----------------------------------------------------------------------------

HUGE = "99999999999999999999"
LONG = "x" * 10_000
NUL = "a\x00b"
#: Into a line of free text: only NUL can never be right. (Django reads a NUL the same wherever
#: it is in the text.)
TEXT_VALUES = [HUGE, NUL, LONG]
#: Into a text area, which nothing reads as a number.
TEXTAREA_VALUES = [NUL, LONG]
#: Into a choice of records (its options are ids), a number or a hidden field the page filled
#: in: none of these can be right, and each is read differently on the way to the database.
ID_VALUES = [HUGE, "-1", "\x00", NUL, LONG, "not-a-number", "9" * 30]
#: Into a choice of codes: a value not offered is refused the same way whatever it is.
CHOICE_VALUES = [NUL, LONG, "9" * 30]
#: Into a tick box that means yes whatever it posts, or a button: anything presses it.
LOOSE_VALUES = [NUL, LONG]
#: Into each box of a date (a GOV.UK date input posts `<name>_0`, `_1` and `_2`: day, month and
#: year): none of these can be right. The three boxes are read the same way, so the day takes
#: every kind of value and the month and year a number too big for a date.
DATE_BOX_VALUES = {"0": [HUGE, "-1", NUL, LONG], "1": [HUGE], "2": [HUGE]}
#: Whole dates (day, month, year) that do not exist; a year must be 4 numbers.
IMPOSSIBLE_DATES = [("31", "2", "2025"), ("1", "1", "0"), ("1", "1", "0000")]
#: What replaces each id in a form's address.
HOSTILE_IDS = ["9" * 30, HUGE]
HOSTILE_TEXT_IDS = ["a\x00b", "x" * 500]

#: Written by any request, or by a sign-in on purpose: not a form saving anything.
ALWAYS_WRITTEN = {"django_session", "axes_accessattempt", "axes_accessattemptexpiration",
                  "axes_accessfailurelog", "axes_accesslog"}


# --- which views take a post -------------------------------------------------------------------


def _takes_post(callback) -> bool:
    """Whether a view does anything with a post. A class view does if it has a post() method; a
    function view restricted by require_POST or require_http_methods does if POST is one of its
    methods; any other function view does if it reads request.POST or looks at request.method
    (one that does neither answers a post exactly as a GET, taking nothing from it)."""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return hasattr(view_class, "post")
    layer, innermost = callback, callback
    while layer is not None:
        if layer.__closure__:
            methods = inspect.getclosurevars(layer).nonlocals.get("request_method_list")
            if methods is not None:
                return "POST" in methods
        innermost = layer
        layer = getattr(layer, "__wrapped__", None)
    source = inspect.getsource(innermost)
    return "request.POST" in source or "request.method" in source


@functools.cache
def post_views() -> dict[str, URLPattern]:
    """{URL name: pattern} for every URL whose view takes a post."""
    found = {}
    for route, pattern in service_urls():
        if _takes_post(pattern.callback):
            assert pattern.name, f"{route} takes a post but has no name"
            found[pattern.name] = pattern
    return found


# --- the records the forms work on -------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


def _days_ago(days: int) -> date:
    return _today() - timedelta(days=days)


def _date(name: str, day: date) -> dict:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


class Caseload:
    """What the forms work on, made when a case first asks for it: `held`, a young person in
    the north team held by `pa`, with a history of everything; `waiting`, whose plan `pa` has
    sent to their manager; `fresh`, with no plan yet."""

    def __init__(self, staff, teams):
        self.staff = staff
        self.teams = teams
        self._made = {}

    def _once(self, key, make):
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def _person(self, first_name, last_name):
        person = young_person(self.teams["north"], first_name=first_name, last_name=last_name)
        allocate(person, self.staff["pa"])
        return person

    @property
    def held(self):
        return self._once("held", lambda: self._person("Robin", "Heldby"))

    @property
    def fresh(self):
        return self._once("fresh", lambda: self._person("Noa", "Newplan"))

    @property
    def waiting(self):
        return self._once("waiting", lambda: self._person("Sasha", "Waiting"))

    @property
    def care_period(self):
        return self._once("care_period", lambda: care_period_add(
            actor=self.staff["pa"], young_person=self.held, start_on=date(2019, 5, 1),
            end_on=_days_ago(400),
        ))

    @property
    def contact(self):
        return self._once("contact", lambda: contact(self.held, self.staff["pa"]))

    @property
    def episode(self):
        return self._once("episode", lambda: place(
            self.held, "D", start_on=_days_ago(100), provider="Northfield Housing",
        ))

    @property
    def activity(self):
        return self._once("activity", lambda: activity(self.held, "F2",
                                                       start_on=_days_ago(100)))

    @property
    def came_alone(self):
        return self._once("came_alone", lambda: uasc_person(self.teams["north"],
                                                            self.staff["pa"]))

    @property
    def leave(self):
        return self._once("leave", lambda: granted(self.came_alone, actor=self.staff["pa"]))

    @property
    def child(self):
        return self._once("child", lambda: add_child(self.held, actor=self.staff["pa"],
                                                     born_on=_days_ago(300)))

    @property
    def draft(self):
        """Plan 2 of `held`: a review being written, with an action."""
        def make():
            authorised_plan(self.held, self.staff["pa"], self.staff["manager"],
                            held_on=_days_ago(60))
            return written_plan(self.held, self.staff["pa"], held_on=_days_ago(3))
        return self._once("draft", make)

    @property
    def action(self):
        return self._once("action", lambda: plan_action_add(
            actor=self.staff["pa"], plan=self.draft, section="accommodation",
            who="Personal Adviser", what="Ring the landlord",
            due_on=_today() + timedelta(days=14),
        ))

    @property
    def submitted(self):
        return self._once("submitted", lambda: written_plan(
            self.waiting, self.staff["pa"], held_on=_days_ago(5), submit=True,
        ))

    @property
    def assessment(self):
        return self._once("assessment", lambda: needs_assessment_start(
            actor=self.staff["pa"], young_person=self.fresh,
        ))

    @property
    def alert(self):
        def make():
            place(self.waiting, "D", start_on=_days_ago(300))
            place(self.waiting, "X", start_on=_days_ago(2), provider="HMP YOI Demo")
            return PlacementAlert.objects.get(episode__young_person=self.waiting)
        return self._once("alert", make)

    def _offer_asked(self, pence):
        default_entitlements()
        return request_ask(actor=self.staff["pa"], young_person=self.held,
                           entitlement=entitlement("setting-up-home"), amount_pence=pence,
                           reason="A bed and a cooker")

    @property
    def offer_waiting(self):
        return self._once("offer_waiting", lambda: self._offer_asked(50_000))

    @property
    def offer_agreed(self):
        return self._once("offer_agreed", lambda: request_agree(
            actor=self.staff["manager"], request=self._offer_asked(100_000)))

    @property
    def offer_payment(self):
        return self._once("offer_payment", lambda: payment_record(
            actor=self.staff["pa"], request=self.offer_agreed, paid_on=_days_ago(1),
            amount_pence=10_000, method="supplier"))

    @property
    def document(self):
        return self._once("document", lambda: keep(self.held, self.staff["pa"]))

    @property
    def care_leaver_aged_22(self):
        return self._once("care_leaver_aged_22",
                          lambda: care_leaver_aged_22(self.teams, self.staff))

    @property
    def held_access(self):
        """`held`'s own access to their pages, taken up."""
        return self._once("held_access",
                          lambda: access_for(self.held, invited_by=self.staff["pa"]))

    @property
    def details_asked(self):
        return self._once("details_asked", lambda: details_change_propose(
            access=self.held_access, phone="07700 900123", email="", address=""))

    @property
    def board_pack_file(self):
        def make():
            pack = board_pack_commentary_save(
                actor=self.staff["service"], month=previous_month(_today()), version=1,
                commentary={},
            )
            return board_pack_request(actor=self.staff["service"], pack=pack)
        return self._once("board_pack_file", make)


@dataclass
class Target:
    """One form: who opens it (None: nobody signed in), the URL it posts to (`name`, `kwargs`),
    the page it is on (the same URL unless `page`), and what a person would type into it
    (`fill`, read once the page is open)."""

    user: object
    name: str
    kwargs: dict = field(default_factory=dict)
    page: str = ""
    fill: Callable[[], dict] = dict
    #: Opens the way to the form first (a reset link), and returns the form's own address.
    prime: Callable[[object], str] | None = None

    @property
    def url(self) -> str:
        return reverse(self.name, kwargs=self.kwargs)


def _portal(caseload, name, *, person=None, fill=dict):
    """A form on a young person's own pages: `person` (`held` unless given) signed in."""
    access = (caseload.held_access if person is None
              else access_for(person, invited_by=caseload.staff["pa"]))

    def prime(client):
        sign_in_young_person(client, access)
        return reverse(name)

    return Target(None, name, fill=fill, prime=prime)


def _password_reset_confirm(caseload):
    user = caseload.staff["colleague"]
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    link = reverse("password_reset_confirm", kwargs={
        "uidb64": uidb64, "token": default_token_generator.make_token(user),
    })
    new_password = "a new passphrase for the test"
    return Target(
        None, "password_reset_confirm", {"uidb64": uidb64, "token": "set-password"},
        # The link puts the token in the session and sends the browser on to the form.
        prime=lambda client: client.get(link)["Location"],
        fill=lambda: {"new_password1": new_password, "new_password2": new_password},
    )


def _two_factor_setup(caseload):
    user = caseload.staff["pa"]
    # An app already sent a wrong code once: the page shows that app's key, and its code is right.
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return Target(user, "two-factor-setup", fill=lambda: {"code": _code_for(device)})


def _two_factor_verify(caseload):
    user = caseload.staff["manager"]
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return Target(user, "two-factor-verify", fill=lambda: {"code": _code_for(device)})


def _young_person_add(caseload):
    return Target(caseload.staff["pa"], "young-person-add", fill=lambda: {
        "person_id": "NEW00001", "first_name": "Amani", "last_name": "Okafor",
        **_date("date_of_birth", date(_today().year - 17, 3, 27)), "uasc": "no",
        "disability": "no", "restricted": "no",
    })


def _allocation(caseload):
    colleague = caseload.staff["colleague"]
    return Target(caseload.staff["manager"], "allocation", {"pk": caseload.held.pk},
                  fill=lambda: {"allocate-adviser": str(colleague.pk),
                                "cover-adviser": str(colleague.pk),
                                "end-reason": "Moved out of the area"})


def _team_move(caseload):
    held, colleague = caseload.held, caseload.staff["colleague"]
    return Target(caseload.staff["manager"], "team-move", fill=lambda: {
        "young_people": str(held.pk), "adviser": str(colleague.pk),
        "reason": "Personal Adviser leaving"})


def _team_move_check(caseload):
    choose = _team_move(caseload)
    return Target(caseload.staff["manager"], "team-move-check", prime=lambda client: client.post(
        choose.url, {**choose.fill(), "kind": "personal_adviser", **_date("start_on", _today()),
                     "check": ""})["Location"])


def _held(caseload):
    return {"pk": caseload.held.pk}


class _Upload:
    """A file as the test client posts it, whole every time (the client reads a file it is given
    without rewinding it, and each hostile post sends the same one)."""

    def __init__(self, name: str, content: bytes):
        self.name, self.content = name, content

    def read(self) -> bytes:
        return self.content


def _document_share(caseload):
    held, document = caseload.held, caseload.document
    return Target(caseload.staff["pa"], "document-share",
                  {"pk": held.pk, "document_pk": document.pk},
                  page=reverse("documents", args=[held.pk]))


def _document_tick(caseload):
    held, document = caseload.held, caseload.document
    return Target(caseload.staff["pa"], "document-tick",
                  {"pk": held.pk, "item": "tenancy_agreement"},
                  page=reverse("documents", args=[held.pk]),
                  fill=lambda: {"document": str(document.pk)})


def _portal_access(caseload):
    return caseload._once("portal_access", lambda: access_invite(
        actor=caseload.staff["pa"], young_person=caseload.held, email="robin@example.com"))


def _portal_withdraw(caseload):
    _portal_access(caseload)
    return Target(caseload.staff["pa"], "portal-own-access-withdraw", _held(caseload),
                  page=reverse("portal-own-access", kwargs=_held(caseload)),
                  fill=lambda: {"reason": "Their phone was lost"})


def _portal_sign_in(caseload):
    access = _portal_access(caseload)
    return Target(None, "portal-sign-in", fill=lambda: {"email": access.email})


#: How to reach each form that takes a post, and as whom: someone whose role may use it.
FORMS: dict[str, Callable[[Caseload], Target]] = {
    # Signing in, and the ways back in.
    "sign-in": lambda c: Target(None, "sign-in", fill=lambda: {
        "username": c.staff["pa"].username, "password": PASSWORD}),
    "password_reset": lambda c: Target(None, "password_reset", fill=lambda: {
        "email": c.staff["pa"].email}),
    "password_reset_confirm": _password_reset_confirm,
    "two-factor-setup": _two_factor_setup,
    "two-factor-verify": _two_factor_verify,
    # A young person's record.
    "young-person-add": _young_person_add,
    "young-person-edit": lambda c: Target(c.staff["pa"], "young-person-edit", _held(c)),
    "care-period-add": lambda c: Target(
        c.staff["pa"], "care-period-add", _held(c),
        fill=lambda: {**_date("start_on", date(2014, 1, 6)), **_date("end_on", date(2014, 2, 3)),
                      "short_break": "no"}),
    "care-period-edit": lambda c: Target(
        c.staff["pa"], "care-period-edit", {"pk": c.held.pk, "period_pk": c.care_period.pk}),
    "care-facts-edit": lambda c: Target(c.staff["pa"], "care-facts-edit", _held(c)),
    "support-choice-record": lambda c: Target(
        c.staff["pa"], "support-choice-record", _held(c),
        fill=lambda: {"kind": "opted_out", **_date("on", _days_ago(0))}),
    # Personal Advisers and contacts.
    "allocation": _allocation,
    "team-move": _team_move,
    "team-move-check": _team_move_check,
    "contact-add": lambda c: Target(c.staff["pa"], "contact-add", _held(c)),
    "contact-edit": lambda c: Target(c.staff["pa"], "contact-edit",
                                     {"contact_id": c.contact.pk}),
    # Needs assessments and pathway plans.
    "plan-start": lambda c: Target(c.staff["pa"], "plan-start", {"pk": c.fresh.pk},
                                   page=reverse("plan-list", args=[c.fresh.pk])),
    "needs-assessment-start": lambda c: Target(
        c.staff["pa"], "needs-assessment-start", {"pk": c.fresh.pk},
        page=reverse("plan-list", args=[c.fresh.pk])),
    "needs-assessment": lambda c: Target(c.staff["pa"], "needs-assessment",
                                         {"assessment_id": c.assessment.pk}),
    "early-review-request": lambda c: Target(c.staff["pa"], "early-review-request", _held(c)),
    "plan-edit": lambda c: Target(c.staff["pa"], "plan-edit", {"plan_id": c.draft.pk}),
    "plan-submit": lambda c: Target(c.staff["pa"], "plan-submit", {"plan_id": c.draft.pk},
                                    page=reverse("plan-detail", args=[c.draft.pk])),
    "plan-action-add": lambda c: Target(
        c.staff["pa"], "plan-action-add", {"plan_id": c.draft.pk}, fill=lambda: {
            "who": "Personal Adviser", "what": "Find a plumbing course",
            **_date("due_on", _today() + timedelta(days=30))}),
    "plan-action-edit": lambda c: Target(c.staff["pa"], "plan-action-edit",
                                         {"action_id": c.action.pk}),
    "plan-decide": lambda c: Target(c.staff["manager"], "plan-decide",
                                    {"plan_id": c.submitted.pk}),
    # Where they live, and what they do.
    "accommodation-add": lambda c: Target(
        c.staff["pa"], "accommodation-add", _held(c),
        fill=lambda: {"type_code": "E", **_date("start_on", _days_ago(2))}),
    "accommodation-edit": lambda c: Target(
        c.staff["pa"], "accommodation-edit", {"pk": c.held.pk, "episode_pk": c.episode.pk}),
    "accommodation-assess": lambda c: Target(
        c.staff["pa"], "accommodation-assess", {"pk": c.held.pk, "episode_pk": c.episode.pk},
        fill=lambda: {"outcome": "suitable", "reason": "Checked with them"}),
    "eet-add": lambda c: Target(
        c.staff["pa"], "eet-add", _held(c),
        fill=lambda: {"activity": "apprenticeship", "hours_per_week": "30",
                      **_date("start_on", _days_ago(3))}),
    "eet-edit": lambda c: Target(c.staff["pa"], "eet-edit",
                                 {"pk": c.held.pk, "activity_pk": c.activity.pk},
                                 fill=lambda: {"hours_per_week": "30"}),
    # Documents.
    "documents": lambda c: Target(
        c.staff["pa"], "documents", _held(c),
        fill=lambda: {"file": _Upload("tenancy.pdf", pdf_bytes()), "kind": "tenancy_agreement",
                      "title": "Tenancy agreement, Flat 3"}),
    "document-withdraw": lambda c: Target(
        c.staff["pa"], "document-withdraw", {"pk": c.held.pk, "document_pk": c.document.pk},
        fill=lambda: {"reason": "A new tenancy agreement replaces it"}),
    "document-tick": _document_tick,
    "document-share": _document_share,
    # Their health and their own children.
    "health-edit": lambda c: Target(c.staff["pa"], "health-edit", _held(c)),
    "child-add": lambda c: Target(
        c.staff["pa"], "child-add", _held(c),
        fill=lambda: {**_date("born_on", _days_ago(40)), "lives_with_them": "yes"}),
    "child-edit": lambda c: Target(c.staff["pa"], "child-edit",
                                   {"pk": c.held.pk, "child_pk": c.child.pk}),
    "child-remove": lambda c: Target(
        c.staff["pa"], "child-remove", {"pk": c.held.pk, "child_pk": c.child.pk},
        fill=lambda: {"reason": "Recorded in error"}),
    # Immigration, for a young person who came to the country alone.
    "immigration-add": lambda c: Target(
        c.staff["pa"], "immigration-add", {"pk": c.came_alone.pk},
        fill=lambda: {"stage": "leave_granted", "leave_kind": "humanitarian",
                      **_date("since", _days_ago(5)), **_date("leave_granted_on", _days_ago(5)),
                      **_date("leave_expires_on", _today() + timedelta(days=900))}),
    "immigration-edit": lambda c: Target(
        c.staff["pa"], "immigration-edit", {"pk": c.came_alone.pk, "record_pk": c.leave.pk}),
    "immigration-decision-seen": lambda c: Target(
        c.staff["pa"], "immigration-decision-seen",
        {"pk": c.came_alone.pk, "record_pk": c.leave.pk},
        page=reverse("immigration", args=[c.came_alone.pk])),
    # The local offer.
    "local-offer-ask": lambda c: Target(
        c.staff["pa"], "local-offer-ask", _held(c),
        fill=lambda: {"entitlement": str(entitlement("setting-up-home").pk), "amount": "100",
                      "reason": "A kettle and a toaster"}),
    "local-offer-decide": lambda c: Target(
        c.staff["manager"], "local-offer-decide",
        {"pk": c.held.pk, "request_pk": c.offer_waiting.pk}, fill=lambda: {"decision": "agree"}),
    "local-offer-pay": lambda c: Target(
        c.staff["pa"], "local-offer-pay", {"pk": c.held.pk, "request_pk": c.offer_agreed.pk},
        fill=lambda: {"amount": "10", "method": "cash"}),
    "local-offer-cancel-payment": lambda c: Target(
        c.staff["pa"], "local-offer-cancel-payment",
        {"pk": c.held.pk, "payment_pk": c.offer_payment.pk},
        fill=lambda: {"cancel_reason": "Paid twice by mistake"}),
    # What a young person asks on their own pages, and their PA's answer.
    "portal-message": lambda c: _portal(c, "portal-message", fill=lambda: {
        "text": "Can we meet on Friday?"}),
    "portal-details": lambda c: _portal(c, "portal-details", fill=lambda: {
        "phone": "07700 900123"}),
    "portal-review": lambda c: _portal(c, "portal-review", fill=lambda: {
        "text": "I have moved in with my sister"}),
    "portal-support": lambda c: _portal(c, "portal-support", person=c.care_leaver_aged_22),
    "portal-staff-ask-decide": lambda c: Target(
        c.staff["pa"], "portal-staff-ask-decide",
        {"pk": c.held.pk, "ask_pk": c.details_asked.pk}, fill=lambda: {"decision": "confirm"}),
    # Reports and alerts.
    "board-pack-month": lambda c: Target(
        c.staff["service"], "board-pack-month", {"month": month_slug(previous_month(_today()))}),
    "board-pack-make": lambda c: Target(
        c.staff["service"], "board-pack-make",
        {"month": month_slug(c.board_pack_file.pack.month)},
        page=reverse("board-pack-progress", args=[c.board_pack_file.pk])),
    "return-903-prepare": lambda c: Target(
        c.staff["service"], "return-903-prepare", page=reverse("return-903")),
    "placement-alert-seen": lambda c: Target(
        c.staff["manager"], "placement-alert-seen", {"alert_id": c.alert.pk},
        page=reverse("placement-alerts")),
    # Young people's own access.
    "portal-own-access": lambda c: Target(
        c.staff["pa"], "portal-own-access", _held(c), fill=lambda: {"email": "robin@example.com"}),
    "portal-own-access-withdraw": _portal_withdraw,
    "portal-sign-in": _portal_sign_in,
}

#: URLs that take a post but have no form to fill in, and why they are left out.
EXCLUDED = {
    "sign-out": "takes nothing but the press of a button, and ends the session",
    "keep-alive": "takes nothing but the press of a button, writes nothing but the session's "
                  "idle clock, and has no record in its address",
    "portal-sign-out": "takes nothing but the press of a button, and ends the session",
    "portal-sign-in-code": "a right code starts a new session, which undoing the post cannot "
                           "give back; wrong and malformed codes are in "
                           "tests/portal/test_sign_in.py",
}


# --- reading a page's forms as a browser does --------------------------------------------------


@dataclass
class Control:
    name: str
    kind: str  # an <input>'s type, or select, textarea, button
    value: str | None  # None: no value attribute
    on: bool = False  # ticked, chosen or selected
    options: list[str] = field(default_factory=list)  # a <select>'s values


@dataclass
class Form:
    action: str
    controls: list[Control] = field(default_factory=list)


class FormsOnPage(HTMLParser):
    """Every <form method="post"> on a page, with its controls."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Control | None = None
        self._textarea: Control | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            if (attributes.get("method") or "").lower() == "post":
                self._form = Form(action=attributes.get("action") or "")
                self.forms.append(self._form)
            return
        if self._form is None or "name" not in attributes:
            if tag == "option" and self._select is not None:
                self._option(attributes)
            return
        name = attributes["name"]
        if tag == "input":
            self._form.controls.append(Control(
                name, (attributes.get("type") or "text").lower(), attributes.get("value"),
                on="checked" in attributes,
            ))
        elif tag == "button":
            self._form.controls.append(Control(name, "button", attributes.get("value") or ""))
        elif tag == "select":
            self._select = Control(name, "select", None)
            self._form.controls.append(self._select)
        elif tag == "textarea":
            self._textarea = Control(name, "textarea", "")
            self._form.controls.append(self._textarea)

    def _option(self, attributes):
        value = attributes.get("value", "")
        self._select.options.append(value)
        if "selected" in attributes or self._select.value is None:
            self._select.value = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]  # as a browser reads it
            self._textarea = None


TEXT_KINDS = {"text", "textarea", "email", "password", "search", "tel", "url"}


def as_posted(form: Form) -> dict[str, list[str]]:
    """What a browser posts for the form as it stands, its first button pressed, with the first
    choice made where the page leaves a choice unmade (no radio ticked, a select on its
    "Choose" option)."""
    data: dict[str, list[str]] = {}
    radios: dict[str, list[Control]] = {}
    # The button pressed: the first, as the Enter key presses it.
    button = next((c for c in form.controls if c.kind in ("button", "submit")), None)
    if button is not None:
        data[button.name] = [button.value or ""]
    for control in form.controls:
        if control.kind == "radio":
            radios.setdefault(control.name, []).append(control)
        elif control.kind == "checkbox":
            if control.on:
                data.setdefault(control.name, []).append(control.value or "on")
        elif control.kind == "select":
            value = control.value or next((v for v in control.options if v), "")
            data[control.name] = [value]
        elif control.kind not in ("button", "submit", "file"):
            data.setdefault(control.name, []).append(control.value or "")
    for name, group in radios.items():
        ticked = [c.value for c in group if c.on] or [group[0].value]
        data[name] = ticked
    return data


def _always(value) -> bool:
    return True


def _never(value) -> bool:
    return False


def _if_nul(value) -> bool:
    return "\x00" in value[0]


@dataclass
class Hostile:
    """A field to post hostile values into (a date's three boxes together, or one name), and
    whether it must refuse each."""

    names: tuple[str, ...]
    values: list[tuple[str, ...]]
    must_refuse: Callable[[tuple[str, ...]], bool]


def fields_of(form: Form) -> list[Hostile]:
    """Each field of the form, with the hostile values for its kind. A date's three boxes are
    one field for impossible dates, and each box is a field for the rest."""
    names = {control.name for control in form.controls} - {"csrfmiddlewaretoken"}
    found = []
    for name in dict.fromkeys(control.name for control in form.controls if control.name in names):
        control = next(control for control in form.controls if control.name == name)
        base, _, part = name.rpartition("_")
        if part in ("0", "1", "2") and {f"{base}_0", f"{base}_1", f"{base}_2"} <= names:
            if part == "0":
                found.append(Hostile((f"{base}_0", f"{base}_1", f"{base}_2"),
                                     IMPOSSIBLE_DATES, _always))
            found.append(Hostile((name,), [(v,) for v in DATE_BOX_VALUES[part]], _always))
        elif control.kind in TEXT_KINDS:
            values = TEXTAREA_VALUES if control.kind == "textarea" else TEXT_VALUES
            found.append(Hostile((name,), [(v,) for v in values], _if_nul))
        elif control.kind in ("button", "submit") or (
            control.kind == "checkbox" and control.value is None
        ) or (control.kind == "hidden" and (name == "next" or not control.value)):
            # A tick box (or a button) says yes by being posted at all; `next` may be any
            # address; a hidden field left blank is one this form does not use (the version of
            # a record not made yet).
            found.append(Hostile((name,), [(v,) for v in LOOSE_VALUES], _never))
        else:
            offered = {c.value for c in form.controls if c.name == name} | set(control.options)
            codes = control.kind in ("radio", "checkbox", "select") and not all(
                value.isdigit() for value in offered if value
            )
            values = CHOICE_VALUES if codes else ID_VALUES
            found.append(Hostile((name,), [(v,) for v in values], _always))
    return found


# --- posting and undoing -----------------------------------------------------------------------


def _tables() -> list[str]:
    tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    return sorted(tables - ALWAYS_WRITTEN)


def _activity() -> dict[str, tuple[int, int, int]]:
    """Rows each table has had inserted, updated and deleted in this transaction, counting
    those undone since: cheap, and the same before and after a request that wrote nothing."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del "
                       "FROM pg_stat_xact_user_tables")
        return {table: tuple(counts) for table, *counts in cursor.fetchall()}


def _rows(tables, since: int) -> list[tuple[str, int, int]]:
    """(table, rows, rows written by transaction `since` or a later one) for each table. A row
    inserted or updated has the `xmin` of the transaction that wrote it; one deleted is missing
    from the count."""
    query = " UNION ALL ".join(
        f"SELECT %s, count(*), count(*) FILTER (WHERE xmin::text::bigint >= %s) "
        f"FROM {connection.ops.quote_name(table)}"
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [value for table in tables for value in (table, since)])
        return cursor.fetchall()


@dataclass
class Answer:
    status: int
    location: str = ""
    error: str = ""  # the exception, for a 500
    written: list[str] = field(default_factory=list)
    content: str = ""

    @property
    def accepted(self) -> bool:
        return 300 <= self.status < 400


class Undoing:
    """Requests made in a savepoint that is rolled back after each, so each starts from the same
    records, and what each wrote before it was undone.

    The savepoint first writes a row to a temporary table, which gives it a transaction id:
    every row the request then inserts or updates carries that id or a later one (a savepoint
    inside it) as its `xmin`, and a row deleted leaves its table a row short. Work a savepoint
    inside the request undid itself is not seen, which is right: nothing of it was kept.
    PostgreSQL's counters of rows touched in the transaction say cheaply which tables to look
    at (they count undone work too, so they cannot say what was kept)."""

    def __init__(self, client):
        self.client = client
        with connection.cursor() as cursor:
            cursor.execute("CREATE TEMPORARY TABLE hostile_input_mark (n int)")
        self._counts = None  # how many rows each table had before any request

    def _counts_before(self) -> dict[str, int]:
        if self._counts is None:
            self._counts = {table: rows for table, rows, _ in _rows(_tables(), 0)}
        return self._counts

    def request(self, method: str, url: str, data: dict | None = None) -> Answer:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO hostile_input_mark VALUES (1) "
                               "RETURNING xmin::text::bigint")
                own_id = cursor.fetchone()[0]
            counts = self._counts_before()
            before = _activity()
            try:
                response = getattr(self.client, method)(url, data or {})
            except Exception as error:  # the test client raises what a view raised
                transaction.set_rollback(True)
                return Answer(500, error=f"{type(error).__name__}: {error}"[:300])
            answer = Answer(response.status_code, response.get("Location", ""),
                            content=response.content.decode(errors="replace"))
            if response.status_code < 500:
                # Only the tables with any activity can have been written, even for a moment.
                after = _activity()
                busy = [table for table in _tables() if after.get(table) != before.get(table)]
                answer.written = sorted(
                    table for table, rows, written in (_rows(busy, own_id) if busy else [])
                    if written or rows != counts[table]
                )
            transaction.set_rollback(True)
        return answer


def error_summary(html: str) -> list[str]:
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', html, re.S)
    return [re.sub(r"<[^>]+>", "", item).strip()
            for item in re.findall(r"<li>(.*?)</li>", summary[1], re.S)] if summary else []


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) < 40 else f"{text[:30]}…({len(value)} chars)'"


# --- the tests ---------------------------------------------------------------------------------


@pytest.fixture
def caseload(staff, teams):
    return Caseload(staff, teams)


def test_every_url_that_takes_a_post_is_covered():
    found = set(post_views())

    assert found - set(FORMS) - set(EXCLUDED) == set(), "URLs that take a post with no case here"
    assert set(FORMS) - found == set(), "cases for URLs that take no post"
    assert set(EXCLUDED) - found == set(), "excluded URLs that take no post"
    assert set(FORMS).isdisjoint(EXCLUDED)


def _forms_posting_to(url: str, page: str, html: str) -> list[Form]:
    """The forms on the page that post to `url`, once every form on it is known to post to a
    URL this test covers."""
    parser = FormsOnPage()
    parser.feed(html)
    path, known = urlsplit(url).path, set(post_views())
    forms = []
    for form in parser.forms:
        action = urlsplit(urljoin(page, form.action)).path
        assert resolve(action).url_name in known, f"a form on {page} posts to {action}"
        if action == path:
            forms.append(form)
    assert forms, f"no form on {page} posts to {path}"
    return forms


def _hostile_posts(form: Form, fill: dict):
    """(what is shown in a failure, whether it must be refused, the data) for each hostile post,
    after the post of the form as a person would fill it in (shown as "")."""
    baseline = as_posted(form)
    names = {control.name for control in form.controls}
    baseline |= {key: [value] for key, value in fill.items() if key in names}
    yield "", False, baseline
    for hostile in fields_of(form):
        for value in hostile.values:
            data = {**baseline, **{n: [v] for n, v in zip(hostile.names, value, strict=True)}}
            shown = _shown(value[0]) if len(value) == 1 else "/".join(value)
            yield f"{'/'.join(hostile.names)} = {shown}", hostile.must_refuse(value), data


@pytest.mark.parametrize("name", sorted(FORMS))
def test_hostile_values_in_every_field_never_fail_and_a_refusal_saves_nothing(
    client, caseload, name
):
    target = FORMS[name](caseload)
    if target.user is not None:
        client.force_login(target.user)
    url = target.prime(client) if target.prime else target.url
    page = target.page or url
    response = client.get(page)
    assert response.status_code == 200, f"{page} answered {response.status_code}"
    forms = _forms_posting_to(url, page, response.content.decode())
    fill = target.fill()
    unused = set(fill) - {control.name for form in forms for control in form.controls}
    assert not unused, f"{name}: the form has no field {', '.join(sorted(unused))}"

    undoing = Undoing(client)
    problems = []
    for form in forms:
        for shown, must_refuse, data in _hostile_posts(form, fill):
            answer = undoing.request("post", url, data)
            if not shown:
                assert answer.accepted, (
                    f"{name}: the form as a person would fill it in is not saved "
                    f"({answer.status} {answer.error or error_summary(answer.content)}), so "
                    "nothing hostile below would be the only thing wrong with a post"
                )
            elif answer.status >= 500:
                problems.append(f"{shown}: {answer.status} {answer.error}")
            elif answer.accepted:
                if must_refuse:
                    problems.append(f"{shown}: accepted (to {answer.location})")
            elif answer.written:
                problems.append(f"{shown}: refused ({answer.status}) but wrote to "
                                f"{', '.join(answer.written)}")
            elif answer.status == 200 and not error_summary(answer.content):
                problems.append(f"{shown}: refused with no error on the page")

    assert not problems, f"{name}:\n" + "\n".join(problems)


def _with_converters():
    return sorted(name for name, pattern in post_views().items()
                  if name in FORMS and pattern.pattern.converters)


@pytest.mark.parametrize("name", _with_converters())
def test_hostile_ids_in_a_form_address_never_fail_and_save_nothing(client, caseload, name):
    target = FORMS[name](caseload)
    if target.user is not None:
        client.force_login(target.user)
    converters = post_views()[name].pattern.converters
    undoing = Undoing(client)
    problems = []
    for key, converter in converters.items():
        for value in HOSTILE_IDS if isinstance(converter, IntConverter) else HOSTILE_TEXT_IDS:
            url = reverse(name, kwargs={**target.kwargs, key: value})
            for method in ("get", "post"):
                answer = undoing.request(method, url)
                shown = f"{method.upper()} {_shown(url)}"
                if answer.status >= 500:
                    problems.append(f"{shown}: {answer.status} {answer.error}")
                elif answer.written:
                    problems.append(f"{shown}: wrote to {', '.join(answer.written)}")
                elif answer.accepted and method == "post":
                    problems.append(f"{shown}: accepted (to {answer.location})")

    assert not problems, f"{name}:\n" + "\n".join(problems)
