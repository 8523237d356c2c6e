from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("explorations/<int:pk>/insights/", views.overview, name="overview"),
    path("explorations/<int:pk>/side-by-side/", views.side_by_side, name="side_by_side"),
    path("explorations/<int:pk>/report.<str:kind>", views.report, name="report"),
]
