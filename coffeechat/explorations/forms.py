from django import forms

from .models import Exploration


class ExplorationForm(forms.ModelForm):
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
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class EditExplorationForm(ExplorationForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
