"""The fence between young people and the staff side: every URL of the project, opened by
nobody, by a signed-in young person, by another young person and by each staff role.

Each URL name has a kind in EXPECTATIONS, and RULES says what each kind gives each of them. A
URL added without a kind fails `test_every_url_has_a_stated_expectation`.

- A young person's session is not a member of staff's: every staff URL sends them to the staff
  sign-in (or refuses them, 403/404/405), GET or POST, and never shows or changes anything.
- A portal page shows a young person their own things only. Portal URLs carry no ids today; one
  that does must be in PORTAL_KWARGS, and another young person asking for it gets 404.
- A member of staff opening a portal page is told it is for young people, and sees nobody's.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from portal.models import Access
from tests.careleavers.test_audit import pages, records_of_every_kind
from tests.portal.conftest import invite, signed_in_client

pytestmark = pytest.mark.django_db

STAFF = "staff"  # needs a signed-in member of staff
ADMIN = "admin"  # Django's admin site: staff sign-in of its own
PUBLIC = "public"  # open to anyone, about nobody (staff sign-in, password reset, health check)
PORTAL = "portal"  # a young person's own page
PORTAL_SIGN_IN = "portal sign-in"  # the way in for young people
PORTAL_POST = "portal post"  # a young person's button, POST only

#: URL name → kind. Every URL of the project is here (the admin site's by its namespace).
EXPECTATIONS = {
    # The staff sign-in and the ways back in.
    "sign-in": PUBLIC,
    "sign-out": PUBLIC,
    "password_reset": PUBLIC,
    "password_reset_done": PUBLIC,
    "password_reset_confirm": PUBLIC,
    "password_reset_complete": PUBLIC,
    "healthz": PUBLIC,
    "two-factor-setup": STAFF,
    "two-factor-verify": STAFF,
    "keep-alive": STAFF,
    "home": STAFF,
    # A young person's record.
    "young-person-search": STAFF,
    "young-person-add": STAFF,
    "young-person": STAFF,
    "young-person-chronology": STAFF,
    "young-person-history": STAFF,
    "young-person-edit": STAFF,
    "care-history": STAFF,
    "care-period-add": STAFF,
    "care-period-edit": STAFF,
    "care-facts-edit": STAFF,
    "support-choice-record": STAFF,
    "my-caseload": STAFF,
    "team-caseload": STAFF,
    "team-move": STAFF,
    "team-move-check": STAFF,
    "allocation": STAFF,
    "contact-list": STAFF,
    "contact-add": STAFF,
    "contact-edit": STAFF,
    "plan-list": STAFF,
    "plan-start": STAFF,
    "early-review-request": STAFF,
    "needs-assessment-start": STAFF,
    "needs-assessment": STAFF,
    "plan-queue": STAFF,
    "plan-detail": STAFF,
    "plan-edit": STAFF,
    "plan-submit": STAFF,
    "plan-decide": STAFF,
    "plan-action-add": STAFF,
    "plan-action-edit": STAFF,
    "plan-pdf-young-person": STAFF,
    "plan-pdf-full": STAFF,
    "accommodation": STAFF,
    "accommodation-add": STAFF,
    "accommodation-edit": STAFF,
    "accommodation-assess": STAFF,
    "eet": STAFF,
    "eet-add": STAFF,
    "eet-edit": STAFF,
    "documents": STAFF,
    "document-download": STAFF,
    "document-withdraw": STAFF,
    "document-tick": STAFF,
    "document-share": STAFF,
    "immigration": STAFF,
    "immigration-add": STAFF,
    "immigration-edit": STAFF,
    "immigration-decision-seen": STAFF,
    "health": STAFF,
    "health-edit": STAFF,
    "child-add": STAFF,
    "child-edit": STAFF,
    "child-remove": STAFF,
    "local-offer": STAFF,
    "local-offer-ask": STAFF,
    "local-offer-decide": STAFF,
    "local-offer-pay": STAFF,
    "local-offer-cancel-payment": STAFF,
    "local-offer-waiting": STAFF,
    "local-offer-payments": STAFF,
    "portal-own-access": STAFF,
    "portal-own-access-withdraw": STAFF,
    "portal-staff-asks": STAFF,
    "portal-staff-ask-decide": STAFF,
    "portal-staff-waiting": STAFF,
    # Reports, the dashboard and alerts.
    "reports": STAFF,
    "annex-a": STAFF,
    "annex-a-csv": STAFF,
    "annex-a-xlsx": STAFF,
    "return-903": STAFF,
    "return-903-prepare": STAFF,
    "return-903-status": STAFF,
    "return-903-download": STAFF,
    "data-quality": STAFF,
    "board-pack": STAFF,
    "board-pack-month": STAFF,
    "board-pack-make": STAFF,
    "board-pack-progress": STAFF,
    "board-pack-status": STAFF,
    "board-packs": STAFF,
    "board-pack-download": STAFF,
    "dashboard": STAFF,
    "dashboard-list": STAFF,
    "dashboard-list-csv": STAFF,
    "figures-feed-json": STAFF,
    "figures-feed-csv": STAFF,
    "placement-alerts": STAFF,
    "placement-alert-seen": STAFF,
    # The young person's own pages.
    "portal-home": PORTAL,
    "portal-plan": PORTAL,
    "portal-money": PORTAL,
    "portal-documents": PORTAL,
    "portal-document": PORTAL,
    "portal-what-we-hold": PORTAL,
    "portal-asks": PORTAL,
    "portal-ask": PORTAL,
    "portal-message": PORTAL,
    "portal-details": PORTAL,
    "portal-review": PORTAL,
    "portal-support": PORTAL,
    "portal-sign-in": PORTAL_SIGN_IN,
    "portal-sign-in-code": PORTAL_SIGN_IN,
    "portal-sign-out": PORTAL_POST,
    # Django's admin site: every URL in its namespace.
    "admin:*": ADMIN,
}

STAFF_ROLES = ("pa", "colleague", "other_pa", "manager", "other_manager", "duty", "service",
               "board", "admin")

#: What each kind gives each visitor, in words; the checks below hold each URL to it.
RULES = {
    STAFF: {
        "anonymous": "sent to the staff sign-in (or 401/403/404/405), GET and POST",
        "young person": "as anonymous: sent to the staff sign-in (or 401/403/404/405), GET and "
                        "POST; nothing shown, nothing changed",
        "another young person": "as a young person",
        "staff": "the staff side's own rules, proved by each package's tests",
    },
    ADMIN: {
        "anonymous": "sent to the admin or the staff sign-in",
        "young person": "sent to the admin or the staff sign-in, GET and POST",
        "another young person": "as a young person",
        "staff": "the admin site's own rules (tests/careleavers/test_admin*.py)",
    },
    PUBLIC: {
        "anonymous": "opens (200 or a redirect), about nobody",
        "young person": "opens, and shows nothing about them or anyone",
        "another young person": "as a young person",
        "staff": "the staff side's own rules",
    },
    PORTAL: {
        "anonymous": "sent to the portal sign-in",
        "young person": "their own page: their name, nobody else's (a document of theirs: "
                        "the file, as an attachment)",
        "another young person": "their own page; another young person's ids 404",
        "staff": "403: these pages are for young people, showing nobody's",
    },
    PORTAL_SIGN_IN: {
        "anonymous": "opens (the code page sends them to the email page first)",
        "young person": "sent on (to their home page, or the email page)",
        "another young person": "as a young person",
        "staff": "403: these pages are for young people",
    },
    PORTAL_POST: {
        "anonymous": "GET is 405",
        "young person": "GET is 405",
        "another young person": "GET is 405",
        "staff": "GET is 405",
    },
}

#: Portal pages offered only to some young people (a review to those who have a plan, support
#: after 21 to those the rules let ask or stop): to anyone else they are not found (404), which
#: tests/portal/test_asks.py holds.
OFFERED_TO_SOME = {"portal-review", "portal-support"}


def _shared_document(records) -> dict:
    """The first young person's document, shared with them."""
    document = records["document"]
    document.shared_with_young_person = True
    document.save(update_fields=["shared_with_young_person"])
    return {"document_pk": document.pk}


