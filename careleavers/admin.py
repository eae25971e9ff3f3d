from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from .models import Team, User


class ReadOnlyAdmin(admin.ModelAdmin):
    """Audit: read, searched and filtered, never added to, changed or deleted."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HistoryAdmin(SimpleHistoryAdmin):
    """Each past version is shown as it was; none is rolled back to from here (a change is made
    on the record's own page, and kept in its history)."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(AccessAttempt)
class SignInAttemptAdmin(ReadOnlyAdmin, AccessAttemptAdmin):
    pass


@admin.register(AccessLog)
class SignInAdmin(ReadOnlyAdmin, AccessLogAdmin):
    pass


@admin.register(AccessFailureLog)
class SignInFailureAdmin(ReadOnlyAdmin, AccessFailureLogAdmin):
    pass


@admin.register(Team)
class TeamAdmin(HistoryAdmin):
    list_display = ["name", "team_id"]
    search_fields = ["name", "team_id"]


@admin.register(User)
class StaffAdmin(UserAdmin, HistoryAdmin):
    list_display = ["username", "full_name", "email", "role", "is_active"]
    list_filter = ["role", "teams", "is_active"]
    search_fields = ["username", "full_name", "email"]
    filter_horizontal = ["teams"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("About them", {"fields": ["full_name", "email", "work_phone"]}),
        ("Work", {"fields": ["role", "teams", "caseload_capacity"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    actions = ["make_inactive"]

    def get_actions(self, request):
        # Deleting is one account at a time, where has_delete_permission can look at it.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        """Only an account that never changed or opened a record may be deleted; anyone else is
        made inactive, so their name stays on the history."""
        if obj is not None and obj.has_left_a_trace():
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description="Stop the selected staff signing in (make inactive)")
    def make_inactive(self, request, queryset):
        for user in queryset.filter(is_active=True):
            user.is_active = False
            user.save(update_fields=["is_active"])
        messages.success(request, "Those staff can no longer sign in. Their history is kept.")

    add_fieldsets = [
        (None, {"fields": ["username", "full_name", "email", "role", "teams",
                           "password1", "password2"]}),
    ]
