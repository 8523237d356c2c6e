from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "coffeechat.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
