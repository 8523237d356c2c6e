"""The parts around an ask: greetings, how the writer found the reader, a line about
the writer, closings. Written for coffeechat in several registers (formal, plain,
casual, non-native), with a few typos on purpose.

Tags say what a part contributes, so the corpus can say which O4 warnings should fire
on a good message: "time" names the time asked for, "question" ends in "?", "interest"
names a role, organization or field.
"""

NAMES = [
    "Amara",
    "Mr. Chen",
    "Dr. Okafor",
    "Sofia",
    "Ms. Lindqvist",
    "Rahul",
    "Jo",
    "Kenji",
    "Ms. Haddad",
    "Tomás",
    "Priya",
    "Mr. Novak",
    "Grace",
    "Dr. Mensah",
    "Lea",
    "Ibrahim",
]
ORGS = [
    "Northwind Bank",
    "Acme Health",
    "Globex",
    "Initech",
    "the city council",
    "Fabrikam",
    "Contoso",
    "Blue Harbor Studio",
    "Umbrella Labs",
    "Riverside Hospital",
    "Tailspin Air",
    "Wide World Importers",
    "the Open Data Institute",
    "Greenfield Energy",
    "Lumen Press",
]
ROLES = [
    "product designer",
    "data analyst",
    "UX researcher",
    "policy advisor",
    "software engineer",
    "project manager",
    "marketing associate",
    "financial analyst",
    "content strategist",
    "nurse educator",
    "sustainability consultant",
    "technical writer",
    "account manager",
]
FIELDS = [
    "UX research",
    "climate tech",
    "health policy",
    "data science",
    "product design",
    "public relations",
    "supply chain management",
    "renewable energy",
    "fintech",
    "museum education",
    "game development",
    "urban planning",
    "clinical research",
    "nonprofit fundraising",
    "cybersecurity",
    "publishing",
    "investment banking",
]
TEAMS = ["design", "analytics", "platform", "research", "growth", "policy", "data", "editorial"]
TOPICS = [
    "accessible banking apps",
    "heat pumps in old houses",
    "open data standards",
    "patient onboarding",
    "carbon accounting",
    "design systems",
    "community solar",
]
MUTUALS = [
    "Priya Shah",
    "my cousin Dan",
    "Professor Ortiz",
    "Leo from the alumni network",
    "our former colleague Marta",
    "Sam Patel",
]
SCHOOLS = ["Leeds", "Michigan", "McGill", "Monash", "UCD", "Toronto Metropolitan", "NUS"]

# How the writer found the reader: (text, tags)
HOOKS = [
    ("{mutual} suggested I get in touch with you.", {"interest": False}),
    ("{mutual} mentioned you'd be a great person to talk to about {field}.", {"interest": True}),
    ("We met briefly at the {field} meetup last month.", {"interest": True}),
    ("I found your profile while reading about {field} teams at {org}.", {"interest": True}),
    ("I read your article on {topic} and it changed how I think about it.", {"interest": False}),
    ("Your talk on {topic} at the spring conference stayed with me.", {"interest": False}),
    (
        "I'm a fellow {school} graduate and saw that you're now a {role} at {org}.",
        {"interest": True},
    ),
    ("I came across your post about {topic} on LinkedIn.", {"interest": False}),
    ("I saw your name on the {school} alumni list under {field}.", {"interest": True}),
    ("My manager, who worked with you years ago, speaks highly of you.", {"interest": False}),
    ("Your newsletter on {topic} has been my Sunday reading for a year.", {"interest": False}),
    ("I noticed we're both in the {field} group here.", {"interest": True}),
    ("I hope this message finds you well.", {"interest": False}),
    ("hope ur well!", {"interest": False}),
    ("I hope you are doing good.", {"interest": False}),
]

# The writer in one or two sentences: (text, tags)
ABOUT_ME = [
    ("I'm a final-year student at {school} studying economics.", {}),
    (
        "I teach secondary-school science and I'm looking at a move into {field}.",
        {"interest": True},
    ),
    (
        "I've spent six years in retail management and I'm curious about {field}.",
        {"interest": True},
    ),
    ("I work in customer support and have been learning SQL in the evenings.", {}),
    ("I'm a junior developer exploring where {field} might take me.", {"interest": True}),
    ("I recently moved to Lisbon after eight years in logistics.", {}),
    ("I'm researching careers in {field} as I finish my master's.", {"interest": True}),
    (
        "I am a mechanical engineer with five years experience, now thinking about {field}.",
        {"interest": True},
    ),
    ("I'm a career changer coming from journalism.", {}),
    ("I'm a nurse thinking about the research side of health care.", {"interest": True}),
    ("I run a small bakery and I'm learning about {field} on the side.", {"interest": True}),
    ("", {}),
    ("", {}),
]

# Closings: (text, tags)
CLOSERS = [
    ("Thank you for considering it.", {}),
    ("I know your time is valuable, so no worries if now isn't a good moment.", {}),
    ("Happy to work around your schedule.", {}),
    ("Even ten minutes would help me a great deal.", {"time": True}),
    ("I'd keep it to 15 minutes, promise.", {"time": True}),
    ("Thanks so much in advance!", {}),
    ("Many thanks for reading this far.", {}),
    ("cheers!", {}),
    ("Thank you for your time and kind consideration.", {}),
    ("", {}),
]

SIGNOFFS = [
    "Best,\nMaya",
    "Kind regards,\nDaniel Osei",
    "Thanks,\nLin",
    "Warm wishes,\nAna",
    "Best regards,\nArjun",
    "Cheers,\nTom",
    "Regards,\nFatima",
    "Sincerely,\nJulia Park",
    "Thank you,\nWei",
    "— Noor",
    "",
]

GREETINGS = [
    "Hi {name},",
    "Dear {name},",
    "Hello {name},",
    "Hey {name}!",
    "Good morning {name},",
    "{name} —",
    "Dear Sir/Madam,",
    "Hi there,",
]

# Phone openers start like a call.
PHONE_OPENINGS = [
    "Hi, is this {name}? This is Maya Brooks; {mutual} gave me your number.",
    "Hello, my name is Daniel and I'm calling because {mutual} suggested I speak with you.",
    "Hi {name}, it's Lin from the {school} alumni network, do you have a moment?",
    "Good afternoon, this is Arjun Rao. I got your name from {mutual}.",
    "Hi {name}, thanks for picking up. I'm Ana, a friend of {mutual}.",
    "Hello, I'm calling for {name}. This is Fatima; we met at the {field} meetup.",
]

# A good ask sometimes comes with an explicit "not a job" line (SPEC O3).
DISCLAIMERS = [
    "I'm not asking for a job, just your advice.",
    "To be clear, I'm not looking for a job at {org}; I'd only like to learn from you.",
    "This isn't a job request; I'm still working out my direction.",
    "",
    "",
    "",
]
