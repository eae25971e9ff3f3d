from django.contrib import admin

from .models import FeedKey


@admin.register(FeedKey)
class FeedKeyAdmin(admin.ModelAdmin):
    """Keys for the figures feed: made with `feed_key_make` (the key is shown once, then only
    its hash is kept), listed here to see which are in use and to withdraw one."""

    list_display = ["name", "made_for", "made_at", "last_used_at", "withdrawn_at"]
    fields = ["name", "made_for", "made_at", "last_used_at", "withdrawn_at"]
    readonly_fields = ["name", "made_for", "made_at", "last_used_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Withdrawn, not deleted: when it was used stays on record.
        return False
