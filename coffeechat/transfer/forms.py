from django import forms

from coffeechat.errors import Invalid
from coffeechat.explorations.services import explorations_for
from coffeechat.people.models import Level

from .importers import FORMATS
from .importing import Choice
from .services import check_size


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Contacts file",
        help_text="LinkedIn Connections.csv, a Google Contacts, Outlook or "
        "Thunderbird CSV, any CSV with a header row, or a vCard "
        "(.vcf). Up to 20 MB.",
    )
    format = forms.ChoiceField(
        choices=[("", "Detect it for me")] + list(FORMATS.items()),
        required=False,
        label="Kind of file",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)
        except Invalid as error:
            raise forms.ValidationError(error.message) from None
        return upload


class RestoreForm(forms.Form):
    file = forms.FileField(
        label="Export file (.json)", help_text="A file made by Export → Everything (JSON)."
    )

    def __init__(self, *args, **kwargs):
        # Its own ids: the Data page shows it below the import form, whose file field
        # would otherwise share id="id_file" and leave this one without a label.
        kwargs.setdefault("auto_id", "restore_%s")
        super().__init__(*args, **kwargs)


def choices_from(post, planned_lines) -> dict[int, str]:
    """The user's choice for each possible duplicate of the preview ("line-12": "merge")."""
    valid = {choice.value for choice in Choice}
    found = {}
    for line in planned_lines:
        value = post.get(f"line-{line}")
        if value:
            found[line] = value if value in valid else "?"
    return found


class ForNewPeopleForm(forms.Form):
    """What every person an import creates gets on the way in (SPEC U2)."""

    prefix = "new"
    exploration = forms.ModelChoiceField(
        queryset=None, required=False, label="Exploration", empty_label="None"
    )
    level = forms.ChoiceField(required=False, label="Level")
    tag = forms.CharField(required=False, max_length=50, label="Tag")

    def __init__(self, *args, user, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["exploration"].queryset = explorations_for(user)
        self.fields["level"].choices = Level.choices
        self.fields["level"].initial = Level.UNKNOWN

    def settings(self) -> dict:
        """{"exploration_id", "level", "tags"} as the import's report keeps them."""
        if not self.is_valid():
            field, errors = next(iter(self.errors.items()))
            raise Invalid(f"{self.fields[field].label}: {errors[0]}", field=f"new-{field}")
        data = self.cleaned_data
        tag = " ".join(data["tag"].replace(",", " ").split())
        return {
            "exploration_id": data["exploration"].pk if data["exploration"] else None,
            "level": data["level"] or "unknown",
            "tags": [tag] if tag else [],
        }
