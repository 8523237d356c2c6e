from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "coffeechat.accounts"
    label = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(start_session_clock, dispatch_uid="coffeechat_session_clock")

        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from .services import close_feed_when_credentials_change

        post_save.connect(
            close_feed_when_credentials_change,
            sender=get_user_model(),
            dispatch_uid="coffeechat_close_feed",
        )


def start_session_clock(sender, request, user, **kwargs):
    # The middleware module imports Django's auth views and forms: only a login needs them,
    # not every command.
    from .middleware import start_session_clock

    start_session_clock(sender, request, user, **kwargs)
