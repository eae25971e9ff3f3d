from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Team, User


@admin.register(Team)
class TeamAdmin(SimpleHistoryAdmin):
    list_display = ["name", "team_id"]
    search_fields = ["name", "team_id"]


@admin.register(User)
class StaffAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "full_name", "email", "role", "is_active"]
    list_filter = ["role", "teams", "is_active"]
    search_fields = ["username", "full_name", "email"]
    filter_horizontal = ["teams"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("About them", {"fields": ["full_name", "email"]}),
        ("Work", {"fields": ["role", "teams", "caseload_capacity"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "full_name", "email", "role", "teams",
                           "password1", "password2"]}),
    ]
