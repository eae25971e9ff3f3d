"""Forms for finding, adding and changing a young person's record."""

from crispy_forms_gds.layout import HTML, Field, Fluid, Layout, Submit
from django import forms
from django.db.models import Q

from .forms import (
    GDSFormMixin,
    GOVUKDateField,
    RecordChoiceField,
    RecordMultipleChoiceField,
    YesNoField,
)
from .models import ALL_TEAM_ROLES, Ethnicity, Role, Sex, Team, User

#: Roles that can be named on a restricted record: the people who work with young people.
_PRACTITIONER_ROLES = [Role.PERSONAL_ADVISER, Role.TEAM_MANAGER, *ALL_TEAM_ROLES]


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Name, ID or words in a note", required=False, max_length=200,
        help_text="First name, last name, preferred name, council ID or UPN, or words written "
                  "in a contact note, like college or custody",
    )


def _heading(text: str) -> HTML:
    return HTML(f'<h2 class="govuk-heading-m govuk-!-margin-top-6">{text}</h2>')


class YoungPersonForm(GDSFormMixin, forms.Form):
    """Who a young person is. Adding also asks for the council ID, which never changes after."""

    submit_label = "Save"

    person_id = forms.CharField(
        label="Council ID", max_length=40,
        help_text="The ID from the children's social care system",
        error_messages={"required": "Enter their council ID"},
    )
    first_name = forms.CharField(
        label="First name", max_length=100,
        error_messages={"required": "Enter their first name"},
    )
    last_name = forms.CharField(
        label="Last name", max_length=100,
        error_messages={"required": "Enter their last name"},
    )
    preferred_name = forms.CharField(
        label="Preferred name (optional)", max_length=100, required=False,
        help_text="What they like to be called, if it is not their first name",
    )
    date_of_birth = GOVUKDateField(
        label="Date of birth", help_text="For example, 27 3 2007",
        error_messages={"required": "Enter their date of birth"},
    )
    sex = forms.ChoiceField(
        label="Sex", choices=Sex.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select their sex, or ‘Not known’"},
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity", choices=[("", "Choose their ethnicity"), *Ethnicity.choices],
        help_text="As they describe it. The code is the one the Department for Education uses.",
        error_messages={"required": "Select their ethnicity, or ‘Information not yet obtained’"},
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN) (optional)", max_length=13, min_length=13,
        required=False, help_text="13 characters, from their school records",
        error_messages={
            "min_length": "A UPN must be 13 characters",
            "max_length": "A UPN must be 13 characters",
        },
    )
    uasc = YesNoField(
        label="Did they come to the UK as an unaccompanied asylum-seeking child (UASC)?",
        error_messages={"required": "Select yes if they came as an unaccompanied asylum-seeking "
                                    "child"},
    )
    disability = YesNoField(
        label="Do they have a disability?",
        error_messages={"required": "Select yes if they have a disability"},
    )
    languages = forms.CharField(
        label="Languages (optional)", max_length=200, required=False,
        help_text="Languages they speak, first language first",
    )
    phone = forms.CharField(label="Phone number (optional)", max_length=30, required=False)
    email = forms.EmailField(
        label="Email address (optional)", required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like "
                                   "name@example.com"},
    )
    address = forms.CharField(
        label="Address (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4}),
    )
    team = RecordChoiceField(
        label="Team", queryset=Team.objects.none(), empty_label=None, widget=forms.RadioSelect,
        error_messages={"required": "Select their team"},
    )
    restricted = YesNoField(
        label="Is this a restricted record?",
        help_text="For example, if a relative or friend of theirs works here. Only the staff you "
                  "name will be able to find or open it.",
        error_messages={"required": "Select yes if this is a restricted record"},
    )
    restricted_to = RecordMultipleChoiceField(
        label="Staff who can see a restricted record", required=False,
        queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, young_person=None, **kwargs):
        self.user = user
        self.young_person = young_person
        self.ask_if_different_person = False
        if young_person is not None:
            kwargs.setdefault("initial", self._initial_from(young_person))
        super().__init__(*args, **kwargs)
        teams = Team.objects.filter(members=user)
        staff = User.objects.filter(is_active=True, role__in=_PRACTITIONER_ROLES).filter(
            Q(teams__in=Team.objects.filter(members=user)) | Q(role__in=ALL_TEAM_ROLES)
        )
        if young_person is None:
            del self.fields["version"]
            self.fields["restricted_to"].help_text = (
                "Only needed for a restricted record. You are named on it too, so you can "
                "finish setting it up."
            )
            if teams.count() == 1:
                self.fields["team"].initial = teams.first()
        else:
            del self.fields["person_id"]
            self.fields["version"].required = True
            teams = Team.objects.filter(Q(members=user) | Q(pk=young_person.team_id))
            staff = staff | User.objects.filter(restricted_records=young_person)
            self.fields["restricted_to"].help_text = "Only needed for a restricted record"
        self.fields["team"].queryset = teams.distinct().order_by("name")
        self.fields["restricted_to"].queryset = staff.distinct().order_by("full_name", "username")
        self.fields["restricted_to"].label_from_instance = (
            lambda member: f"{member}, {member.get_role_display()}"
        )
        self._lay_out()

    @staticmethod
    def _initial_from(young_person) -> dict:
        initial = {name: getattr(young_person, name) for name in IDENTITY_FORM_FIELDS}
        initial["team"] = young_person.team_id
        initial["restricted_to"] = list(young_person.restricted_to.all())
        initial["version"] = young_person.version
        return initial

    def layout_fields(self):
        fields = []
        if self.ask_if_different_person:
            fields += [
                Field("different_person"),
                HTML('<input type="hidden" name="duplicates_shown" value="1">'),
            ]
        fields += [_heading("About them")]
        if "person_id" in self.fields:
            fields.append(Field.text("person_id", field_width=10))
        fields += [
            Field.text("first_name", field_width=Fluid.ONE_HALF),
            Field.text("last_name", field_width=Fluid.ONE_HALF),
            Field.text("preferred_name", field_width=Fluid.ONE_HALF),
            Field("date_of_birth"),
            Field.radios("sex", inline=True),
            Field.select("ethnicity"),
            Field.text("upn", field_width=20),
            Field.radios("uasc", inline=True),
            Field.radios("disability", inline=True),
            Field.text("languages", field_width=Fluid.TWO_THIRDS),
            _heading("How to contact them"),
            Field.text("phone", field_width=20),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.textarea("address", rows=4),
            _heading("Team and who can see the record"),
            Field.radios("team"),
            Field.radios("restricted", inline=True),
            Field.checkboxes("restricted_to", small=True),
        ]
        if "version" in self.fields:
            fields.append(Field("version"))
        return fields

    def _lay_out(self):
        self.helper.layout = Layout(*self.layout_fields(), Submit("submit", self.submit_label))

    def ask_different_person(self):
        """Likely duplicates were found: ask the user to confirm before saving."""
        self.ask_if_different_person = True
        self._lay_out()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("restricted") is False:
            cleaned["restricted_to"] = []
        elif (
            cleaned.get("restricted")
            and self.young_person is not None
            and not cleaned.get("restricted_to")
        ):
            self.add_error("restricted_to", "Select the staff who can see a restricted record")
        return cleaned

    def clean_address(self):
        # Browsers send line breaks as CRLF; keep them as the imports and other forms do.
        return self.cleaned_data["address"].replace("\r\n", "\n")

    def service_fields(self) -> dict:
        """The cleaned values as the young-person services take them."""
        return {name: self.cleaned_data[name] for name in IDENTITY_FORM_FIELDS}

    def named_staff(self) -> list:
        named = list(self.cleaned_data.get("restricted_to") or [])
        if self.young_person is None and self.cleaned_data.get("restricted") and (
            self.user not in named
        ):
            named.append(self.user)
        return named


