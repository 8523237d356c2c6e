"""What to do now (SPEC T1, T3)."""

from datetime import date

from django.utils import timezone
from ninja import Query, Router

from coffeechat.today import services

from ..common import answers, reader
from ..schemas import Day, Id, TaskOut

router = Router(tags=["today"])


@router.get("/today", response=answers({200: list[TaskOut]}))
def today(request, explorer: Query[Id | None] = None, on: Query[Day | None] = None):
    """The prioritized list, overdue first; `on` shows it as it will be on that day."""
    day: date = on or timezone.localdate()
    return [
        {
            "key": task.key,
            "kind": task.kind.value,
            "due": task.due,
            "bucket": task.bucket(day).name.lower(),
            "title": task.title,
            "person_name": task.person_name,
            "conversation_id": task.conversation_id,
            "person_id": task.person_id,
        }
        for task in services.tasks_on(reader(request, explorer), day)
    ]
