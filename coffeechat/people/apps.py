from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "coffeechat.people"
    label = "people"
