"""The charter rules applied to vote counts: the result and its explanation in words."""

import pytest
from django.utils import translation

from governance.models.bodies import Body
from governance.voting import compute_result, explain


def body(**rules):
    defaults = {"majority_rule": "simple_present", "abstention_rule": "counted"}
    return Body(name_kk="Кеңес", **{**defaults, **rules})


def result(b, members, present, f, a=0, ab=0, casting=""):
    return compute_result(b, members, present, f, a, ab, casting)


def test_council_needs_two_thirds_of_present_and_says_so():
    council = body(majority_rule="two_thirds_present")
    with translation.override("en"):
        adopted = result(council, 25, 20, 14, 6)
        assert adopted.outcome == "adopted"
        assert explain(council, adopted).startswith(
            "Adopted: 14 for of 20 present; 2/3 of 20 = 13.34 → 14 needed."
        )
        rejected = result(council, 25, 20, 13, 7)
        assert rejected.outcome == "rejected"
        assert "Rejected: 13 for of 20 present" in explain(council, rejected)


def test_present_members_who_do_not_vote_count_against_of_present_rules():
    committee = body()
    # 9 present, 5 needed; 4 for and 5 silent is not a majority of those present.
    assert result(committee, 11, 9, 4, 0).outcome == "rejected"
    assert result(committee, 11, 9, 5, 0).outcome == "adopted"


def test_no_quorum_means_no_valid_decision():
    alumni = body(quorum_numerator=1, quorum_denominator=3)
    r = result(alumni, 30, 9, 9)
    assert r.outcome == "no_quorum"
    with translation.override("en"):
        assert explain(alumni, r) == (
            "No quorum: 9 of 30 voting members present, 10 needed. No valid decision was taken."
        )
    assert result(alumni, 30, 10, 9).outcome == "adopted"


@pytest.mark.parametrize(("present", "quorate"), [(13, False), (14, True)])
def test_two_thirds_quorum_rounds_up(present, quorate):
    commission = body(quorum_numerator=2, quorum_denominator=3)
    r = result(commission, 20, present, present)
    assert (r.outcome != "no_quorum") is quorate


def test_absolute_majority_counts_all_voting_members():
    board = body(majority_rule="absolute_all")
    assert result(board, 20, 12, 10).outcome == "rejected"
    assert result(board, 20, 12, 11).outcome == "adopted"


def test_unanimity_fails_on_one_vote_against():
    b = body(majority_rule="unanimity")
    assert result(b, 7, 7, 7).outcome == "adopted"
    assert result(b, 7, 7, 6, 1).outcome == "rejected"


def test_excluded_abstentions_leave_the_base():
    b = body(abstention_rule="excluded")
    # 3 for, 2 against, 4 abstain: 3 of 5 counted votes is a majority.
    assert result(b, 9, 9, 3, 2, 4).outcome == "adopted"
    counted = body(abstention_rule="counted")
    assert result(counted, 9, 9, 3, 2, 4).outcome == "rejected"


def test_chair_breaks_a_tie_only_where_the_charter_says_so():
    exam = body(chair_casting_vote=True)
    tie = result(exam, 8, 8, 4, 4, casting="for")
    assert (tie.outcome, tie.tie) == ("adopted", True)
    with translation.override("en"):
        assert "Tie broken by the chair's casting vote: For." in explain(exam, tie)
    assert result(exam, 8, 8, 4, 4, casting="against").outcome == "rejected"
    plain = body()
    assert result(plain, 8, 8, 4, 4, casting="for").outcome == "rejected"


def test_explanation_follows_the_active_language():
    council = body(majority_rule="two_thirds_present")
    r = result(council, 25, 20, 14, 6)
    with translation.override("kk"):
        kk = explain(council, r)
    with translation.override("en"):
        en = explain(council, r)
    assert "14" in kk and "13,34" in kk
    assert kk != en
