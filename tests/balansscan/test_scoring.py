"""The scan's arithmetic, with examples computed by hand."""

from types import SimpleNamespace

import pytest

from balansscan.scoring import TEAM_MINIMUM, scores, team_summary, to_score, weakest


def statement(pk, slug):
    return SimpleNamespace(pk=pk, perspective=SimpleNamespace(slug=slug))


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([1, 1, 1], 0),  # all "helemaal niet"
        ([5, 5, 5], 100),  # all "helemaal wel"
        ([3], 50),
        ([2, 4], 50),  # mean 3
        ([4, 5, 5], 92),  # mean 14/3 = 4.667: 3.667 / 4 * 100 = 91.67
        ([2, 3, None], 38),  # "weet ik niet" left out: mean 2.5: 1.5 / 4 * 100 = 37.5, rounded to even 38
        ([None, None], None),  # nothing counted: no score, not 0
        ([], None),
    ],
)
def test_a_perspectives_score(answers, expected):
    assert to_score(answers) == expected


def test_scores_per_perspective_from_the_answers():
    statements = [statement(1, "besturen"), statement(2, "besturen"), statement(3, "leren"), statement(4, "sturen")]
    answers = {1: 5, 2: 3, 3: None}  # 4 not answered at all
    assert scores(answers, statements) == {"besturen": 75, "leren": None, "sturen": None}


def test_the_weakest_are_the_lowest_and_those_close_to_it():
    assert weakest({"besturen": 80, "sturen": 40, "presteren": 44, "leren": 70}) == ["sturen", "presteren"]
    assert weakest({"besturen": 80, "sturen": 40, "presteren": 46, "leren": 70}) == ["sturen"]


def test_in_balance_or_too_little_to_say_names_nothing():
    assert weakest({"besturen": 60, "sturen": 58, "presteren": 63, "leren": 61}) == []
    assert weakest({"besturen": 60, "sturen": None, "presteren": None, "leren": None}) == []


def test_a_team_needs_enough_members():
    two = [{"besturen": 50}, {"besturen": 100}]
    assert team_summary(two) is None
    three = [{"besturen": 50, "leren": 0}, {"besturen": 100, "leren": None}, {"besturen": 70, "leren": None}]
    summary = team_summary(three)
    assert TEAM_MINIMUM == 3
    besturen = summary["besturen"]
    # mean 220 / 3 = 73.3, shown to 5 points: 75; population sd of 50, 100, 70: sqrt(1266.7 / 3) = 20.5
    assert (besturen.average, besturen.spread, besturen.answered) == (75, "groot", 3)
    # Only one member could score leren: no figure, or that member's answer could be read from it.
    assert summary["leren"].average is None and summary["leren"].answered == 1


@pytest.mark.parametrize(
    ("scores", "level"), [((60, 62, 64), "klein"), ((50, 60, 75), "matig"), ((0, 50, 100), "groot")]
)
def test_a_teams_spread_is_shown_as_a_level(scores, level):
    # population sd: 1.6, 10.3, 40.8 points
    assert team_summary([{"leren": score} for score in scores])["leren"].spread == level
