"""The question bank (SPEC Q1, Q1b)."""

from ninja import Query, Router, Status
from ninja.pagination import paginate

from coffeechat.questions import services

from ..common import Paged, actor, answers, reader
from ..schemas import Flag, Id, QuestionIn, QuestionOut

router = Router(tags=["questions"])


@router.get("/questions", response=answers({200: list[QuestionOut]}))
@paginate(Paged)
def list_questions(request, explorer: Query[Id | None] = None, retired: Query[Flag | None] = None):
    """The bank by domain and rank; the built-in questions are copied in on first use.
    `retired=true` lists retired questions too."""
    return services.bank_for(reader(request, explorer), include_retired=bool(retired))


@router.post("/questions", response=answers({201: QuestionOut}))
def add_question(request, payload: QuestionIn):
    values = payload.dict()
    values["tiara"] = values["tiara"] or ""
    values["topic"] = values["topic"] or ""
    return Status(201, services.add_question(actor(request), **values))
