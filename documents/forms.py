"""The forms for a young person's documents, in the GOV.UK style. They check the shape of what
was sent, and say next to the file field what is wrong with a file; the service checks again
and writes."""

from crispy_forms_gds.layout import Field, Fluid, Size
from django import forms

from careleavers.forms import GDSFormMixin, GOVUKDateField, RecordChoiceField, YesNoField

from .models import Document
from .rules import ACCEPT, DocumentKind, in_a_sentence, megabytes
from .services import max_upload_size, upload_refusal


class UploadForm(GDSFormMixin, forms.Form):
    submit_label = "Upload document"

    file = forms.FileField(
        label="Upload a file",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": "Select a file", "empty": "The selected file is empty",
                        "invalid": "Select a file"},
    )
    kind = forms.ChoiceField(
        label="What is it?", choices=[("", "Choose the kind of document"),
                                      *DocumentKind.choices],
        error_messages={"required": "Select what kind of document it is"},
    )
    title = forms.CharField(
        label="Title", max_length=200,
        help_text="What someone looking for it would call it, for example Tenancy agreement "
                  "for Flat 3, Mill Court",
        error_messages={"required": "Enter a title for the document",
                        "max_length": "The title must be 200 characters or fewer"},
    )
    dated_on = GOVUKDateField(
        label="Date on the document (optional)", subject="The date on the document",
        required=False, help_text="For example, the date it was signed or issued: 27 3 2026",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"A PDF, JPEG, PNG or Word document, smaller than {megabytes(max_upload_size())}"
        )

    def layout_fields(self):
        return [
            Field("file"),
            Field.select("kind"),
            Field.text("title", field_width=Fluid.TWO_THIRDS),
            Field("dated_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if refusal := upload_refusal(upload):
            raise forms.ValidationError(refusal)
        return upload


class WithdrawForm(GDSFormMixin, forms.Form):
    submit_label = "Mark as replaced or withdrawn"

    reason = forms.CharField(
        label="Why is it being replaced or withdrawn?", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, a new tenancy agreement replaces it, or it was uploaded to the "
                  "wrong record. The document stays on the record with your reason.",
        error_messages={"required": "Enter why it was replaced or withdrawn"},
    )

    def layout_fields(self):
        return [Field.textarea("reason", rows=3)]


class TickForm(GDSFormMixin, forms.Form):
    submit_label = "Save"

    has_it = YesNoField(
        label="Do they have it?",
        choices=[("yes", "Yes, they have it"), ("no", "No, it is missing")],
        error_messages={"required": "Select whether they have it"},
    )
    document = RecordChoiceField(
        label="Which of their documents shows it? (optional)", required=False,
        queryset=Document.objects.none(), empty_label="None of these",
        error_messages={"invalid_choice": "Choose one of their documents that shows it"},
    )

    def __init__(self, *args, item, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["has_it"].label = f"Do they have their {in_a_sentence(item)}?"
        self.fields["document"].queryset = documents

    def layout_fields(self):
        return [Field.radios("has_it", legend_size=Size.MEDIUM, legend_tag="h1"),
                Field.select("document")]
