from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from coffeechat.conversations.services import get_conversation_for
from coffeechat.domain.planner import Shape
from coffeechat.insights.pdf import pdf_of
from coffeechat.people.services import get_person_for

from . import services
from .forms import EditQuestionForm, QuestionForm, TalkingPointForm


def plan_context(request, conversation):
    plan = services.current_plan(request.user, conversation)
    items = list(services.plan_items(conversation))
    placed = {item.question.key: item for item in plan.items}
    reasons = {entry.question.key: entry.reason for entry in plan.left_out}
    return {
        "conversation": conversation,
        "plan": plan,
        "rows": [
            (item, placed.get(item.question.key), reasons.get(item.question.key, ""))
            for item in items
        ],
        "bank": services.bank_for(request.user),
        "checklist": services.checklist(conversation),
        "points": services.talking_points_for(request.user, conversation.exploration),
        "shapes": list(Shape),
    }


def plan_page(request, pk):
    conversation = get_conversation_for(request.user, pk)
    template = (
        "questions/plan.html#plan" if request.headers.get("HX-Request") else "questions/plan.html"
    )
    return TemplateResponse(request, template, plan_context(request, conversation))


@require_POST
def plan_change(request, pk):
    """Build, reorder, swap, add or remove; htmx gets the plan partial back."""
    conversation = get_conversation_for(request.user, pk)
    services.change_plan(
        request.user,
        conversation,
        request.POST.get("action"),
        item=request.POST.get("item"),
        question=request.POST.get("question"),
        shape=request.POST.get("shape"),
    )
    return (
        plan_page(request, pk)
        if request.headers.get("HX-Request")
        else redirect("questions:plan", pk=pk)
    )


@require_POST
def checklist_tick(request, pk):
    conversation = get_conversation_for(request.user, pk)
    services.tick(
        request.user, conversation, request.POST.get("key", ""), request.POST.get("done") == "on"
    )
    return redirect("questions:plan", pk=pk)


def prep_context(request, pk):
    conversation = get_conversation_for(request.user, pk)
    person = get_person_for(request.user, conversation.person_id)
    return {
        **plan_context(request, conversation),
        "person": person,
        "meeting": conversation.meeting,
    }


def prep_sheet(request, pk):
    """One printable page for the meeting (print CSS)."""
    return TemplateResponse(request, "questions/prep.html", prep_context(request, pk))


def prep_pdf(request, pk):
    """The prep sheet as a PDF file, rendered like the exploration report."""
    from django.http import HttpResponse
    from django.template.loader import render_to_string

    html = render_to_string("questions/prep_pdf.html", prep_context(request, pk), request=request)
    response = HttpResponse(pdf_of(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="prep-{pk}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
def bank_page(request):
    form = QuestionForm(request.POST or None)
    if form.is_valid():
        services.add_question(request.user, **form.cleaned_data)
        return redirect("questions:bank")
    return TemplateResponse(
        request,
        "questions/bank.html",
        {
            "form": form,
            "questions": services.bank_for(request.user, include_retired=True),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def question_edit(request, pk):
    question = services.get_question_for(request.user, pk)
    form = EditQuestionForm(
        request.POST or None, instance=question, initial={"version": question.version}
    )
    if form.is_valid():
        values = dict(form.cleaned_data)
        services.update_question(request.user, pk, values.pop("version"), **values)
        return redirect("questions:bank")
    return TemplateResponse(
        request,
        "questions/question_edit.html",
        {"form": form, "question": question},
        status=400 if form.errors else 200,
    )


@require_POST
def question_retire(request, pk):
    services.retire_question(request.user, pk, request.POST.get("retired", "on") == "on")
    return redirect("questions:bank")


@require_http_methods(["GET", "POST"])
def about_me(request):
    form = TalkingPointForm(request.POST or None, user=request.user)
    if form.is_valid():
        services.add_talking_point(request.user, **form.cleaned_data)
        return redirect("questions:about_me")
    return TemplateResponse(
        request,
        "questions/about_me.html",
        {
            "form": form,
            "points": services.all_talking_points(request.user),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def about_me_delete(request, pk):
    services.delete_talking_point(request.user, pk)
    return redirect("questions:about_me")
