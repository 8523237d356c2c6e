from django.urls import path

from . import views

app_name = "explorations"
urlpatterns = [
    path("", views.exploration_list, name="list"),
    path("<int:pk>/", views.exploration_detail, name="detail"),
    path("<int:pk>/edit/", views.exploration_edit, name="edit"),
]
