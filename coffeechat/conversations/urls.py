from django.urls import path

from . import views

app_name = "conversations"
urlpatterns = [
    path("people/<int:person_pk>/ask/", views.ask, name="ask"),
    path("conversations/<int:pk>/", views.conversation_detail, name="detail"),
    path(
        "conversations/<int:pk>/events/<int:event_pk>/delete/",
        views.event_delete,
        name="event_delete",
    ),
    path("conversations/<int:pk>/schedule/", views.conversation_schedule, name="schedule"),
    path("conversations/<int:pk>/cancel/", views.conversation_cancel, name="cancel"),
    path("conversations/<int:pk>/meeting.ics", views.meeting_ics, name="ics"),
    path("conversations/<int:pk>/live/", views.live_page, name="live"),
    path("conversations/<int:pk>/live/start/", views.live_start, name="live_start"),
    path("conversations/<int:pk>/live/mark/", views.live_mark, name="live_mark"),
    path("conversations/<int:pk>/live/note/", views.live_note, name="live_note"),
    path("conversations/<int:pk>/live/referral/", views.live_referral, name="live_referral"),
    path("conversations/<int:pk>/live/end/", views.live_end, name="live_end"),
    path("conversations/<int:pk>/findings/", views.findings_page, name="findings"),
    path("conversations/<int:pk>/recording/", views.recording_upload, name="recording"),
    path("conversations/<int:pk>/recording/file", views.recording_file, name="recording_file"),
    path("conversations/<int:pk>/recording/chunk/", views.recording_chunk, name="recording_chunk"),
    path("conversations/<int:pk>/transcript/", views.transcript_page, name="transcript"),
    path(
        "conversations/<int:pk>/transcript/cancel/",
        views.transcript_cancel,
        name="transcript_cancel",
    ),
    path(
        "conversations/<int:pk>/transcript/accept/",
        views.transcript_accept,
        name="transcript_accept",
    ),
    path("conversations/<int:pk>/employment/", views.employment_start, name="employment"),
]
