"""What a young person's documents are, which a young person leaving care should have, and which
files the service keeps. Pure code: no database access, so the form, the service and the demo
ask the same rules.

Every care leaver should leave care with the papers they need to live on their own: proof of
who they are (a birth certificate, a passport or, for unaccompanied young people, their
immigration status document), a National Insurance number, a bank account, a summary of their
health history (DOMAIN.md §7) and, once they have one, their tenancy agreement.
"""

from pathlib import PurePath

import filetype
from django.db import models


class DocumentKind(models.TextChoices):
    BIRTH_CERTIFICATE = "birth_certificate", "Birth certificate"
    PASSPORT = "passport", "Passport"
    IMMIGRATION_STATUS = "immigration_status", "Immigration status document"
    NATIONAL_INSURANCE = "national_insurance", "National Insurance number letter"
    BANK_ACCOUNT = "bank_account", "Bank account details"
    HEALTH_HISTORY = "health_history", "Health history"
    TENANCY_AGREEMENT = "tenancy_agreement", "Tenancy agreement"
    SIGNED_PATHWAY_PLAN = "signed_pathway_plan", "Signed pathway plan"
    OTHER = "other", "Other"


class ChecklistItem(models.TextChoices):
    """What a young person leaving care should have, in the order a PA would go through it."""

    BIRTH_CERTIFICATE = "birth_certificate", "Birth certificate"
    PASSPORT_OR_IMMIGRATION = "passport_or_immigration", "Passport or immigration status document"
    NATIONAL_INSURANCE = "national_insurance", "National Insurance number"
    BANK_ACCOUNT = "bank_account", "Bank account"
    HEALTH_HISTORY = "health_history", "Health history"
    TENANCY_AGREEMENT = "tenancy_agreement", "Tenancy agreement"


def in_a_sentence(item: ChecklistItem) -> str:
    """'their tenancy agreement', 'their National Insurance number'."""
    label = ChecklistItem(item).label
    return label if label.startswith("National") else label[0].lower() + label[1:]


#: The kinds of document that show a young person has each thing on the checklist.
SHOWN_BY = {
    ChecklistItem.BIRTH_CERTIFICATE: {DocumentKind.BIRTH_CERTIFICATE},
    ChecklistItem.PASSPORT_OR_IMMIGRATION: {DocumentKind.PASSPORT,
                                            DocumentKind.IMMIGRATION_STATUS},
    ChecklistItem.NATIONAL_INSURANCE: {DocumentKind.NATIONAL_INSURANCE},
    ChecklistItem.BANK_ACCOUNT: {DocumentKind.BANK_ACCOUNT},
    ChecklistItem.HEALTH_HISTORY: {DocumentKind.HEALTH_HISTORY},
    ChecklistItem.TENANCY_AGREEMENT: {DocumentKind.TENANCY_AGREEMENT},
}


class FileType(models.TextChoices):
    """The files kept, by what their contents are (value: the media type sent on download)."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG image"
    PNG = "image/png", "PNG image"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (
        "Word document"
    )
    DOC = "application/msword", "Word 97-2003 document"


#: The endings a file's name may have for each type, the first the usual one.
ENDINGS = {
    FileType.PDF: (".pdf",),
    FileType.JPEG: (".jpg", ".jpeg"),
    FileType.PNG: (".png",),
    FileType.DOCX: (".docx",),
    FileType.DOC: (".doc",),
}
#: What the error messages call the files the service takes.
ACCEPTED = "a PDF, JPEG, PNG or Word document"
#: The `accept` attribute for the file input: the endings and types the service takes.
ACCEPT = ",".join([ending for endings in ENDINGS.values() for ending in endings]
                  + list(FileType.values))
#: Enough of the start of a file to tell what it is: filetype reads this much.
HEAD_BYTES = 8192


def file_type_of(head: bytes) -> FileType | None:
    """What a file's contents are, from its first bytes (not its name), if the service takes
    that kind of file."""
    kind = filetype.guess(head)
    if kind is None or kind.mime not in FileType.values:
        return None
    return FileType(kind.mime)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def file_refusal(*, name: str, head: bytes, size: int, max_size: int) -> str:
    """Why a file cannot be kept, in GOV.UK's words for a file upload, or '' if it can. The
    contents decide what a file is: a file named .pdf that is not a PDF is refused."""
    if size == 0:
        return "The selected file is empty"
    if size > max_size:
        return f"The selected file must be smaller than {megabytes(max_size)}"
    found = file_type_of(head)
    ending = PurePath(name).suffix.lower()
    claimed = next((kind for kind, endings in ENDINGS.items() if ending in endings), None)
    if found is None:
        if claimed is not None:
            return (f"The selected file is called {ending} but it is not really a "
                    f"{claimed.label}. The selected file must be {ACCEPTED}")
        return f"The selected file must be {ACCEPTED}"
    if ending not in ENDINGS[found]:
        return (f"The selected file is a {found.label} but its name ends "
                f"{ending or 'with no file type'}: rename it to end {ENDINGS[found][0]}, then "
                "upload it again")
    return ""
