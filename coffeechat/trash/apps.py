from django.apps import AppConfig
from django.db.models.signals import post_delete


class TrashConfig(AppConfig):
    name = "coffeechat.trash"
    label = "trash"

    def ready(self):
        from .models import TrashItem

        post_delete.connect(remove_kept_recordings, sender=TrashItem,
                            dispatch_uid="trash.remove_kept_recordings")


def remove_kept_recordings(sender, instance, **kwargs) -> None:
    """However a Trash item goes (emptied, purged, its account deleted), the audio of the
    conversations it kept goes with it, once that commits."""
    from .services import discard_recordings

    discard_recordings(instance)
