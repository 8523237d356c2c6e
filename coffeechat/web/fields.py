"""Form fields shared by the areas' forms."""

from django import forms

from coffeechat.domain.limits import too_long


class LongTextField(forms.CharField):
    """A note or other Markdown text, up to LONG_TEXT characters (domain/limits.py).
    Without the browser's maxlength, which would cut a pasted text short without a word:
    a longer one is sent and refused with a message that says how long it is."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        message = too_long(value or "")
        if message:
            raise forms.ValidationError(message, code="max_length")
