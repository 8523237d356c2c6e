"""The widgets rendered in Python give the HTML of Django's templates."""

from html.parser import HTMLParser

from django import forms

from coffeechat.web.widgets import QuickSelect, QuickTextInput

CHOICES = [("", "Any"), ("a", "A & <b>"), ("b", "B")]


class Plain(forms.Form):
    choice = forms.ChoiceField(choices=CHOICES, required=True)
    text = forms.CharField(max_length=10, required=False)


class Quick(forms.Form):
    choice = forms.ChoiceField(choices=CHOICES, required=True, widget=QuickSelect)
    text = forms.CharField(max_length=10, required=False, widget=QuickTextInput)


class Parsed(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.items = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.items.append((tag, sorted(attrs)))

    def handle_data(self, data):
        if data.strip():
            self.items.append(data.strip())


def test_they_render_what_django_renders():
    for data in (None, {"choice": "a", "text": 'say "hi" <now>'}, {"choice": "x"}):
        plain, quick = Plain(data), Quick(data)
        for name in ("choice", "text"):
            assert Parsed(str(quick[name])).items == Parsed(str(plain[name])).items
