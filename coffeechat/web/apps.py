from django.apps import AppConfig


class WebConfig(AppConfig):
    """Presentation shared by every area: template tags and filters."""

    name = "coffeechat.web"
    label = "web"
