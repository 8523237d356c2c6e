from django.urls import path

from . import views

app_name = "conversations"
urlpatterns = [
    path("people/<int:person_pk>/ask/", views.ask, name="ask"),
    path("conversations/<int:pk>/", views.conversation_detail, name="detail"),
    path("conversations/<int:pk>/schedule/", views.conversation_schedule, name="schedule"),
    path("conversations/<int:pk>/cancel/", views.conversation_cancel, name="cancel"),
    path("conversations/<int:pk>/meeting.ics", views.meeting_ics, name="ics"),
]
