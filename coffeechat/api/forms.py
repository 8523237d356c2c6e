from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, label="Name", help_text="Where the token is used, e.g. “laptop script”."
    )
