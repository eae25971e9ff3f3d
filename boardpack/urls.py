from django.urls import path

from . import views as board

urlpatterns = [
    path("reports/board-pack/", board.choose_month, name="board-pack"),
    path("reports/board-pack/<str:month>/", board.pack_month, name="board-pack-month"),
    path("reports/board-pack/<str:month>/make/", board.make_again, name="board-pack-make"),
    path("reports/board-pack/files/<int:file_id>/", board.progress, name="board-pack-progress"),
    path("reports/board-pack/files/<int:file_id>/status.json", board.progress_json,
         name="board-pack-status"),
    path("board-packs/", board.board_packs, name="board-packs"),
    path("board-packs/<int:file_id>/download/", board.download, name="board-pack-download"),
]
