from django.apps import AppConfig


class AssistantConfig(AppConfig):
    """Drafts from a language model the user chooses, each held to the checker (SPEC O7)."""

    name = "coffeechat.assistant"
    label = "assistant"
