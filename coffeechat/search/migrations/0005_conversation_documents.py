"""Conversations become searchable: what was said in them (issue 20, point 11).

A new kind of document, one per conversation, holds the texts of its events (the ask
sent), its scratch pad, findings, question notes and the names of the people it
referred me to; `conversations.services.index_conversation` keeps it current. This
migration writes the documents of the conversations that exist already, the same way
(the FTS5 triggers and the tsvector index take them in as any other row).
"""

from django.db import migrations, models


def index_existing(apps, schema_editor):
    Conversation = apps.get_model("conversations", "Conversation")
    Event = apps.get_model("conversations", "Event")
    Finding = apps.get_model("conversations", "Finding")
    QuestionNote = apps.get_model("questions", "QuestionNote")
    Person = apps.get_model("people", "Person")
    SearchDocument = apps.get_model("search", "SearchDocument")
    texts = {}
    for model, column in ((Event, "text"), (Finding, "text"), (QuestionNote, "text")):
        for pk, text in model.objects.exclude(text="").values_list("conversation_id", column):
            texts.setdefault(pk, []).append(text)
    for pk, name in Person.objects.filter(found_via_conversation__isnull=False).values_list(
            "found_via_conversation_id", "name"):
        texts.setdefault(pk, []).append(name)
    batch = []
    for conversation in Conversation.objects.select_related("person").iterator(chunk_size=2000):
        body = [conversation.scratch, *texts.get(conversation.pk, [])]
        batch.append(SearchDocument(
            owner_id=conversation.owner_id, kind="conversation", object_id=conversation.pk,
            title=f"Conversation with {conversation.person.name}"[:300],
            body="\n".join(text for text in body if text.strip())))
        if len(batch) >= 1000:
            SearchDocument.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    SearchDocument.objects.bulk_create(batch, ignore_conflicts=True)


def drop_them(apps, schema_editor):
    apps.get_model("search", "SearchDocument").objects.filter(kind="conversation").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0004_records_above_notes_in_index"),
        ("conversations", "0005_today_due_dates"),
        ("questions", "0002_questionnote"),
        ("people", "0004_person_referral_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchdocument",
            name="kind",
            field=models.CharField(choices=[
                ("person", "Person"), ("organization", "Organization"),
                ("exploration", "Exploration"), ("note", "Note"),
                ("conversation", "Conversation")], max_length=20),
        ),
        migrations.RunPython(index_existing, drop_them),
    ]
