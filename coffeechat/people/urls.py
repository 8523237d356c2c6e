from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("people/", views.person_list, name="list"),
    path("people/new/", views.person_new, name="new"),
    path("people/<int:pk>/", views.person_detail, name="detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="edit"),
    path("orgs/", views.organization_list, name="organizations"),
    path("orgs/<int:pk>/", views.organization_detail, name="organization"),
]
