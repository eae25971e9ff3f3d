"""Who makes and who reads the Corporate Parenting Board pack (DOMAIN.md §6). Views ask here;
templates never decide access."""

from django.core.exceptions import PermissionDenied

from careleavers.models import Role
from dashboard.access import may_see_reports

from .models import BoardPackFile

#: Who reads the board pack (DOMAIN.md §6): board members, and the service managers who make it.
BOARD_PACK_READERS = (Role.BOARD_MEMBER, Role.SERVICE_MANAGER)


def may_make_board_pack(user) -> bool:
    """Writing the commentary and making the PDF: service managers."""
    return may_see_reports(user)


def may_read_board_packs(user) -> bool:
    return user.is_authenticated and user.role in BOARD_PACK_READERS


def board_pack_files_for(user):
    """The board pack PDFs this user may download (those made, without the PDF itself): 403 for
    anyone but board members and service managers."""
    if not may_read_board_packs(user):
        raise PermissionDenied
    return BoardPackFile.objects.done().without_pdf()
