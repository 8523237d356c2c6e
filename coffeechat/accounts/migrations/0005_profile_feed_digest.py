"""Calendar feed secrets were stored as they are; keep only their SHA-256 (issue 18,
finding 4). A feed already subscribed keeps working: its URL's secret has that digest."""

import hashlib

from django.db import migrations, models


def digest_the_tokens(apps, schema_editor):
    Profile = apps.get_model("accounts", "Profile")
    for profile in Profile.objects.exclude(feed_token="").only("pk", "feed_token"):
        Profile.objects.filter(pk=profile.pk).update(
            feed_digest=hashlib.sha256(profile.feed_token.encode()).hexdigest())


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0004_invitation_loginfailure_coachgrant"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="feed_digest",
            field=models.CharField(blank=True, db_index=True, max_length=64, serialize=False),
        ),
        # Backwards the secrets cannot be recovered: the feeds are off, to be renewed.
        migrations.RunPython(digest_the_tokens, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="profile",
            name="feed_token",
        ),
    ]
