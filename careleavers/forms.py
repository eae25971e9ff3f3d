import calendar
import datetime
import html

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .dates import long_date

STALE_EDIT_MESSAGE = (
    "Someone else changed this record while you were editing. Nothing you typed has been saved "
    "yet: check their changes, then save again."
)
#: For a hidden field the page filled in (the version read) that came back as no such value:
#: the person can neither see it nor change it, so the message says what they can do.
HIDDEN_FIELD_MESSAGE = (
    "This page did not send what it should have. Nothing has been saved: open the page again, "
    "then make your changes."
)


class GDSFormMixin:
    """Renders a form in the GOV.UK style, with an error summary, through crispy-forms-gds."""

    submit_label = "Continue"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # Pages write their own <form> (with any hidden fields); the error summary sits at the top
        # of the page, from base.html.
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(*self.layout_fields(), Submit("submit", self.submit_label))

    def layout_fields(self):
        return [Field(name) for name in self.fields]

    def full_clean(self):
        super().full_clean()
        # The error summary lists the visible fields' errors only: say something about a hidden
        # one, or the page would say "There is a problem" and name none.
        hidden = [name for name in self.errors
                  if name in self.fields and self.fields[name].widget.is_hidden]
        if hidden and HIDDEN_FIELD_MESSAGE not in self.non_field_errors():
            self.add_error(None, HIDDEN_FIELD_MESSAGE)

    def add_service_error(self, error):
        """Show a service's ValidationError next to the fields it names; anything about a field
        this form does not have goes to the top of the page."""
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)

    def refuse_stale(self, stale_error, *, read_version: int) -> dict:
        """Someone else saved first. Keep what this user typed, say so at the top, put the new
        version in the hidden field (so saving again is deliberate), and return what the other
        person changed since `read_version`, for the page to show (see `stale_changes`)."""
        current = stale_error.current
        self.add_error(None, STALE_EDIT_MESSAGE)
        self.data = self.data.copy()
        self.data["version"] = str(current.version)
        return stale_changes(self, current=current, read_version=read_version)

    def add_error(self, field, error):
        super().add_error(field, error)
        # An error about the date as a whole (not one of its boxes) outlines all three boxes.
        for name in self.errors:
            date_field = self.fields.get(name)
            if isinstance(date_field, GOVUKDateField) and not date_field.widget.error_parts:
                date_field.widget.error_parts = set(GOVUKDateInput.parts)


class GOVUKDateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes in one fieldset.

    The day box takes the field's own id, so a link from the error summary to `#id_<name>` lands in
    the first box; the month and year boxes are `#id_<name>_1` and `_2`. `error_parts` names the
    boxes to outline in red.
    """

    template_name = "careleavers/widgets/date_input.html"
    parts = ("day", "month", "year")

    def __init__(self, attrs=None):
        def box(width):
            return forms.TextInput(attrs={
                "class": f"govuk-input govuk-date-input__input govuk-input--width-{width}",
                "inputmode": "numeric",
            })

        super().__init__([box(2), box(2), box(4)], attrs)
        self.error_parts: set[str] = set()

    def decompress(self, value):
        if value:
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        base_id = context["widget"]["attrs"].get("id")
        subwidgets = context["widget"]["subwidgets"]
        for index, (part, subwidget) in enumerate(zip(self.parts, subwidgets, strict=True)):
            subwidget["label"] = part.capitalize()
            subwidget["attrs"].pop("aria-describedby", None)
            if base_id and index == 0:
                subwidget["attrs"]["id"] = base_id
            # crispy-forms-gds marks boxes too, but cannot tell a day error from a whole-date one.
            classes = [c for c in subwidget["attrs"]["class"].split() if c != "govuk-input--error"]
            if part in self.error_parts:
                classes.append("govuk-input--error")
            subwidget["attrs"]["class"] = " ".join(classes)
        return context

    def id_for_label(self, id_):
        return id_

    def render(self, name, value, attrs=None, renderer=None):
        # From the project's templates (the form renderer only looks in the apps' own folders).
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))


_MONTH_NAMES = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}


class GOVUKDateField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK Design System's error messages
    ("Date of birth must include a month", "Date of birth must be a real date").

    `subject` is how messages name the date ("The start date"); it defaults to the label.
    """

    widget = GOVUKDateInput

    def __init__(self, *, subject: str = "", **kwargs):
        self.subject = subject
        parts = [forms.CharField(required=False) for _ in GOVUKDateInput.parts]
        super().__init__(fields=parts, require_all_fields=False, **kwargs)
        if not self.help_text:
            self.help_text = "For example, 27 3 2007"

    def _subject(self) -> str:
        return self.subject or str(self.label or "The date")

    def _fail(self, message, *, parts, code):
        self.widget.error_parts = set(parts)
        # crispy-forms-gds links an error kept on a part's widget to that box (`#id_<name>_<n>`);
        # the day box carries the field's own id, so day errors are left on the field.
        for index, part in enumerate(GOVUKDateInput.parts):
            self.fields[index].widget.errors = (
                [message] if index and part == parts[0] else []
            )
        raise forms.ValidationError(message, code=code)

    def clean(self, value):
        self.widget.error_parts = set()
        for part_field in self.fields:
            part_field.widget.errors = []
        day, month, year = [str(v or "").strip() for v in (list(value or []) + ["", "", ""])[:3]]
        subject = self._subject()
        if not (day or month or year):
            if self.required:
                required = self.error_messages.get("required")
                if not required or required == forms.Field.default_error_messages["required"]:
                    required = f"Enter {subject[0].lower()}{subject[1:]}"
                self._fail(required, parts=GOVUKDateInput.parts, code="required")
            return None
        typed = zip(GOVUKDateInput.parts, (day, month, year), strict=True)
        missing = [part for part, text in typed if not text]
        if missing:
            self._fail(f"{subject} must include a {' and '.join(missing)}", parts=missing,
                       code="incomplete")
        month_number = _MONTH_NAMES.get(month.lower(), month)
        try:
            day_n, month_n, year_n = int(day), int(month_number), int(year)
        except ValueError:
            self._fail(f"{subject} must be a real date", parts=GOVUKDateInput.parts, code="invalid")
        if len(year) != 4:
            self._fail("Year must include 4 numbers", parts=["year"], code="invalid_year")
        try:
            return datetime.date(year_n, month_n, day_n)
        except (ValueError, OverflowError):  # a day or month too big for the C int date takes
            self._fail(f"{subject} must be a real date", parts=GOVUKDateInput.parts, code="invalid")

    def compress(self, data_list):  # clean() does the work; MultiValueField requires this
        return data_list

    def has_changed(self, initial, data):
        initial = self.widget.decompress(initial) if not isinstance(initial, list) else initial
        return [str(v or "") for v in initial] != [str(v or "").strip() for v in (data or [])]


class _PossibleKeysOnly:
    """Refuses, as not one of the choices, a posted value that could not be the key of any row
    (not a number, or beyond the key column's range), before it reaches the database: SQLite
    cannot bind an integer beyond 64 bits and raises rather than finding nothing, and a list
    lookup (`pk__in`) is not range-checked by Django as a single one is."""

    def _key_field(self):
        meta = self.queryset.model._meta
        return meta.get_field(self.to_field_name) if self.to_field_name else meta.pk

    def _is_possible_key(self, value) -> bool:
        if "\x00" in str(value):
            return False
        key_field = self._key_field()
        try:
            key = key_field.to_python(value)
        except ValidationError:
            return False
        if isinstance(key_field, models.IntegerField) and isinstance(key, int):
            low, high = connections[self.queryset.db].ops.integer_field_range(
                key_field.get_internal_type()
            )
            return (low is None or key >= low) and (high is None or key <= high)
        return True

    def _refuse_impossible(self, value):
        if not self._is_possible_key(value):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice",
                params={"value": value},
            )


class LongSelect(forms.Select):
    """A select rendered in one pass rather than one template per option: the same HTML as
    Django's, for a list of hundreds of staff on a page opened many times a day."""

    def render(self, name, value, attrs=None, renderer=None):
        # Straight from the choices, not Django's option dictionaries (`get_context`): thousands
        # of options. A single select marks only the first option matching the value, as
        # Django's does.
        wanted = {str(given) for given in self.format_value(value)}
        parts = []
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            chosen = option_value in wanted
            if chosen and not self.allow_multiple_selected:
                wanted = set()
            parts.append(f'<option value="{html.escape(option_value)}"'
                         f'{" selected" if chosen else ""}>{html.escape(str(label))}</option>')
        attributes = mark_safe("".join(
            _attribute(key, given)
            for key, given in self.build_attrs(self.attrs, attrs).items() if given is not False
        ))
        return format_html('<select name="{}"{}>{}</select>', name, attributes,
                           mark_safe("".join(parts)))


