"""The outreach message checker (SPEC O4): findings with the offending words, never rewrites.

A request for an informational interview works when it is short, asks for advice
rather than work, names the time it asks for, and is about the reader more than
the writer (Dalton's six-point email). Each rule below is a small heuristic over
plain text: it points at the words that tripped it and says why in one line, and
the person decides. Nothing here changes the message.

Offsets are into the text exactly as given, so an editor can highlight them.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

from .job_request import rule_spans


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Profile(StrEnum):
    STRICT = "strict"
    RELAXED = "relaxed"


class RuleId(StrEnum):
    JOB_REQUEST = "job_request"
    TOO_LONG = "too_long"
    CHANNEL_LIMIT = "channel_limit"
    NO_TIME_BOUND = "no_time_bound"
    CONNECTION_NOT_FIRST = "connection_not_first"
    NO_QUESTION = "no_question"
    INTEREST_NOT_NARROW_AND_BROAD = "interest_not_narrow_and_broad"
    NOTHING_PERSONAL = "nothing_personal"
    MORE_ABOUT_ME = "more_about_me"


@dataclass(frozen=True)
class RuleText:
    title: str
    explanation: str


RULES: dict[str, RuleText] = {
    RuleId.JOB_REQUEST: RuleText(
        "Asks for a job",
        "Asking for a job, an interview slot, or a referral to a position turns a "
        "favour into a hiring decision, and most people say no. Ask for their advice; "
        "saying plainly that you are not asking for a job is fine.",
    ),
    RuleId.TOO_LONG: RuleText(
        "Too long",
        "A busy person decides in a few seconds. The strict profile (Dalton's six-point "
        "email) wants fewer than 75 words; the relaxed profile allows up to 120.",
    ),
    RuleId.CHANNEL_LIMIT: RuleText(
        "Over the channel's limit",
        "Some channels cut a message off, such as the 300-character note of a "
        "professional-network connection request. Shorten it to fit.",
    ),
    RuleId.NO_TIME_BOUND: RuleText(
        "No time asked for",
        'Naming the time you ask for ("15 minutes") tells them the favour is small '
        "and that you will respect it.",
    ),
    RuleId.CONNECTION_NOT_FIRST: RuleText(
        "Connection not stated first",
        "When someone you both know suggested the contact, their name is the reason a "
        "stranger keeps reading: put it in the first sentence.",
    ),
    RuleId.NO_QUESTION: RuleText(
        "Request not phrased as a question",
        'A question ending in "?" is easy to answer with a yes; a statement of what '
        "you would like leaves them to work out what you want.",
    ),
    RuleId.INTEREST_NOT_NARROW_AND_BROAD: RuleText(
        "Interest not defined narrowly and broadly",
        "Name the specific role or organization you are curious about and the wider "
        "field it belongs to, so they can help even if their job is not a perfect match.",
    ),
    RuleId.NOTHING_PERSONAL: RuleText(
        "Nothing personal to this recipient",
        "A message that could go to anyone reads like a mass mailing. Mention them: "
        "their name, organization, role, or something specific they did.",
    ),
    RuleId.MORE_ABOUT_ME: RuleText(
        "More about me than about them",
        "People answer messages about themselves. Count the words about you (I, me, my) "
        "and about them (you, your): theirs should win; the strict profile wants more "
        "than half.",
    ),
}


@dataclass(frozen=True)
class ProfileLimits:
    """Strict is Dalton's six-point email to the letter. Relaxed is calibrated on the good
    messages of tests/outreach/corpus so that no warning fires on more than 20 % of a
    channel's good messages (docs/CHECKER.md gives each threshold and why)."""

    max_words: int
    # Strict wants more than half of the personal words about them; relaxed objects only
    # when the words about the writer outnumber those about the reader by `me_margin`.
    them_must_outnumber_me: bool
    me_margin: int = 0
    # Strict wants both the narrow and the broad interest; relaxed wants at least one.
    interest_needs_both: bool = True
    # Relaxed takes "a quick call", "a brief chat" as naming a small amount of time.
    vague_time_is_bound: bool = False
    # Strict wants a "?" in every message; relaxed only when the message asks something.
    question_only_for_requests: bool = False


PROFILES: dict[Profile, ProfileLimits] = {
    Profile.STRICT: ProfileLimits(max_words=74, them_must_outnumber_me=True),  # "fewer than 75"
    Profile.RELAXED: ProfileLimits(
        max_words=120,
        them_must_outnumber_me=False,
        me_margin=4,
        interest_needs_both=False,
        vague_time_is_bound=True,
        question_only_for_requests=True,
    ),
}

