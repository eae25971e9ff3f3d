"""The chronology is newest first on the service's local clock, across midnight in summer."""

from datetime import UTC, date, datetime

from careleavers.record import ChronologyEntry


def newest_first(*entries):
    return [e.title for e in sorted(entries, key=lambda e: e.sort_key, reverse=True)]


def test_a_moment_after_midnight_in_summer_sorts_on_its_local_day():
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): after anything dated 30 June and
    # after the start of 1 July.
    authorised = ChronologyEntry(at=datetime(2024, 6, 30, 23, 30, tzinfo=UTC), kind="Plan",
                                 title="Plan authorised at 00:30 on 1 July")
    visit = ChronologyEntry(at=date(2024, 7, 1), kind="Contact", title="Visit on 1 July")
    call = ChronologyEntry(at=date(2024, 6, 30), kind="Contact", title="Call on 30 June")
    assert newest_first(call, visit, authorised) == [
        "Plan authorised at 00:30 on 1 July", "Visit on 1 July", "Call on 30 June",
    ]


def test_moments_in_winter_and_summer_sort_in_time_order():
    winter = ChronologyEntry(at=datetime(2024, 1, 15, 23, 59, tzinfo=UTC), kind="x", title="winter")
    summer = ChronologyEntry(at=datetime(2024, 7, 1, 0, 30, tzinfo=UTC), kind="x", title="summer")
    assert newest_first(winter, summer) == ["summer", "winter"]
