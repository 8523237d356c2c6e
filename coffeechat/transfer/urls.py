from django.urls import path

from . import views

app_name = "transfer"
urlpatterns = [
    path("", views.data_home, name="home"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_job, name="job"),
    path("import/<int:pk>/commit/", views.import_commit, name="commit"),
    path("import/<int:pk>/columns/", views.import_columns, name="columns"),
    path("import/<int:pk>/discard/", views.import_discard, name="discard"),
    path("export/<str:kind>/", views.export, name="export"),
    path("restore/", views.restore, name="restore"),
    path("erase/<int:pk>/", views.erase, name="erase"),
]
