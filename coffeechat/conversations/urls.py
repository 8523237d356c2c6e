from django.urls import path

from . import views

app_name = "conversations"
urlpatterns = [
    path("people/<int:person_pk>/ask/", views.ask, name="ask"),
    path("conversations/<int:pk>/", views.conversation_detail, name="detail"),
]
