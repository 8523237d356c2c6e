# ruff: noqa: E501 - one message a line reads better than wrapped strings
"""The asks of the checker's corpus, written for coffeechat (never copied from a source).

Each entry is one way a real message asks for something. A job request marks its
request with [[ ]] when the request is only part of the sentence; without marks the
whole sentence carries it. `family` groups phrasings that share a template, so the
evaluation can hold a whole family out (group k-fold). The public material that
showed each kind of message is listed in tests/outreach/corpus/SOURCES.md under the
group named here.

Placeholders: {org} their organization, {role} a role there, {field} the wider field,
{team} a team, {req} a requisition number.
"""

# (kind, family, text). Kinds of job request.
JOB_REQUESTS: list[tuple[str, str, str]] = [
    # --- referral asks, many phrasings ------------------------------------------------
    ("referral", "ref-willing", "Would you be willing to refer me for the {role} opening?"),
    ("referral", "ref-willing", "Would you be willing to refer me?"),
    ("referral", "ref-willing", "If you feel comfortable, would you be open to referring me?"),
    ("referral", "ref-willing", "Are you open to referring me internally?"),
    ("referral", "ref-willing", "Might you be open to referring me for it?"),
    ("referral", "ref-plain", "Can you please refer me?"),
    ("referral", "ref-plain", "Could you refer me to the {role} position at {org}?"),
    ("referral", "ref-plain", "Could you kindly refer me for job ID {req}?"),
    ("referral", "ref-plain", "Can u refer me for the {role} role pls?"),
    ("referral", "ref-plain", "I'd be so grateful if you could refer me."),
    (
        "referral",
        "ref-internal",
        "Would you consider referring me internally for the {role} position?",
    ),
    ("referral", "ref-internal", "I was hoping you could submit an internal referral for me."),
    ("referral", "ref-internal", "Could you put my name into {org}'s referral portal?"),
    (
        "referral",
        "ref-internal",
        "Would you mind entering me through the employee referral program?",
    ),
    ("referral", "ref-be-my", "Would you be my referral for req #{req}?"),
    ("referral", "ref-be-my", "Could you act as my referrer for the {role} opening?"),
    (
        "referral",
        "ref-be-my",
        "I'm looking for an employee referral for the {role} role and hoped you might provide one.",
    ),
    ("referral", "ref-be-my", "Is there any chance of an employee referral for me?"),
    (
        "referral",
        "ref-noun",
        "A referral from you for the {role} role would mean a lot; is that something you could do?",
    ),
    ("referral", "ref-noun", "I'm reaching out to ask for a referral to {org}."),
    ("referral", "ref-noun", "Would a referral for the {role} job be possible?"),
    ("referral", "ref-noun", "Any chance you could give me a referral?"),
    ("referral", "ref-noun", "I hoped to request a referral for the opening on your {team} team."),
    ("referral", "ref-link", "Could you send me your referral link for the {role} posting?"),
    (
        "referral",
        "ref-link",
        "If your company has a referral link, could you share it with me so I can apply?",
    ),
    ("referral", "ref-recommend", "Would you recommend me for the {role} vacancy?"),
    ("referral", "ref-recommend", "Could you recommend me to your hiring team?"),
    (
        "referral",
        "ref-recommend",
        "Would you feel comfortable endorsing my application for the {role} post?",
    ),
    ("referral", "ref-casual", "Any way you could refer me in? Happy to send whatever you need."),
    ("referral", "ref-casual", "Mind referring me? The {role} posting closes Friday."),
    ("referral", "ref-casual", "would love a referral if ur up for it!"),
    # --- passing a résumé or portfolio on ----------------------------------------------
    ("resume", "cv-pass", "Would you mind passing along my resume to the hiring manager?"),
    ("resume", "cv-pass", "Could you pass my CV on to whoever is hiring for the {role} role?"),
    (
        "resume",
        "cv-pass",
        "I've attached my résumé in case you could pass it along to your recruiting team.",
    ),
    (
        "resume",
        "cv-pass",
        "If you could hand my CV to the right person at {org}, I would be very grateful.",
    ),
    ("resume", "cv-forward", "Could you forward it to whoever handles recruitment on your side?"),
    ("resume", "cv-forward", "Please forward my CV to your HR department if you think it fits."),
    (
        "resume",
        "cv-forward",
        "Would you be able to forward my profile to the talent acquisition team?",
    ),
    (
        "resume",
        "cv-forward",
        "I'd really appreciate it if you could send my résumé over to the {team} lead.",
    ),
    ("resume", "cv-share", "Could you share my portfolio with your hiring manager?"),
    ("resume", "cv-share", "Would you be willing to share my resume with your manager?"),
    ("resume", "cv-share", "Feel free to share my CV with anyone at {org} who is recruiting."),
    ("resume", "cv-file", "Could you keep my CV on file for future openings?"),
    ("resume", "cv-file", "Please keep my resume on hand in case something comes up on your team."),
    ("resume", "cv-file", "I'd appreciate it if you held on to my CV for when the team grows."),
    ("resume", "cv-tell", "Could you tell the hiring manager about me?"),
    ("resume", "cv-tell", "Would you mention my name to the person hiring for the {role} job?"),
    (
        "resume",
        "cv-tell",
        "If you could let your recruiter know I'm interested, that would be wonderful.",
    ),
    (
        "resume",
        "cv-review-apply",
        "Could you look over my CV and tell me if I'd be a fit for the {role} opening at {org}?",
    ),
    (
        "resume",
        "cv-review-apply",
        "Can you check whether my resume matches what your team needs for the open {role} spot?",
    ),
    # --- "I applied; can we chat about it" ----------------------------------------------
    (
        "applied",
        "applied-chat",
        "I applied to the {role} position at {org} last week; could we chat about it?",
    ),
    (
        "applied",
        "applied-chat",
        "I just submitted my application for the {role} role and would love to talk about it with you.",
    ),
    (
        "applied",
        "applied-chat",
        "I recently applied for req {req}, and I wondered if you had a few minutes to discuss my application?",
    ),
    (
        "applied",
        "applied-chat",
        "Having applied for the {role} opening, I'd love 15 minutes to talk through my candidacy.",
    ),
    (
        "applied",
        "applied-look",
        "Could you tell me what you're looking for in this role so I can prepare?",
    ),
    (
        "applied",
        "applied-look",
        "I applied for the {role} job and would be grateful to hear what the team is looking for in candidates for it.",
    ),
    (
        "applied",
        "applied-look",
        "What would make my application for the {role} role stand out to your hiring team?",
    ),
    (
        "applied",
        "applied-status",
        "Could you check on the status of my application for the {role} role?",
    ),
    (
        "applied",
        "applied-status",
        "Is there anything you could do to get my application in front of the hiring manager?",
    ),
    (
        "applied",
        "applied-status",
        "I applied online two weeks ago and haven't heard back; could you nudge the recruiter for me?",
    ),
    (
        "applied",
        "applied-status",
        "I'm a candidate for the {role} role at {org} and hoped you could flag my application.",
    ),
    # --- openings, hiring at their employer ---------------------------------------------
    ("openings", "open-any", "Are there any openings on your team right now?"),
    ("openings", "open-any", "Do you know of any open roles at {org} that would suit me?"),
    ("openings", "open-any", "Is {org} hiring at the moment?"),
    ("openings", "open-any", "Is your team currently taking on new people?"),
    ("openings", "open-any", "Does your department have any vacancies coming up?"),
    (
        "openings",
        "open-any",
        "Would you happen to know if {org} has positions open for someone like me?",
    ),
    ("openings", "open-any", "Any chance your team has room for one more analyst?"),
    ("openings", "open-let-know", "Please let me know if any roles open up on your team."),
    ("openings", "open-let-know", "If you hear of an opening at {org}, could you let me know?"),
    ("openings", "open-let-know", "Could you tell me when a spot opens up so I can apply?"),
    (
        "openings",
        "open-let-know",
        "Would you give me a heads-up when {org} next posts a {role} job?",
    ),
    (
        "openings",
        "open-let-know",
        "If anything comes up in {field} at your company, I'd be grateful if you thought of me.",
    ),
    ("openings", "open-leads", "Do you have any job leads you could pass my way?"),
    (
        "openings",
        "open-leads",
        "Could you point me to any openings in your network that fit my background?",
    ),
    ("openings", "open-leads", "Would you know anyone who is hiring for a {role}?"),
    (
        "openings",
        "open-leads",
        "If you know of a company looking for someone with my skills, could you connect us?",
    ),
    # --- interest in working at their employer -------------------------------------------
    (
        "employer_interest",
        "emp-explore",
        "I'm exploring opportunities on your team and would love to chat about them.",
    ),
    (
        "employer_interest",
        "emp-explore",
        "I'm currently looking into opportunities at {org} and hoped you could help.",
    ),
    (
        "employer_interest",
        "emp-explore",
        "I'm keen to explore career opportunities with {org}; could we set up a call?",
    ),
    (
        "employer_interest",
        "emp-working",
        "I'm very interested in working for your company; could we talk?",
    ),
    (
        "employer_interest",
        "emp-working",
        "I would love to work at {org} and hoped you could help me get there.",
    ),
    (
        "employer_interest",
        "emp-working",
        "Working at {org} has been my goal for years, so I'd love to know how I could join.",
    ),
    (
        "employer_interest",
        "emp-working",
        "I'm hoping to join {org}'s {team} team and would value your help with that.",
    ),
    (
        "employer_interest",
        "emp-role",
        "I'm interested in the {role} on your team; could we discuss it?",
    ),
    (
        "employer_interest",
        "emp-role",
        "I saw the {role} posting on your team and I'm very interested in it.",
    ),
    (
        "employer_interest",
        "emp-role",
        "The {role} opening on your team looks perfect for me; could you tell me more about it?",
    ),
    (
        "employer_interest",
        "emp-role",
        "I noticed {org} posted a {role} role, and I believe I'd be a strong fit; could we talk about it?",
    ),
    ("employer_interest", "emp-part", "I'd love to be part of your team as a junior analyst."),
    ("employer_interest", "emp-part", "Is there a way I could become part of your {team} team?"),
    (
        "employer_interest",
        "emp-part",
        "I'd like to bring my skills to your team; how could I make that happen?",
    ),
    # --- being considered, kept in mind -------------------------------------------------
    ("considered", "cons-be", "I'd love to be considered for the {role} position."),
    ("considered", "cons-be", "Could I be considered for any junior roles on your team?"),
    ("considered", "cons-be", "I would appreciate being considered for future openings at {org}."),
    ("considered", "cons-keep", "Please keep me in mind for the position."),
    ("considered", "cons-keep", "Could you keep me in mind if your team needs another designer?"),
    ("considered", "cons-keep", "If a role ever opens up, please think of me."),
    ("considered", "cons-keep", "Do keep me on your radar for anything in {field} at {org}."),
    ("considered", "cons-start", "I can start immediately if you need anyone."),
    ("considered", "cons-start", "I'm available to start next month should your team have a need."),
    ("considered", "cons-start", "If you're short-handed, I'm ready to jump in right away."),
    ("considered", "cons-hired", "Could you help me get hired at {org}?"),
    (
        "considered",
        "cons-hired",
        "I need help getting my foot in the door at {org}; could you help?",
    ),
    ("considered", "cons-hired", "Could you help me land a position with your company?"),
    ("considered", "cons-hired", "Would you help me get an offer from {org}?"),
    # --- introductions to recruiters, hiring managers ------------------------------------
    (
        "intro_recruiter",
        "intro-rec",
        "Could you put me in touch with the recruiter for the opening?",
    ),
    (
        "intro_recruiter",
        "intro-rec",
        "Would you introduce me to the hiring manager for the {role} role?",
    ),
    (
        "intro_recruiter",
        "intro-rec",
        "Could you connect me with someone in HR about the {role} vacancy?",
    ),
    (
        "intro_recruiter",
        "intro-rec",
        "Who is the recruiter for {team} roles, and could you introduce us?",
    ),
    ("intro_recruiter", "intro-rec", "Could you loop me in with the person hiring for your team?"),
    # --- interviews --------------------------------------------------------------------
    ("interview", "iv-get", "Could you help me get an interview with your team?"),
    ("interview", "iv-get", "Is there any way to get an interview slot for the {role} position?"),
    ("interview", "iv-get", "Could you arrange an interview for me with the hiring panel?"),
    (
        "interview",
        "iv-get",
        "I'd love the chance to interview for the {role} opening; could you help make that happen?",
    ),
    ("interview", "iv-get", "Would you be able to fast-track me to the interview stage?"),
    # --- hire me, a job for me -----------------------------------------------------------
    ("hire_me", "hire-direct", "Would you consider hiring me?"),
    ("hire_me", "hire-direct", "Is there a job for me at {org}?"),
    ("hire_me", "hire-direct", "Could you give me a job on your team?"),
    ("hire_me", "hire-direct", "Could you offer me a position, even a temporary one?"),
    ("hire_me", "hire-direct", "Would your team take me on as a junior?"),
    (
        "hire_me",
        "hire-direct",
        "I'm looking for a job and hoped you could help me find one at {org}.",
    ),
    (
        "hire_me",
        "hire-direct",
        "I am seeking employment and would be grateful for any position you can offer.",
    ),
    ("hire_me", "hire-direct", "Could you help me find a job in {field}?"),
    ("hire_me", "hire-freelance", "Do you have any freelance projects you could send my way?"),
    (
        "hire_me",
        "hire-freelance",
        "If you ever need a contractor for {field} work, could you think of me?",
    ),
    ("hire_me", "hire-freelance", "Would your team have any contract work I could pick up?"),
    (
        "hire_me",
        "hire-freelance",
        "I'd be happy to take on a paid trial project for your team; would that be possible?",
    ),
    # --- internships, placements -------------------------------------------------------
    ("internship", "intern", "Does {org} offer summer internships, and could you help me get one?"),
    ("internship", "intern", "Could I do an internship with your team this summer?"),
    ("internship", "intern", "Would you take me on as an intern, even unpaid?"),
    ("internship", "intern", "Is there any chance of a work placement in your department?"),
    ("internship", "intern", "Could you refer me for the {org} graduate scheme?"),
    (
        "internship",
        "intern",
        "I'm hunting for a co-op placement and wondered if your team could host me.",
    ),
    # --- a good word --------------------------------------------------------------------
    ("good_word", "word", "Could you put in a good word for me with the hiring team?"),
    ("good_word", "word", "Would you vouch for me when my application comes through?"),
    (
        "good_word",
        "word",
        "If you could say something nice about me to your manager, that would help a lot.",
    ),
    (
        "good_word",
        "word",
        "A word from you to the recruiter would go a long way; would you be willing?",
    ),
    # --- negations that still ask -------------------------------------------------------
    ("negation", "neg-sofar", "I'm not looking for a job so much as a referral."),
    ("negation", "neg-sofar", "I'm not asking you for a job, just a referral for the {role} role."),
    (
        "negation",
        "neg-rather",
        "Rather than applying online, could you forward my résumé to the team?",
    ),
    (
        "negation",
        "neg-rather",
        "Instead of going through the portal, could you pass my CV straight to the hiring manager?",
    ),
    (
        "negation",
        "neg-rather",
        "I don't want to apply cold, so could you introduce me to the recruiter?",
    ),
    (
        "negation",
        "neg-dont-mind",
        "I don't expect a job, but if you could mention me to the hiring manager I'd be grateful.",
    ),
    ("negation", "neg-dont-mind", "Not trying to be pushy, but are you guys hiring?"),
    (
        "negation",
        "neg-dont-mind",
        "I wouldn't ask for a job outright, but could you keep me in mind for any openings?",
    ),
    (
        "negation",
        "neg-dont-mind",
        "No pressure at all, but if there's an opening on your team I'd love to be considered.",
    ),
    ("negation", "neg-dont-mind", "I'm not sure if you're hiring, but I'd love to join your team."),
    # --- misspellings and non-native phrasing -------------------------------------------
    ("misspelled", "typo", "Could you reffer me for the positon at {org}?"),
    ("misspelled", "typo", "Are there any jbo openings in your team?"),
    ("misspelled", "typo", "Can you pls refere me for the anlayst role?"),
    ("misspelled", "typo", "I would be greatful if you could pass my resmue to hiring manger."),
    ("misspelled", "typo", "Is your compnay hirring right now?"),
    ("misspelled", "typo", "Could you kindly recomend me for the openning?"),
    ("misspelled", "typo", "plz keep me in mind for any postions"),
    ("misspelled", "nonnative", "I am looking job in {field}, kindly help me for job."),
    ("misspelled", "nonnative", "Kindly do the needful and refer my profile for suitable opening."),
    ("misspelled", "nonnative", "Please help me to get job in your esteemed organization."),
    ("misspelled", "nonnative", "I request you to please forward my CV to concern person."),
    ("misspelled", "nonnative", "If any vacancy is there in your company, please inform me."),
    (
        "misspelled",
        "nonnative",
        "Sir, I am searching for the job since six months, please help me.",
    ),
    (
        "misspelled",
        "nonnative",
        "Kindly let me know about any opportunity for fresher in your company.",
    ),
    (
        "misspelled",
        "nonnative",
        "I want to join your company, please guide me how to get the job there.",
    ),
    (
        "misspelled",
        "nonnative",
        "Please consider my profile for any suitable position in your team.",
    ),
]

