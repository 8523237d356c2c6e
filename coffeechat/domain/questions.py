"""The default question bank (SPEC Q1, Q1b) and the follow-up prompts (C1).

Every question carries two tags on purpose. Its *domain* (about them, about the
field, advice for me) drives the default 2-1-2 mix of the planner; its *TIARA area*
(Trends, Insights, Advice, Resources, Assignments, after Dalton's *The 2-Hour Job
Search*) drives the alternative TIARA-shaped plan. The optional *finding topic*
says which structured finding (C4) the answer feeds, so notes taken against a
question can be filed without asking the user again.

Keys are stable slugs: stored plans, notes and findings refer to a question by
key, so a key is never renamed once released (reword the text instead).
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Domain(StrEnum):
    ABOUT_THEM = "about_them"
    FIELD = "field"
    ADVICE = "advice"

    @property
    def label(self) -> str:
        return DOMAIN_LABELS[self]


DOMAIN_LABELS = {
    Domain.ABOUT_THEM: "About them",
    Domain.FIELD: "About the field",
    Domain.ADVICE: "Advice for me",
}


class Tiara(StrEnum):
    """Dalton's five areas, in the order a TIARA conversation walks through them."""

    TRENDS = "trends"
    INSIGHTS = "insights"
    ADVICE = "advice"
    RESOURCES = "resources"
    ASSIGNMENTS = "assignments"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def hint(self) -> str:
        return TIARA_HINTS[self]


TIARA_HINTS = {
    Tiara.TRENDS: "Where the field is heading",
    Tiara.INSIGHTS: "What their own experience taught them",
    Tiara.ADVICE: "What they would tell me to do",
    Tiara.RESOURCES: "People, groups and material worth looking up",
    Tiara.ASSIGNMENTS: "The actual work, day to day and project by project",
}


class FindingTopic(StrEnum):
    """The structured findings of a conversation (SPEC C4), in the order shown."""

    DUTIES_TYPICAL_DAY = "duties_typical_day"
    WORKING_CONDITIONS = "working_conditions"
    SKILLS_QUALIFICATIONS = "skills_qualifications"
    PATH_INTO_ROLE = "path_into_role"
    LIKES = "likes"
    DISLIKES = "dislikes"
    FIELD_PROBLEMS = "field_problems"
    PROSPECTS_GROWTH = "prospects_growth"
    WOULD_CHOOSE_AGAIN = "would_choose_again"
    ADVICE_TO_ME = "advice_to_me"

    @property
    def label(self) -> str:
        return FINDING_LABELS[self]


FINDING_LABELS = {
    FindingTopic.DUTIES_TYPICAL_DAY: "Duties and a typical day",
    FindingTopic.WORKING_CONDITIONS: "Working conditions",
    FindingTopic.SKILLS_QUALIFICATIONS: "Skills and qualifications",
    FindingTopic.PATH_INTO_ROLE: "Path into the role",
    FindingTopic.LIKES: "What they like",
    FindingTopic.DISLIKES: "What they dislike",
    FindingTopic.FIELD_PROBLEMS: "Problems in the field",
    FindingTopic.PROSPECTS_GROWTH: "Prospects and growth",
    FindingTopic.WOULD_CHOOSE_AGAIN: "Would they choose it again",
    FindingTopic.ADVICE_TO_ME: "Advice to me",
}

# The planner ranks with these bounds; a user's own question is held to them too.
MOST_IMPORTANT, LEAST_IMPORTANT = 1, 5
MAX_QUESTION_MINUTES = 30
KEY_PATTERN = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")


@dataclass(frozen=True)
class Question:
    """One question to ask.

    `minutes` is how long the question and its answer usually take; `rank` is its
    importance, 1 (ask it first) to 5 (only if time allows). The same type holds
    the user's own questions, so it validates itself.
    """

    key: str
    text: str
    domain: Domain
    tiara: Tiara | None = None
    minutes: int = 3
    rank: int = 3
    topic: FindingTopic | None = None

    def __post_init__(self):
        if not KEY_PATTERN.fullmatch(self.key):
            raise ValueError(
                f"question key {self.key!r} must be a lower-case slug like 'path_into_role'"
            )
        if not self.text.strip():
            raise ValueError(f"question {self.key!r} has no text")
        if not 1 <= self.minutes <= MAX_QUESTION_MINUTES:
            raise ValueError(
                f"question {self.key!r} must take 1 to "
                f"{MAX_QUESTION_MINUTES} minutes, not {self.minutes}"
            )
        if not MOST_IMPORTANT <= self.rank <= LEAST_IMPORTANT:
            raise ValueError(
                f"question {self.key!r} must have a rank from "
                f"{MOST_IMPORTANT} to {LEAST_IMPORTANT}, not {self.rank}"
            )


