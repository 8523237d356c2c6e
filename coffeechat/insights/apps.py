from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Learn and decide: the 360° grid, findings side by side, numbers, the report (L1-L5)."""

    name = "coffeechat.insights"
    label = "insights"
