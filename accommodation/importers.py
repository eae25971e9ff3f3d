"""Import loader for accommodation.csv (INTERFACES.md §1), through the same services as the
forms: a later place ends the one before it, moves ask for early plan reviews and placements a
manager must know about raise alerts, exactly as if a Personal Adviser had typed them in. The one
difference: the file need not name a Staying Put carer (the column came later, and systems that
send the documented columns do not hold it), so a Staying Put place without one is recorded with
the carer not recorded, for the data quality page to list."""

from django.db import transaction

from careleavers.csv_import import dated_rows, import_file

from .models import AccommodationEpisode
from .rules import AccommodationType
from .services import accommodation_record, accommodation_update, suitability_record_judgement

COLUMNS = {"start_on": "start_date", "end_on": "end_date", "outcome": "suitable"}
SUITABLE_VALUES = {"y": True, "n": False, "": None}


@transaction.atomic
def _record(*, actor, young_person, suitable, today, **values):
    episode = accommodation_record(actor=actor, young_person=young_person, today=today,
                                   carer_required=False, **values)
    if suitable is not None:
        suitability_record_judgement(actor=actor, episode=episode, suitable=suitable,
                                     assessed_on=episode.start_on)
    return episode


@transaction.atomic
def _update(*, actor, episode, changes, suitable, today):
    if changes:
        episode = accommodation_update(actor=actor, episode=episode, version=episode.version,
                                       today=today, carer_required=False, **changes)
    if suitable is not None:
        suitability_record_judgement(actor=actor, episode=episode, suitable=suitable,
                                     assessed_on=episode.start_on)
    return episode


@import_file(
    "accommodation.csv", order=90,
    columns=["person_id", "start_date", "type_code"],
    optional_columns=["end_date", "suitable", "council_provided", "staying_put_carer"],
    model=AccommodationEpisode,
)
def load_accommodation(rows, ctx):
    """Places lived, keyed by young person and the date they moved in. They load oldest first
    for each young person, so a later place ends the one before it, as a move in the app does."""
    checked = []
    for row, young_person, start_on, end_on in dated_rows(rows, ctx):
        type_code = row.choice(
            "type_code", AccommodationType,
            what=f"a DfE accommodation type ({', '.join(AccommodationType.values)})",
        )
        suitable_text = row.text("suitable")
        if suitable_text.lower() not in SUITABLE_VALUES:
            row.error("suitable", f"'{suitable_text}' must be Y, N or blank (not assessed)")
        council_provided = row.flag("council_provided")
        carer = row.text("staying_put_carer")
        if row.ok:
            checked.append((start_on, row.line, row, young_person, end_on, type_code,
                            SUITABLE_VALUES[suitable_text.lower()], council_provided, carer))

    for start_on, _, row, young_person, end_on, type_code, suitable, council, carer in sorted(
        checked, key=lambda c: c[:2]
    ):
        episode = AccommodationEpisode.objects.filter(
            young_person=young_person, start_on=start_on
        ).first()
        if episode is None:
            done = row.call(
                _record, columns=COLUMNS, actor=ctx.actor, young_person=young_person,
                today=ctx.today, start_on=start_on, end_on=end_on, type_code=type_code,
                council_provided=council, staying_put_carer=carer, suitable=suitable,
            )
            outcome = "added"
        else:
            changes = {}
            if episode.type_code != type_code:
                changes["type_code"] = type_code
            if row.present("council_provided") and episode.council_provided != council:
                changes["council_provided"] = council
            # A blank carer leaves one already recorded (perhaps typed in since) as it is.
            if carer and episode.staying_put_carer != carer:
                changes["staying_put_carer"] = carer
            # A place ended since the file was made (by a later move) is not reopened.
            if end_on is not None and episode.end_on != end_on:
                changes["end_on"] = end_on
            latest = episode.assessments.order_by("-assessed_on", "-pk").first()
            if suitable is not None and latest is not None and latest.suitable == suitable:
                suitable = None
            if not changes and suitable is None:
                ctx.count(row.file.name, "unchanged")
                continue
            done = row.call(_update, columns=COLUMNS, actor=ctx.actor, episode=episode,
                            changes=changes, suitable=suitable, today=ctx.today)
            outcome = "updated"
        if done is not None:
            ctx.count(row.file.name, outcome)
