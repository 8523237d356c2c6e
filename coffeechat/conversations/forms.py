from django import forms

from coffeechat.domain.businessdays import FIRST_DAY, LAST_DAY
from coffeechat.domain.journey import EventKind, Outcome
from coffeechat.domain.meeting import LENGTHS
from coffeechat.domain.prep import MODE_LABELS
from coffeechat.explorations.services import explorations_for
from coffeechat.web.widgets import QuickSelect

from .models import Approach, Channel

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DayField(forms.DateField):
    """A date the rules can count business days from: year 1 or 9999 would run off the
    calendar (and break the Today page) instead of being refused here."""

    def validate(self, value):
        super().validate(value)
        if value and not FIRST_DAY <= value <= LAST_DAY:
            raise forms.ValidationError(
                f"Choose a date between {FIRST_DAY.year} and {LAST_DAY.year}."
            )


MODE_CHOICES = [(mode.value, label) for mode, label in MODE_LABELS.items()]


class AskForm(forms.Form):
    """Log an ask (SPEC O5): when, how, which approach, and the words sent."""

    # On every person page: selects rendered in Python (coffeechat/web/widgets.py).
    exploration = forms.ModelChoiceField(
        queryset=None, label="For the exploration", widget=QuickSelect
    )
    on = DayField(label="Date asked", widget=DATE_INPUT)
    channel = forms.ChoiceField(choices=Channel.choices, widget=QuickSelect)
    approach = forms.ChoiceField(choices=Approach.choices, widget=QuickSelect)
    text = forms.CharField(
        label="What you sent or said",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

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

# A reply first: on the day of an ask it is the only step that can be true.
EVENT_CHOICES = [
    (EventKind.REPLIED.value, "They replied"),
    (EventKind.ASKED.value, "Asked again"),
    (EventKind.FOLLOWED_UP.value, "Sent the one follow-up"),
    (EventKind.CONFIRMED.value, "Confirmation sent"),
    (EventKind.HELD.value, "Conversation held"),
    (EventKind.THANKED.value, "Thank-you sent"),
    (EventKind.KEPT_IN_TOUCH.value, "Kept in touch"),
    (EventKind.TOLD_DECISION.value, "Told them what I decided"),
]


class EventForm(forms.Form):
    """Log what happened next in a conversation."""

    kind = forms.ChoiceField(choices=EVENT_CHOICES, label="What happened")
    on = DayField(label="Date", widget=DATE_INPUT)
    outcome = forms.ChoiceField(
        choices=[("", "—")] + REPLY_CHOICES, required=False, label="Their answer"
    )
    callback_on = DayField(required=False, label="Ask again on", widget=DATE_INPUT)
    text = forms.CharField(
        required=False, label="Notes", max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
    )

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
        if kind and kind != EventKind.REPLIED and cleaned.get("outcome"):
            self.add_error(
                "outcome",
                "Only a reply has an answer: choose “They replied”, or leave their answer empty.",
            )
        if cleaned.get("outcome") == Outcome.BUSY_NOW and not cleaned.get("callback_on"):
            self.add_error("callback_on", "Pick a day to ask again.")
        return cleaned


class ScheduleForm(forms.Form):
    """Book or move the meeting (SPEC S1, S4)."""

    meeting_date = DayField(label="Meeting date", widget=DATE_INPUT)
    meeting_time = forms.TimeField(
        label="Time", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    time_zone = forms.CharField(
        label="Time zone", max_length=64, help_text="The zone the time is in, e.g. Europe/Berlin."
    )
    minutes = forms.TypedChoiceField(
        coerce=int, initial=20, label="Length", choices=[(m, f"{m} minutes") for m in LENGTHS]
    )
    mode = forms.ChoiceField(
        choices=MODE_CHOICES,
        initial="workplace",
        help_text="Their workplace is the usual suggestion: easiest for "
        "them, and you see where they work.",
    )
    location = forms.CharField(required=False, max_length=300, label="Place or phone number")
    link = forms.URLField(required=False, label="Video link", assume_scheme="https")
    cost = forms.DecimalField(
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        label="Cost (coffee or meal — you pay)",
    )
    reason = forms.CharField(required=False, max_length=500, label="Why it moved (if it did)")
    on = DayField(label="Agreed on", widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        # Its own ids: the conversation page shows it beside the other forms, whose "on"
        # would otherwise share id="id_on" (and "Date" would label a hidden field).
        kwargs.setdefault("auto_id", "schedule_%s")
        super().__init__(*args, **kwargs)


class CancelForm(forms.Form):
    reason = forms.CharField(max_length=500, label="Why it was cancelled")
    on = DayField(label="Cancelled on", widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "cancel_%s")  # ids of its own, as ScheduleForm
        super().__init__(*args, **kwargs)
