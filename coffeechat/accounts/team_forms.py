"""Forms of team mode: login, accepting an invitation, granting a coach, inviting."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils import timezone

from . import throttle

# Long enough for any passphrase or password manager; bounded so a request cannot
# make the server hash megabytes.
PASSWORD_MAX = 1024


def client_address(request) -> str:
    """The client's address; behind our proxy, the one the proxy saw (last hop)."""
    from django.conf import settings

    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_PROXY and forwarded:
        return forwarded.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


class LoginForm(AuthenticationForm):
    """Django's login, throttled per account and per address (accounts/throttle.py)."""

    password = forms.CharField(
        label="Password",
        strip=False,
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    throttled = False

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address, now = client_address(self.request), timezone.now()
        try:
            throttle.attempt(username, address, now)
        except throttle.Throttled as wait:
            self.throttled = True
            raise forms.ValidationError(
                f"Too many failed attempts. Try again in {wait.minutes} "
                f"minute{'s' if wait.minutes > 1 else ''}.",
                code="throttled",
            ) from None
        if self.errors or not username or "password" not in self.cleaned_data:
            # A field was refused (blank, or a password over PASSWORD_MAX): no password is
            # checked, and the attempt stays counted. It once counted as a success and
            # cleared the failures, so a blank password reset the throttle (issue 18).
            throttle.failed(now)
            return self.cleaned_data
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.failed(now)
            raise
        throttle.succeeded(username, address)
        return cleaned


class InvitationForm(forms.Form):
    username = forms.CharField(
        max_length=150,
        help_text="Letters, digits and @ . + - _ only.",
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        min_length=8,
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="The same password again",
        strip=False,
        max_length=PASSWORD_MAX,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self):
        from django.contrib.auth.validators import UnicodeUsernameValidator

        username = self.cleaned_data["username"].strip()
        UnicodeUsernameValidator()(username)
        return username

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", "The two passwords differ.")
        return cleaned


class GrantForm(forms.Form):
    username = forms.CharField(max_length=150, label="Your coach's username")


class InviteForm(forms.Form):
    email = forms.EmailField(label="Email of the person to invite")
    make_admin = forms.BooleanField(required=False, label="Make them an admin (can invite others)")
