"""Short explanations of the method, shown where the user makes each decision.

Kept in one place so that a page, the user guide and a test can all refer to them by
key, and so that a text is never copied into two templates. Day counts come from the
cadence settings, so the help always says what the app will actually do.
"""

from django.conf import settings

# key -> (the question the summary asks, the answer). Written for a newcomer: why the
# step matters, in two to four sentences, with no jargon beyond the method's own words.
HELP = {
    "ask_minutes": (
        "Why ask for only 10–15 minutes?",
        "A small, exact request is easy to accept: most people can find a quarter of an "
        "hour between two meetings, but not an open-ended chat. Naming the minutes also "
        "shows that you value their time. If the talk goes well they may offer more — "
        "let that be their choice.",
    ),
    "no_job": (
        "Why never ask for a job?",
        "A job request turns your contact into a gatekeeper who has to judge you, and "
        "most people would rather not. Asking only to learn keeps the yes easy and lets "
        "them speak freely about the work. If you later want to work there, come back "
        "and ask for a separate conversation about employment; coffeechat keeps the two "
        "apart.",
    ),
    "connection_first": (
        "Why say first how you found them?",
        "People decide in the first line whether a message is meant for them. Naming a "
        "shared acquaintance, school or association shows you are not writing to "
        "strangers in bulk, which is why a referred ask is answered most often.",
    ),
    "follow_up": (
        "Why one follow-up after {follow_up_after} business days, and someone else "
        "after {ask_another_after}?",
        "Silence usually means busy, not no. After {ask_another_after} business days "
        "without a reply, ask the next person on your list as well, so one slow inbox "
        "does not stall your exploration. After {follow_up_after} business days, send "
        "one short, friendly reminder — and then let it rest: a second chase turns a "
        "request into pressure, and some people still answer later. Weekends and your "
        "country's public holidays do not count.",
    ),
    "clear_no": (
        "Why ask a busy person whom else to talk to?",
        "“Too busy” is about their calendar, not about you. Thank them and ask whom "
        "else they would suggest: a name from them makes your next ask a referred one. "
        "A clear no is different — respect it, and coffeechat will not suggest that "
        "person again.",
    ),
    "lamp": (
        "Why LAMP, and why start with five organizations?",
        "Forty places are too many to work on at once, and picking by instinct favours "
        "the famous names. LAMP ranks them by what helps you learn: how keen you are "
        "(Motivation) first, then whether they advertise relevant roles (Postings), then "
        "whether you already know someone there (Advocacy). Two people at each of the "
        "top five give you enough conversations to learn from without spreading thin; "
        "move down the list as those settle.",
    ),
    "levels": (
        "Why talk to people above, at and below the target?",
        "One person's view is one person's job. Someone in the role tells you what the "
        "days are really like; someone above it knows where it leads and what they look "
        "for when they hire; someone a step below remembers how they got in. All three, "
        "in more than one organization, show you the role rather than one employer.",
    ),
    "twenty_minutes": (
        "Why 20 minutes, and why at their workplace?",
        "Twenty minutes holds about five good questions and a few of theirs, and is "
        "short enough that nobody has to plan around it (10–15 minutes suits a phone "
        "call). Their workplace costs them no travel and shows you where the work "
        "happens. If you meet over coffee or a meal instead, you pay.",
    ),
    "confirm": (
        "Why confirm a day or two before?",
        "A short note before the day catches a forgotten or moved meeting before you set "
        "off, and sending your questions ahead gives them time to think about answers.",
    ),
    "five_questions": (
        "Why five questions, the most important first?",
        "Five questions fill twenty minutes with room for follow-ups. Put the one you "
        "care about most first, so it is answered even if the talk wanders. Leave the "
        "last minutes free: they will likely ask about you, and you want to ask whom "
        "else you should talk to.",
    ),
    "on_time": (
        "Why finish on time?",
        "You asked for a set number of minutes, and ending when you said shows you keep "
        "your word — which is what makes people glad to refer you on. When the warning "
        "appears, ask your last question, invite theirs and offer to stop; if they want "
        "to go on, that is their call.",
    ),
    "referrals": (
        "Why ask whom else to talk to?",
        "Each conversation can open the next. A name given by someone they know turns a "
        "cold ask into a warm one: you can say who suggested it. Note names as they come "
        "up; each becomes a “contact them” step due the next business day.",
    ),
    "findings": (
        "Why write findings down straight away?",
        "Memory fades within days and blends conversations together. Writing what each "
        "person said, topic by topic, while it is fresh lets you compare them side by "
        "side later and back your decision with what people actually told you.",
    ),
    "thanks": (
        "Why thank them within {thank_you_within} days?",
        "A prompt thank-you shows that the time they gave you mattered, while the talk is "
        "still fresh for both of you. Mention something specific they said, so it is "
        "plainly not a form letter. A handwritten card stands out; an email is fine.",
    ),
    "keep_in_touch": (
        "Why keep in touch?",
        "The people you met are now part of your network. A short note every "
        "{keep_in_touch_weeks} weeks or so — an article they would enjoy, how their "
        "advice worked out — keeps the connection alive without asking for anything. "
        "When you decide, tell them: they helped, and most like to hear how it ended.",
    ),
    "today": (
        "Why a list of small steps?",
        "The method runs on small acts done on the right day: a follow-up after a week, "
        "a thank-you within days, a note to a referral. Missed, they let conversations "
        "fade. Today gathers them, overdue first, so a few minutes a day keep everything "
        "moving.",
    ),
    "decide": (
        "Why write the decision down?",
        "An exploration exists to feed a decision. Writing it down with the pros and "
        "cons that led there makes you finish the thinking, and gives you something "
        "concrete to tell the people who helped you get there.",
    ),
}


def help_text(key: str) -> tuple[str, str]:
    """The summary and the answer for `key`, with the configured day counts filled in."""
    summary, text = HELP[key]
    numbers = settings.CADENCE
    return summary.format(**numbers), text.format(**numbers)
