"""A young person's documents: the page with the checklist, the documents and the upload form;
downloading a file; ticking the checklist; marking a document replaced or withdrawn. Thin:
authorise through documents.access, bind the form, call the service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from careleavers.access import get_young_person_for, record_download

from . import services
from .access import can_change_documents, get_document_for
from .forms import TickForm, UploadForm, WithdrawForm
from .rules import ChecklistItem, in_a_sentence
from .selectors import (
    checklist_changes_of,
    checklist_of,
    documents_of,
    documents_showing,
    tick_of,
)


@login_required
def documents(request, pk):
    """The record's Documents page; a POST uploads a document to it."""
    user = request.user
    posting = request.method == "POST"
    young_person = get_young_person_for(user, pk, write=posting,
                                        log_view="" if posting else "documents")
    form = UploadForm(request.POST if posting else None, request.FILES if posting else None)
    if posting and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_upload(
                actor=user, young_person=young_person, kind=data["kind"], title=data["title"],
                dated_on=data["dated_on"], upload=data["file"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Uploaded: {document.title}")
            return redirect("documents", pk=young_person.pk)
    can_change = can_change_documents(user, young_person)
    kept = documents_of(young_person)
    current = [document for document in kept if document.is_current]
    checklist = checklist_of(young_person)
    return render(request, "documents/documents.html", {
        "young_person": young_person,
        "form": form if can_change else None,
        "can_edit": can_change,
        "can_change": can_change,
        "current": current,
        "withdrawn": [document for document in kept if not document.is_current],
        "checklist": checklist,
        "checklist_rows": [(row, [d for d in current if d.kind in row.shown_by])
                           for row in checklist.rows],
        "changes": checklist_changes_of(young_person),
        "today": timezone.localdate(),
    })


@require_GET
@login_required
def download(request, pk, document_pk):
    """The file, as an attachment, to someone who may see the record; each download logged."""
    young_person, document = get_document_for(request.user, pk, document_pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file for this document cannot be found") from None
    record_download(request.user, [young_person.pk], f"the document “{document.title}”")
    response = FileResponse(handle, as_attachment=True, filename=document.original_name,
                            content_type=document.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def withdraw(request, pk, document_pk):
    posting = request.method == "POST"
    young_person, document = get_document_for(
        request.user, pk, document_pk, write=True,
        log_view="" if posting else "replace or withdraw a document",
    )
    if not document.is_current:
        messages.info(request, f"{document.title} is already marked as replaced or withdrawn")
        return redirect("documents", pk=young_person.pk)
    form = WithdrawForm(request.POST if posting else None)
    if posting and form.is_valid():
        try:
            services.document_withdraw(actor=request.user, document=document,
                                       reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Marked as replaced or withdrawn: {document.title}")
            return redirect("documents", pk=young_person.pk)
    return render(request, "documents/withdraw.html", {
        "young_person": young_person, "document": document, "form": form,
    })


@require_POST
@login_required
def share(request, pk, document_pk):
    """Share a document with the young person, or stop sharing it (`shared`: yes or no)."""
    young_person, document = get_document_for(request.user, pk, document_pk, write=True)
    shared = {"yes": True, "no": False}.get(request.POST.get("shared", ""))
    if shared is None:
        return HttpResponseBadRequest("Say whether to share the document: yes or no")
    try:
        services.document_share(actor=request.user, document=document, shared=shared)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if shared:
            messages.success(request, f"Shared with {young_person.display_name}: "
                                      f"{document.title}. They can download it from their "
                                      "own pages.")
        else:
            messages.success(request, f"No longer shared with {young_person.display_name}: "
                                      f"{document.title}")
    return redirect("documents", pk=young_person.pk)


@login_required
def tick(request, pk, item):
    """Say whether they have one thing on the checklist, and which document shows it."""
    if item not in ChecklistItem.values:
        raise Http404("Not on the checklist")
    item = ChecklistItem(item)
    posting = request.method == "POST"
    young_person = get_young_person_for(
        request.user, pk, write=True, log_view="" if posting else "the documents checklist",
    )
    existing = tick_of(young_person, item)
    form = TickForm(request.POST if posting else None, item=item,
                    documents=documents_showing(young_person, item),
                    initial={"has_it": existing.has_it, "document": existing.document_id}
                    if existing else {})
    if posting and form.is_valid():
        try:
            services.checklist_tick(actor=request.user, young_person=young_person, item=item,
                                    has_it=form.cleaned_data["has_it"],
                                    document=form.cleaned_data["document"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            said = "have" if form.cleaned_data["has_it"] else "do not have"
            messages.success(request, f"Saved: they {said} their {in_a_sentence(item)}")
            return redirect("documents", pk=young_person.pk)
    return render(request, "documents/tick.html", {
        "young_person": young_person, "form": form, "item": item,
    })
