import pytest
from django.urls import reverse

from careleavers.models import Role, User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["board", "pa", "manager", "duty", "service"])
def test_only_administrators_open_django_admin(client, staff, persona):
    client.force_login(staff[persona])

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()


def test_administrator_manages_users_and_teams_in_admin(client, staff):
    client.force_login(staff["admin"])

    index = client.get("/admin/")
    users = client.get(reverse("admin:careleavers_user_changelist"))

    assert index.status_code == 200
    assert "Users, teams and settings" in index.content.decode()
    assert staff["board"].username in users.content.decode()


def test_admin_names_each_part_in_plain_words(client, staff):
    client.force_login(staff["admin"])

    index = client.get("/admin/").content.decode()

    assert "Sign-in attempts and lockouts" in index
    assert "Authenticator apps for two-step sign-in" in index
    for code_name in ("Axes", "AXES", "Otp_Totp", "OTP_TOTP"):
        assert f">{code_name}<" not in index


def test_admin_asks_anonymous_visitors_to_sign_in_through_the_service(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("sign-in"))
    assert "Sign in" in response.content.decode()


def test_changes_to_staff_accounts_are_kept_with_who_made_them(client, staff):
    client.force_login(staff["admin"])
    board = staff["board"]

    client.post(
        reverse("admin:careleavers_user_change", args=[board.pk]),
        {"username": board.username, "full_name": "Renamed Member", "email": board.email,
         "role": "board_member", "is_active": "on", "last_login_0": "", "last_login_1": "",
         "date_joined_0": "2026-01-01", "date_joined_1": "09:00:00"},
    )

    latest = board.history.latest()
    assert latest.full_name == "Renamed Member"
    assert latest.history_user == staff["admin"]


def test_the_first_administrator_made_from_the_command_line_can_open_admin(client):
    first = User.objects.create_superuser("first.admin", "first@council.example", PASSWORD)

    client.force_login(first)

    assert first.role == Role.ADMINISTRATOR
    assert client.get("/admin/").status_code == 200
