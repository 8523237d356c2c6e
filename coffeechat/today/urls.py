from django.urls import path

from . import views

app_name = "today"
urlpatterns = [
    path("", views.home, name="home"),
    path("tasks/mark/", views.mark, name="mark"),
    path("tasks/mark/<int:pk>/undo/", views.unmark, name="unmark"),
]
