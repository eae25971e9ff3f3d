from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


class CouncilAdminSite(admin.AdminSite):
    """Users, teams and settings, for Administrators only: no other role may open it."""

    site_header = "Leaving care service administration"
    site_title = "Administration"
    index_title = "Users, teams and settings"

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_staff and getattr(user, "is_administrator", False)

    def login(self, request, extra_context=None):
        # Staff sign in through the service, with its lockout and second factor; someone signed
        # in without the administrator role is refused rather than asked to sign in again.
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next", request.get_full_path()))
