import pytest

from coffeechat.domain.questions import (
    DEFAULT_BANK,
    FOLLOW_UP_PROMPTS,
    KEY_PATTERN,
    Domain,
    FindingTopic,
    Question,
    Tiara,
    by_topic,
    in_domain,
    index_by_key,
)

BANK_KEYS = {question.key for question in DEFAULT_BANK}


def keys_in(domain):
    return {question.key for question in in_domain(DEFAULT_BANK, domain)}


def test_the_bank_holds_about_thirty_questions():
    assert 25 <= len(DEFAULT_BANK) <= 35


def test_every_key_is_a_unique_slug():
    assert len(BANK_KEYS) == len(DEFAULT_BANK)
    assert all(KEY_PATTERN.fullmatch(key) for key in BANK_KEYS)


def test_questions_about_them_cover_their_path_day_likes_and_regrets():
    expected = {
        "path_into_role",
        "why_this_work",
        "typical_day",
        "like_most",
        "like_least",
        "choose_again",
    }
    assert expected <= keys_in(Domain.ABOUT_THEM)


def test_questions_about_the_field_cover_skills_growth_and_problems():
    assert {"skills_needed", "field_growth", "field_problems", "coming_changes"} <= keys_in(
        Domain.FIELD
    )


def test_advice_questions_cover_training_resume_and_who_to_talk_to_next():
    assert {"training_gap", "resume_fit", "who_next"} <= keys_in(Domain.ADVICE)


def test_every_bank_question_has_a_tiara_area_and_every_area_has_questions():
    assert all(question.tiara is not None for question in DEFAULT_BANK)
    assert {question.tiara for question in DEFAULT_BANK} == set(Tiara)


def test_every_finding_topic_is_fed_by_at_least_one_question():
    topics = by_topic(DEFAULT_BANK)
    assert list(topics) == list(FindingTopic)
    assert [topic for topic, questions in topics.items() if not questions] == []


def test_estimates_are_short_enough_for_a_twenty_minute_conversation():
    assert all(1 <= question.minutes <= 4 for question in DEFAULT_BANK)


def test_each_domain_has_a_question_of_top_importance_or_close():
    for domain in Domain:
        assert min(q.rank for q in in_domain(DEFAULT_BANK, domain)) <= 2


def test_bank_questions_read_as_questions():
    assert all(question.text.endswith("?") for question in DEFAULT_BANK)


def test_no_question_asks_for_a_job():
    assert not [
        q.key for q in DEFAULT_BANK if "hiring" in q.text.lower() or "a job" in q.text.lower()
    ]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"key": "Path Into Role"}, "lower-case slug"),
        ({"key": ""}, "lower-case slug"),
        ({"text": "   "}, "has no text"),
        ({"minutes": 0}, "1 to 30 minutes"),
        ({"minutes": 31}, "1 to 30 minutes"),
        ({"rank": 0}, "rank from 1 to 5"),
        ({"rank": 6}, "rank from 1 to 5"),
    ],
)
def test_a_malformed_question_is_refused_with_a_clear_message(changes, message):
    fields = {"key": "my_question", "text": "What do you do?", "domain": Domain.FIELD}
    with pytest.raises(ValueError, match=message):
        Question(**(fields | changes))


def test_a_users_own_question_needs_only_key_text_and_domain():
    question = Question("own_1", "What tools do you use?", Domain.FIELD)
    assert (question.tiara, question.minutes, question.rank, question.topic) == (None, 3, 3, None)


def test_two_questions_sharing_a_key_are_an_error():
    twin = Question("who_next", "Whom should I meet?", Domain.ADVICE)
    with pytest.raises(ValueError, match="share the key 'who_next'"):
        index_by_key([*DEFAULT_BANK, twin])


def test_the_index_finds_a_question_by_its_key():
    assert index_by_key(DEFAULT_BANK)["typical_day"].topic == FindingTopic.DUTIES_TYPICAL_DAY


def test_follow_up_prompts_are_short_distinct_questions():
    assert "Could you give me an example?" in FOLLOW_UP_PROMPTS
    assert len(set(FOLLOW_UP_PROMPTS)) == len(FOLLOW_UP_PROMPTS) >= 5
    assert all(p.endswith("?") and len(p) <= 70 for p in FOLLOW_UP_PROMPTS)


@pytest.mark.parametrize("enum", [Domain, Tiara, FindingTopic])
def test_every_tag_has_a_label(enum):
    assert all(member.label for member in enum)


def test_tiara_areas_come_in_dalton_order_with_hints():
    assert [area.label for area in Tiara] == [
        "Trends",
        "Insights",
        "Advice",
        "Resources",
        "Assignments",
    ]
    assert all(area.hint for area in Tiara)