# Good asks: advice, a conversation, a person's path. (kind, family, text)
GOOD_ASKS: list[tuple[str, str, str]] = [
    (
        "advice",
        "adv-15",
        "Would you have 15 minutes in the next two weeks to share how you got into {field}?",
    ),
    ("advice", "adv-15", "Could you spare 20 minutes for a call about your path into {field}?"),
    ("advice", "adv-15", "Would you be open to a 15-minute phone call about your work at {org}?"),
    (
        "advice",
        "adv-15",
        "Might you have half an hour for a coffee, my treat, to talk about {field}?",
    ),
    (
        "advice",
        "adv-15",
        "Could I borrow ten minutes of your time to hear how you see {field} changing?",
    ),
    ("advice", "adv-15", "Would a 20-minute video call sometime next week work for you?"),
    (
        "advice",
        "adv-15",
        "Would you be willing to chat for 15 minutes about what your day as a {role} looks like?",
    ),
    ("advice", "adv-quick", "Would you be up for a quick call about how you moved into {field}?"),
    (
        "advice",
        "adv-quick",
        "Could we grab a short coffee so I can ask how you approached your move to {org}?",
    ),
    (
        "advice",
        "adv-quick",
        "Would you have time for a brief chat about the {field} scene in Leeds?",
    ),
    ("advice", "adv-quick", "Could I ask you a few questions about your work over a quick call?"),
    ("advice", "adv-quick", "Any chance you'd be up for a short virtual coffee?"),
    ("advice", "adv-question", "What do you wish you had known before starting out in {field}?"),
    ("advice", "adv-question", "How did you decide between agency work and an in-house team?"),
    (
        "advice",
        "adv-question",
        "Which skills made the biggest difference in your first year at {org}?",
    ),
    (
        "advice",
        "adv-question",
        "What surprised you most when you moved from research into {field}?",
    ),
    ("advice", "adv-question", "If you were starting in {field} today, where would you begin?"),
    (
        "advice",
        "adv-question",
        "How does the {team} team at {org} work with product and engineering?",
    ),
    ("advice", "adv-question", "What does a typical week look like for a {role}?"),
    (
        "advice",
        "adv-perspective",
        "I'd value your perspective on whether a master's degree is worth it for {field}; could we talk for 15 minutes?",
    ),
    (
        "advice",
        "adv-perspective",
        "Would you share your thoughts on how someone from teaching can build credibility in {field}?",
    ),
    (
        "advice",
        "adv-perspective",
        "Could you recommend one or two people or resources I should look at while I learn about {field}?",
    ),
    ("advice", "adv-perspective", "Is there anyone else you'd suggest I speak with about {field}?"),
    (
        "advice",
        "adv-perspective",
        "I'd love your advice on which professional associations in {field} are worth joining; would you have 15 minutes?",
    ),
    (
        "advice",
        "adv-phone",
        "Is now a good time for a quick ten-minute conversation, or could I call you back later this week?",
    ),
    (
        "advice",
        "adv-phone",
        "Could I book fifteen minutes with you one morning this week to ask about your work in {field}?",
    ),
    ("advice", "adv-connect", "I'd be glad to connect and follow your work on {topic}."),
    (
        "advice",
        "adv-connect",
        "Would you be open to connecting? I'd love to learn from your posts on {topic}.",
    ),
    # --- tricky good asks: talk about jobs, hiring, referrals innocently ------------------
    ("tricky", "tr-skills", "What skills are teams in {field} hiring for these days?"),
    (
        "tricky",
        "tr-skills",
        "Which skills do hiring managers in {field} look for in people changing careers?",
    ),
    (
        "tricky",
        "tr-skills",
        "What do open positions in {field} usually ask for in terms of experience?",
    ),
    (
        "tricky",
        "tr-skills",
        "From what you see, which certifications actually matter when employers in {field} compare candidates?",
    ),
    (
        "tricky",
        "tr-skills",
        "What do junior job descriptions in {field} leave out that turns out to matter?",
    ),
    ("tricky", "tr-land", "How did you land a role in policy after your PhD?"),
    (
        "tricky",
        "tr-land",
        "How did you get your first job in {field}, and what would you do differently now?",
    ),
    ("tricky", "tr-land", "What was your path from your first job to your current role at {org}?"),
    ("tricky", "tr-land", "I'm curious how you made the jump from consulting to a {role} job."),
    (
        "tricky",
        "tr-before",
        "Before I apply for any roles in this field, I'd like to understand what the work is really like; could we talk for 15 minutes?",
    ),
    (
        "tricky",
        "tr-before",
        "I want to learn more about {field} before I start applying anywhere; would you share your experience?",
    ),
    (
        "tricky",
        "tr-before",
        "I'm not applying to anything yet: I'm trying to figure out whether {field} suits me.",
    ),
    (
        "tricky",
        "tr-before",
        "Before my job search starts next spring, I'm talking to people who do this work.",
    ),
    (
        "tricky",
        "tr-advise",
        "How would you advise someone looking for a job in climate tech to spend their first month?",
    ),
    ("tricky", "tr-advise", "What advice would you give a career changer job hunting in {field}?"),
    (
        "tricky",
        "tr-advise",
        "What mistakes do you see people make when they look for jobs in {field}?",
    ),
    (
        "tricky",
        "tr-advise",
        "How do people usually find their first position in {field}: postings, networks, or something else?",
    ),
    (
        "tricky",
        "tr-hiring-me",
        "I'm hiring for my own team and would love to compare notes on how you run interviews.",
    ),
    (
        "tricky",
        "tr-hiring-me",
        "As someone who recently started hiring, I'd love your take on writing fair job descriptions.",
    ),
    (
        "tricky",
        "tr-hiring-me",
        "My company is hiring its first data person, and I'd like your advice on what to look for.",
    ),
    (
        "tricky",
        "tr-over",
        "My job application season is over, so this is purely about learning from you.",
    ),
    (
        "tricky",
        "tr-over",
        "I've already accepted an offer elsewhere, so I'm only looking for advice on the first ninety days.",
    ),
    ("tricky", "tr-over", "I'm happy in my current job; I'm just curious about how {field} works."),
    ("tricky", "tr-over", "I'm not looking for a job or a referral, only your perspective."),
    (
        "tricky",
        "tr-over",
        "To be clear, I'm not asking about openings at {org}; I'd just like to hear about your path.",
    ),
    ("tricky", "tr-over", "I know people often ask you for referrals; that's not why I'm writing."),
    (
        "tricky",
        "tr-someday",
        "I'm interested in a job like yours someday and would love to hear how you got there.",
    ),
    (
        "tricky",
        "tr-someday",
        "A role like yours is where I hope to be in five years; what steps would you recommend?",
    ),
    (
        "tricky",
        "tr-someday",
        "Someday I'd like to do the kind of work you do; what should I read or learn first?",
    ),
    ("tricky", "tr-market", "How has the job market in {field} changed since you started?"),
    (
        "tricky",
        "tr-market",
        "Are entry-level positions in {field} mostly in big firms or in small studios?",
    ),
    ("tricky", "tr-market", "Which kinds of roles exist in {field} beyond the obvious ones?"),
    (
        "tricky",
        "tr-market",
        "What job titles should I search for to learn more about this kind of work?",
    ),
    (
        "tricky",
        "tr-market",
        "How do hiring cycles work in {field}: is there a season, or is it all year?",
    ),
    ("tricky", "tr-role", "What does your role on the {team} team involve day to day?"),
    ("tricky", "tr-role", "How did your position change after {org} grew?"),
    ("tricky", "tr-role", "What do you enjoy most about your job at {org}?"),
    ("tricky", "tr-role", "What made you accept the offer from {org}?"),
    (
        "tricky",
        "tr-referral-word",
        "Priya referred me to you as the person who knows {field} best.",
    ),
    (
        "tricky",
        "tr-referral-word",
        "My professor recommended that I reach out to you about {field}.",
    ),
    ("tricky", "tr-referral-word", "Could you recommend a book or two on {field} for a beginner?"),
    (
        "tricky",
        "tr-referral-word",
        "If you can't spare the time, could you suggest a colleague who might?",
    ),
    (
        "tricky",
        "tr-cv",
        "I'd appreciate feedback on how I describe my teaching experience for {field}, if you have 15 minutes.",
    ),
    (
        "tricky",
        "tr-cv",
        "I'm rewriting my CV for a move into {field}: which experience would you lead with?",
    ),
    (
        "tricky",
        "tr-apply-past",
        "I applied to graduate school in {field} last year, and your research helped me choose.",
    ),
    (
        "tricky",
        "tr-apply-past",
        "I applied what I learned from your talk on {topic} to a project at work.",
    ),
    (
        "tricky",
        "tr-interview-word",
        "Would you be open to a short informational interview about {field}?",
    ),
    ("tricky", "tr-interview-word", "I loved your interview on the {topic} podcast."),
    (
        "tricky",
        "tr-interview-word",
        "I'm interviewing people across {field} for a student project; could I include you?",
    ),
    ("tricky", "tr-team", "I admire how your team shipped {topic}; how did you organize the work?"),
    (
        "tricky",
        "tr-team",
        "How is your team structured, and how do you work with the rest of {org}?",
    ),
    ("tricky", "tr-team", "What's the culture like on teams like yours in {field}?"),
    (
        "tricky",
        "tr-opportunity",
        "What opportunities do you see for newcomers in {field} over the next few years?",
    ),
    (
        "tricky",
        "tr-opportunity",
        "I'm exploring {field} as a career and would love to hear about your experience.",
    ),
    (
        "tricky",
        "tr-opportunity",
        "I'm considering a move into {field} and trying to understand the different paths.",
    ),
]

