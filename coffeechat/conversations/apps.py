from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "coffeechat.conversations"
    label = "conversations"
