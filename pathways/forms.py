"""Forms for needs assessments, pathway plans, their actions, authorisation and early reviews, in
the GOV.UK style. Labels use the young person's words where the plan does ("Where I live")."""

from crispy_forms_gds.layout import HTML, Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms
from django.utils.html import format_html

from careleavers.forms import GDSFormMixin, GOVUKDateField, YesNoField

from .models import EarlyReviewReason, PlanSection, Section
from .services import PLAN_FIELDS

SECTION_TEXT_FIELDS = {
    "plan_text": ("What we agreed", "What will happen, and the support they will get"),
    "young_persons_words": ("What they said", "In their words: what they want and think"),
}


def section_field_name(key: str, name: str) -> str:
    return f"{key}__{name}"


def _heading(text: str, *, anchor: str = "", size: str = "m") -> HTML:
    id_attribute = format_html(' id="{}"', anchor) if anchor else ""
    return HTML(format_html(
        '<h2 class="govuk-heading-{} govuk-!-margin-top-8"{}>{}</h2>', size, id_attribute, text
    ))


def _text(required_message: str = "", **kwargs) -> forms.CharField:
    return forms.CharField(
        required=bool(required_message), widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": required_message} if required_message else None, **kwargs,
    )


def _clean_text(value: str) -> str:
    # Browsers post text areas with CRLF line breaks; keep them as the other forms do.
    return (value or "").replace("\r\n", "\n").strip()


class PlanForm(GDSFormMixin, forms.Form):
    """A draft or returned plan on one page: the review date, what they want, who they trust,
    their own words, whether they have a copy, and every section. Actions are added and changed
    on their own pages ("Save and add an action" keeps what was typed here)."""

    review_held_on = GOVUKDateField(
        label="When was the review meeting held?", subject="The date the review was held",
        required=False,
        help_text="For a first plan, the date you agreed it with them. For example, 27 3 2026",
    )
    next_review_requested_on = GOVUKDateField(
        label="Did the review agree an earlier date for the next one? (optional)",
        subject="The date of the next review", required=False,
        help_text="Leave blank and the next review is due 6 months after this one",
    )
    own_words = _text(
        label="In their own words (optional)",
        help_text="What they want to say about their plan, as they said it. It comes first in "
                  "their copy.",
    )
    aspirations = _text(
        label="What they want for their future (optional)",
        help_text="Their hopes and life goals, big or small: a job, a home, owning a pet, going "
                  "on an adventure",
    )
    trusted_people = _text(
        label="Who they trust and would turn to in a crisis (optional)",
        help_text="Names and how they know them",
    )
    received_copy = YesNoField(label="Have they got a copy of this plan?", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, plan, sections: list[PlanSection], **kwargs):
        self.plan = plan
        self.sections = {section.key: section for section in sections}
        initial = {name: getattr(plan, name) for name in PLAN_FIELDS}
        initial["version"] = plan.version
        for key in Section.values:
            section = self.sections.get(key)
            for name in SECTION_TEXT_FIELDS:
                initial[section_field_name(key, name)] = getattr(section, name) if section else ""
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for key in Section.values:
            for name, (field_label, help_text) in SECTION_TEXT_FIELDS.items():
                self.fields[section_field_name(key, name)] = _text(
                    label=field_label, help_text=help_text if name == "plan_text" else "",
                )
        self.helper.layout = Layout(*self.layout_fields())

    def layout_fields(self):
        if not hasattr(self, "plan"):  # called once by GDSFormMixin before the sections exist
            return []
        legend = {"legend_size": Size.for_legend(Size.SMALL)}
        fields = [
            _heading("The review", anchor="the-review"),
            Field("review_held_on", context=legend),
            Field("next_review_requested_on", context=legend),
            _heading("About them", anchor="about-them"),
            Field.textarea("own_words", rows=4),
            Field.textarea("aspirations", rows=4),
            Field.textarea("trusted_people", rows=3),
            Field.radios("received_copy", inline=True, legend_size=Size.SMALL),
        ]
        for key, label in Section.choices:
            # Every section asks the same two questions: the legend says which section.
            fields.append(Fieldset(
                Field.textarea(section_field_name(key, "young_persons_words"), rows=3),
                Field.textarea(section_field_name(key, "plan_text"), rows=5),
                legend=label, legend_size="m", legend_tag="h2", css_id=f"section-{key}",
                css_class="govuk-!-margin-top-6",
            ))
        # The page adds the buttons: save, save and add an action, save and send.
        return [*fields, Field("version")]

    def clean(self):
        cleaned = super().clean()
        for name in ("own_words", "aspirations", "trusted_people"):
            if name in cleaned:
                cleaned[name] = _clean_text(cleaned[name])
        for key in Section.values:
            for name in SECTION_TEXT_FIELDS:
                field_name = section_field_name(key, name)
                if field_name in cleaned:
                    cleaned[field_name] = _clean_text(cleaned[field_name])
        return cleaned

    def plan_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in PLAN_FIELDS}

    def section_values(self) -> dict:
        """{section key: {plan_text, young_persons_words}} for the sections this user changed
        (so saving never overwrites a section with what it said when the page was opened)."""
        changed = {}
        for key in Section.values:
            values = {
                name: self.cleaned_data[section_field_name(key, name)]
                for name in SECTION_TEXT_FIELDS
            }
            section = self.sections.get(key)
            saved = {name: getattr(section, name) if section else "" for name in values}
            if values != saved or section is None:
                changed[key] = values
        return changed

    def refuse_stale(self, stale_error, *, read_version: int) -> dict:
        """As for every form, and the sections too: the other person's change is put into any
        section this user left as it was; where both changed it, this user's text is kept and
        theirs is shown."""
        stale = super().refuse_stale(stale_error, read_version=read_version)
        current = stale_error.current
        before = _sections_as_read(current, read_version)
        now = {section.key: section for section in current.sections.all()}
        for key, label in Section.choices:
            for name, (field_label, _) in SECTION_TEXT_FIELDS.items():
                field_name = section_field_name(key, name)
                theirs = getattr(now[key], name) if key in now else ""
                read = before.get(key, {}).get(name, theirs)
                if theirs == read:
                    continue
                if self.cleaned_data.get(field_name, "") == read:
                    self.data[field_name] = theirs
                stale["rows"].append({"label": f"{label}: {field_label.lower()}",
                                      "value": theirs or "Nothing"})
        return stale


