"""Quorum and the majority a motion needs, from a body's charter rules.

Seed 000 §2.1: the Academic and Research Council adopts a decision when 2/3 of the members
present vote for it; §2.2: a School Committee decides by a majority of voting members present;
§4.1.12: the Alumni Club council needs one third of its members present.
Seed 001 §5.3: exam and appeal commissions need 2/3 present, and the chair breaks a tie.
"""

import math
from dataclasses import dataclass
from fractions import Fraction

from governance.models.bodies import AbstentionRule, MajorityRule

TWO_THIRDS = Fraction(2, 3)


def at_least(fraction, whole):
    """Smallest whole number of people that is at least ``fraction`` of ``whole``."""
    return math.ceil(fraction * whole)


def is_quorate(quorum, present, members):
    """Whether ``present`` voting members make a quorum of ``members`` (no quorum rule: yes)."""
    if quorum is None:
        return True
    return members > 0 and Fraction(present, members) >= quorum


def quorum_needed(quorum, members):
    return 0 if quorum is None else at_least(quorum, members)


@dataclass(frozen=True)
class Requirement:
    """How many votes for a motion needs, out of which base, and why."""

    base: int
    needed: int
    # The exact share of the base behind ``needed`` (e.g. 2/3 × 20 = 13.33…), for the words.
    exact: Fraction


def requirement(rule, abstention_rule, members, present, votes_for, votes_against, abstain):
    """The votes for needed under ``rule``.

    "Of present" rules count every voting member present, voted or not; when the charter leaves
    abstentions out, the base is only those who voted for or against.
    """
    if rule == MajorityRule.ABSOLUTE_OF_ALL:
        base = members
    elif abstention_rule == AbstentionRule.EXCLUDED:
        base = votes_for + votes_against
    else:
        base = present
    if rule == MajorityRule.TWO_THIRDS_OF_PRESENT:
        exact = TWO_THIRDS * base
        return Requirement(base, at_least(TWO_THIRDS, base), exact)
    if rule == MajorityRule.UNANIMITY:
        return Requirement(base, base, Fraction(base))
    # Simple or absolute majority: more than half.
    return Requirement(base, base // 2 + 1, Fraction(base, 2))


def is_tie(rule, votes_for, req):
    """Exactly half of the base for a simple or absolute majority: the chair may break it."""
    return (
        rule in (MajorityRule.SIMPLE_OF_PRESENT, MajorityRule.ABSOLUTE_OF_ALL)
        and req.base > 0
        and votes_for * 2 == req.base
    )
