"""The layout every page shares: the header with GOV.UK Frontend's service navigation (no crown or
GOV.UK logotype on a council service), the navigation each role sees with the current page
marked, the inline scripts allowed by the page's own nonce, and wide tables in a labelled
container that scrolls on its own. How it looks on a phone: tests/browser/test_phone_width.py."""

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def header_of(response) -> str:
    body = response.content.decode()
    return body[body.index("<header"):body.index("</header>")]


def navigation_links(header: str) -> list[tuple[str, str, bool]]:
    """(label, href, marked as the current page) for each item in the service navigation."""
    items = re.findall(
        r'<li class="govuk-service-navigation__item[^"]*">\s*'
        r'<a class="govuk-service-navigation__link" href="([^"]+)"( aria-current="page")?>'
        r'(?:<strong[^>]*>)?([^<]+)<',
        header,
    )
    return [(label, href, bool(current)) for href, current, label in items]


def test_the_header_is_the_service_navigation_with_who_is_signed_in(client, staff):
    client.force_login(staff["pa"])

    header = header_of(client.get(reverse("home")))

    assert 'class="govuk-service-navigation"' in header
    assert 'data-module="govuk-service-navigation"' in header
    assert ">Leaving care service</a>" in header
    assert f"{staff['pa'].get_full_name()}, Personal Adviser" in header
    assert f'action="{reverse("sign-out")}"' in header and ">Sign out</button>" in header
    assert "govuk-header__logo" not in header and "GOV.UK" not in header
    assert "<svg" not in header  # no crown


@pytest.mark.parametrize("persona, labels", [
    ("pa", ["Home", "My caseload", "Find a young person"]),
    ("manager", ["Home", "Dashboard", "Reports", "Team", "Plans to authorise",
                 "Placement alerts", "Find a young person"]),
    ("board", ["Home", "Board packs"]),
])
def test_each_role_sees_its_pages_with_the_current_one_marked(client, staff, persona, labels):
    client.force_login(staff[persona])

    header = header_of(client.get(reverse("home")))

    links = navigation_links(header)
    assert [label for label, _, _ in links] == labels
    assert [label for label, _, current in links if current] == ["Home"]
    # On a phone the list folds behind a Menu button that controls it.
    assert re.search(r'<button type="button" class="govuk-service-navigation__toggle[^"]*" '
                     r'aria-controls="service-navigation-list" hidden aria-hidden="true">Menu'
                     r'</button>', header)
    assert 'id="service-navigation-list"' in header


def test_the_current_page_is_marked_on_another_page(client, staff):
    client.force_login(staff["manager"])

    links = navigation_links(header_of(client.get(reverse("plan-queue"))))

    assert [label for label, _, current in links if current] == ["Plans to authorise"]


def test_signed_out_pages_show_the_service_name_without_navigation(client):
    header = header_of(client.get(reverse("sign-in")))

    assert ">Leaving care service</a>" in header
    assert navigation_links(header) == []
    assert "Menu" not in header and "Sign out" not in header


def test_the_inline_scripts_carry_the_nonce_the_policy_allows(client, staff):
    client.force_login(staff["pa"])

    response = client.get(reverse("home"))

    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])[1]
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", response.content.decode(), re.S)
    inline = [attributes for attributes, text in scripts if text.strip()]
    assert len(inline) == 2
    assert all(f'nonce="{nonce}"' in attributes for attributes in inline)


def render(source: str, **context) -> str:
    return Template("{% load layout %}" + source).render(Context(context))


def test_a_wide_table_goes_in_a_labelled_container_that_takes_the_focus():
    html = render('{% table_container caption_id %}<table><caption id="{{ caption_id }}">'
                  "Young people</caption></table>{% endtable_container %}",
                  caption_id="team-caption")

    assert html == (
        '<div class="app-table-container" role="region" aria-labelledby="team-caption" '
        'tabindex="0"><table><caption id="team-caption">Young people</caption></table></div>'
    )


def test_a_table_container_must_name_what_labels_it():
    with pytest.raises(TemplateSyntaxError, match="the id of the caption or heading"):
        render("{% table_container %}<table></table>{% endtable_container %}")
