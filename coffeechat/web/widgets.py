"""Form widgets rendered in Python, for the forms on busy pages.

Django renders each widget, and each option of a select, through its own template: a
quarter of the people list's time went to its filter form, and three quarters of the
exploration page's to one select of every organization. These give the same HTML as
Django's templates (attributes, `selected`, `required`, aria-* from the bound field).
"""

from django import forms
from django.core.exceptions import ValidationError
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
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )


class QuickTextInput(forms.TextInput):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = format_html(' value="{}"', widget["value"]) if widget["value"] is not None else ""
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            shown,
            flatatt(widget["attrs"]),
        )


class BoundedSelect(QuickSelect):
    """A select of the user's records while they are few; past `limit`, a text box for
    the name, with the `limit` newest as suggestions (a <datalist>), so that the page
    does not grow with the data (issue 26: the exploration page's organization select
    was 5,000 options, 200 KB, at 50,000 people). The field must accept a name
    (NamedModelChoiceField)."""

    limit = 200

    def render(self, name, value, attrs=None, renderer=None):
        queryset = getattr(self.choices, "queryset", None)
        if queryset is None or not queryset[self.limit : self.limit + 1].exists():
            return super().render(name, value, attrs, renderer)
        attrs = self.build_attrs(self.attrs, attrs)
        shown = ""
        if value not in (None, ""):
            chosen = queryset.filter(pk=value).first() if str(value).isdigit() else None
            shown = chosen.name if chosen else value
        suggestions = queryset.order_by("-id").values_list("name", flat=True)[: self.limit]
        listed = f"{attrs.get('id', name)}-suggestions"
        return format_html(
            '<input type="text" name="{}" value="{}" list="{}" autocomplete="off"{}>'
            '<datalist id="{}">{}</datalist>',
            name,
            shown,
            listed,
            flatatt(attrs),
            listed,
            format_html_join("", '<option value="{}">', ((n,) for n in suggestions)),
        )


class NamedModelChoiceField(forms.ModelChoiceField):
    """A choice of one of the user's records by its id (the select) or its exact name,
    in any case (BoundedSelect's text box)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return super().to_python(value)
        except ValidationError:
            name = str(value).strip()
            # PostgreSQL refuses a NUL in a string; no name holds one anyway.
            found = None if "\x00" in name else self.queryset.filter(name__iexact=name).first()
            if found is None:
                raise ValidationError(
                    f"None of yours is named “{str(value)[:100]}”: check the spelling.",
                    code="invalid_choice",
                ) from None
            return found
