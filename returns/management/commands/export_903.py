"""`export_903 --year YYYY --out DIR` (INTERFACES.md §4): the SSDA903 Header, episodes and care
leaver (OC3) tables for the collection year ending 31 March YYYY, as DIR/header.csv,
DIR/episodes.csv and DIR/oc3.csv. The episodes are those of the care leavers in the Header who
were looked after in the year (`returns_903.episode_rows`).

The files are written even when some young people would fail the DfE's rules, so the council can
see the whole return; each failure is printed to stderr and the command exits with status 1. For a
year not yet ended, the return holds the birthdays up to today."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from returns.returns_903 import FIRST_YEAR, episodes_csv, return_903


def _year(value: str) -> int:
    if not (value.isdigit() and len(value) == 4) or int(value) < FIRST_YEAR:
        raise CommandError(f"--year must be a year from {FIRST_YEAR} as YYYY, not {value!r}")
    return int(value)


class Command(BaseCommand):
    help = ("Write the DfE SSDA903 Header, episodes and care leaver (OC3) tables for the "
            "collection year ending 31 March YYYY as header.csv, episodes.csv and oc3.csv in DIR.")

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, metavar="YYYY",
                            help="the collection year, by the year it ends in")
        parser.add_argument("--out", required=True, metavar="DIR",
                            help="the folder to write to (made if missing)")

    def handle(self, *args, year, out, **options):
        year = _year(year)
        folder = Path(out)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot make {folder}: {error.strerror or error}") from None
        result = return_903(year)
        # newline="" keeps the CSV's own CRLF line ends as they are.
        (folder / "header.csv").write_text(result.header_csv(), encoding="utf-8", newline="")
        (folder / "oc3.csv").write_text(result.oc3_csv(), encoding="utf-8", newline="")
        (folder / "episodes.csv").write_text(episodes_csv(result), encoding="utf-8", newline="")
        failing = result.failing
        self.stdout.write(
            f"{year - 1}-{year % 100:02d}: {len(result.oc3)} care leaver"
            f"{'' if len(result.oc3) == 1 else 's'} in oc3.csv, {len(result.header)} in "
            f"header.csv, {len(failing)} would fail the DfE's rules; written to {folder}"
        )
        for member, failures in failing:
            for failure in failures:
                self.stderr.write(
                    f"{member.young_person.person_id}: {failure.code}: {failure.reason}"
                )
        if failing:
            raise CommandError(
                f"{len(failing)} young {'person' if len(failing) == 1 else 'people'} would fail "
                "the DfE's rules: put their records right and export again",
                returncode=1,
            )