#: Portal URLs with ids in them: name → kwargs naming the first young person's record.
PORTAL_KWARGS: dict = {"portal-document": _shared_document,
                       "portal-ask": lambda records: {"ask_id": records["ask"].pk}}


def _walk(resolver=None, prefix="", namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            yield route, namespace, pattern


def all_urls() -> dict[str, tuple[str, URLPattern]]:
    """name (namespaced) → (route, pattern), for every URL of the project. The admin site's few
    unnamed redirects go by their route."""
    found = {}
    for route, namespace, pattern in _walk():
        if route.startswith("static/"):
            continue
        if namespace == "admin:" and not pattern.name:
            found[f"admin:{route}"] = (route, pattern)
            continue
        assert pattern.name, f"{route} has no name, so no expectation can be stated for it"
        found[namespace + pattern.name] = (route, pattern)
    return found


def kind_of(name: str) -> str:
    return EXPECTATIONS["admin:*"] if name.startswith("admin:") else EXPECTATIONS[name]


def test_every_url_has_a_stated_expectation():
    names = {name for name in all_urls() if not name.startswith("admin:")}

    assert names - set(EXPECTATIONS) == set(), "URLs with no expectation here"
    assert set(EXPECTATIONS) - names - {"admin:*"} == set(), "expectations for no URL"
    assert set(RULES) == set(EXPECTATIONS.values())
    portal_with_ids = {name for name, (_route, pattern) in all_urls().items()
                       if kind_of(name) in (PORTAL, PORTAL_POST) and pattern.pattern.converters}
    assert portal_with_ids == set(PORTAL_KWARGS), "portal URLs with ids need PORTAL_KWARGS"


def _admin_url(route: str) -> str:
    """The admin route with its parts filled: "careleavers" for an app, 1 for any id."""
    values = {"app_label": "careleavers", "url": "anything/"}
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values.get(m[1], "1"), route)
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values.get(m[1], "1"), route)
    return "/" + route.replace("^", "").replace("$", "")


