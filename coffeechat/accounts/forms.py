from django import forms

from .models import Profile
from .services import supported_countries


class ProfileForm(forms.ModelForm):
    country = forms.ChoiceField(required=False, label="Country for public holidays",
                                help_text="Business days skip weekends and this country's "
                                          "public holidays.")
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Profile
        fields = ["display_name", "country"]
        labels = {"display_name": "Your name, as you sign messages"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "None: weekends only")] + [
            (code, code) for code in supported_countries()]
