from django import forms

from coffeechat.conversations.forms import DayField
from coffeechat.conversations.models import Approach, Channel
from coffeechat.explorations.services import explorations_for

from .models import FORM_CHOICES, MessageTemplate
from .services import files_for

PROFILE_CHOICES = [
    ("relaxed", "Relaxed (up to about 120 words)"),
    ("strict", "Strict: Dalton's six-point email (under 75 words)"),
]


class ComposeForm(forms.Form):
    exploration = forms.ModelChoiceField(queryset=None, label="For the exploration")
    approach = forms.ChoiceField(choices=Approach.choices, initial="direct")
    form = forms.ChoiceField(choices=FORM_CHOICES, initial="written", label="Form")
    channel = forms.ChoiceField(choices=Channel.choices, initial="email")
    subject = forms.CharField(required=False, max_length=200)
    body = forms.CharField(
        label="Message", max_length=20000, widget=forms.Textarea(attrs={"rows": 10})
    )
    resume = forms.BooleanField(
        required=False,
        label="Attach my résumé for context (adds a sentence saying so)",
        help_text="The résumé kept under Settings → Files.",
    )
    files = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Other files kept in Settings to attach",
    )
    attachment = forms.FileField(
        required=False,
        label="Attach a file to this ask only",
        help_text="PDF, Word, OpenDocument, RTF or text; up to 5 MB. Kept with this person.",
    )
    profile = forms.ChoiceField(choices=PROFILE_CHOICES, initial="relaxed", label="Checker profile")
    on = DayField(label="Date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    despite_findings = forms.BooleanField(
        required=False, label="Send anyway, despite the checker's errors"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exploration"].queryset = explorations_for(user).filter(closed_on__isnull=True)
        self.fields["files"].queryset = files_for(user).filter(is_resume=False)
        if not self.fields["files"].queryset.exists():
            del self.fields["files"]


class TemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["name", "approach", "form", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "body": "Placeholders: {my_name}, {their_name}, {their_role}, "
            "{organization}, {field}, {acquaintance}, {minutes}."
        }


class EditTemplateForm(TemplateForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class FileForm(forms.Form):
    file = forms.FileField(
        label="File",
        help_text="PDF, Word (.docx, .doc), OpenDocument (.odt), RTF or text; up to 5 MB.",
    )
    is_resume = forms.BooleanField(
        required=False, label="This is my résumé (replaces the one kept before)"
    )
