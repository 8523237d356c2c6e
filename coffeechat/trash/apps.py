from django.apps import AppConfig


class TrashConfig(AppConfig):
    """Below the areas whose records it keeps: they register what a restore or a
    discarded item means for them (conversations/apps.py, people/apps.py)."""

    name = "coffeechat.trash"
    label = "trash"
