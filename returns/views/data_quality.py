"""The data quality page: young people whose records are missing what the DfE return, the
Ofsted list and the dashboard need, each linking to the record to put right. For team managers
(their teams), duty and service managers (every team), by the record rule.

"Care history not held" lists young people with no period of care recorded: their status is
decided from their care history, so until someone adds it they show as not entitled. Most are
care leavers brought over from the DfE's care leaver table alone (`import_903`)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from accommodation.selectors import staying_put_without_carer
from advisers.selectors import current_pa_name
from careleavers.listing import paginate
from careleavers.models import YoungPerson
from dashboard.figures import pks_behind
from eligibility.selectors import without_care_history

from ..access import data_quality_scope_for
from ..returns_903 import birthday_gaps, collection_year, collection_year_of
from ..returns_903_forms import year_label

NO_CONTACT = "contact.never"
REVIEW_NOT_RECORDED = "pathway_plans.overdue_review_not_recorded"


def _missing(member) -> str:
    gaps = [what for what, value in (("activity", member.activ), ("accommodation", member.accom))
            if value is None]
    return " and ".join(gaps).capitalize()


@login_required
def data_quality(request):
    today = timezone.localdate()
    visible = data_quality_scope_for(request.user)
    gaps = birthday_gaps(people=visible, today=today)
    no_contact = pks_behind(NO_CONTACT, today, within=visible)
    not_recorded = pks_behind(REVIEW_NOT_RECORDED, today, within=visible)
    no_carer = list(staying_put_without_carer(visible))
    no_history = without_care_history(visible)
    wanted = ({m.young_person.pk for m in gaps} | no_contact | not_recorded
              | {place.young_person_id for place in no_carer} | no_history)
    # One query for everyone listed: their team and Personal Adviser today.
    people = {
        person.pk: person for person in YoungPerson.objects.filter(pk__in=wanted)
        .select_related("team").annotate(personal_adviser_name=current_pa_name(today=today))
    }

    def listed(pks):
        return sorted((people[pk] for pk in pks),
                      key=lambda p: (p.last_name, p.first_name, p.pk))

    for member in gaps:
        member.person = people[member.young_person.pk]
        member.missing = _missing(member)
    for place in no_carer:
        place.person = people[place.young_person_id]
    year = collection_year_of(today)
    # Each list a page at a time, with its own page in the query string: a service just
    # imported may have hundreds never seen.
    return render(request, "returns/data_quality.html", {
        "today": today,
        "year_label": year_label(year),
        "year_start": collection_year(year)[0],
        "birthday_gaps": paginate(request, gaps, noun="birthdays", param="birthdays_page"),
        "no_contact": paginate(request, listed(no_contact), noun="young people",
                               param="no_contact_page"),
        "review_not_recorded": paginate(request, listed(not_recorded), noun="young people",
                                        param="review_page"),
        "staying_put_without_carer": paginate(request, no_carer, noun="places",
                                              param="staying_put_page"),
        "care_history_not_held": paginate(request, listed(no_history), noun="young people",
                                          param="care_history_page"),
    })
