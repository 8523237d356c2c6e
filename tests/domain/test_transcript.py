"""Placing a transcript's words under the question current when they were spoken (C5)."""

from coffeechat.domain.transcript import (
    Switch,
    Word,
    drafts_by_question,
    place,
    question_at,
    word_error_rate,
)


def words(*timed):
    return [Word(start, end, f" {text}") for start, end, text in timed]


def test_a_word_goes_under_the_question_current_at_its_middle():
    switches = [Switch(0, 1), Switch(10, 2)]
    pieces = place(
        words(
            (8.0, 9.0, "before"), (9.6, 10.6, "straddles"), (9.8, 10.0, "late"), (11, 12, "after")
        ),
        switches,
    )
    assert [(p.question_id, p.text) for p in pieces] == [
        (1, "before"),
        (2, "straddles"),
        (1, "late"),
        (2, "after"),
    ]


def test_words_before_the_clock_and_after_its_end_have_no_question():
    pieces = place(
        words((1, 2, "hello"), (5, 6, "answer"), (30, 31, "bye")), [Switch(4, 7), Switch(20, None)]
    )
    assert [(p.question_id, p.text) for p in pieces] == [
        (None, "hello"),
        (7, "answer"),
        (None, "bye"),
    ]


def test_switches_given_out_of_order_are_read_in_time_order():
    assert question_at(15, [Switch(10, 2), Switch(0, 1)]) == 2


def test_a_question_returned_to_later_gets_both_parts_as_one_draft():
    pieces = place(
        words((1, 2, "first"), (6, 7, "other"), (11, 12, "again")),
        [Switch(0, 1), Switch(5, 2), Switch(10, 1)],
    )
    assert drafts_by_question(pieces) == {1: "first again", 2: "other"}


def test_pieces_keep_their_times_and_tidy_spaces():
    [piece] = place(words((1, 2, "a"), (2, 3, " b ")), [Switch(0, 3)])
    assert (piece.start, piece.end, piece.text) == (1, 3, "a b")


def test_word_error_rate_ignores_case_and_punctuation():
    assert word_error_rate("Hello, world.", "hello world") == 0
    assert word_error_rate("one two three four", "one too three") == 0.5
    assert word_error_rate("", "") == 0
