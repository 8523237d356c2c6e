from django.apps import AppConfig


class OutreachConfig(AppConfig):
    """Asking for the conversation: templates, the message checker, sending (SPEC O)."""

    name = "coffeechat.outreach"
    label = "outreach"
