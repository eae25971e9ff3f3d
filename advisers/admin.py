from django.contrib import admin

from careleavers.admin import HistoryAdmin

from .models import KeepInTouchStandard, interval_in_words
from .services import keep_in_touch_standard_save


@admin.register(KeepInTouchStandard)
class KeepInTouchStandardAdmin(HistoryAdmin):
    """The local keep-in-touch standard for each status (DOMAIN.md §2): a council setting. Next
    contact dates everywhere follow it as soon as it is saved."""

    list_display = ["status", "standard"]
    fields = ["status", "interval_days"]
    ordering = ["status"]

    @admin.display(description="Keep in touch")
    def standard(self, standard):
        return interval_in_words(standard.interval_days).capitalize()

    def save_model(self, request, obj, form, change):
        keep_in_touch_standard_save(actor=request.user, standard=obj)

    def get_readonly_fields(self, request, obj=None):
        # One row per status: change how often, not which status it is for.
        return ["status"] if obj else []

    def has_delete_permission(self, request, obj=None):
        # Deleting would silently bring back the default; set the days instead.
        return False