#: The identity fields the form edits, as named on the model (the council ID only on adding).
IDENTITY_FORM_FIELDS = [
    "first_name", "last_name", "preferred_name", "date_of_birth", "sex", "ethnicity", "upn",
    "uasc", "disability", "languages", "phone", "email", "address", "team", "restricted",
]


class AddYoungPersonForm(YoungPersonForm):
    different_person = forms.BooleanField(
        label="This is a different person", required=False,
        help_text="I have checked the records listed above and none of them is this young person",
    )

    def service_fields(self) -> dict:
        return {**super().service_fields(), "person_id": self.cleaned_data["person_id"]}


class ChronologyFilterForm(GDSFormMixin, forms.Form):
    """Narrows a young person's chronology: kinds of entry, a range of days, words in it."""

    submit_label = "Show entries"

    kind = forms.MultipleChoiceField(
        label="What happened", required=False, widget=forms.CheckboxSelectMultiple,
    )
    words = forms.CharField(
        label="Words in the entry", required=False, max_length=200,
        help_text="For example, college or custody",
    )
    since = GOVUKDateField(label="From", subject="The from date", required=False)
    until = GOVUKDateField(label="To", subject="The to date", required=False)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, kind) for kind in kinds]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The to date must be the same as or after the from date")
        return data

    def chosen(self) -> dict:
        """What to narrow by: nothing when the form is empty or has errors."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"kinds": set(data["kind"]), "since": data["since"], "until": data["until"],
                "words": data["words"].strip()}
