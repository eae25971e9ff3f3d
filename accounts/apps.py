from axes.apps import AppConfig as AxesConfig
from django.contrib.admin.apps import AdminConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class CouncilAdminConfig(AdminConfig):
    """Django admin, open to Administrators only (DOMAIN.md §6)."""

    default_site = "accounts.admin_site.CouncilAdminSite"


class SignInAttemptsConfig(AxesConfig):
    """django-axes, under the name an administrator looks for in the admin."""

    verbose_name = "Sign-in attempts and lockouts"


class AuthenticatorAppsConfig(TOTPConfig):
    """django-otp's authenticator app devices, under the name an administrator looks for."""

    verbose_name = "Authenticator apps for two-step sign-in"
