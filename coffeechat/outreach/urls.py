from django.urls import path

from . import views

app_name = "outreach"
urlpatterns = [
    path("people/<int:person_pk>/compose/", views.compose, name="compose"),
    path("outreach/check/", views.check, name="check"),
    path("outreach/templates/", views.template_list, name="templates"),
    path("outreach/templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("settings/files/", views.file_list, name="files"),
    path("settings/files/<int:pk>/delete/", views.file_delete, name="file_delete"),
    path("outreach/templates/<int:pk>/delete/", views.template_delete, name="template_delete"),
]
