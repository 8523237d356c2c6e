from django import forms

from coffeechat.domain.questions import Domain, FindingTopic, Tiara
from coffeechat.explorations.services import explorations_for

from .models import Question, TalkingPoint


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "domain", "tiara", "minutes", "rank", "topic"]
        labels = {"tiara": "TIARA area", "rank": "Importance", "topic": "Feeds the finding"}
        help_texts = {
            "rank": "1 = ask it first … 5 = only if time allows.",
            "minutes": "How long the question and its answer usually take.",
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def clean_minutes(self):
        minutes = self.cleaned_data["minutes"]
        if not 1 <= minutes <= 30:
            raise forms.ValidationError("Between 1 and 30 minutes.")
        return minutes

    def clean_rank(self):
        rank = self.cleaned_data["rank"]
        if not 1 <= rank <= 5:
            raise forms.ValidationError("From 1 (first) to 5 (if time allows).")
        return rank


class EditQuestionForm(QuestionForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class TalkingPointForm(forms.ModelForm):
    class Meta:
        model = TalkingPoint
        fields = ["topic", "text", "exploration", "share"]
        labels = {"share": "Put it on the meeting agenda", "exploration": "Only for"}
        help_texts = {"exploration": "Leave empty to use it in every exploration."}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["exploration"].queryset = explorations_for(user)


DOMAINS, TIARAS, TOPICS = Domain, Tiara, FindingTopic
