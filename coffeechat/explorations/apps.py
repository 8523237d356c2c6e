from django.apps import AppConfig


class ExplorationsConfig(AppConfig):
    name = "coffeechat.explorations"
    label = "explorations"
