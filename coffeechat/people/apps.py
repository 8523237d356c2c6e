from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "coffeechat.people"
    label = "people"

    def ready(self):
        from coffeechat.trash import services as trash

        from . import services

        trash.AFTER_RESTORE.append(services.refresh_restored)
