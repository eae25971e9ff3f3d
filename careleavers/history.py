"""Every change to a case record keeps who made it (django-simple-history reads `_history_user`
on the instance when it writes the history row)."""


def save_with_history(obj, actor, update_fields=None):
    """Save `obj`, its history row saying `actor` made the change."""
    obj._history_user = actor
    obj.save(update_fields=update_fields)
    return obj


def delete_with_history(obj, actor) -> None:
    """Delete `obj`, its history row saying `actor` deleted it."""
    obj._history_user = actor
    obj.delete()
