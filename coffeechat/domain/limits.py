"""How much text one field takes: the same for the web forms, the API and the services."""

# About 40 pages: far more than any note, and a page that shows one still renders quickly.
LONG_TEXT = 100_000


def too_long(text: str, label: str = "", limit: int = LONG_TEXT) -> str | None:
    """The message for a text over `limit` characters, naming the field when no form does
    (a form puts its label in front); None when it fits."""
    if len(text) <= limit:
        return None
    return (
        f"{label + ': a' if label else 'A'}t most {limit:,} characters; this one has "
        f"{len(text):,}. Keep a long document as a file and note where it is."
    )
