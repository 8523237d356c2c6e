from django import forms

from coffeechat.today.services import mail_is_set_up

from .models import Profile
from .public_holidays import normalize_region, region_choices, region_error


class RegionField(forms.ChoiceField):
    """Offered by name; a typed or posted code is checked against the holidays package, so
    an unknown one is named with the reason rather than "not one of the choices"."""

    def to_python(self, value):
        return normalize_region(super().to_python(value))

    def validate(self, value):
        forms.Field.validate(self, value)
        error = region_error(value)
        if error:
            raise forms.ValidationError(error, code="invalid_choice")


class ProfileForm(forms.ModelForm):
    country = RegionField(
        required=False,
        label="Country for public holidays",
        help_text="Business days skip weekends and the public holidays "
        "of this country or region (England has Easter "
        "Monday, the United Kingdom as a whole does not).",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "country",
            "digest_enabled",
            "digest_email",
            "digest_hour",
            "feed_tasks",
        ]
        labels = {
            "display_name": "Your name, as you sign messages",
            "digest_enabled": "Email me the Today list every morning",
            "digest_email": "Send the digest to",
            "digest_hour": "At (hour of the day, 0–23)",
            "feed_tasks": "Show due tasks in the calendar feed as all-day items",
        }

    def clean_digest_hour(self):
        hour = self.cleaned_data["digest_hour"]
        if hour is None:
            return 7
        if not 0 <= hour <= 23:
            raise forms.ValidationError("An hour from 0 to 23.")
        return hour

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("digest_enabled") and not cleaned.get("digest_email"):
            self.add_error("digest_email", "Where should the digest go?")
        if cleaned.get("digest_enabled") and not self._mail_is_set_up():
            self.add_error(
                "digest_enabled",
                "The morning email needs a mail server: set "
                "COFFEECHAT_EMAIL_HOST (see docs/SETTINGS.md), restart, then "
                "switch it on.",
            )
        return cleaned

    @staticmethod
    def _mail_is_set_up() -> bool:
        return mail_is_set_up()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["digest_hour"].required = False
        # By name, one entry per country (no "UK" beside "GB"), each region under it.
        self.fields["country"].choices = [("", "None: weekends only"), *region_choices()]
