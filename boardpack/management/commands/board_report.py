"""`board_report --month YYYY-MM --out FILE.pdf`: the Corporate Parenting Board pack for a month,
made at once by the same function the web page's worker uses, with the month's saved commentary
if a service manager has written any."""

import re
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from boardpack.board import board_pack_render
from boardpack.models import BoardPack
from careleavers.dates import month_and_year


def _month(value: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}", value or ""):
        raise CommandError(f"--month must be a month as YYYY-MM, not {value!r}")
    try:
        return date(int(value[:4]), int(value[5:]), 1)
    except ValueError:
        raise CommandError(f"--month must be a month as YYYY-MM, not {value!r}") from None


class Command(BaseCommand):
    help = "Write the Corporate Parenting Board pack for a month as a PDF."

    def add_arguments(self, parser):
        parser.add_argument("--month", metavar="YYYY-MM", required=True,
                            help="the month the pack is for")
        parser.add_argument("--out", metavar="FILE.pdf", required=True,
                            help="where to write the PDF")

    def handle(self, *args, month, out, **options):
        first = _month(month)
        if first > timezone.localdate():
            raise CommandError(f"{month_and_year(first)} has not started yet")
        pack = BoardPack.objects.filter(month=first).first()
        pdf = board_pack_render(first, commentary=pack.commentary if pack else {})
        path = Path(out)
        try:
            path.write_bytes(pdf)
        except OSError as error:
            raise CommandError(f"Could not write {out}: {error.strerror}") from None
        self.stdout.write(f"Wrote the board pack for {month_and_year(first)} to {path} "
                          f"({len(pdf) // 1024} KB)")