# Characters allowed per channel (SPEC O1 channel values); a channel not listed has no limit.
CHANNEL_LIMITS: dict[str, int] = {
    "network": 300,  # a professional-network connection note
}


@dataclass(frozen=True)
class RecipientFacts:
    """What the records say about the person written to; empty strings when unknown."""

    name: str = ""
    organization: str = ""
    role: str = ""
    acquaintance: str = ""  # the mutual acquaintance who suggested the contact
    field: str = ""  # the broader field of the exploration


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    start: int  # 0, 0 when the finding concerns the whole message
    end: int
    words: str
    message: str

    @property
    def title(self) -> str:
        return RULES[self.rule].title


@dataclass(frozen=True)
class _Message:
    original: str
    text: str  # same length as `original`, curly apostrophes straightened
    limits: ProfileLimits
    channel: str | None
    recipient: RecipientFacts | None

    def finding(
        self,
        rule: RuleId,
        message: str,
        start: int = 0,
        end: int = 0,
        severity: Severity = Severity.WARNING,
    ) -> Finding:
        return Finding(rule, severity, start, end, self.original[start:end], message)


def check_message(
    text: str,
    *,
    profile: Profile = Profile.RELAXED,
    channel: str | None = None,
    recipient: RecipientFacts | None = None,
    strict: bool = False,
) -> list[Finding]:
    """Every finding for an outreach message, errors first, then in reading order.

    `profile` sets the limits (word count, how much must be about them); `strict`
    makes every warning an error. The rules that need facts about the recipient
    (connection first, something personal) are skipped without them, and the
    character limit needs a `channel`.
    """
    message = _Message(
        text, text.replace("\u2019", "'"), PROFILES[Profile(profile)], channel, recipient
    )
    findings = [finding for rule in _CHECKS for finding in rule(message)]
    if strict:
        findings = [replace(f, severity=Severity.ERROR) for f in findings]
    order = list(RuleId)
    return sorted(
        findings, key=lambda f: (f.severity != Severity.ERROR, f.start, order.index(f.rule))
    )


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == Severity.ERROR for f in findings)


# --- Asking for a job -------------------------------------------------------------


def _job_requests(message: _Message) -> Iterator[Finding]:
    """Two detectors: the precise rules quote exactly the words they match; the learned
    model (job_model.py) reads each sentence and quotes the few words that weighed most.
    A sentence the rules already flagged is not flagged twice."""
    from .job_model import job_request_hits  # loads the weights on first use only

    spans = rule_spans(message.text)
    for start, end in spans:
        yield _job_finding(message, start, end)
    for hit in job_request_hits(message.text):
        first, last = hit.sentence
        if not any(first <= start < last for start, _ in spans):
            yield _job_finding(message, hit.start, hit.end, hit.sentence)


def _job_finding(
    message: _Message, start: int, end: int, sentence: tuple[int, int] | None = None
) -> Finding:
    context = message.text[sentence[0] : sentence[1]] if sentence else message.text[start:end]
    return message.finding(
        RuleId.JOB_REQUEST,
        "This reads as asking for a job, an interview or a referral to "
        f"a position. {_instead(context)}",
        start,
        end,
        Severity.ERROR,
    )


# What to ask instead, by what the request was about (first match wins).
_INSTEAD = (
    (
        re.compile(
            r"r[eé]f+er|recomm?end|nominat|vouch|good\s+word|reference|endors|speak\s+up",
            re.IGNORECASE,
        ),
        "Ask who else they would suggest you talk to, not for a referral.",
    ),
    (
        re.compile(r"\b(?:cv|r[eé]sum[eé]|resmue|portfolio|profile)\b", re.IGNORECASE),
        "Ask how they would present your experience for this field, not to pass your CV on.",
    ),
    (
        re.compile(r"appl(?:y|ied|ication)|interview|candida|shortlist|panel|offer", re.IGNORECASE),
        "Ask what the work is really like, not about an application or an interview.",
    ),
    (
        re.compile(r"recruit|\bhr\b|hiring\s+manager|talent", re.IGNORECASE),
        "Ask about their own path, not for an introduction to whoever hires.",
    ),
    (
        re.compile(r"intern|placement|co-?op|graduate", re.IGNORECASE),
        "Ask how they got their own start, not for a placement.",
    ),
)
_INSTEAD_DEFAULT = (
    "Ask how people usually find their way into this work, or what they "
    "would advise someone in your place, not for openings or a job."
)


