from django.urls import path

from . import team_views, views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.settings_page, name="settings"),
    path("settings/feed/renew/", views.feed_renew, name="feed_renew"),
    path("settings/feed/revoke/", views.feed_revoke, name="feed_revoke"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="feed"),
    # Team mode only (SPEC M2).
    path("account/login/", team_views.login_page, name="login"),
    path("account/logout/", team_views.logout_page, name="logout"),
    path("account/password/", team_views.password_change, name="password"),
    path("account/invitation/<str:secret>/", team_views.invitation, name="invitation"),
    path("account/coaches/", team_views.coaches, name="coaches"),
    path("account/coaches/<int:pk>/revoke/", team_views.coach_revoke, name="coach_revoke"),
    path("account/coaching/<int:pk>/leave/", team_views.coach_leave, name="coach_leave"),
    path("account/invitations/", team_views.invitations, name="invitations"),
    path(
        "account/invitations/<int:pk>/withdraw/",
        team_views.invitation_withdraw,
        name="invitation_withdraw",
    ),
]