@pytest.fixture
def records_made(staff, teams):
    return records_of_every_kind(staff, teams)


@pytest.fixture
def addresses(records_made):
    """name → the URL, with the ids of records made for it."""
    known = {name: kwargs for name, (_persona, kwargs) in pages(records_made).items()}
    others = {
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "return-903-status": {"file_id": 1}, "return-903-download": {"file_id": 1},
        "board-pack-month": {"month": "2026-11"}, "board-pack-make": {"month": "2026-11"},
        "board-pack-progress": {"file_id": 1}, "board-pack-status": {"file_id": 1},
        "board-pack-download": {"file_id": 1},
    }
    urls = {}
    for name, (route, _pattern) in all_urls().items():
        if name.startswith("admin:"):
            urls[name] = _admin_url(route)
            continue
        if name in PORTAL_KWARGS:
            kwargs = PORTAL_KWARGS[name](records_made)
        else:
            kwargs = known.get(name) or others.get(name, {})
        urls[name] = reverse(name, kwargs=kwargs)
    return urls


@pytest.fixture
def young_people(records_made, staff, another_young_person):
    """The young person whose records were made, and another, each with access."""
    first = records_made["person"]
    # Their records already hold an access, with the request they sent from it.
    first_access = first.portal_accesses.current().get()
    return {
        "young person": (first, first_access),
        "another young person": (another_young_person,
                                 invite(another_young_person, staff["other_pa"])),
    }


def _path(response) -> str:
    return urlsplit(response["Location"]).path


def _outsider_refused(response, sign_in_paths) -> str:
    """'' if a staff URL refused someone who is not signed in as staff (the figures feed asks
    for its key, 401); else what went wrong."""
    if response.status_code in (401, 403, 404, 405):
        return ""
    if response.status_code == 302 and _path(response) in sign_in_paths:
        return ""
    where = f" to {response['Location']}" if response.status_code in (301, 302) else ""
    return f"answered {response.status_code}{where}"


def _check_outsider(client, addresses, who: str) -> list[str]:
    problems = []
    for name, url in sorted(addresses.items()):
        kind = kind_of(name)
        if kind not in (STAFF, ADMIN):
            continue
        # The admin site's own sign-in sends on to the staff sign-in.
        sign_in = ({reverse("admin:login"), reverse("sign-in")} if kind == ADMIN
                   else {reverse("sign-in")})
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if kind == ADMIN and response.status_code == 302 and \
                    _path(response).startswith("/admin/"):
                response = client.get(response["Location"])  # the admin's own way round
            if problem := _outsider_refused(response, sign_in):
                problems.append(f"{who} {method.upper()} {name} ({url}): {problem}")
    return problems


def test_nobody_signed_in_gets_nothing_from_a_staff_url(client, addresses):
    assert _check_outsider(client, addresses, "anonymous") == []


def test_a_young_persons_session_gets_nothing_from_any_staff_url(addresses, young_people):
    problems = []
    for who, (_person, access) in young_people.items():
        client = signed_in_client(access)
        problems += _check_outsider(client, addresses, who)
        # Still signed in as themselves: nothing above signed them out or in as anyone else.
        assert client.get(reverse("portal-home")).status_code == 200, who
    assert problems == []


