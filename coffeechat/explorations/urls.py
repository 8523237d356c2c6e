from django.urls import path

from . import views

app_name = "explorations"
urlpatterns = [
    path("", views.exploration_list, name="list"),
    path("<int:pk>/", views.exploration_detail, name="detail"),
    path("<int:pk>/edit/", views.exploration_edit, name="edit"),
    path("<int:pk>/close/", views.exploration_close, name="close"),
    path("<int:pk>/delete/", views.exploration_delete, name="delete"),
    path("<int:pk>/reopen/", views.exploration_reopen, name="reopen"),
    path("<int:pk>/options/", views.option_add, name="option_add"),
    path("<int:pk>/options/<int:option_pk>/points/", views.point_add, name="point_add"),
    path("<int:pk>/targets/", views.target_set, name="target_set"),
]
