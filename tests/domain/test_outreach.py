import re
from dataclasses import replace

import pytest

from coffeechat.domain.checker import Profile, RecipientFacts, RuleId, check_message
from coffeechat.domain.outreach import (
    DEFAULT_TEMPLATES,
    PLACEHOLDERS,
    Approach,
    Form,
    Rendered,
    explain_unknown,
    placeholders_in,
    render,
    template_for,
    unknown_placeholders,
)

# Realistic records: (values for the template, what the checker knows about the recipient).
SAM_ASKS_ANA = (
    {
        "my_name": "Sam Rivera",
        "their_name": "Ana",
        "their_role": "UX researcher",
        "organization": "Acme Health",
        "field": "user research",
        "acquaintance": "Jane Doe",
        "minutes": 15,
    },
    RecipientFacts(
        name="Ana Lima",
        organization="Acme Health",
        role="UX researcher",
        acquaintance="Jane Doe",
        field="user research",
    ),
)
NOOR_ASKS_MR_TANAKA = (
    {
        "my_name": "Noor Haddad",
        "their_name": "Mr. Tanaka",
        "their_role": "senior data engineer",
        "organization": "Riverside Hospital Trust",
        "field": "health data",
        "acquaintance": "Professor Lina Berg",
        "minutes": 20,
    },
    RecipientFacts(
        name="Kenji Tanaka",
        organization="Riverside Hospital Trust",
        role="senior data engineer",
        acquaintance="Lina Berg",
        field="health data",
    ),
)
WRITTEN = [t for t in DEFAULT_TEMPLATES if t.form == Form.WRITTEN]


def template_id(template):
    return f"{template.approach}-{template.form}"


def recipient_for(template, recipient):
    """With a mutual acquaintance one would use the referred approach; the others have none."""
    if template.approach == Approach.REFERRED:
        return recipient
    return replace(recipient, acquaintance="")


# --- placeholders ----------------------------------------------------------------------


def test_placeholders_are_found_between_curly_braces():
    assert placeholders_in("Hi {their_name}, I am {my_name}.") == {"their_name", "my_name"}


def test_spaces_inside_the_braces_are_ignored():
    assert placeholders_in("Hi { their_name }") == {"their_name"}


def test_a_misspelt_placeholder_is_unknown():
    assert unknown_placeholders("Hi {their_nmae} from {organization}") == {"their_nmae"}


def test_the_unknown_placeholder_message_suggests_the_closest_known_one():
    message = explain_unknown("Hi {their_nmae}")
    assert "{their_nmae} (did you mean {their_name}?)" in message
    assert "{minutes}" in message


def test_a_template_with_only_known_placeholders_has_nothing_to_explain():
    assert explain_unknown("Hi {their_name}, {minutes} minutes?") is None


# --- rendering -------------------------------------------------------------------------


def test_render_fills_every_placeholder_with_its_value():
    rendered = render(
        "{their_name}, may I have {minutes} minutes?", {"their_name": "Ana", "minutes": 15}
    )
    assert rendered == Rendered("Ana, may I have 15 minutes?", [])


def test_a_placeholder_without_a_value_stays_visible_and_is_listed():
    rendered = render("As {their_role} at {organization}, {their_role}?", {"organization": "Acme"})
    assert rendered.text == "As [their role] at Acme, [their role]?"
    assert rendered.missing == ["their_role"]


def test_a_blank_or_none_value_counts_as_missing():
    rendered = render("{my_name} {field}", {"my_name": "  ", "field": None})
    assert rendered.text == "[my name] [field]"
    assert rendered.missing == ["my_name", "field"]


def test_a_value_that_looks_like_a_placeholder_is_not_filled_again():
    assert render("{my_name}", {"my_name": "{field}", "field": "x"}).text == "{field}"


# --- the default templates ---------------------------------------------------------------


def test_every_approach_exists_as_a_phone_script_and_a_written_message():
    pairs = sorted((t.approach, t.form) for t in DEFAULT_TEMPLATES)
    assert pairs == sorted((a, f) for a in Approach for f in Form)


def test_template_for_finds_the_default_of_an_approach_and_form():
    template = template_for(Approach.REFERRED, Form.WRITTEN)
    assert (template.approach, template.form) == (Approach.REFERRED, Form.WRITTEN)


@pytest.mark.parametrize("template", DEFAULT_TEMPLATES, ids=template_id)
def test_default_templates_use_only_known_placeholders(template):
    assert unknown_placeholders(template.subject + template.body) == set()
    assert (
        {"my_name", "their_name", "minutes"} <= placeholders_in(template.body) <= set(PLACEHOLDERS)
    )


def test_only_written_messages_have_a_subject():
    assert all(bool(t.subject) == (t.form == Form.WRITTEN) for t in DEFAULT_TEMPLATES)


@pytest.mark.parametrize("template", WRITTEN, ids=template_id)
def test_written_messages_say_plainly_this_is_not_a_job_request(template):
    assert re.search(r"not (?:asking for|looking for) a job|not a job request", template.body)
    assert "{minutes} minutes" in template.body


@pytest.mark.parametrize("form", list(Form))
def test_the_referred_approach_names_the_acquaintance_first(form):
    values, recipient = SAM_ASKS_ANA
    text = render(template_for(Approach.REFERRED, form).body, values).text
    findings = check_message(text, recipient=recipient)
    assert RuleId.CONNECTION_NOT_FIRST not in [f.rule for f in findings]


@pytest.mark.parametrize("records", [SAM_ASKS_ANA, NOOR_ASKS_MR_TANAKA])
@pytest.mark.parametrize("template", WRITTEN, ids=template_id)
def test_rendered_written_messages_pass_the_checker_in_both_profiles(template, records):
    values, recipient = records
    rendered = render(template.body, values)
    assert rendered.missing == []
    for profile in Profile:
        findings = check_message(
            rendered.text,
            profile=profile,
            channel="email",
            recipient=recipient_for(template, recipient),
        )
        assert [(f.rule, f.words, f.message) for f in findings] == []


@pytest.mark.parametrize(
    "template", [t for t in DEFAULT_TEMPLATES if t.form == Form.PHONE], ids=template_id
)
def test_rendered_phone_scripts_pass_the_relaxed_checker_and_fit_a_network_note(template):
    values, recipient = SAM_ASKS_ANA
    text = render(template.body, values).text
    recipient = recipient_for(template, recipient)
    assert check_message(text, channel="network", recipient=recipient) == []


def test_the_resume_note_goes_before_the_sign_off_once():
    from coffeechat.domain.outreach import RESUME_NOTE, with_resume_note

    body = "Hello Ana,\n\nCould I have 15 minutes?\n\nSam"
    noted = with_resume_note(body)
    assert noted == f"Hello Ana,\n\nCould I have 15 minutes?\n\n{RESUME_NOTE}\n\nSam"
    assert with_resume_note(noted) == noted
