from django.urls import path

from . import views

app_name = "questions"
urlpatterns = [
    path("conversations/<int:pk>/plan/", views.plan_page, name="plan"),
    path("conversations/<int:pk>/plan/change/", views.plan_change, name="plan_change"),
    path("conversations/<int:pk>/checklist/", views.checklist_tick, name="tick"),
    path("conversations/<int:pk>/prep/", views.prep_sheet, name="prep"),
    path("conversations/<int:pk>/prep.pdf", views.prep_pdf, name="prep_pdf"),
    path("questions/", views.bank_page, name="bank"),
    path("questions/<int:pk>/", views.question_edit, name="edit"),
    path("questions/<int:pk>/retire/", views.question_retire, name="retire"),
    path("about-me/", views.about_me, name="about_me"),
    path("about-me/<int:pk>/delete/", views.about_me_delete, name="about_me_delete"),
]
