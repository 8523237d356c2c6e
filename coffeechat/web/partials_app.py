"""django-template-partials as an app, without its own AppConfig: that module imports
django.contrib.admin (not used here), which every command then paid for. The template
loaders its AppConfig would install are listed in settings.TEMPLATES instead."""

from django.apps import AppConfig


class TemplatePartialsConfig(AppConfig):
    name = "template_partials"