def _attribute(key: str, value) -> str:
    """One attribute as Django's widget templates write it: `True` stands alone."""
    return format_html(" {}", key) if value is True else format_html(' {}="{}"', key, value)


class _ChoicesInOneFetch(forms.models.ModelChoiceIterator):
    """The choices read in one fetch. Django's reads them through `QuerySet.iterator()`, which
    on PostgreSQL is a server-side cursor held open across the page's transactions: a cursor
    declared, the rows copied aside, and fetched in chunks, for a list of a few hundred or a few
    thousand staff."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class RecordChoiceField(_PossibleKeysOnly, forms.ModelChoiceField):
    """A choice of one record. Every form choosing a record uses this, not Django's own field."""

    iterator = _ChoicesInOneFetch

    def to_python(self, value):
        if value not in self.empty_values and not isinstance(value, self.queryset.model):
            self._refuse_impossible(value)
        return super().to_python(value)


class RecordMultipleChoiceField(_PossibleKeysOnly, forms.ModelMultipleChoiceField):
    """A choice of any number of records. Every form choosing records uses this."""

    def _check_values(self, value):
        for item in value:
            if isinstance(item, str | int):
                self._refuse_impossible(item)
        return super()._check_values(value)


class YesNoField(forms.TypedChoiceField):
    """A yes/no question as two radios (GOV.UK), cleaned to True or False."""

    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", [("yes", "Yes"), ("no", "No")])
        kwargs.setdefault("coerce", lambda value: value == "yes")
        kwargs.setdefault("empty_value", None)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if value is True:
            return "yes"
        if value is False:
            return "no"
        return value

    def has_changed(self, initial, data):
        return self.prepare_value(initial) != data


def display_value(field, value) -> str:
    """A saved value as a person would read it, for showing what someone else changed."""
    if value is None or value == "":
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return long_date(value)
    if hasattr(value, "all"):
        names = [str(item) for item in value.all()]
        return ", ".join(names) if names else "Nobody"
    choices = dict(getattr(field, "choices", None) or [])
    if not isinstance(field, forms.ModelChoiceField) and value in choices:
        return str(choices[value])
    return str(value)


def _raw_value(record, name):
    # A foreign key's id, so comparing does not load the related row.
    return getattr(record, f"{name}_id") if hasattr(record, f"{name}_id") else getattr(record, name)


def _cleaned_raw(value):
    if isinstance(value, str):
        return value.replace("\r\n", "\n")  # browsers post text areas with CRLF
    return value.pk if hasattr(value, "pk") else value


def _as_form_data(field, name: str, value) -> dict:
    """A saved value as the form's widget would post it."""
    if isinstance(field.widget, forms.MultiWidget):
        parts = field.widget.decompress(value)
        return {f"{name}_{index}": "" if part is None else str(part)
                for index, part in enumerate(parts)}
    if hasattr(value, "pk"):
        value = value.pk
    value = field.prepare_value(value)
    return {name: "" if value is None else str(value)}


def stale_changes(form, *, current, read_version: int) -> dict:
    """What someone else changed between the version this form was read at and the saved one,
    field by field, from the record's history. Their change is put into the form wherever this
    user left that answer as it was, so saving again keeps both people's changes; where both
    changed the same answer, this user's is kept and theirs is shown. (Without the history, it
    shows whatever differs from this user's answers.)"""
    history = getattr(current, "history", None)
    before = history.filter(version=read_version).first() if history is not None else None
    latest = history.select_related("history_user").first() if history is not None else None
    rows = []
    for name, field in form.fields.items():
        if name == "version" or not hasattr(current, name):
            continue
        now = getattr(current, name)
        if hasattr(now, "all"):  # many-to-many: compare with what this user chose
            chosen = {item.pk for item in form.cleaned_data.get(name) or []}
            changed = {item.pk for item in now.all()} != chosen
        elif before is not None:
            changed = _raw_value(before, name) != _raw_value(current, name)
            untouched = _cleaned_raw(form.cleaned_data.get(name)) == _cleaned_raw(
                _raw_value(before, name)
            )
            if changed and untouched:
                for key, value in _as_form_data(field, name, now).items():
                    form.data[key] = value  # (QueryDict.update would add, not replace)
        else:
            changed = form.cleaned_data.get(name, now) != now
        if changed:
            label = str(field.label).removesuffix(" (optional)")
            rows.append({"label": label, "value": display_value(field, now)})
    return {
        "rows": rows,
        "changed_by": latest.history_user if latest is not None else None,
        "changed_at": latest.history_date if latest is not None else None,
    }
