"""The Corporate Parenting Board pack: service managers choose a month, write the commentary and
make the PDF, then watch it being made; board members (and service managers) download the PDFs
made. Thin: authorise through dashboard.access, bind the form, call the service, redirect."""

import re
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from careleavers.concurrency import StaleEditError
from careleavers.dates import month_and_year
from careleavers.pdf import pdf_response
from careleavers.prepared import prepared_status
from dashboard.models import MonthlySnapshot
from dashboard.snapshots import month_end

from .access import board_pack_files_for, may_make_board_pack
from .board import at_a_glance, month_figures
from .board_forms import BoardCommentaryForm, BoardMonthForm, month_slug
from .board_pack import board_pack_commentary_save, board_pack_for, board_pack_request
from .models import BoardPack, BoardPackFile, BoardPackFileState


def _require_maker(user):
    if not may_make_board_pack(user):
        raise PermissionDenied


def _month(slug: str) -> date:
    """The month in a URL (YYYY-MM): 404 unless it is a real month that has started."""
    if not re.fullmatch(r"\d{4}-\d{2}", slug):
        raise Http404("No such month")
    try:
        month = date(int(slug[:4]), int(slug[5:]), 1)
    except ValueError:
        raise Http404("No such month") from None
    if month > timezone.localdate():
        raise Http404("That month has not started")
    return month


def _file_for_maker(user, file_id) -> BoardPackFile:
    _require_maker(user)
    file = (BoardPackFile.objects.without_pdf().select_related("pack", "requested_by")
            .filter(pk=file_id).first())
    if file is None:
        raise Http404("No such board pack file")
    return file


def _status(file: BoardPackFile, now) -> dict:
    """Where the making of a file has got to, in words, for the progress page and its JSON."""
    return prepared_status(file, now, ready="The PDF is ready.",
                           failed="The PDF could not be made. Try again.",
                           download_url=reverse("board-pack-download", args=[file.pk]))


@login_required
def choose_month(request):
    """Which month to prepare a pack for, and the packs prepared so far."""
    _require_maker(request.user)
    today = timezone.localdate()
    form = BoardMonthForm(request.GET or None, today=today)
    if form.is_bound and form.is_valid():
        return redirect("board-pack-month", month=form.cleaned_data["month"])
    packs = BoardPack.objects.select_related("updated_by").annotate(
        made=Count("files", filter=Q(files__state=BoardPackFileState.DONE)),
    ).order_by("-month")
    return render(request, "boardpack/board_pack_choose.html", {
        "form": form, "packs": packs,
    })


@login_required
def pack_month(request, month):
    """The commentary for a month's pack, the buttons to save it and make the PDF, and the
    PDFs made for the month so far."""
    _require_maker(request.user)
    first = _month(month)
    pack = board_pack_for(first)
    form = BoardCommentaryForm(request.POST or None, pack=pack)
    stale = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"] or 0
        try:
            pack = board_pack_commentary_save(actor=request.user, month=first, version=version,
                                              commentary=form.commentary())
        except StaleEditError as error:
            stale = form.refuse_stale(error, read_version=version)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if request.POST.get("action") == "make":
                file = board_pack_request(actor=request.user, pack=pack)
                return redirect("board-pack-progress", file_id=file.pk)
            messages.success(request, f"Commentary saved for {month_and_year(first)}")
            return redirect("board-pack-month", month=month_slug(first))
    kept = MonthlySnapshot.objects.filter(month=first, team__isnull=True).first()
    glance = at_a_glance(month_figures(first, today=timezone.localdate()))
    files = (pack.files.without_pdf().select_related("requested_by")
             if pack.pk else BoardPackFile.objects.none())
    now = timezone.now()
    return render(request, "boardpack/board_pack_month.html", {
        "form": form, "pack": pack, "month": first, "stale": stale,
        "figures_on": min(month_end(first), timezone.localdate()),
        "kept": kept,
        "glance": glance,
        "files": [(file, _status(file, now)) for file in files],
    })


@login_required
@require_POST
def make_again(request, month):
    """Make the month's PDF again with the commentary as saved (after one failed or stuck)."""
    _require_maker(request.user)
    pack = BoardPack.objects.filter(month=_month(month)).first()
    if pack is None:
        raise Http404("No commentary saved for that month")
    file = board_pack_request(actor=request.user, pack=pack)
    return redirect("board-pack-progress", file_id=file.pk)


@login_required
def progress(request, file_id):
    """The PDF being made: a progress bar the page's script keeps up to date."""
    file = _file_for_maker(request.user, file_id)
    return render(request, "boardpack/board_pack_progress.html", {
        "file": file, "month": file.pack.month, "status": _status(file, timezone.now()),
    })


@login_required
def progress_json(request, file_id):
    file = _file_for_maker(request.user, file_id)
    response = JsonResponse(_status(file, timezone.now()))
    response["Cache-Control"] = "no-store"
    return response


@login_required
def board_packs(request):
    """The packs made, newest month first: the latest PDF of each month, and any earlier ones."""
    files = list(board_pack_files_for(request.user).select_related("pack")
                 .order_by("-pack__month", "-finished_at", "-pk"))
    months: dict[date, list[BoardPackFile]] = {}
    for file in files:
        months.setdefault(file.pack.month, []).append(file)
    return render(request, "boardpack/board_packs.html", {
        "months": [{"month": month, "latest": made[0], "earlier": made[1:]}
                   for month, made in months.items()],
    })


@login_required
def download(request, file_id):
    file = board_pack_files_for(request.user).select_related("pack").filter(pk=file_id).first()
    if file is None:
        raise Http404("No such board pack")
    pdf = BoardPackFile.objects.filter(pk=file.pk).values_list("pdf", flat=True).get()
    return pdf_response(bytes(pdf), filename=file.filename)
