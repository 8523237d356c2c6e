from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("people/", views.person_list, name="list"),
    path("people/bulk/", views.person_bulk, name="bulk"),
    path("people/new/", views.person_new, name="new"),
    path("people/new/duplicates/", views.duplicate_check, name="duplicate_check"),
    path("people/<int:pk>/", views.person_detail, name="detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="edit"),
    path("people/<int:pk>/duplicates/", views.person_duplicates, name="duplicates"),
    path("people/<int:pk>/notes/", views.person_note, name="note"),
    path("people/<int:pk>/timeline/", views.person_timeline, name="timeline"),
    path("people/<int:pk>/notes/<int:note_pk>/delete/", views.note_delete, name="note_delete"),
    path("people/<int:pk>/merge/", views.person_merge, name="merge"),
    path("people/<int:pk>/delete/", views.person_delete, name="delete"),
    path("orgs/", views.organization_list, name="organizations"),
    path("orgs/<int:pk>/", views.organization_detail, name="organization"),
    path("orgs/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("orgs/<int:pk>/delete/", views.organization_delete, name="organization_delete"),
]
