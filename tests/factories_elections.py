"""factory-boy factories for committee elections (seed 000 §2.2)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from governance import models

from .factories import BodyFactory, SchoolFactory, UserFactory, teacher


class ElectionFactory(DjangoModelFactory):
    """An election in its nominating state; set ``status`` for later ones."""

    class Meta:
        model = models.Election

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Election {n}")
    seats = 2
    term_start = datetime.date(2027, 9, 1)
    term_end = datetime.date(2028, 8, 31)
    created_by = factory.SubFactory(UserFactory)


class CandidateFactory(DjangoModelFactory):
    class Meta:
        model = models.Candidate

    election = factory.SubFactory(ElectionFactory)
    person = factory.LazyAttribute(lambda o: teacher(o.election.body.school))
    nominated_by = factory.SelfAttribute("person")
    statement = "I will stand."


class ElectionVoteFactory(DjangoModelFactory):
    class Meta:
        model = models.ElectionVote

    candidate = factory.SubFactory(CandidateFactory)
    election = factory.SelfAttribute("candidate.election")
    voter = factory.LazyAttribute(lambda o: teacher(o.election.body.school))


def committee_with_teachers(n, school=None, **body_kwargs):
    """A School Committee of ``school`` (a new one by default) and ``n`` teachers of the school
    who hold no seat on it."""
    school = school or SchoolFactory()
    body = BodyFactory(kind="school_committee", school=school, **body_kwargs)
    return body, [teacher(school) for _ in range(n)]
