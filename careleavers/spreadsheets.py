"""Text the service writes into files people open in a spreadsheet (the dashboard's lists, Annex A,
the 903 return). A cell that starts with = + - @, a tab or a carriage return is run as a formula
by Excel and LibreOffice: a first name of `=HYPERLINK("http://…","Click")` typed into a record
would become a live link in a manager's download. Every writer goes through `safe_cell`.
"""

import csv
import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def looks_like_formula(value) -> bool:
    """Text a spreadsheet would run rather than show. A plain number such as -5 is shown as the
    number it is, so it is left alone."""
    return (isinstance(value, str) and value.startswith(FORMULA_STARTS)
            and _PLAIN_NUMBER.fullmatch(value) is None)


def safe_cell(value):
    """The value, with a leading apostrophe if a spreadsheet would otherwise run it: the
    apostrophe is the spreadsheet's own way of saying "this is text" (OWASP, CSV injection)."""
    return f"'{value}" if looks_like_formula(value) else value


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(out, **options):
    """`csv.writer(out, **options)` whose every cell goes through `safe_cell`."""
    return _SafeWriter(csv.writer(out, **options))
