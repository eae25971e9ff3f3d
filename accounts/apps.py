from django.contrib.admin.apps import AdminConfig


class CouncilAdminConfig(AdminConfig):
    """Django admin, open to Administrators only (DOMAIN.md §6)."""

    default_site = "accounts.admin_site.CouncilAdminSite"
