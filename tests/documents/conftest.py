import pytest

from tests.advisers.people import allocate, young_person


@pytest.fixture(autouse=True)
def documents_store(settings, tmp_path):
    """Each test keeps its documents' files in a folder of its own, removed after it."""
    folder = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                      "OPTIONS": {"location": folder}},
    }
    return folder


@pytest.fixture
def person(teams, staff):
    """Jo Bloggs, in the north team, whose Personal Adviser is `pa`."""
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    return person
