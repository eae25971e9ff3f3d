"""The young person's own pages. Every one is `@young_person_required` (portal.access) or part
of signing in."""

from django.shortcuts import render

from .access import record_visit, young_person_required


@young_person_required
def home(request):
    record_visit(request, "Home")
    return render(request, "portal/home.html", {})
