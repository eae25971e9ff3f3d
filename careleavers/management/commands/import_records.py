"""`import_records DIR [--dry-run]` (INTERFACES.md §1): load a caseload from CSV files.

Everything is checked and written in one transaction through the same services as the web
forms. Any error anywhere and nothing is kept: every error is listed as
`file.csv:LINE: column: message` and the command fails.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from careleavers.csv_import import FileCounts, ImportContext, read_file, registered_files
from careleavers.services import changes_collected


class _RollBack(Exception):
    """Raised inside the transaction to undo it: on errors, and on a dry run."""


class Command(BaseCommand):
    help = (
        "Load teams, staff, young people and their histories from CSV files in DIR. "
        "Checks every row; on any error imports nothing and lists each error."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", help="the folder holding the CSV files")
        parser.add_argument("--dry-run", action="store_true",
                            help="check everything and report the counts, but keep nothing")

    def handle(self, *args, directory, dry_run, **options):
        folder = Path(directory)
        if not folder.is_dir():
            raise CommandError(f"{directory} is not a folder")
        ctx = ImportContext(today=timezone.localdate())
        files = registered_files()

        loaded = []
        for spec in files:
            path = folder / spec.name
            if not path.is_file():
                if spec.required:
                    required = ", ".join(f.name for f in files if f.required)
                    ctx.error(spec.name, 1, "-",
                              f"The file is missing from {directory}; {required} are required")
                continue
            rows = read_file(path, spec, ctx)
            if rows is not None:
                loaded.append((spec, rows))
        known = {spec.name for spec in files}
        for path in sorted(folder.glob("*.csv")):
            if path.name not in known:
                self.stderr.write(f"{path.name}: not a file this command reads; left alone")

        # A file with a broken header would make every later row look wrong: fix those first.
        if not ctx.errors:
            try:
                with transaction.atomic(), changes_collected():
                    for spec, rows in loaded:
                        ctx.counts[spec.name] = FileCounts(rows=len(rows))
                        spec.load(rows, ctx)
                    if ctx.errors or dry_run:
                        raise _RollBack
            except _RollBack:
                pass

        if ctx.errors:
            for error in ctx.sorted_errors():
                self.stderr.write(str(error))
            count = len(ctx.errors)
            raise CommandError(
                f"Nothing was imported: {count} error{'s' if count != 1 else ''} to fix"
            )

        for spec, _ in loaded:
            counts = ctx.counts[spec.name]
            self.stdout.write(
                f"{spec.name}: {counts.rows} row{'s' if counts.rows != 1 else ''} "
                f"({counts.added} added, {counts.updated} "
                f"updated, {counts.unchanged} unchanged)"
            )
        if dry_run:
            self.stdout.write("Dry run: everything checked, nothing was imported.")
        else:
            self.stdout.write(self.style.SUCCESS("Imported."))
