from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class CareleaversConfig(AppConfig):
    name = "careleavers"
    verbose_name = "Staff and young people"


class CouncilAdminConfig(AdminConfig):
    """Django admin, open to Administrators only (DOMAIN.md §6)."""

    default_site = "careleavers.admin_site.CouncilAdminSite"
