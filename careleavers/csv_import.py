"""Loading a caseload from CSV files (INTERFACES.md §1).

Each package loads its own files: its `importers.py` registers a loader for each file with
`@import_file(...)`, and `import_records` finds them all with `autodiscover_modules("importers")`,
so careleavers imports no other package. A loader gets every row of its file (each knowing its
line number) and an `ImportContext`; it reads the values through the row, which records any error
against the file, line and column, and writes through the same services as the web forms.

Files load in `order` (teams before staff before young people before their histories). A row
that refers to a key whose own row failed (a care period for a young person whose row had a bad
date) is skipped without a second error: the first one says what to fix.

A value no column could hold is refused as the file is read, before anything is looked up or
written with it: one with a NUL character (PostgreSQL cannot store one), or one longer than the
column of the file's `model` it fills. The loader then reads that column as blank, so the one error
says what to fix.
"""

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    ImproperlyConfigured,
    ValidationError,
)
from django.db import models
from django.utils.module_loading import autodiscover_modules

from .concurrency import StaleEditError
from .models import Team, User, YoungPerson

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FLAG_VALUES = {"y": True, "n": False, "": False}


@dataclass(frozen=True)
class ImportFile:
    name: str
    order: int
    required: bool
    columns: tuple[str, ...]  # must be in the header
    optional_columns: tuple[str, ...]  # may be left out; a left-out column changes nothing
    key_column: str  # where errors that belong to no one column are reported
    load: Callable[[list["Row"], "ImportContext"], None]
    model: type[models.Model] | None = None  # what the rows become: no value longer than its field

    @property
    def all_columns(self) -> tuple[str, ...]:
        return self.columns + self.optional_columns

    def max_length(self, column: str) -> int | None:
        """The most characters the model's field of this name holds: None for a column the
        model has no text field for, and for codes (a wrong code is refused as not a code)."""
        if self.model is None:
            return None
        try:
            model_field = self.model._meta.get_field(column)
        except FieldDoesNotExist:
            return None
        if not isinstance(model_field, models.CharField) or model_field.choices:
            return None
        return model_field.max_length


_files: dict[str, ImportFile] = {}


def import_file(
    name: str, *, order: int, columns: list[str], optional_columns: list[str] = (),
    required: bool = False, key_column: str | None = None,
    model: type[models.Model] | None = None,
):
    """Register `load(rows, ctx)` as the loader for the CSV file `name`, whose rows become
    `model`s (a column named as one of its text fields may be no longer than that field)."""

    def register(load):
        registered = _files.get(name)
        if registered is not None and registered.load.__qualname__ != load.__qualname__:
            raise ImproperlyConfigured(f"Two loaders are registered for {name}")
        _files[name] = ImportFile(
            name=name, order=order, required=required, columns=tuple(columns),
            optional_columns=tuple(optional_columns), key_column=key_column or columns[0],
            load=load, model=model,
        )
        return load

    return register


def registered_files() -> list[ImportFile]:
    """Every package's files, in the order they load."""
    autodiscover_modules("importers")
    return sorted(_files.values(), key=lambda f: (f.order, f.name))


@dataclass(frozen=True, order=True)
class RowError:
    order: int
    file: str
    line: int
    column: str
    message: str

    def __str__(self):
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


@dataclass
class FileCounts:
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportContext:
    """What loaders share: today's date, the errors so far, counts, and the keys that failed."""

    today: date
    actor: User | None = None  # None: the import itself, shown as the system in history
    errors: list[RowError] = field(default_factory=list)
    counts: dict[str, FileCounts] = field(default_factory=dict)
    # column name -> lower-cased keys whose own rows failed, e.g. failed["person_id"]
    failed: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    file_order: dict[str, int] = field(default_factory=dict)

    def error(self, file: str, line: int, column: str, message: str) -> None:
        self.errors.append(
            RowError(self.file_order.get(file, 0), file, line, column, message)
        )

    def sorted_errors(self) -> list[RowError]:
        return sorted(self.errors)

    def count(self, file: str, outcome: str) -> None:
        counts = self.counts.setdefault(file, FileCounts())
        setattr(counts, outcome, getattr(counts, outcome) + 1)

    # Lookups other packages' files use to find what earlier files loaded.

    def team(self, team_id: str) -> Team | None:
        return Team.objects.filter(team_id=team_id).first()

    def staff_member(self, username: str) -> User | None:
        return User.objects.filter(username=username).first()

    def young_person(self, person_id: str) -> YoungPerson | None:
        return YoungPerson.objects.filter(person_id__iexact=person_id).first()


