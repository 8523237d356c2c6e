from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    """Preparation: the question bank, the plan per conversation, about-me points and the
    checklist (SPEC Q1-Q5)."""

    name = "coffeechat.questions"
    label = "questions"
