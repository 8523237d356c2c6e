from functools import cache
from zoneinfo import available_timezones

from django import forms

from coffeechat.domain.journey import Stage
from coffeechat.explorations.services import explorations_for
from coffeechat.web.fields import LongTextField
from coffeechat.web.widgets import QuickSelect, QuickTextInput

from .models import HowFound, Level, Organization, Person
from .services import organizations_for, people_for, tag_names


@cache
def time_zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def web_address(label: str, **attrs) -> forms.URLField:
    """A URL field that reads "example.org" as https://example.org."""
    return forms.URLField(
        required=False,
        label=label,
        max_length=200,
        assume_scheme="https",
        widget=forms.URLInput(attrs=attrs),
    )


class OrganizationForm(forms.ModelForm):
    website = web_address("Website")
    research_notes = LongTextField(
        label="Research notes", help_text="Markdown: **bold**, lists, links."
    )

    class Meta:
        model = Organization
        fields = [
            "name",
            "sector",
            "website",
            "would_like_to_work_here",
            "hiring_status",
            "research_notes",
        ]
        labels = {"would_like_to_work_here": "I would like to work here"}
        help_texts = {
            "hiring_status": "Not hiring is no reason to skip them: people there "
            "can still tell you about the work."
        }


class EditOrganizationForm(OrganizationForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class PersonForm(forms.ModelForm):
    profile_url = web_address("Profile URL", **{"class": "identifies"})
    new_organization = forms.CharField(
        required=False,
        max_length=200,
        label="…or a new organization",
        widget=forms.TextInput(attrs={"class": "identifies"}),
        help_text="Type a name to add an organization that is not in the list yet.",
    )
    tags = forms.CharField(
        required=False,
        max_length=500,
        label="Tags",
        help_text="Separate tags with commas, e.g. “alumni, conference”.",
    )
    save_anyway = forms.BooleanField(required=False, widget=forms.HiddenInput)
    notes = LongTextField(label="Notes", help_text="Markdown: **bold**, lists, links.")

    class Meta:
        model = Person
        fields = [
            "name",
            "title",
            "organization",
            "new_organization",
            "exploration",
            "level",
            "email",
            "phone",
            "profile_url",
            "location",
            "time_zone",
            "how_found",
            "found_via_person",
            "priority",
            "keep_in_touch_weeks",
            "tags",
            "notes",
        ]
        labels = {
            "title": "Job title",
            "exploration": "For the exploration",
            "level": "Level relative to the target position",
            "profile_url": "Profile URL",
            "found_via_person": "Mutual acquaintance",
            "how_found": "How I found them",
            "time_zone": "Time zone",
            "keep_in_touch_weeks": "Keep in touch every … weeks",
        }
        help_texts = {
            "priority": "1 = could help a little, 3 = could help a lot.",
            "time_zone": "For example Europe/Berlin or America/Chicago.",
        }
        # The fields the duplicate rule reads: typing in them asks who it may be (htmx).
        widgets = {
            "priority": forms.NumberInput(attrs={"min": 1, "max": 3}),
            "name": forms.TextInput(attrs={"class": "identifies"}),
            "email": forms.EmailInput(attrs={"class": "identifies"}),
            "organization": forms.Select(attrs={"class": "identifies"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices come only from the owner's own records.
        self.fields["organization"].queryset = organizations_for(user)
        self.fields["exploration"].queryset = explorations_for(user).filter(closed_on__isnull=True)
        self.fields["found_via_person"].queryset = people_for(user).exclude(pk=self.instance.pk)
        if self.instance.pk and not self.is_bound:
            self.initial["tags"] = ", ".join(t.name for t in self.instance.tags.all())

    def clean_priority(self):
        priority = self.cleaned_data["priority"]
        if not 1 <= priority <= 3:
            raise forms.ValidationError("Choose 1, 2 or 3.")
        return priority

    def clean_keep_in_touch_weeks(self):
        weeks = self.cleaned_data["keep_in_touch_weeks"]
        if weeks is not None and not 1 <= weeks <= 52:
            raise forms.ValidationError("Between 1 and 52 weeks, or empty for every 8 weeks.")
        return weeks

    def clean_tags(self):
        return tag_names(self.cleaned_data["tags"])

    def clean_time_zone(self):
        zone = self.cleaned_data["time_zone"].strip()
        if zone and zone not in time_zone_names():
            raise forms.ValidationError("Use a zone name such as Europe/Berlin.")
        return zone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("how_found") == "acquaintance" and not cleaned.get("found_via_person"):
            self.add_error("found_via_person", "Name the acquaintance who connects you.")
        return cleaned

    def values(self) -> dict:
        """The cleaned values as the services take them."""
        values = dict(self.cleaned_data)
        values.pop("save_anyway", None)
        values.pop("version", None)
        return values


class EditPersonForm(PersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


SORTS = {
    "name": ("name", "Name"),
    "organization": ("organization__name", "Organization"),
    "level": ("level", "Level"),
    "priority": ("-priority", "Priority"),
    "recent": ("-updated_at", "Recently changed"),
}


class PeopleFilterForm(forms.Form):
    """The filters and sort of the people list; bad values fall back to none."""

    # Widgets rendered in Python: through Django's templates they were a quarter of the
    # page's time (docs/PERFORMANCE.md).
    q = forms.CharField(required=False, label="Name contains", widget=QuickTextInput)
    exploration = forms.ModelChoiceField(queryset=None, required=False, widget=QuickSelect)
    # Free text rather than a list of every organization and tag: a select with thousands
    # of options made the page slow to render (docs/PERFORMANCE.md).
    organization = forms.CharField(
        required=False, label="Organization contains", widget=QuickTextInput
    )
    level = forms.ChoiceField(
        choices=[("", "Any level")] + Level.choices, required=False, widget=QuickSelect
    )
    stage = forms.ChoiceField(
        choices=[("", "Any stage")] + [(s.value, s.label) for s in Stage],
        required=False,
        widget=QuickSelect,
    )
    tag = forms.CharField(required=False, label="Tag", widget=QuickTextInput)
    how_found = forms.ChoiceField(
        choices=[("", "Any way")] + HowFound.choices,
        required=False,
        label="How found",
        widget=QuickSelect,
    )
    sort = forms.ChoiceField(
        choices=[(k, v[1]) for k, v in SORTS.items()], required=False, widget=QuickSelect
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exploration"].queryset = explorations_for(user)

    def apply(self, people):
        if not self.is_valid():
            return people.order_by("name")
        data = self.cleaned_data
        if data["q"]:
            people = people.filter(name__icontains=data["q"])
        for field in ("exploration", "level", "how_found"):
            if data[field]:
                people = people.filter(**{field: data[field]})
        organization = data["organization"].strip()
        if organization.isdigit():
            people = people.filter(organization_id=int(organization))
        elif organization:
            people = people.filter(organization__name__icontains=organization)
        if data["tag"].strip():
            people = people.filter(tags__name__iexact=data["tag"].strip())
        if data["stage"]:
            people = people.filter(conversations__stage_cache=data["stage"]).distinct()
        return people.order_by(SORTS[data["sort"] or "name"][0], "id")


class BulkForm(forms.Form):
    """What to set on the chosen people (SPEC U2); an empty choice leaves a field alone."""

    KEEP = [("", "Keep as it is")]
    prefix = "bulk"  # the list's filter form has fields of the same names

    level = forms.ChoiceField(choices=KEEP + Level.choices, required=False, label="Level")
    exploration = forms.ChoiceField(choices=KEEP, required=False, label="Exploration")
    priority = forms.ChoiceField(
        choices=KEEP + [("3", "3 (high)"), ("2", "2"), ("1", "1 (low)")],
        required=False,
        label="Priority",
    )
    add_tags = forms.CharField(
        required=False, max_length=500, label="Add tags", help_text="Comma-separated"
    )
    remove_tags = forms.CharField(required=False, max_length=500, label="Remove tags")
    do_not_ask = forms.ChoiceField(
        choices=KEEP + [("yes", "Do not ask them"), ("no", "They may be asked")],
        required=False,
        label="Do not ask",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exploration"].choices = (
            self.KEEP
            + [("none", "No exploration")]
            + [(str(pk), title) for pk, title in explorations_for(user).values_list("pk", "title")]
        )

    def changes(self) -> dict:
        data, changes = self.cleaned_data, {}
        if data["level"]:
            changes["level"] = data["level"]
        if data["exploration"]:
            changes["exploration_id"] = (
                None if data["exploration"] == "none" else int(data["exploration"])
            )
        if data["priority"]:
            changes["priority"] = int(data["priority"])
        if data["do_not_ask"]:
            changes["do_not_ask"] = data["do_not_ask"] == "yes"
        return changes

    def tags(self) -> tuple[list[str], list[str]]:
        return tag_names(self.cleaned_data["add_tags"]), tag_names(self.cleaned_data["remove_tags"])
