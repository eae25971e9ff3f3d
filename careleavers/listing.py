"""Long lists a page at a time, sorted by the column a user picks: one way for every list of
young people (or plans) that can grow without bound, so a team of a thousand is fifty rows of
HTML and not a megabyte.

`paginate` gives one page of a queryset (two queries: the count and the rows), and the partial
`_pagination.html` draws the GOV.UK pagination for it. `sorting` reads `?sort=<column>&dir=` and
orders a queryset in SQL by a whitelist of columns: a list a page at a time must be sorted
before it is cut into pages, so the rows on one page cannot be sorted in the browser (the MOJ
sortable table's script sorts only those). `_sortable_header.html` draws each column heading
as the MOJ sortable table does, with a link rather than a button.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Case, CharField, F, Value, When
from django.http import QueryDict

PAGE_SIZE = 50


@dataclass(frozen=True)
class Pages:
    """One page of a list, and what the page and its pagination say about it."""

    page: Page
    noun: str  # what is listed, in the plural: "young people"
    query: QueryDict = field(default_factory=QueryDict)  # the page's query string
    param: str = "page"  # the list's page in it (a page with two long lists has two)

    @property
    def rows(self):
        return self.page.object_list

    @property
    def count(self) -> int:
        return self.page.paginator.count

    @property
    def several(self) -> bool:
        return self.page.paginator.num_pages > 1

    @property
    def showing(self) -> str:
        """'Showing 1 to 50 of 1,177 young people'."""
        if not self.count:
            return ""
        return (f"Showing {self.page.start_index():,} to {self.page.end_index():,} "
                f"of {self.count:,} {self.noun}")

    @property
    def title_suffix(self) -> str:
        """' (page 2 of 24)' for the page title, when not the first page."""
        if self.page.number == 1:
            return ""
        return f" (page {self.page.number} of {self.page.paginator.num_pages})"

    def url(self, number: int) -> str:
        """The query string for page `number`, keeping every other parameter (the filters, the
        figure, the sort, another list's page)."""
        query = self.query.copy()
        query[self.param] = str(number)
        return f"?{query.urlencode()}"

    @property
    def previous_url(self) -> str:
        return self.url(self.page.number - 1) if self.page.has_previous() else ""

    @property
    def next_url(self) -> str:
        return self.url(self.page.number + 1) if self.page.has_next() else ""

    @property
    def links(self) -> list[dict | None]:
        """The numbered links for the GOV.UK pagination: the first page, the last and the
        current one's neighbours (`number`, `url`, `current`), with None for a gap."""
        last = self.page.paginator.num_pages
        near = {1, last, self.page.number - 1, self.page.number, self.page.number + 1}
        links, previous = [], 0
        for number in sorted(near & set(range(1, last + 1))):
            if number - previous > 1:
                links.append(None)
            links.append({"number": number, "url": self.url(number),
                          "current": number == self.page.number})
            previous = number
        return links


def paginate(request, items, *, noun: str, per_page: int = PAGE_SIZE,
             param: str = "page") -> Pages:
    """The page of `items` (an ordered queryset or a list) that `?page=` (or `param`) asks for.
    A page that is not a number shows the first page, and one past the end the last, the same on
    every list, so an old bookmark or a list that has shrunk still opens."""
    return Pages(page=Paginator(items, per_page).get_page(request.GET.get(param)), noun=noun,
                 query=request.GET, param=param)


@dataclass(frozen=True)
class SortBy:
    """A column a list may be sorted by: its key in `?sort=`, and the fields (or expressions)
    that order it ascending; `reverse` for a column that reads the other way from its field (age
    goes up as the date of birth goes down). Rows with no value go last either way, unless
    `empty_first`: then they come first in ascending order (someone never seen before everyone
    with a date)."""

    key: str
    fields: Sequence
    reverse: bool = False
    empty_first: bool = False

    def order(self, descending: bool) -> list:
        backwards = descending != self.reverse
        empty_first = self.empty_first and not descending
        ordering = []
        for name in self.fields:
            expression = F(name) if isinstance(name, str) else name
            way = expression.desc if backwards else expression.asc
            ordering.append(way(nulls_first=True) if empty_first else way(nulls_last=True))
        return ordering


def in_words(field: str, choices) -> Case:
    """An expression for sorting by what a coded field says (its choices' labels), so a list
    sorted by status or by where they live reads in alphabetical order on the page."""
    return Case(*(When(**{field: value}, then=Value(label)) for value, label in choices),
                default=Value(None), output_field=CharField())


@dataclass(frozen=True)
class Sorting:
    """How a list is sorted: by which column, which way, and how to say so in its headings."""

    by: str
    descending: bool
    columns: dict[str, SortBy]
    tie_break: tuple

    def order(self, queryset):
        """`queryset` in this order, with `tie_break` after it so a page always holds the same
        rows."""
        return queryset.order_by(*self.columns[self.by].order(self.descending), *self.tie_break)

    def header(self, key: str) -> dict | None:
        """What `_sortable_header.html` needs for the column `key`, or None when the list
        cannot be sorted by it."""
        if key not in self.columns:
            return None
        current = key == self.by
        return {
            "key": key,
            "aria_sort": ("descending" if self.descending else "ascending") if current
            else "none",
            # Selecting the column sorted already turns it round; another starts ascending.
            "next_dir": "asc" if current and self.descending else (
                "desc" if current else "asc"),
        }


    def headers(self, columns) -> list[dict]:
        """Each column heading for `_sortable_header.html`, from (heading, key or None,
        numeric) triples, in the order of the table."""
        return [{"heading": heading, "sort": self.header(key) if key else None,
                 "numeric": numeric} for heading, key, numeric in columns]


def sorting(request, columns: Sequence[SortBy], *, default: str, descending: bool = False,
            tie_break: tuple = ("pk",)) -> Sorting:
    """The order `?sort=<column>&dir=asc|desc` asks for, among `columns`; anything else (a
    column not in the list, a direction not asc or desc) sorts by `default`."""
    by_key = {column.key: column for column in columns}
    asked = request.GET.get("sort", "")
    if asked in by_key:
        direction = request.GET.get("dir", "")
        return Sorting(by=asked, descending=direction == "desc", columns=by_key,
                       tie_break=tie_break)
    return Sorting(by=default, descending=descending, columns=by_key, tie_break=tie_break)