def _sections_as_read(plan, read_version: int) -> dict:
    """{section key: {field: text}} as the plan's sections were when `read_version` was read,
    from their history. A section saved with the plan is saved just before it; sections made
    with a new plan just after its first save, so those count as they were made."""
    read = plan.history.filter(version=read_version).order_by("-history_date").first()
    if read is None:
        return {}
    as_read = {}
    rows = PlanSection.history.filter(plan_id=plan.pk).order_by("history_date", "history_id")
    for row in rows.values("key", "history_type", "history_date", *SECTION_TEXT_FIELDS):
        if row["history_date"] <= read.history_date or (
            row["history_type"] == "+" and row["key"] not in as_read
        ):
            as_read[row["key"]] = {name: row[name] for name in SECTION_TEXT_FIELDS}
    return as_read


class ActionForm(GDSFormMixin, forms.Form):
    """Something someone agreed to do, by a date."""

    submit_label = "Save action"

    section = forms.ChoiceField(
        label="Which part of the plan is it for?", choices=[("", "Choose a part"),
                                                             *Section.choices],
        error_messages={"required": "Select which part of the plan the action is for"},
    )
    who = forms.CharField(
        label="Who will do it", max_length=200,
        help_text="For example, the young person, their Personal Adviser, or their housing "
                  "officer",
        error_messages={"required": "Enter who will do it"},
    )
    what = forms.CharField(
        label="What they will do", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what they will do"},
    )
    due_on = GOVUKDateField(
        label="By when", subject="The date it will be done by",
        help_text="For example, 27 3 2027",
        error_messages={"required": "Enter the date it will be done by"},
    )
    done = forms.BooleanField(label="It has been done", required=False)

    def __init__(self, *args, action=None, section_key: str = "", **kwargs):
        self.action = action
        if action is not None:
            kwargs.setdefault("initial", {
                "section": action.section.key, "who": action.who, "what": action.what,
                "due_on": action.due_on, "done": action.done,
            })
        elif section_key:
            kwargs.setdefault("initial", {"section": section_key})
        super().__init__(*args, **kwargs)
        if action is not None:
            # An action stays in the part of the plan it was agreed for.
            del self.fields["section"]
            self.helper.layout = Layout(*self.layout_fields(),
                                        Submit("submit", self.submit_label))

    def layout_fields(self):
        fields = []
        if "section" in self.fields:
            fields.append(Field.select("section"))
        fields += [
            Field.text("who", field_width=Fluid.TWO_THIRDS),
            Field.textarea("what", rows=3),
            Field("due_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
        ]
        if self.action is not None:
            fields.append(Field.checkboxes("done", small=True))
        return fields

    def clean_what(self):
        return _clean_text(self.cleaned_data["what"])

    def action_values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in ("who", "what", "due_on")}
        if self.action is not None:
            values["done"] = self.cleaned_data["done"]
        return values


