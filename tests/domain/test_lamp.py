import pytest

from coffeechat.domain.lamp import (
    Candidate,
    LampScore,
    lamp_order,
    starter_contacts,
)


def names(ranked):
    return [r.score.name for r in ranked]


def test_motivation_comes_before_postings_and_advocacy():
    ranked = lamp_order(
        [
            LampScore(1, "Postings", advocacy=True, motivation=2, postings=3),
            LampScore(2, "Dream", advocacy=False, motivation=4, postings=1),
            LampScore(3, "Keen", advocacy=False, motivation=3, postings=1),
        ]
    )
    assert names(ranked) == ["Dream", "Keen", "Postings"]


def test_postings_break_a_motivation_tie_then_advocacy():
    ranked = lamp_order(
        [
            LampScore(1, "A", advocacy=True, motivation=2, postings=1),
            LampScore(2, "B", advocacy=False, motivation=2, postings=3),
            LampScore(3, "C", advocacy=True, motivation=2, postings=3),
        ]
    )
    assert names(ranked) == ["C", "B", "A"]


def test_dont_know_motivation_sorts_last():
    ranked = lamp_order(
        [
            LampScore(1, "Unknown", motivation=0, postings=3),
            LampScore(2, "Mild", motivation=1, postings=1),
        ]
    )
    assert names(ranked) == ["Mild", "Unknown"]


def test_the_top_five_are_the_first_batch():
    ranked = lamp_order([LampScore(n, f"Org {n}", motivation=3) for n in range(8)])
    assert [r.first_batch for r in ranked] == [True] * 5 + [False] * 3
    assert [r.rank for r in ranked] == list(range(1, 9))


@pytest.mark.parametrize(
    "values", [{"motivation": 5}, {"motivation": -1}, {"postings": 0}, {"postings": 4}]
)
def test_out_of_range_scores_are_refused(values):
    with pytest.raises(ValueError):
        LampScore(1, "X", **values)


def test_starters_prefer_functional_relevance_then_alumni_then_seniority():
    candidates = [
        Candidate(1, "Senior stranger", title="Finance Director", level="above"),
        Candidate(2, "Researcher", title="Senior UX Researcher", level="same"),
        Candidate(3, "Alumna", title="Office manager", level="above", how_found="alumni"),
        Candidate(4, "Intern", title="Intern", level="below"),
    ]
    assert [c.name for c in starter_contacts(candidates, "UX researcher")] == [
        "Researcher",
        "Alumna",
    ]


def test_people_who_said_no_are_never_starters():
    candidates = [
        Candidate(1, "No", title="UX researcher", do_not_ask=True),
        Candidate(2, "Maybe", title="Clerk"),
    ]
    assert [c.name for c in starter_contacts(candidates, "UX researcher")] == ["Maybe"]