class Row:
    """One data row. Reading a value checks it; problems are recorded against this row."""

    def __init__(self, *, file: ImportFile, line: int, values: dict[str, str], ctx: ImportContext):
        self.file = file
        self.line = line
        self.values = values
        self.ctx = ctx
        self.has_errors = False
        self.skipped = False  # refers to something whose own row failed
        self.refused: set[str] = set()  # columns whose value no column could hold

    def __repr__(self):
        return f"<Row {self.file.name}:{self.line}>"

    @property
    def ok(self) -> bool:
        return not self.has_errors and not self.skipped

    def error(self, column: str, message: str) -> None:
        self.has_errors = True
        self.ctx.error(self.file.name, self.line, column, message)

    def present(self, column: str) -> bool:
        """Whether the file has this column at all."""
        return column in self.values

    def refuse_unsavable(self) -> None:
        """Refuse each value that could not be saved, whatever the loader would do with it."""
        for column, value in self.values.items():
            max_length = self.file.max_length(column)
            if "\x00" in value:
                self.error(column, "Remove the NUL character (a zero byte) from this value")
            elif max_length is not None and len(value) > max_length:
                self.error(column, f"Must be {max_length} characters or fewer (it has "
                                   f"{len(value)})")
            else:
                continue
            self.refused.add(column)

    def text(self, column: str, *, required: bool = False) -> str:
        if column in self.refused:
            return ""  # already reported: read as blank, so nothing else is said or looked up
        value = self.values.get(column, "")
        if required and not value:
            self.error(column, "Enter a value")
        return value

    def date(self, column: str, *, required: bool = False) -> date | None:
        value = self.text(column, required=required)
        if not value:
            return None
        if ISO_DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.error(column, f"'{value}' is not a real date as YYYY-MM-DD")
        return None

    def flag(self, column: str) -> bool:
        value = self.text(column)
        if value.lower() not in FLAG_VALUES:
            self.error(column, f"'{value}' must be Y, N or blank")
            return False
        return FLAG_VALUES[value.lower()]

    def integer(self, column: str, *, minimum: int = 0) -> int | None:
        value = self.text(column)
        if not value:
            return None
        if not value.isdigit() or int(value) < minimum:
            self.error(column, f"'{value}' must be a whole number of {minimum} or more")
            return None
        return int(value)

    def choice(self, column: str, choices, *, required: bool = True, what: str = "") -> str:
        """One of `choices` (a Django TextChoices class or a list of codes)."""
        codes = list(getattr(choices, "values", choices))
        value = self.text(column, required=required)
        if value and value not in codes:
            if what:
                self.error(column, f"'{value}' is not {what}")
            else:
                self.error(column, f"'{value}' must be one of {', '.join(codes)}")
            return ""
        return value

    def lookup(self, column: str, find: Callable[[str], object], *, what: str, source: str):
        """The record `column` names, found with `find`. If there is none, an error, unless the
        row that would have made it failed already (then the row is quietly skipped)."""
        key = self.text(column, required=True)
        if not key:
            return None
        found = find(key)
        if found is None:
            if key.lower() in self.ctx.failed[column]:
                self.skipped = True
            else:
                self.error(column, f"Unknown {what} '{key}': not in {source} and not already here")
        return found

    def call(self, service, *, columns: dict[str, str] | None = None, **kwargs):
        """Call a service; turn a refusal into errors on this row. `columns` maps the service's
        field names to this file's columns (names not in it are reported as they are, and errors
        for no field go to the file's key column). Returns the result or None."""
        columns = columns or {}
        try:
            return service(**kwargs)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, messages in error.message_dict.items():
                    if name == NON_FIELD_ERRORS:
                        column = self.file.key_column
                    else:
                        column = columns.get(name, name)
                    for message in messages:
                        self.error(column, message)
            else:
                for message in error.messages:
                    self.error(self.file.key_column, message)
        except StaleEditError:
            self.error(self.file.key_column, "Someone changed this record during the import")
        return None

    def fail_key(self, column: str | None = None) -> None:
        """Remember that this row's key failed, so rows in later files that need it are skipped."""
        column = column or self.file.key_column
        key = self.values.get(column, "")
        if key:
            self.ctx.failed[column].add(key.lower())


def duplicate_keys(rows: list[Row], key: Callable[[Row], tuple], *, column: str) -> list[Row]:
    """Report rows whose key repeats an earlier row's; returns the rows without repeats."""
    first_line: dict[tuple, int] = {}
    unique = []
    for row in rows:
        k = key(row)
        if not all(k):  # a missing key is reported by the loader
            unique.append(row)
            continue
        if k in first_line:
            row.error(column, f"The same record is on line {first_line[k]}")
            continue
        first_line[k] = row.line
        unique.append(row)
    return unique


def dated_rows(rows: list[Row], ctx):
    """The rows of a file of dated records (person_id, start_date, end_date), one for each young
    person and start date (a repeat is reported), each with its young person and dates read:
    (row, young_person, start_on, end_on). The loader reads the rest, then checks `row.ok`."""
    unique = duplicate_keys(
        rows, lambda r: (r.text("person_id").lower(), r.text("start_date")), column="start_date"
    )
    for row in unique:
        young_person = row.lookup(
            "person_id", ctx.young_person, what="young person", source="young_people.csv"
        )
        yield row, young_person, row.date("start_date", required=True), row.date("end_date")


def read_file(path: Path, spec: ImportFile, ctx: ImportContext) -> list[Row] | None:
    """Read and check the header of one file. None if it cannot be loaded at all."""
    ctx.file_order[spec.name] = spec.order
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        ctx.error(spec.name, line, "-", "The file must be saved as UTF-8 text")
        return None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        ctx.error(spec.name, 1, "-", "The file is empty: it needs a header row")
        return None
    header = [name.strip() for name in header]
    problems = False
    seen = set()
    for name in header:
        if name in seen:
            ctx.error(spec.name, 1, name, "This column appears more than once")
            problems = True
        elif name not in spec.all_columns:
            ctx.error(
                spec.name, 1, name or "-",
                f"Unknown column; the columns are {', '.join(spec.all_columns)}",
            )
            problems = True
        seen.add(name)
    for name in spec.columns:
        if name not in seen:
            ctx.error(spec.name, 1, name, "This column is missing")
            problems = True
    if problems:
        return None

    rows = []
    previous_end = reader.line_num
    try:
        for fields in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if not any(value.strip() for value in fields):
                continue
            values = {name: value.strip() for name, value in zip(header, fields, strict=False)}
            row = Row(file=spec, line=line, ctx=ctx, values=values)
            row.refuse_unsavable()
            if len(fields) != len(header):
                row.error(
                    "-", f"This row has {len(fields)} values but the header has {len(header)}"
                )
            rows.append(row)
    except csv.Error as error:
        ctx.error(spec.name, previous_end + 1, "-", f"This line cannot be read as CSV: {error}")
        return None
    return rows
