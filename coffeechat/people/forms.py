from django import forms

from coffeechat.explorations.services import explorations_for

from .models import Organization, Person
from .services import organizations_for, people_for


def web_address(label: str) -> forms.URLField:
    """A URL field that reads "example.org" as https://example.org."""
    return forms.URLField(required=False, label=label, max_length=200, assume_scheme="https")


class OrganizationForm(forms.ModelForm):
    website = web_address("Website")

    class Meta:
        model = Organization
        fields = ["name", "sector", "website", "would_like_to_work_here", "hiring_status",
                  "research_notes"]
        labels = {"would_like_to_work_here": "I would like to work here"}
        help_texts = {"hiring_status": "Not hiring is no reason to skip them: people there "
                                       "can still tell you about the work."}
        widgets = {"research_notes": forms.Textarea(attrs={"rows": 3})}


class PersonForm(forms.ModelForm):
    profile_url = web_address("Profile URL")
    new_organization = forms.CharField(
        required=False, max_length=200, label="…or a new organization",
        help_text="Type a name to add an organization that is not in the list yet.",
    )

    class Meta:
        model = Person
        fields = ["name", "title", "organization", "new_organization", "exploration", "level",
                  "email", "phone", "profile_url", "location", "time_zone", "how_found",
                  "found_via_person", "priority", "notes"]
        labels = {
            "title": "Job title",
            "exploration": "For the exploration",
            "level": "Level relative to the target position",
            "profile_url": "Profile URL",
            "found_via_person": "Mutual acquaintance",
            "how_found": "How I found them",
        }
        help_texts = {"priority": "1 = could help a little, 3 = could help a lot."}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3}),
                   "priority": forms.NumberInput(attrs={"min": 1, "max": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices come only from the owner's own records.
        self.fields["organization"].queryset = organizations_for(user)
        self.fields["exploration"].queryset = explorations_for(user).filter(closed_on__isnull=True)
        self.fields["found_via_person"].queryset = people_for(user)

    def clean_priority(self):
        priority = self.cleaned_data["priority"]
        if not 1 <= priority <= 3:
            raise forms.ValidationError("Choose 1, 2 or 3.")
        return priority

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("how_found") == "acquaintance" and not cleaned.get("found_via_person"):
            self.add_error("found_via_person", "Name the acquaintance who connects you.")
        return cleaned


class EditPersonForm(PersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
