"""Where documents' files are kept: `STORAGES["documents"]` (config/settings.py), so a council can
point it at its own object store. It is never a folder the web server serves: files leave only
through the download view, which checks who is asking.

Django asks a FileField's storage callable once, when the model loads; the storage it returns
here looks up `storages["documents"]` when first used, and again whenever the STORAGES setting
changes (tests keep each test's files in a temporary folder of its own)."""

import uuid

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class _DocumentsStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["documents"]


_storage = _DocumentsStorage()


def documents_storage():
    """The storage documents' files are kept in (the FileField's `storage=`)."""
    return _storage


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        _storage._wrapped = empty


def stored_name(document, filename: str) -> str:
    """A random name for the file: the name it was uploaded with (which may say who it is
    about) is kept on the document's row, never in the store."""
    return uuid.uuid4().hex
