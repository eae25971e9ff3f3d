from django import template

from eligibility.rules import Status

register = template.Library()

# GOV.UK tag colours; the default tag (no modifier) is blue.
_COLOURS = {
    Status.ELIGIBLE: "",
    Status.RELEVANT: "govuk-tag--teal",
    Status.FORMER_RELEVANT: "govuk-tag--green",
    Status.FORMER_RELEVANT_EDUCATION: "govuk-tag--green",
    Status.RETURNER_21_25: "govuk-tag--purple",
    Status.ENTITLED_ON_REQUEST: "govuk-tag--yellow",
    Status.QUALIFYING: "govuk-tag--pink",
    Status.NOT_ENTITLED: "govuk-tag--grey",
}


@register.filter
def status_tag_class(status: str) -> str:
    return _COLOURS.get(status, "govuk-tag--grey")