def _instead(words: str) -> str:
    return next((advice for pattern, advice in _INSTEAD if pattern.search(words)), _INSTEAD_DEFAULT)


# --- Length -----------------------------------------------------------------------

_WORD = re.compile(r"\w+(?:['-]\w+)*")


def _too_long(message: _Message) -> Iterator[Finding]:
    words = list(_WORD.finditer(message.text))
    limit = message.limits.max_words
    if len(words) > limit:
        yield message.finding(
            RuleId.TOO_LONG,
            f"{_words(len(words))}; this profile allows up to {limit}. "
            "The words from here on are over.",
            words[limit].start(),
            words[-1].end(),
        )


def _over_channel_limit(message: _Message) -> Iterator[Finding]:
    limit = CHANNEL_LIMITS.get(message.channel or "")
    body = message.text.strip()
    if limit is not None and len(body) > limit:
        start = len(message.text) - len(message.text.lstrip()) + limit
        yield message.finding(
            RuleId.CHANNEL_LIMIT,
            f"{len(body)} characters; a {message.channel} message "
            f"allows {limit}, so the end would be cut off.",
            start,
            start + len(body) - limit,
        )


# --- What is asked, and how -------------------------------------------------------

_NUMBER = (
    r"(?:\d+(?:\s*(?:-|\u2013|to)\s*\d+)?|one|two|three|four|five|ten|fifteen|twenty"
    r"|twenty-five|thirty|forty-five|sixty)"
)
_TIME_BOUND = re.compile(
    rf"\b{_NUMBER}[\s-]*(?:minutes?|mins?|hours?|hrs?)\b"
    r"|\b(?:quarter|half)\s+(?:of\s+)?an\s+hour\b|\b(?:half|quarter)[\s-]hour\b|\ban\s+hour\b",
    re.IGNORECASE,
)


# Asking for someone's time: a call, a chat, a meeting, a coffee. A message that only
# asks questions by email asks for no time, so it needs no bound.
_ASKS_FOR_TIME = re.compile(
    r"\b(?:call|chat|meet|meeting|coffee|conversation|catch\s+up|zoom|interview)\b"
    r"|\b(?:spare|have|borrow|give\s+me|book)\s+(?:\w+\s+){0,3}?(?:time|minutes?|moment)\b",
    re.IGNORECASE,
)
_VAGUE_BOUND = re.compile(
    r"\b(?:quick|brief|short|small|few)\s+(?:\w+\s+){0,2}?(?:call|chat|coffee|conversation"
    r"|questions?|minutes|mins|talk|meeting)\b|\ba\s+(?:moment|minute)\b",
    re.IGNORECASE,
)


def _no_time_bound(message: _Message) -> Iterator[Finding]:
    if not _ASKS_FOR_TIME.search(message.text):
        return
    if message.limits.vague_time_is_bound and _VAGUE_BOUND.search(message.text):
        return
    if not _TIME_BOUND.search(message.text):
        yield message.finding(
            RuleId.NO_TIME_BOUND,
            "Say how much time you ask for, with a number "
            '("15 minutes"); "a few minutes" is not a promise.',
        )


_QUESTION = re.compile(r"\?(?=[\s\"')\]]|$)")
_REQUEST_HINT = re.compile(
    r"\b(?:could|would|can|may|might)\s+(?:you|i|we)\b|\bi\s+(?:was\s+)?wonder"
    r"|\bi(?:'d|\s+would)\s+(?:like|love|appreciate|be\s+grateful)\b"
    r"|\bplease\s+let\s+me\s+know\b|\bwould\s+it\s+be\s+possible\b",
    re.IGNORECASE,
)


def _no_question(message: _Message) -> Iterator[Finding]:
    if _QUESTION.search(message.text):
        return
    request = _REQUEST_HINT.search(message.text)
    if request is None and message.limits.question_only_for_requests:
        return
    start, end = _sentence_around(message.text, request.start()) if request else (0, 0)
    yield message.finding(
        RuleId.NO_QUESTION,
        "End your request with a question mark, as a question they can "
        'answer with a yes ("Would you have 15 minutes …?").',
        start,
        end,
    )


# --- About them -------------------------------------------------------------------

