"""Money as the service shows it: '£3,000.00'."""

from django import template

from ..rules import pounds as _pounds

register = template.Library()


@register.filter
def pounds(pence) -> str:
    return _pounds(pence) if pence is not None else ""
