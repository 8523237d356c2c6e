from django.urls import path

from . import views

app_name = "assistant"
urlpatterns = [
    path("settings/assistant/", views.settings_page, name="settings"),
    path("settings/assistant/log/erase/", views.erase_log, name="erase_log"),
    path("assistant/draft/", views.draft, name="draft"),
    path("assistant/summary/<int:pk>/", views.summary, name="summary"),
]