_SALUTATION = re.compile(
    r"\s*(?:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening))"
    r"\b[^,\n:!]{0,40}[,:!\n]\s*",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"')\]]|$)|\n")
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "e.g", "i.e", "etc", "vs"})
_LAST_WORD = re.compile(r"[\w.]*$")


def _connection_not_first(message: _Message) -> Iterator[Finding]:
    acquaintance = ((message.recipient.acquaintance if message.recipient else "") or "").strip()
    if not acquaintance:
        return
    start, end = _first_sentence(message.text)
    if message.channel in _SPOKEN:
        # A call opens by checking who answered ("Hi, is this Amara?"): the name of the
        # acquaintance belongs in the sentence after that.
        end = _sentence_around(message.text, end + 1)[1] if end < len(message.text) else end
    if not _mentions_person(message.text[start:end], acquaintance):
        yield message.finding(
            RuleId.CONNECTION_NOT_FIRST,
            f"Name {acquaintance} in your first sentence: "
            "the shared connection is why they will read on.",
            start,
            end,
        )


def _first_sentence(text: str) -> tuple[int, int]:
    salutation = _SALUTATION.match(text)
    after = salutation.end() if salutation else len(text) - len(text.lstrip())
    start, end = _sentence_around(text, after)
    return max(start, after), end


def _sentence_around(text: str, position: int) -> tuple[int, int]:
    """The sentence holding `position`, trimmed; abbreviations like "Ms." do not end one."""
    start = 0
    for end in _sentence_ends(text):
        if end > position and text[start:end].strip():
            break
        start = end
    else:
        end = len(text)
    lead = len(text[start:end]) - len(text[start:end].lstrip())
    return start + lead, start + len(text[start:end].rstrip())


def _sentence_ends(text: str) -> Iterator[int]:
    for match in _SENTENCE_END.finditer(text):
        before = _LAST_WORD.search(text, max(0, match.start() - 6), match.start()).group()
        if match.group() != "." or before.lower() not in _ABBREVIATIONS:
            yield match.end()


# "exploring X" and "a move into X" name the broad area as surely as "the field of X".
_BROAD = re.compile(
    r"\b(?:field|industry|sector|profession|line\s+of\s+work|discipline"
    r"|careers?\s+in|world\s+of|area\s+of|exploring|(?:move|switch)\s+into)\b",
    re.IGNORECASE,
)
_NARROW = re.compile(
    r"\byour\s+(?:role|position|job|work|team|company|organi[sz]ation"
    r"|department|group|firm|practice|specialty|speciality)\b"
    r"|\b(?:work|working)\s+as\b",
    re.IGNORECASE,
)
_NAMED_PLACE = re.compile(r"\bat\s+(?:the\s+)?[A-Z][\w&.-]*")  # "at Acme": an organization
# Fields and disciplines people explore, so that "a move into fintech" names the broad
# interest without the word "field". Not complete, and need not be: the relaxed profile
# asks only for one of narrow or broad.
_FIELDS = re.compile(
    r"\b(?:tech|technology|software|data|analytics|ai|machine\s+learning|cyber\w*|security"
    r"|design|ux|ui|product|research|science|engineering|energy|climate|sustainab\w*"
    r"|renewables?|environment\w*|health\s*care|health|medicine|medical|clinical|nursing"
    r"|pharma\w*|biotech|policy|government|public\s+sector|law|legal|finance|fintech"
    r"|banking|investment|accounting|consulting|marketing|advertising|communications"
    r"|public\s+relations|pr|journalism|media|publishing|education|teaching|museums?"
    r"|arts?|games?|gaming|game\s+development|nonprofits?|non-profit|fundraising"
    r"|philanthropy|logistics|supply\s+chain|operations|retail|hospitality|architecture"
    r"|urban\s+planning|planning|real\s+estate|manufacturing|automotive|aerospace"
    r"|sales|hr|human\s+resources|recruiting|startups?|venture|economics|statistics"
    r"|library|librar\w+|social\s+work|psychology|nutrition|agriculture|food)\b",
    re.IGNORECASE,
)
# A specific role, or the recipient's own work, names the narrow interest.
_ROLE = re.compile(
    r"\b(?:designer|analyst|researcher|engineer|developer|scientist|manager|advisor|adviser"
    r"|consultant|strategist|writer|editor|educator|nurse|teacher|architect|planner"
    r"|associate|director|officer|specialist|coordinator|economist|lawyer|accountant"
    r"|curator|producer|recruiter|founder)s?\b"
    r"|\byour\s+(?:path|career|day|work|experience|journey|move|switch|transition|studio"
    r"|lab|agency|startup|office|projects?|research)\b",
    re.IGNORECASE,
)