# A second round, written after the first grouped cross-validation showed which kinds of
# phrasing the model had never seen (new families; nothing here copies the first round).
JOB_REQUESTS += [
    ("referral", "ref-hope", "I was hoping you might be able to refer me for the {role} opening."),
    (
        "referral",
        "ref-hope",
        "My hope is that you'd be comfortable referring me to the {team} team.",
    ),
    (
        "referral",
        "ref-hope",
        "I'd be honoured if you would refer me for one of the open analyst roles.",
    ),
    ("referral", "ref-hope", "Would it be too much to ask for a referral to your team?"),
    ("referral", "ref-name", "Could I use your name when I apply for the {role} job?"),
    ("referral", "ref-name", "Would you mind if I listed you as my referral on the application?"),
    ("referral", "ref-name", "May I mention you as the person who referred me to {org}?"),
    (
        "referral",
        "ref-submit",
        "Could you submit my name for the {role} role through your internal system?",
    ),
    ("referral", "ref-submit", "Would you nominate me for the open {role} spot?"),
    (
        "resume",
        "cv-attach",
        "I've attached my CV; if anything on your team fits, I'd be grateful to hear.",
    ),
    (
        "resume",
        "cv-attach",
        "My resume is attached for your consideration for any current openings.",
    ),
    (
        "resume",
        "cv-attach",
        "Please find my résumé attached and let me know if there's a role I could fill.",
    ),
    (
        "resume",
        "cv-attach",
        "Attached is my portfolio, in case your team is looking for a designer.",
    ),
    ("resume", "cv-get-in-front", "Could you get my resume in front of the right people at {org}?"),
    (
        "resume",
        "cv-get-in-front",
        "Is there a way you could make sure my application reaches the hiring manager?",
    ),
    ("resume", "cv-get-in-front", "Could you help my CV get past the screening stage?"),
    (
        "applied",
        "applied-tips",
        "I have an interview with {org} next week for the {role} role; could you tell me what the panel will ask?",
    ),
    (
        "applied",
        "applied-tips",
        "I'm in the final round for a {role} job at {org}, so any inside advice on getting the offer would help.",
    ),
    (
        "applied",
        "applied-tips",
        "Could you share what the hiring team values so I can tailor my application for the {role} post?",
    ),
    (
        "applied",
        "applied-follow",
        "I applied through the careers page; would you be able to follow up on it for me?",
    ),
    (
        "applied",
        "applied-follow",
        "Since I've already applied for the {role} role, could you let the team know I'm a strong candidate?",
    ),
    ("openings", "open-budget", "Does your team have headcount for a new {role} this year?"),
    (
        "openings",
        "open-budget",
        "Is {org} planning to grow the {team} team, and could I be part of that?",
    ),
    (
        "openings",
        "open-budget",
        "Will there be any new positions in your group after the funding round?",
    ),
    ("openings", "open-graduate", "Is {org} recruiting graduates this autumn?"),
    (
        "openings",
        "open-graduate",
        "When does {org} open applications for its graduate programme, and could you help me get in?",
    ),
    (
        "employer_interest",
        "emp-fit",
        "I think I'd be a great fit for your team; could we talk about how I might join?",
    ),
    (
        "employer_interest",
        "emp-fit",
        "My background matches what your team does, and I'd love to contribute there.",
    ),
    (
        "employer_interest",
        "emp-fit",
        "I'm confident I could add value at {org}, so I'd love to discuss a role.",
    ),
    (
        "employer_interest",
        "emp-next-step",
        "What's the best way for me to get hired onto your team?",
    ),
    (
        "employer_interest",
        "emp-next-step",
        "How can I get a job at {org}, and could you help me with the first step?",
    ),
    ("employer_interest", "emp-next-step", "What would it take for your team to bring me on?"),
    (
        "considered",
        "cons-future",
        "When the next {role} role opens, I'd love you to think of me first.",
    ),
    (
        "considered",
        "cons-future",
        "Should anything open up on the {team} side, I'd be thrilled to throw my hat in the ring.",
    ),
    ("considered", "cons-future", "I'd like to be on your list for the next hiring round."),
    (
        "considered",
        "cons-candidate",
        "Would you consider me as a candidate for the {role} vacancy?",
    ),
    ("considered", "cons-candidate", "Could you put me forward for the {role} position?"),
    (
        "considered",
        "cons-candidate",
        "I'd welcome the chance to be shortlisted for the role on your team.",
    ),
    (
        "intro_recruiter",
        "intro-hr",
        "Could you share the contact details of your HR manager so I can send my application?",
    ),
    ("intro_recruiter", "intro-hr", "Who should I send my CV to at {org}?"),
    (
        "intro_recruiter",
        "intro-hr",
        "Do you know who handles hiring for the {team} team, and would you introduce me to them?",
    ),
    ("interview", "iv-mock", "Could you help me secure an interview at {org}?"),
    (
        "interview",
        "iv-mock",
        "Is there any chance you could get me onto the interview list for the {role} job?",
    ),
    ("hire_me", "hire-work", "I'm desperate for work at the moment; could your team use me?"),
    (
        "hire_me",
        "hire-work",
        "Do you need an extra pair of hands on your team? I'm available full time.",
    ),
    ("hire_me", "hire-work", "Could I work for you, even part time?"),
    ("hire_me", "hire-work", "I'm out of work and would take any position at {org}."),
    ("hire_me", "hire-work", "Could you find me a spot on one of your projects?"),
    ("internship", "intern-shadow", "Could I join your team for a summer placement, paid or not?"),
    (
        "internship",
        "intern-shadow",
        "Would your department take a student for a six-month industrial placement?",
    ),
    (
        "internship",
        "intern-shadow",
        "I'm looking for an internship in {field}; could you get me one at {org}?",
    ),
    ("good_word", "word-endorse", "Would you be a reference for my application to {org}?"),
    ("good_word", "word-endorse", "Could you tell your manager I'd be a good hire?"),
    (
        "good_word",
        "word-endorse",
        "If you could speak up for me when the team reviews candidates, I'd be grateful.",
    ),
    (
        "negation",
        "neg-just",
        "I'm not after a job as such; I'd just like you to pass my CV to your manager.",
    ),
    (
        "negation",
        "neg-just",
        "Not asking for any favours, but if your team is hiring, please let me know.",
    ),
    ("negation", "neg-just", "I know you can't promise anything, but could you refer me anyway?"),
    (
        "negation",
        "neg-just",
        "I won't take much of your time: are there any openings on your team?",
    ),
    ("misspelled", "typo2", "Could you refere me to you're hiring team?"),
    ("misspelled", "typo2", "Im lookin for a job in {field}, can u help me get one at ur company?"),
    ("misspelled", "typo2", "any oppenings for juniors at ur place?"),
    ("misspelled", "typo2", "Would you pass my CV to you're recuiter?"),
    ("misspelled", "typo2", "Please concider me for the vaccancy in your team."),
    ("misspelled", "nonnative2", "Please give me one chance to work in your company."),
    (
        "misspelled",
        "nonnative2",
        "I am having good skills, kindly provide me opportunity in your team.",
    ),
    (
        "misspelled",
        "nonnative2",
        "Kindly refer me for any suitable openings in your organisation, I will be thankful.",
    ),
    ("misspelled", "nonnative2", "If possible please arrange job for me in {org}."),
    (
        "misspelled",
        "nonnative2",
        "Myself a fresher, searching job, please help to get placed in your company.",
    ),
]

