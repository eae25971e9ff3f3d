from django.urls import path

from .views import annex_a, data_quality, reports, returns

urlpatterns = [
    path("reports/", reports.reports, name="reports"),
    path("reports/annex-a/", annex_a.annex_a, name="annex-a"),
    path("reports/annex-a/list-9.csv", annex_a.annex_a_csv, name="annex-a-csv"),
    path("reports/annex-a/list-9.xlsx", annex_a.annex_a_xlsx, name="annex-a-xlsx"),
    path("reports/903/", returns.return_903, name="return-903"),
    path("reports/903/prepare/", returns.return_903_prepare, name="return-903-prepare"),
    path("reports/903/<int:file_id>/status.json", returns.return_903_status,
         name="return-903-status"),
    path("reports/903/<int:file_id>/ssda903-care-leavers.zip", returns.return_903_download,
         name="return-903-download"),
    path("reports/data-quality/", data_quality.data_quality, name="data-quality"),
]
