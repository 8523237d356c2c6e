from django.urls import path

from . import views

app_name = "trash"
urlpatterns = [
    path("", views.trash_page, name="home"),
    path("<int:pk>/restore/", views.restore, name="restore"),
    path("<int:pk>/delete/", views.delete_forever, name="delete"),
    path("empty/", views.empty, name="empty"),
]