GOOD_ASKS += [
    (
        "advice",
        "adv-coffee",
        "Would you let me buy you a coffee near your office some morning? Twenty minutes at most.",
    ),
    (
        "advice",
        "adv-coffee",
        "If you're ever free for a coffee, I'd love to hear about the projects you're proudest of.",
    ),
    ("advice", "adv-coffee", "Could we meet for a quick coffee one afternoon next week?"),
    (
        "advice",
        "adv-email",
        "If a call is hard to fit in, would you answer two short questions by email?",
    ),
    (
        "advice",
        "adv-email",
        "Would it be all right if I sent you three questions about {field} by email?",
    ),
    ("advice", "adv-email", "Could I ask what a first year in {field} is really like?"),
    ("advice", "adv-learn", "What would you read first if you were new to {field}?"),
    ("advice", "adv-learn", "Which courses or communities helped you most when you started?"),
    ("advice", "adv-learn", "Is a bootcamp a sensible route into {field}, in your experience?"),
    ("advice", "adv-learn", "How do people in {field} keep their skills current?"),
    ("advice", "adv-path", "How did you go from studying history to working on {topic}?"),
    ("advice", "adv-path", "What was the hardest part of switching into {field} mid-career?"),
    ("advice", "adv-path", "Looking back, which early decision shaped your career the most?"),
    ("advice", "adv-path", "Was there a moment when you knew {field} was right for you?"),
    ("advice", "adv-work", "What problems is your team most excited about this year?"),
    ("advice", "adv-work", "Which parts of your work at {org} take up the most time?"),
    ("advice", "adv-work", "What tools does your team rely on every day?"),
    ("advice", "adv-work", "How do you measure whether a project on your team went well?"),
    ("advice", "adv-casual", "would love to pick your brain for 15 min if you're up for it?"),
    ("advice", "adv-casual", "any chance u have 10 mins this week for a quick chat about {field}?"),
    ("advice", "adv-casual", "Free for a 15-minute call sometime? Totally fine if not!"),
    (
        "advice",
        "adv-nonnative",
        "Kindly can you give me 15 minutes of your time to share your experience in {field}?",
    ),
    (
        "advice",
        "adv-nonnative",
        "I wish to learn from your experience, can we speak for 20 minutes on phone?",
    ),
    (
        "advice",
        "adv-nonnative",
        "It will be great help if you can share about your career journey in short call.",
    ),
    ("tricky", "tr-hiring-q", "When you hire for your own team, what makes a candidate stand out?"),
    ("tricky", "tr-hiring-q", "What do you look for when you interview junior designers?"),
    ("tricky", "tr-hiring-q", "How does hiring usually work for {role} roles in {field}?"),
    ("tricky", "tr-hiring-q", "Is it normal in {field} for hiring to take three months?"),
    ("tricky", "tr-hiring-q", "Do recruiters in {field} care more about portfolios or degrees?"),
    ("tricky", "tr-job-talk", "What's the best and worst part of your job?"),
    ("tricky", "tr-job-talk", "Does your job involve much travel?"),
    ("tricky", "tr-job-talk", "How many hours a week does your job really take?"),
    ("tricky", "tr-job-talk", "What did your first job in {field} teach you?"),
    ("tricky", "tr-job-talk", "How did your job change when you became a manager?"),
    (
        "tricky",
        "tr-apply-q",
        "What do people who apply to master's programmes in {field} often get wrong?",
    ),
    (
        "tricky",
        "tr-apply-q",
        "Did you apply to many places before you found {org}, or was it one lucky break?",
    ),
    (
        "tricky",
        "tr-apply-q",
        "Should someone like me apply for junior roles or for a master's first?",
    ),
    (
        "tricky",
        "tr-apply-q",
        "How do applicants with a non-traditional background usually make their case in {field}?",
    ),
    ("tricky", "tr-position", "What positions did you hold before becoming a {role}?"),
    (
        "tricky",
        "tr-position",
        "Is a {role} position usually the first step, or do people start elsewhere?",
    ),
    ("tricky", "tr-position", "What separates a senior {role} from a junior one?"),
    (
        "tricky",
        "tr-my-job",
        "I recently started a new job in logistics and want to understand how {field} teams work.",
    ),
    (
        "tricky",
        "tr-my-job",
        "In my current role I work alongside {field} people every day and I'm curious about their side.",
    ),
    (
        "tricky",
        "tr-my-job",
        "My job already keeps me busy; this is about planning the next five years.",
    ),
    (
        "tricky",
        "tr-my-job",
        "I lost my job in the spring and I'm using the time to learn what {field} is really like.",
    ),
    (
        "tricky",
        "tr-referred-by",
        "Priya referred me to you; she said you know everything about {field}.",
    ),
    (
        "tricky",
        "tr-referred-by",
        "My mentor recommended I reach out, since you made the same switch I'm considering.",
    ),
    (
        "tricky",
        "tr-referred-by",
        "Leo passed along your name when I told him about my interest in {field}.",
    ),
    (
        "tricky",
        "tr-no-ask",
        "I'm not looking to be referred anywhere; I'd just value a conversation.",
    ),
    ("tricky", "tr-no-ask", "I'm not job hunting right now, so there's no hidden agenda here."),
    ("tricky", "tr-no-ask", "I'd never expect a job out of this, just an honest view of the work."),
    (
        "tricky",
        "tr-no-ask",
        "This isn't about openings at {org}; it's about understanding {field}.",
    ),
    (
        "tricky",
        "tr-company",
        "What do you like about working at {org} compared with your previous employer?",
    ),
    ("tricky", "tr-company", "How does {org} support people who want to grow into leadership?"),
    ("tricky", "tr-company", "How did {org} change after the merger, from where you sit?"),
    ("tricky", "tr-future", "Where do you think the good jobs in {field} will be in ten years?"),
    ("tricky", "tr-future", "Will AI change what junior people in {field} do all day?"),
    ("tricky", "tr-future", "Which roles in {field} do you think will grow fastest?"),
    (
        "tricky",
        "tr-student",
        "I'm writing my thesis on careers in {field}; could I ask you about yours for 20 minutes?",
    ),
    (
        "tricky",
        "tr-student",
        "For a class assignment I need to interview a professional in {field}; would you be willing?",
    ),
    (
        "tricky",
        "tr-student",
        "Our careers office suggested I talk to alumni working in {field}; would you have 15 minutes?",
    ),
]

