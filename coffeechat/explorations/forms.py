from django import forms

from coffeechat.conversations.forms import DayField
from coffeechat.conversations.services import findings_in
from coffeechat.people.services import organizations_for
from coffeechat.web.fields import LongTextField
from coffeechat.web.widgets import BoundedSelect, NamedModelChoiceField

from .models import Exploration, Side


class ExplorationForm(forms.ModelForm):
    notes = LongTextField(label="Notes", widget=forms.Textarea(attrs={"rows": 3}))

    class Meta:
        model = Exploration
        fields = ["title", "field", "target_position", "decision_kind", "notes"]
        labels = {
            "title": "Your career question",
            "field": "Field",
            "target_position": "Target position",
            "decision_kind": "This feeds the decision to",
        }
        help_texts = {
            "title": "For example: “Is UX research the right next step for me?”",
            "target_position": "The role you are learning about, e.g. “UX researcher”.",
        }


class EditExplorationForm(ExplorationForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CloseForm(forms.Form):
    """Close an exploration with the decision it fed (SPEC E3)."""

    decision = forms.CharField(
        label="What I decided", max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    closed_on = DayField(label="Decided on", widget=DATE_INPUT)
    version = forms.IntegerField(widget=forms.HiddenInput)


class OptionForm(forms.Form):
    title = forms.CharField(
        label="Option", max_length=200, help_text="For example “MSc in HCI” or “UX bootcamp”."
    )


class PointForm(forms.Form):
    side = forms.ChoiceField(choices=Side.choices, label="Pro or con")
    text = forms.CharField(label="Point", max_length=500)
    finding = forms.ModelChoiceField(queryset=None, required=False, label="Evidence")

    def __init__(self, *args, user=None, exploration=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].queryset = findings_in(user, exploration)


MOTIVATION_CHOICES = [
    (0, "0 — don't know yet"),
    (1, "1 — mild"),
    (2, "2 — keen"),
    (3, "3 — very keen"),
    (4, "4 — dream employer"),
]
POSTINGS_CHOICES = [
    (1, "1 — none relevant"),
    (2, "2 — somewhat relevant"),
    (3, "3 — relevant postings"),
]


class TargetForm(forms.Form):
    """Score an organization the LAMP way (SPEC P6)."""

    # Every organization while they are few (rendered in Python); past 200, their name.
    organization = NamedModelChoiceField(queryset=None, widget=BoundedSelect)
    advocacy = forms.BooleanField(required=False, label="Advocacy: I have a contact there")
    motivation = forms.TypedChoiceField(choices=MOTIVATION_CHOICES, coerce=int, initial=0)
    postings = forms.TypedChoiceField(choices=POSTINGS_CHOICES, coerce=int, initial=1)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["organization"].queryset = organizations_for(user)