def _interest_not_narrow_and_broad(message: _Message) -> Iterator[Finding]:
    """Narrow: a specific role or organization. Broad: the field it belongs to.

    Heuristic: narrow is the recipient's role or organization named, "your role",
    "your team", "working as", or "at" + a capitalized name; broad is the
    recipient's field named, or a word like field, industry, sector, profession,
    "line of work", "career in", "exploring" or "a move into".
    """
    facts = message.recipient or RecipientFacts()
    narrow = (
        _mentions(message.text, facts.role, facts.organization)
        or _NARROW.search(message.text)
        or _NAMED_PLACE.search(message.text)
        or (not message.limits.interest_needs_both and _ROLE.search(message.text))
    )
    broad = (
        _mentions(message.text, facts.field)
        or _BROAD.search(message.text)
        or (not message.limits.interest_needs_both and _FIELDS.search(message.text))
    )
    missing = [
        label
        for label, found in (
            ("the specific role or organization", narrow),
            ("the wider field", broad),
        )
        if not found
    ]
    if missing and (message.limits.interest_needs_both or len(missing) == 2):
        yield message.finding(
            RuleId.INTEREST_NOT_NARROW_AND_BROAD,
            f"Define your interest: name {' and '.join(missing)}.",
        )


_SPECIFIC_HOOK = re.compile(
    r"\byour\s+(?:recent\s+)?(?:article|talk|post|book|paper|presentation|podcast|interview"
    r"|panel|project|research|newsletter|blog|work\s+on)\b"
    r"|\bcongratulations\b|\bi\s+(?:read|heard|saw|noticed|enjoyed|admired|came\s+across)\b",
    re.IGNORECASE,
)


# Spoken channels: a call or a meeting in person goes to one person, so it cannot read
# like a mass mailing, and it opens by checking who answered.
_SPOKEN = frozenset({"phone", "in_person"})


def _nothing_personal(message: _Message) -> Iterator[Finding]:
    facts = message.recipient
    if facts is None or message.channel in _SPOKEN:
        return
    personal = (
        _mentions_person(message.text, facts.name)
        or _mentions(message.text, facts.organization, facts.role)
        or _SPECIFIC_HOOK.search(message.text)
    )
    if not personal:
        yield message.finding(
            RuleId.NOTHING_PERSONAL,
            "Nothing here is about this person: mention their name, "
            "organization, role, or something they did.",
        )


_ME = re.compile(r"\b(?:i(?!\.\w)|me|my|mine|myself)\b", re.IGNORECASE)  # not "i.e."
_THEM = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)


def _more_about_me(message: _Message) -> Iterator[Finding]:
    me = len(_ME.findall(message.text))
    them = len(_THEM.findall(message.text))
    too_much = (
        me >= them
        if message.limits.them_must_outnumber_me
        else me > them + message.limits.me_margin
    )
    if me and too_much:
        yield message.finding(
            RuleId.MORE_ABOUT_ME,
            f"{_words(me)} about you (I, me, my) and {them} about them "
            "(you, your): turn a sentence or two towards them.",
        )


def _words(count: int) -> str:
    return f"{count} word" if count == 1 else f"{count} words"


def _mentions(text: str, *phrases: str) -> bool:
    """Whole-word, case-insensitive; an empty phrase mentions nothing."""
    return any(
        phrase
        and phrase.strip()
        and re.search(rf"(?<!\w){re.escape(phrase.strip())}(?!\w)", text, re.IGNORECASE)
        for phrase in phrases
    )


# Parts of a name too common to count as mentioning that person.
_NAME_NOISE = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "van",
        "von",
        "de",
        "der",
        "da",
        "di",
        "del",
        "la",
        "le",
        "dos",
        "das",
        "jr",
        "sr",
    }
)


def _mentions_person(text: str, name: str) -> bool:
    """The full name, or any part of it longer than an initial ("Ms. Okafor", "Ada")."""
    parts = [
        part
        for part in (name or "").replace(".", " ").split()
        if len(part) > 1 and part.lower() not in _NAME_NOISE
    ]
    return _mentions(text, name) or _mentions(text, *parts)


_CHECKS = (
    _job_requests,
    _too_long,
    _over_channel_limit,
    _no_time_bound,
    _connection_not_first,
    _no_question,
    _interest_not_narrow_and_broad,
    _nothing_personal,
    _more_about_me,
)
