"""Every URL of the app, plus /__bench__/bare/<size>/ for the framework's ceiling."""

from django.urls import path

from coffeechat.urls import urlpatterns as app_urlpatterns

from . import views

urlpatterns = [
    path("__bench__/bare/<int:size>/", views.bare, name="bench-bare"),
    *app_urlpatterns,
]