class RefusalForm(GDSFormMixin, forms.Form):
    """No fields: carries a service's refusal (of a button with nothing to fill in) to the page's
    error summary."""

    def __init__(self, error):
        super().__init__(data={})
        self.is_valid()
        self.add_service_error(error)


class SubmitPlanForm(GDSFormMixin, forms.Form):
    """Send for authorisation, with the version of the plan the user was looking at."""

    submit_label = "Send for authorisation"
    version = forms.IntegerField(widget=forms.HiddenInput)


DECISIONS = [
    ("authorise", "Authorise the plan"),
    ("return", "Return it for changes"),
]


class DecisionForm(GDSFormMixin, forms.Form):
    submit_label = "Save decision"

    decision = forms.ChoiceField(
        label="What is your decision?", choices=DECISIONS, widget=forms.RadioSelect,
        error_messages={"required": "Select whether to authorise the plan or return it"},
    )
    reasons = forms.CharField(
        label="What needs changing", required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Only if you are returning it. Their Personal Adviser will see this.",
    )

    def layout_fields(self):
        return [
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field.textarea("reasons", rows=5),
        ]

    def clean(self):
        cleaned = super().clean()
        cleaned["reasons"] = _clean_text(cleaned.get("reasons", ""))
        if cleaned.get("decision") == "return" and not cleaned["reasons"]:
            self.add_error("reasons", "Enter what needs changing before you return the plan")
        return cleaned


class EarlyReviewForm(GDSFormMixin, forms.Form):
    submit_label = "Ask for an early review"

    reason = forms.ChoiceField(
        label="Why does the plan need reviewing early?", choices=EarlyReviewReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the plan needs reviewing early"},
    )
    requested_on = GOVUKDateField(
        label="When was it asked for?", subject="The date the early review was asked for",
        help_text="The review is due within 28 days of this date. For example, 27 3 2026",
        error_messages={"required": "Enter the date the early review was asked for"},
    )
    description = forms.CharField(
        label="What has happened (optional)", required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def layout_fields(self):
        return [
            Field.radios("reason", legend_size=Size.MEDIUM),
            Field("requested_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.textarea("description", rows=4),
        ]

    def clean_description(self):
        return _clean_text(self.cleaned_data["description"])


class NeedsAssessmentForm(GDSFormMixin, forms.Form):
    """What they need in each area, and their views. Saved as it goes; completing it seeds
    their first plan."""

    young_persons_views = _text(
        label="Their views (optional)",
        help_text="What they think they need, in their words. It starts their plan's "
                  "‘in their own words’.",
    )
    completed_on = GOVUKDateField(
        label="Date it was completed (optional)", subject="The date it was completed",
        required=False, help_text="Only when you complete it. Leave blank for today.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, assessment, **kwargs):
        self.assessment = assessment
        initial = {"young_persons_views": assessment.young_persons_views,
                   "version": assessment.version}
        for key in Section.values:
            initial[f"area_{key}"] = assessment.areas.get(key, "")
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for key, label in Section.choices:
            self.fields[f"area_{key}"] = _text(label=f"{label} (optional)")
        self.helper.layout = Layout(*self.layout_fields())

    def layout_fields(self):
        if not hasattr(self, "assessment"):
            return []
        fields = [Field.textarea("young_persons_views", rows=4)]
        fields += [Field.textarea(f"area_{key}", rows=3) for key in Section.values]
        fields += [
            Field("completed_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field("version"),
        ]
        return fields  # the page adds the buttons: save, and save and complete

    def clean(self):
        cleaned = super().clean()
        for name in list(cleaned):
            if name == "young_persons_views" or name.startswith("area_"):
                cleaned[name] = _clean_text(cleaned[name])
        return cleaned

    def areas(self) -> dict:
        return {key: self.cleaned_data[f"area_{key}"] for key in Section.values}

    def refuse_stale(self, stale_error, *, read_version: int) -> dict:
        """Areas live in one JSON field: show each area the other person changed."""
        stale = super().refuse_stale(stale_error, read_version=read_version)
        current = stale_error.current
        before = current.history.filter(version=read_version).first()
        read_areas = before.areas if before is not None else {}
        for key, label in Section.choices:
            theirs = current.areas.get(key, "")
            read = read_areas.get(key, "")
            if theirs == read:
                continue
            if self.cleaned_data.get(f"area_{key}", "") == read:
                self.data[f"area_{key}"] = theirs
            stale["rows"].append({"label": label, "value": theirs or "Nothing"})
        return stale
