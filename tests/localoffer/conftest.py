import pytest

from tests.localoffer.offer import default_entitlements


@pytest.fixture(autouse=True)
def _local_offer_defaults(request):
    """Every database test here starts from the council's default local offer, whatever ran
    before it."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    transactional = marker.kwargs.get("transaction", False)
    request.getfixturevalue("transactional_db" if transactional else "db")
    default_entitlements()
