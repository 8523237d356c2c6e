from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.settings_page, name="settings"),
    path("settings/feed/renew/", views.feed_renew, name="feed_renew"),
    path("settings/feed/revoke/", views.feed_revoke, name="feed_revoke"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="feed"),
]
