"""Two people answering one young person's request at once, on two real database connections:
the second waits for the first and is told it has been answered, so nothing is done twice."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from portal.models import Ask, AskState
from portal.services import ask_confirm, ask_decline, details_change_propose
from tests.advisers.people import allocate, young_person
from tests.portal.asks_support import access_for
from tests.support import in_another_connection, wait_until_another_connection_waits_for_a_lock

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_request_answered_twice_at_once_is_answered_once(staff, teams):
    person = young_person(teams["north"], phone="07700 900001")
    allocate(person, staff["pa"])
    proposed = details_change_propose(access=access_for(person, invited_by=staff["pa"]),
                                      phone="07700 900222", email="", address="")

    with transaction.atomic():
        # The PA's confirmation holds the request until it commits...
        ask_confirm(actor=staff["pa"], ask=proposed)
        # ...while their manager, on another connection, says no to the same request.
        thread, outcome = in_another_connection(lambda: ask_decline(
            actor=staff["manager"], ask=proposed, reason="Not their number"))
        wait_until_another_connection_waits_for_a_lock()
        assert thread.is_alive(), "the second answer waits for the first to commit"
    thread.join(timeout=10)

    assert isinstance(outcome.get("error"), ValidationError)
    assert "already answered" in str(outcome["error"])
    answered = Ask.objects.get(pk=proposed.pk)
    assert (answered.state, answered.decided_by) == (AskState.DONE, staff["pa"])
    person.refresh_from_db()
    assert person.phone == "07700 900222"
