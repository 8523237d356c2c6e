"""Form widgets rendered in Python, for the forms on busy pages.

Django renders each widget, and each option of a select, through its own template: a
quarter of the people list's time went to its filter form, and three quarters of the
exploration page's to one select of every organization. These give the same HTML as
Django's templates (attributes, `selected`, `required`, aria-* from the bound field).
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
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
