from django.urls import include, path

from coffeechat.api.api import api

urlpatterns = [
    path("", include("coffeechat.today.urls")),
    path("explorations/", include("coffeechat.explorations.urls")),
    path("", include("coffeechat.people.urls")),
    path("", include("coffeechat.conversations.urls")),
    path("search/", include("coffeechat.search.urls")),
    path("", include("coffeechat.accounts.urls")),
    path("", include("coffeechat.outreach.urls")),
    path("", include("coffeechat.questions.urls")),
    path("", include("coffeechat.insights.urls")),
    path("data/trash/", include("coffeechat.trash.urls")),
    path("data/", include("coffeechat.transfer.urls")),
    path("api/v1/", api.urls),
    path("", include("coffeechat.api.urls")),
    path("", include("coffeechat.assistant.urls")),  # the writing assistant (issue 23)
]
