"""Writes of the returns package: the council's own SSDA903 episodes, kept for its return."""

from django.db import transaction

from careleavers.history import save_with_history
from careleavers.services import young_person_changed

from .models import Episode903

#: An episode's DfE codes as the model holds them, by the DfE's column names.
EPISODE_CODES = {
    "RNE": "rne", "LS": "legal_status", "CIN": "cin", "PLACE": "place",
    "PLACE_PROVIDER": "place_provider", "REC": "rec",
    "REASON_PLACE_CHANGE": "reason_place_change", "HOME_POST": "home_post",
    "PL_POST": "pl_post", "URN": "urn",
}


@transaction.atomic
def episodes_903_keep(*, actor, young_person, episodes: list[dict]) -> int:
    """Keep a young person's episodes as their council's 903 return gave them, each a dict of
    `started_on`, `ceased_on` and the fields of EPISODE_CODES, keyed by the day it started: a
    new one is added, a known one changed only where it differs, none taken away. Returns how
    many were added or changed."""
    held = {e.started_on: e for e in Episode903.objects.filter(young_person=young_person)}
    changed = 0
    for values in episodes:
        episode = held.get(values["started_on"])
        if episode is None:
            episode = Episode903(young_person=young_person, **values)
        elif all(getattr(episode, name) == value for name, value in values.items()):
            continue
        else:
            for name, value in values.items():
                setattr(episode, name, value)
        episode.full_clean(exclude=["young_person"])
        save_with_history(episode, actor)
        changed += 1
    if changed:
        young_person_changed(young_person)
    return changed
