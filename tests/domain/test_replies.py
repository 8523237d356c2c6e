from coffeechat.domain.journey import Outcome
from coffeechat.domain.replies import NEXT_STEP, proposed_answer


def test_declined_too_busy_thanks_them_and_asks_whom_else_to_talk_to():
    answer = proposed_answer(Outcome.DECLINED_BUSY, their_name="Priya Raman", my_name="Sam")
    assert answer.startswith("Thank you") and "Priya" in answer
    assert "someone else" in answer and answer.rstrip().endswith("Sam")


def test_busy_now_asks_for_a_better_time_and_keeps_the_time_bound():
    answer = proposed_answer(Outcome.BUSY_NOW, their_name="Tomás", my_name="Sam", minutes=15)
    assert "better time" in answer and "15 minutes" in answer


def test_every_outcome_has_an_answer_and_a_next_step():
    for outcome in Outcome:
        assert proposed_answer(outcome, their_name="A", my_name="B")
        assert NEXT_STEP[outcome]


def test_a_missing_name_still_reads_well():
    assert "there" in proposed_answer(Outcome.CLEAR_NO, their_name="", my_name="")


def test_the_thank_you_recalls_something_specific_or_asks_for_it():
    from coffeechat.domain.replies import thank_you_note

    note = thank_you_note(their_name="Priya Raman", my_name="Sam", recalled="Start small.")
    assert "“Start small”." in note and note.startswith("Dear Priya")
    assert "[Recall one specific thing" in thank_you_note(their_name="P", my_name="S")