# A third round: sentences that carry the words of a job request ("a job", "my CV",
# "refer me", "hiring", "position") without asking for one. Written after the model,
# trained on the first two rounds, flagged plain denials and CV mentions.
GOOD_ASKS += [
    (
        "tricky",
        "tr-deny",
        "I'm not writing to ask for a job; I'd simply like to learn how {field} works.",
    ),
    ("tricky", "tr-deny", "Let me say up front that I am not seeking a position with {org}."),
    ("tricky", "tr-deny", "I won't be asking you for a referral, I promise."),
    ("tricky", "tr-deny", "No job request hiding in here, just curiosity about your work."),
    (
        "tricky",
        "tr-deny",
        "I'm not after a role at {org}; your view of {field} is what I'm hoping for.",
    ),
    (
        "tricky",
        "tr-deny",
        "This is not about employment: I'd love to understand the day-to-day of a {role}.",
    ),
    ("tricky", "tr-deny", "I'm not on the job market, so please don't feel any pressure."),
    ("tricky", "tr-deny", "I'm not applying anywhere at the moment."),
    (
        "tricky",
        "tr-deny",
        "Rather than hunting for openings, I'm trying to understand the field first.",
    ),
    ("tricky", "tr-deny", "I'm not going to ask about vacancies; I'd rather hear your story."),
    ("tricky", "tr-deny", "Nothing about jobs here, just a question about {topic}."),
    (
        "tricky",
        "tr-deny",
        "I don't need a referral or an introduction to HR, only some perspective.",
    ),
    ("tricky", "tr-cv-context", "I've attached a short bio so you know who is writing."),
    ("tricky", "tr-cv-context", "My CV is linked below in case you'd like some background on me."),
    (
        "tricky",
        "tr-cv-context",
        "I can send my résumé if that helps you see where I'm coming from.",
    ),
    (
        "tricky",
        "tr-cv-context",
        "Would you glance at my CV and tell me which gap matters most for {field}?",
    ),
    (
        "tricky",
        "tr-cv-context",
        "Could you tell me how a hiring manager in {field} would read my résumé?",
    ),
    ("tricky", "tr-cv-context", "My portfolio is online, though that's not why I'm writing."),
    ("tricky", "tr-refer-else", "Could you refer me to someone else who works on {topic}?"),
    (
        "tricky",
        "tr-refer-else",
        "If you're too busy, could you point me to a colleague who might talk with me?",
    ),
    (
        "tricky",
        "tr-refer-else",
        "Is there someone in your network you'd recommend I speak with about {field}?",
    ),
    ("tricky", "tr-refer-else", "Who else would you suggest I ask about careers in {field}?"),
    (
        "tricky",
        "tr-refer-else",
        "Could you recommend a course or a community for newcomers to {field}?",
    ),
    (
        "tricky",
        "tr-facts",
        "I read that {org} is hiring a lot this year; how has the growth changed your work?",
    ),
    (
        "tricky",
        "tr-facts",
        "I know {org} isn't hiring right now, and that's fine: I'm here to learn.",
    ),
    (
        "tricky",
        "tr-facts",
        "I noticed your team has grown fast; how do you keep new people up to speed?",
    ),
    ("tricky", "tr-facts", "Your post about hiring your first researcher was very honest."),
    (
        "tricky",
        "tr-facts",
        "I saw the role you posted last month filled quickly, congratulations to the team.",
    ),
    ("tricky", "tr-facts", "Your piece on why {org} hires career changers stayed with me."),
    (
        "tricky",
        "tr-applying",
        "I'm applying to master's programmes in {field} and wonder which one you'd choose.",
    ),
    (
        "tricky",
        "tr-applying",
        "How do you apply what you learned in the army to your work as a {role}?",
    ),
    (
        "tricky",
        "tr-applying",
        "I'm applying to a volunteer role at a food bank and want to learn about nonprofit work.",
    ),
    ("tricky", "tr-applying", "Did your background in teaching apply to your job in {field}?"),
    ("tricky", "tr-interested", "I'm interested in how a {role} at {org} spends the week."),
    ("tricky", "tr-interested", "I'm very interested in your work on {topic}."),
    (
        "tricky",
        "tr-interested",
        "I'm interested in roles like yours, and curious what the path looks like.",
    ),
    (
        "tricky",
        "tr-interested",
        "I'm interested in the {field} field and would value your perspective.",
    ),
    ("tricky", "tr-interested", "What first got you interested in working at {org}?"),
    ("tricky", "tr-team-q", "Would you tell me how your team decides which projects to take on?"),
    ("tricky", "tr-team-q", "What does someone new on your team usually struggle with?"),
    ("tricky", "tr-team-q", "How did you build your team from scratch?"),
    ("tricky", "tr-position-q", "How did you reach the position you hold now?"),
    (
        "tricky",
        "tr-position-q",
        "What did you have to learn when you took on your current position?",
    ),
    (
        "tricky",
        "tr-position-q",
        "Was the move into your current position a promotion or a fresh start?",
    ),
]

