"""Form widgets rendered in Python, for the forms on busy pages.

Django renders each widget, and each option of a select, through its own template: a
quarter of the people list's time went to its filter form, and three quarters of the
exploration page's to one select of every organization. These give the same HTML as
Django's templates (attributes, `selected`, `required`, aria-* from the bound field).
"""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class ListedModelChoices(ModelChoiceIterator):
    """A model select's options read with one plain query: Django's own iterator uses
    .iterator(), a server-side cursor on PostgreSQL (DECLARE, FETCH, CLOSE: three round
    trips for a list of a few rows)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        if type(self.choices) is ModelChoiceIterator:
            self.choices = ListedModelChoices(self.choices.field)
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((option["value"], flatatt(option["attrs"]), option["label"])
             for _, group, _ in widget["optgroups"] for option in group))
        return format_html('<select name="{}"{}>{}</select>', widget["name"],
                           flatatt(widget["attrs"]), options)


class QuickTextInput(forms.TextInput):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = format_html(' value="{}"', widget["value"]) if widget["value"] is not None else ""
        return format_html('<input type="{}" name="{}"{}{}>', widget["type"], widget["name"],
                           shown, flatatt(widget["attrs"]))
