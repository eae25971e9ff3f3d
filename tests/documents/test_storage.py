"""Where documents' files are kept: the store named "documents" in STORAGES, a folder no web
server serves unless a council points it at its own object store, on a volume in compose."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages

from documents.models import Document
from tests.documents.files import keep
from tests.support import settings_for
from tests.test_deployment import named_volume_holding, service


def test_documents_are_kept_in_the_store_the_settings_name(db, staff, person, documents_store):
    kept = keep(person, staff["pa"])

    assert Document._meta.get_field("file").storage.path(kept.file.name) == str(
        documents_store / kept.file.name)
    assert storages["documents"].exists(kept.file.name)


def test_by_default_they_are_kept_beside_the_code_outside_what_is_served(tmp_path):
    configured = settings_for(DOCUMENTS_ROOT="")
    folder = Path(configured["STORAGES"]["documents"]["OPTIONS"]["location"])

    assert folder == configured["BASE_DIR"] / "private-documents"
    for served in (configured["STATIC_ROOT"], *configured["STATICFILES_DIRS"],
                   configured["MEDIA_ROOT"]):
        assert not folder.is_relative_to(served)


def test_a_documents_folder_inside_the_media_folder_stops_start_up(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="DOCUMENTS_ROOT must be outside"):
        settings_for(MEDIA_ROOT=str(tmp_path), DOCUMENTS_ROOT=str(tmp_path / "documents"))


def test_compose_keeps_documents_on_a_volume_of_their_own():
    root = service("web")["environment"]["DOCUMENTS_ROOT"]
    volume = named_volume_holding("web", root)

    assert volume and volume != named_volume_holding("web",
                                                     service("web")["environment"]["MEDIA_ROOT"])
