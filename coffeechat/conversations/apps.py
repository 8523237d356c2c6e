from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete


class ConversationsConfig(AppConfig):
    name = "coffeechat.conversations"
    label = "conversations"

    def ready(self):
        from coffeechat.trash import services as trash
        from coffeechat.trash.models import TrashItem

        from . import services
        from .models import Conversation

        post_delete.connect(
            remove_recording_file,
            sender=Conversation,
            dispatch_uid="conversations.remove_recording_file",
        )
        post_delete.connect(
            remove_kept_recordings,
            sender=TrashItem,
            dispatch_uid="conversations.remove_kept_recordings",
        )
        trash.RESTORE_CHECKS.append(services.check_restorable)
        trash.AFTER_RESTORE.append(services.refresh_restored)


def remove_recording_file(sender, instance, **kwargs) -> None:
    """However a conversation goes (its person or exploration deleted or erased, its
    account deleted), its audio goes with it, once the deletion commits. Only a file
    named for this very conversation is removed; a conversation moved to the Trash keeps
    its file until the Trash lets it go (trash/services.py)."""
    from .services import recording_belongs, remove_recordings

    name = instance.recording.name
    if getattr(instance, "_keep_recording", False):  # moved to the Trash, not gone
        return
    if name and recording_belongs(instance.pk, name):
        transaction.on_commit(lambda: remove_recordings([name]))


def remove_kept_recordings(sender, instance, **kwargs) -> None:
    """However a Trash item goes (emptied, purged, its account deleted), the audio of the
    conversations it kept goes with it, once that commits."""
    from .services import discard_trashed_recordings

    discard_trashed_recordings(instance.rows)
