from django.urls import path

from .views import annex_a, board, data_quality, reports, returns
from .views import dashboard as views

urlpatterns = [
    path("reports/", reports.reports, name="reports"),
    path("reports/annex-a/", annex_a.annex_a, name="annex-a"),
    path("reports/annex-a/list-9.csv", annex_a.annex_a_csv, name="annex-a-csv"),
    path("reports/annex-a/list-9.xlsx", annex_a.annex_a_xlsx, name="annex-a-xlsx"),
    path("reports/903/", returns.return_903, name="return-903"),
    path("reports/903/ssda903-care-leavers.zip", returns.return_903_download,
         name="return-903-download"),
    path("reports/data-quality/", data_quality.data_quality, name="data-quality"),
    path("reports/board-pack/", board.choose_month, name="board-pack"),
    path("reports/board-pack/<str:month>/", board.pack_month, name="board-pack-month"),
    path("reports/board-pack/<str:month>/make/", board.make_again, name="board-pack-make"),
    path("reports/board-pack/files/<int:file_id>/", board.progress, name="board-pack-progress"),
    path("reports/board-pack/files/<int:file_id>/status.json", board.progress_json,
         name="board-pack-status"),
    path("board-packs/", board.board_packs, name="board-packs"),
    path("board-packs/<int:file_id>/download/", board.download, name="board-pack-download"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/young-people/", views.figure_list, name="dashboard-list"),
    path("dashboard/young-people.csv", views.figure_list_csv, name="dashboard-list-csv"),
    path("alerts/placements/", views.placement_alerts, name="placement-alerts"),
    path("alerts/placements/<int:alert_id>/seen/", views.placement_alert_seen,
         name="placement-alert-seen"),
]