# A fourth round, after the unit tests of tests/domain/test_checker.py (kept out of the
# corpus) showed two gaps: saying you are searching ("I'm looking for a job in X") is a
# request in a message to a stranger, and offering your CV as background is not.
JOB_REQUESTS += [
    ("hire_me", "seek-statement", "I am currently looking for a new position in {field}."),
    ("hire_me", "seek-statement", "I'm job hunting and hoping to land a role at {org}."),
    ("hire_me", "seek-statement", "I'm keen on a position with {org} if one comes up."),
    ("hire_me", "seek-statement", "I am seeking a junior role on a {team} team like yours."),
    (
        "hire_me",
        "seek-statement",
        "I'm on the market for a {role} job and {org} is my first choice.",
    ),
    ("hire_me", "seek-statement", "My goal is to secure a {role} role at {org} this year."),
    ("hire_me", "seek-statement", "I'm searching for work as a {role} near you."),
]
GOOD_ASKS += [
    ("tricky", "tr-cv-offer", "I've put my CV at the bottom so you can see my background."),
    ("tricky", "tr-cv-offer", "Glad to send my résumé beforehand if it makes the call easier."),
    ("tricky", "tr-cv-offer", "My LinkedIn profile has my full background, if useful."),
    ("tricky", "tr-cv-offer", "A copy of my CV is attached only so you know who I am."),
    ("tricky", "tr-cv-offer", "I'm including my résumé as background, nothing more."),
    (
        "tricky",
        "tr-cv-offer",
        "Happy to share my portfolio with you if you're curious about my work.",
    ),
    ("tricky", "tr-cv-offer", "You'll find my CV attached for context on where I'm coming from."),
    (
        "tricky",
        "tr-before2",
        "Before I apply for anything in {field}, could we talk about what the work involves?",
    ),
    (
        "tricky",
        "tr-before2",
        "Ahead of applying to roles next year, I'd love to hear what your first year was like.",
    ),
    (
        "tricky",
        "tr-before2",
        "Before I send out any applications, could I ask how you chose your first employer?",
    ),
    ("advice", "adv-for-me", "Would you have 15 minutes for me next week?"),
    ("advice", "adv-for-me", "Could you make 20 minutes for me sometime this month?"),
    ("advice", "adv-for-me", "Might you find ten minutes for me after the conference?"),
]

# A fifth round: the plain phrasings of a good request that the model read as requests
# because they share words with them ("your work", "would value your view", "exploring
# roles in a field", "it would help me").
GOOD_ASKS += [
    ("advice", "adv-value", "I am exploring research roles in {field} and would value your view."),
    (
        "advice",
        "adv-value",
        "I'm looking into analyst roles across {field} and would value your perspective on them.",
    ),
    (
        "advice",
        "adv-value",
        "Your view of {field} would help me a great deal as I decide where to go next.",
    ),
    ("advice", "adv-value", "Anything you could share about your work would help me enormously."),
    (
        "advice",
        "adv-value",
        "{mutual} thought you would be the right person to ask about your work as a {role}.",
    ),
    (
        "advice",
        "adv-value",
        "I'd be grateful for your perspective on the kinds of roles people hold in {field}.",
    ),
    (
        "advice",
        "adv-value",
        "Hearing how your work at {org} fits into the wider field would help me choose my next step.",
    ),
    (
        "advice",
        "adv-value",
        "I hope to understand what the work of a {role} is like before I commit to a course.",
    ),
]