def test_public_pages_open_for_anyone_and_show_no_young_person(client, addresses, young_people):
    visitors = {"anonymous": client} | {
        who: signed_in_client(access) for who, (_p, access) in young_people.items()}
    names = [person.last_name for person, _access in young_people.values()]
    problems = []
    for name, url in sorted(addresses.items()):
        if kind_of(name) != PUBLIC or name == "sign-out":
            continue
        for who, visitor in visitors.items():
            response = visitor.get(url)
            if response.status_code not in (200, 302):
                problems.append(f"{who} GET {name}: {response.status_code}")
            shown = response.content.decode(errors="replace")
            problems += [f"{who} GET {name} shows {last}" for last in names if last in shown]
    assert problems == []


def test_the_staff_sign_out_takes_a_post_and_gives_a_young_person_nothing(young_people):
    _person, access = young_people["young person"]
    client = signed_in_client(access)

    response = client.post(reverse("sign-out"))

    assert response.status_code == 302 and _path(response) == reverse("sign-in")


def _portal_urls(addresses, kinds):
    return sorted((name, url) for name, url in addresses.items() if kind_of(name) in kinds)


def test_a_young_person_sees_only_their_own_portal_pages(addresses, young_people):
    problems = []
    for who, (person, access) in young_people.items():
        others = [p.last_name for w, (p, _a) in young_people.items() if w != who]
        client = signed_in_client(access)
        for name, url in _portal_urls(addresses, {PORTAL}):
            if name in PORTAL_KWARGS and who == "another young person":
                status = client.get(url).status_code
                if status != 404:
                    problems.append(f"{who} GET {name} of another young person: {status}")
                continue
            response = client.get(url)
            if response.streaming:
                # A document of theirs: a file to keep, not a page with their name on it.
                if response.status_code != 200 or not response.get(
                        "Content-Disposition", "").startswith("attachment"):
                    problems.append(f"{who} GET {name}: {response.status_code}, not a file")
                b"".join(response.streaming_content)
                continue
            shown = response.content.decode()
            if response.status_code == 404 and name in OFFERED_TO_SOME:
                continue
            if response.status_code != 200:
                problems.append(f"{who} GET {name}: {response.status_code}")
            elif person.first_name not in shown:
                problems.append(f"{who} GET {name} does not show their own name")
            problems += [f"{who} GET {name} shows {last}" for last in others if last in shown]
        for name, url in _portal_urls(addresses, {PORTAL_SIGN_IN}):
            response = client.get(url)
            if response.status_code != 302:
                problems.append(f"{who} GET {name}: {response.status_code}")
        for name, url in _portal_urls(addresses, {PORTAL_POST}):
            if (status := client.get(url).status_code) != 405:
                problems.append(f"{who} GET {name}: {status}")
    assert problems == []


def test_nobody_signed_in_is_sent_to_the_portal_sign_in(client, addresses):
    problems = []
    for name, url in _portal_urls(addresses, {PORTAL}):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code != 302 or _path(response) != reverse("portal-sign-in"):
                problems.append(f"anonymous {method.upper()} {name}: {response.status_code}")
    for name, url in _portal_urls(addresses, {PORTAL_SIGN_IN}):
        response = client.get(url)
        if response.status_code not in (200, 302):
            problems.append(f"anonymous GET {name}: {response.status_code}")
    for name, url in _portal_urls(addresses, {PORTAL_POST}):
        if (status := client.get(url).status_code) != 405:
            problems.append(f"anonymous GET {name}: {status}")
    assert problems == []


def test_no_member_of_staff_sees_a_portal_page(client, staff, addresses, young_people):
    names = [person.last_name for person, _access in young_people.values()]
    problems = []
    for role in STAFF_ROLES:
        client.force_login(staff[role])
        for name, url in _portal_urls(addresses, {PORTAL, PORTAL_SIGN_IN}):
            response = client.get(url)
            shown = response.content.decode()
            if response.status_code != 403 or "These pages are for young people" not in shown:
                problems.append(f"{role} GET {name}: {response.status_code}")
            problems += [f"{role} GET {name} shows {last}" for last in names if last in shown]
        for name, url in _portal_urls(addresses, {PORTAL_POST}):
            if (status := client.get(url).status_code) != 405:
                problems.append(f"{role} GET {name}: {status}")
    assert problems == []
    assert Access.objects.count() == 2