# Short names so that each question of the bank below fits on a line or two:
# _q(key, text, domain, TIARA area, minutes, rank, finding topic).
_q = Question
_THEM, _FIELD, _ADVICE = Domain.ABOUT_THEM, Domain.FIELD, Domain.ADVICE
_T, _I, _A, _R, _AS = (
    Tiara.TRENDS,
    Tiara.INSIGHTS,
    Tiara.ADVICE,
    Tiara.RESOURCES,
    Tiara.ASSIGNMENTS,
)
_F = FindingTopic

# Within a domain and rank, earlier questions win: the order below is deliberate.
# "Who else should I talk to" leads the advice questions because every referral is
# the next conversation (SPEC C2); it would be the last thing to cut.
DEFAULT_BANK: tuple[Question, ...] = (
    _q(
        "path_into_role",
        "How did you get from where you started to the job you have now?",
        _THEM,
        _I,
        3,
        1,
        _F.PATH_INTO_ROLE,
    ),
    _q(
        "typical_day",
        "What does an ordinary working day look like for you, start to finish?",
        _THEM,
        _AS,
        3,
        1,
        _F.DUTIES_TYPICAL_DAY,
    ),
    _q(
        "why_this_work",
        "What drew you to this line of work in the first place?",
        _THEM,
        _I,
        2,
        2,
        _F.PATH_INTO_ROLE,
    ),
    _q("like_most", "Which part of your job do you enjoy the most?", _THEM, _I, 2, 2, _F.LIKES),
    _q(
        "like_least",
        "Which part of your job would you gladly hand to someone else?",
        _THEM,
        _I,
        2,
        2,
        _F.DISLIKES,
    ),
    _q(
        "choose_again",
        "If you were starting out again, would you take the same road? What makes you say so?",
        _THEM,
        _I,
        3,
        2,
        _F.WOULD_CHOOSE_AGAIN,
    ),
    _q(
        "current_work",
        "What are you busy with these days, and which part of it is yours?",
        _THEM,
        _AS,
        3,
        3,
        _F.DUTIES_TYPICAL_DAY,
    ),
    _q(
        "working_conditions",
        "How are the hours, the pace and the pressure, honestly?",
        _THEM,
        _AS,
        3,
        3,
        _F.WORKING_CONDITIONS,
    ),
    _q(
        "biggest_surprise",
        "What surprised you most once you were actually doing this work?",
        _THEM,
        _I,
        2,
        3,
    ),
    _q(
        "time_in_role",
        "How long have you been in this role, and what came before it?",
        _THEM,
        _I,
        2,
        4,
        _F.PATH_INTO_ROLE,
    ),
    _q(
        "close_colleagues",
        "Who do you work with most closely, and how is the work shared?",
        _THEM,
        _AS,
        2,
        4,
        _F.WORKING_CONDITIONS,
    ),
    _q(
        "hardest_task",
        "What is the toughest kind of task or decision that lands on your desk?",
        _THEM,
        _AS,
        3,
        4,
        _F.DUTIES_TYPICAL_DAY,
    ),
    _q(
        "skills_needed",
        "Which skills and qualifications matter most for someone in a role like yours?",
        _FIELD,
        _I,
        3,
        1,
        _F.SKILLS_QUALIFICATIONS,
    ),
    _q(
        "field_growth",
        "Is this field growing, shrinking or changing shape? Where do you see it in five years?",
        _FIELD,
        _T,
        3,
        2,
        _F.PROSPECTS_GROWTH,
    ),
    _q(
        "field_problems",
        "Which problems do people in this field struggle with most right now?",
        _FIELD,
        _T,
        3,
        2,
        _F.FIELD_PROBLEMS,
    ),
    _q(
        "coming_changes",
        "Which changes (in technology, rules or money) will matter most to "
        "this work in the next few years?",
        _FIELD,
        _T,
        3,
        3,
        _F.FIELD_PROBLEMS,
    ),
    _q(
        "ways_in",
        "How do people get into this field today: one usual route, or many?",
        _FIELD,
        _I,
        2,
        3,
        _F.PATH_INTO_ROLE,
    ),
    _q(
        "next_steps_up",
        "Where do people in your position usually go next?",
        _FIELD,
        _I,
        2,
        3,
        _F.PROSPECTS_GROWTH,
    ),
    _q(
        "outsider_myths",
        "What do outsiders most often get wrong about this work?",
        _FIELD,
        _I,
        2,
        3,
    ),
    _q(
        "pay_range",
        "Roughly what pay is realistic when starting out, and a few years in?",
        _FIELD,
        _I,
        2,
        4,
        _F.WORKING_CONDITIONS,
    ),
    _q(
        "who_hires",
        "Which kinds of organizations employ people who do this work?",
        _FIELD,
        _R,
        2,
        4,
        _F.PROSPECTS_GROWTH,
    ),
    _q(
        "who_next",
        "Who else would you suggest I talk to, and may I say you sent me?",
        _ADVICE,
        _R,
        2,
        2,
        _F.ADVICE_TO_ME,
    ),
    _q(
        "training_gap",
        "Given my background, what training or experience am I still missing?",
        _ADVICE,
        _A,
        2,
        2,
        _F.ADVICE_TO_ME,
    ),
    _q(
        "resume_fit",
        "Does my résumé show the skills this work calls for? What would you change on it?",
        _ADVICE,
        _A,
        3,
        3,
        _F.ADVICE_TO_ME,
    ),
    _q(
        "in_my_shoes",
        "If you were in my place, what would you do in the next six months?",
        _ADVICE,
        _A,
        3,
        3,
        _F.ADVICE_TO_ME,
    ),
    _q(
        "worth_following",
        "Which associations, events, books or newsletters are worth my time?",
        _ADVICE,
        _R,
        2,
        3,
        _F.ADVICE_TO_ME,
    ),
    _q(
        "wish_told",
        "What do you wish someone had told you before you began?",
        _ADVICE,
        _A,
        2,
        3,
        _F.ADVICE_TO_ME,
    ),
    _q(
        "try_it_out",
        "Is there a small project or course that would show me whether this work suits me?",
        _ADVICE,
        _AS,
        2,
        4,
        _F.ADVICE_TO_ME,
    ),
    _q(
        "stand_out",
        "What makes a newcomer stand out to you in this field?",
        _ADVICE,
        _A,
        2,
        4,
        _F.ADVICE_TO_ME,
    ),
    _q("concerns", "Does anything in my plans worry you?", _ADVICE, _A, 2, 4, _F.ADVICE_TO_ME),
    _q("keep_posted", "May I let you know later how my search turns out?", _ADVICE, _R, 1, 5),
)

# One click in the live mode (C1) drops one of these into the conversation when an
# answer deserves more: they are generic on purpose, so they fit after any question.
FOLLOW_UP_PROMPTS: tuple[str, ...] = (
    "Could you give me an example?",
    "What happened next?",
    "Why do you think that is?",
    "How did you learn that?",
    "Could you tell me a little more about that?",
    "Is that usual in the field, or particular to your organization?",
    "What would you do differently now?",
    "Who else deals with that?",
)


def index_by_key(questions: Iterable[Question]) -> dict[str, Question]:
    """The questions by key; two questions sharing a key is an error, not a shadowing."""
    index: dict[str, Question] = {}
    for question in questions:
        if question.key in index:
            raise ValueError(f"two questions share the key {question.key!r}")
        index[question.key] = question
    return index


def in_domain(questions: Iterable[Question], domain: Domain) -> list[Question]:
    return [question for question in questions if question.domain == domain]


def by_topic(questions: Iterable[Question]) -> Mapping[FindingTopic, list[Question]]:
    """The questions that feed each finding topic (C4), every topic present."""
    topics: dict[FindingTopic, list[Question]] = {topic: [] for topic in FindingTopic}
    for question in questions:
        if question.topic is not None:
            topics[question.topic].append(question)
    return topics
