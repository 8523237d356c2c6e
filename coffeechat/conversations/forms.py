from django import forms

from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.explorations.services import explorations_for

from .models import Approach, Channel

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AskForm(forms.Form):
    """Log an ask (SPEC O5): when, how, which approach, and the words sent."""

    exploration = forms.ModelChoiceField(queryset=None, label="For the exploration")
    on = forms.DateField(label="Date asked", widget=DATE_INPUT)
    channel = forms.ChoiceField(choices=Channel.choices)
    approach = forms.ChoiceField(choices=Approach.choices)
    text = forms.CharField(label="What you sent or said", required=False, max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 5}))

    despite_no = forms.BooleanField(required=False, label="Ask anyway, despite their clear no")

    def __init__(self, *args, user, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exploration"].queryset = explorations_for(user).filter(closed_on__isnull=True)
        if not (person and person.do_not_ask):
            del self.fields["despite_no"]


REPLY_CHOICES = [
    (Outcome.ACCEPTED.value, "Accepted"),
    (Outcome.DECLINED_BUSY.value, "Declined: too busy"),
    (Outcome.BUSY_NOW.value, "Busy now: ask again later"),
    (Outcome.CLEAR_NO.value, "A clear no"),
]

EVENT_CHOICES = [
    (EventKind.ASKED.value, "Asked again"),
    (EventKind.FOLLOWED_UP.value, "Sent the one follow-up"),
    (EventKind.REPLIED.value, "They replied"),
    (EventKind.SCHEDULED.value, "Meeting scheduled"),
    (EventKind.RESCHEDULED.value, "Meeting moved"),
    (EventKind.CANCELLED.value, "Meeting cancelled"),
    (EventKind.HELD.value, "Conversation held"),
    (EventKind.THANKED.value, "Thank-you sent"),
]


class EventForm(forms.Form):
    """Log what happened next in a conversation."""

    kind = forms.ChoiceField(choices=EVENT_CHOICES, label="What happened")
    on = forms.DateField(label="Date", widget=DATE_INPUT)
    outcome = forms.ChoiceField(choices=[("", "—")] + REPLY_CHOICES, required=False,
                                label="Their answer")
    meeting_on = forms.DateField(required=False, label="Meeting date", widget=DATE_INPUT)
    callback_on = forms.DateField(required=False, label="Ask again on", widget=DATE_INPUT)
    text = forms.CharField(required=False, label="Notes", max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed is not None:
            # Offer only the steps the method allows next; the service checks again.
            self.fields["kind"].choices = [c for c in EVENT_CHOICES if c[0] in allowed]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == EventKind.REPLIED and not cleaned.get("outcome"):
            self.add_error("outcome", "Say what they answered.")
        if kind in (EventKind.SCHEDULED, EventKind.RESCHEDULED) and not cleaned.get("meeting_on"):
            self.add_error("meeting_on", "Give the date of the meeting.")
        if cleaned.get("outcome") == Outcome.BUSY_NOW and not cleaned.get("callback_on"):
            self.add_error("callback_on", "Pick a day to ask again.")
        return cleaned
