"""The annual open election of a School Committee's teacher members (seed 000 §2.2): who stands
and votes, marks, counting with a tie at the last seat, the seats of the elected, the pages, the
close task and parallel marks on PostgreSQL."""

import datetime
import threading
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from governance.elections import (
    ElectionError,
    can_follow_elections,
    can_manage_elections,
    cast,
    close_election,
    create_election,
    electors,
    may_stand,
    may_vote,
    nominate,
    open_voting,
    tally,
    withdraw,
)
from governance.models import Candidate, Election, ElectionVote, Membership, User
from governance.tasks.elections import (
    close_due_elections,
    notify_electors,
    send_election_notice,
)
from qa_portal.celery import app
from qa_portal.schedule import PERIODIC_TASKS

from . import factories as f
from .factories_elections import CandidateFactory, ElectionFactory, committee_with_teachers
from .services import need_postgres

TERM = {"term_start": datetime.date(2027, 9, 1), "term_end": datetime.date(2028, 8, 31)}


@pytest.fixture(autouse=True)
def english():
    """URLs are built under /en/ and messages compared in English."""
    with translation.override("en"):
        yield


def new_election(body, by=None, seats=2, **kwargs):
    return create_election(
        body, by or f.UserFactory(), title="Election 2027–2028", seats=seats, **{**TERM, **kwargs}
    )


def voting(n_candidates=3, seats=2, n_electors=4):
    """An election with voting open: (election, candidates, electors who are not candidates)."""
    body, teachers = committee_with_teachers(n_candidates + n_electors)
    election = new_election(body, seats=seats)
    candidates = [nominate(election, t, t) for t in teachers[:n_candidates]]
    return open_voting(election), candidates, teachers[n_candidates:]


def marks_of(election, voter):
    return set(
        ElectionVote.objects.filter(election=election, voter=voter).values_list(
            "candidate_id", flat=True
        )
    )


# --- who stands and who votes --------------------------------------------------------------


def test_the_schools_teachers_stand_and_vote_and_nobody_else(world):
    body, users = world.committee, world.users
    teacher_b = f.teacher(world.school_b)
    inactive = f.teacher(world.school_a, is_active=False)
    no_role = f.StaffProfileFactory(school=world.school_a).user  # staff, not a teacher
    for person in (users["teacher"], users["chair"], users["member"]):
        assert may_stand(person, body) and may_vote(person, body)
    for person in (
        users["student"],
        users["dean"],
        users["secretary"],
        users["qa_manager"],
        teacher_b,
        inactive,
        no_role,
    ):
        assert not may_stand(person, body) and not may_vote(person, body)
    assert set(electors(body)) == {users["teacher"], users["chair"], users["member"]}
    assert not may_vote(users["teacher"], world.council)
    assert list(electors(world.council)) == []


def test_who_follows_and_who_runs_the_elections(world):
    body, users = world.committee, world.users
    followers = {r for r, u in users.items() if u and can_follow_elections(u, body)}
    assert followers == {"teacher", "member", "secretary", "chair", "qa_manager"}
    managers = {r for r, u in users.items() if u and can_manage_elections(u, body)}
    assert managers == {"secretary", "chair", "qa_manager"}


def test_a_non_teacher_cannot_stand(world):
    election = new_election(world.committee)
    with pytest.raises(ElectionError, match="only teachers of School of Law may be elected"):
        nominate(election, world.users["student"], world.users["teacher"])
    with pytest.raises(ElectionError, match="only teachers"):
        nominate(election, f.teacher(world.school_b), world.users["teacher"])
    assert not election.candidates.exists()


def test_only_teachers_of_the_school_nominate(world):
    election = new_election(world.committee)
    with pytest.raises(ElectionError, match="Only teachers of the school nominate candidates"):
        nominate(election, world.users["teacher"], world.users["secretary"])
    candidate = nominate(election, world.users["teacher"], world.users["member"], "  Good.  ")
    assert (candidate.nominated_by, candidate.statement) == (world.users["member"], "Good.")


def test_a_candidate_stands_once_and_only_while_nominations_are_open(world):
    election = new_election(world.committee)
    teacher = world.users["teacher"]
    nominate(election, teacher, teacher)
    with pytest.raises(ElectionError, match="is already a candidate"):
        nominate(election, teacher, world.users["member"])
    open_voting(election)
    with pytest.raises(ElectionError, match="Nominations for this election are closed"):
        nominate(election, f.teacher(world.school_a), teacher)
    assert election.candidates.count() == 1


def test_a_member_whose_seat_overlaps_the_term_cannot_stand(world):
    """The chair's seat has no end, so it overlaps the new term (Membership.clean)."""
    election = new_election(world.committee)
    with pytest.raises(ElectionError) as refused:
        nominate(election, world.users["chair"], world.users["chair"])
    assert "cannot stand in this election" in str(refused.value)
    assert "already has a seat on the body for these dates" in str(refused.value)
    Membership.objects.filter(person=world.users["chair"]).update(
        term_end=TERM["term_start"] - timedelta(days=1)
    )
    assert nominate(election, world.users["chair"], world.users["chair"])


def test_withdrawing_before_voting(world):
    election = new_election(world.committee)
    teacher, member = world.users["teacher"], world.users["member"]
    candidate = nominate(election, teacher, member)
    with pytest.raises(ElectionError, match="Only the candidate"):
        withdraw(candidate, member)
    withdraw(candidate, teacher)
    assert not election.candidates.exists()
    candidate = nominate(election, teacher, teacher)
    open_voting(election)
    with pytest.raises(ElectionError, match="closed"):
        withdraw(candidate, world.users["secretary"])


# --- an election's course ------------------------------------------------------------------


def test_only_a_school_committee_elects_and_one_election_at_a_time(world):
    with pytest.raises(ElectionError, match="Only a School Committee"):
        new_election(world.council)
    new_election(world.committee)
    with pytest.raises(ElectionError, match="still under way"):
        new_election(world.committee)


def test_voting_needs_a_candidate_and_a_future_closing_time(world):
    election = new_election(world.committee)
    with pytest.raises(ElectionError, match="Nobody has been nominated yet"):
        open_voting(election)
    nominate(election, world.users["teacher"], world.users["teacher"])
    with pytest.raises(ElectionError, match="closing time has passed"):
        open_voting(election, closes_at=timezone.now() - timedelta(minutes=1))
    closes = timezone.now() + timedelta(days=2)
    election = open_voting(election, closes_at=closes)
    assert (election.status, election.voting_closes_at) == ("voting", closes)
    with pytest.raises(ElectionError, match="already opened"):
        open_voting(election)


def test_marks_are_at_most_the_seats_and_replace_earlier_ones(db):
    election, (a, b, c), (voter, *_rest) = voting(seats=2)
    with pytest.raises(ElectionError, match="You may mark at most 2 candidates"):
        cast(election, voter, [a.pk, b.pk, c.pk])
    with pytest.raises(ElectionError, match="Mark at least one candidate"):
        cast(election, voter, [])
    other = CandidateFactory()
    with pytest.raises(ElectionError, match="Mark only candidates of this election"):
        cast(election, voter, [a.pk, other.pk])
    assert marks_of(election, voter) == set()
    cast(election, voter, [a.pk, b.pk])
    cast(election, voter, [c.pk])
    assert marks_of(election, voter) == {c.pk}


def test_one_seat_allows_one_mark(db):
    election, (a, b, _c), (voter, *_rest) = voting(seats=1)
    with pytest.raises(ElectionError, match="You may mark at most 1 candidate"):
        cast(election, voter, [a.pk, b.pk])


def test_a_teacher_of_another_school_cannot_vote(world):
    election = new_election(world.committee)
    candidate = nominate(election, world.users["teacher"], world.users["teacher"])
    open_voting(election)
    for outsider in (f.teacher(world.school_b), world.users["student"], world.users["secretary"]):
        with pytest.raises(ElectionError, match="Only teachers of School of Law vote"):
            cast(election, outsider, [candidate.pk])
    assert not ElectionVote.objects.exists()


def test_no_marks_before_voting_opens_or_after_it_closes(db):
    body, teachers = committee_with_teachers(2)
    election = new_election(body)
    candidate = nominate(election, teachers[0], teachers[0])
    with pytest.raises(ElectionError, match="Voting in this election is not open"):
        cast(election, teachers[1], [candidate.pk])
    open_voting(election, closes_at=timezone.now() + timedelta(minutes=5))
    later = timezone.now() + timedelta(minutes=6)
    with pytest.raises(ElectionError, match="The time for voting is over"):
        cast(election, teachers[1], [candidate.pk], now=later)


# --- counting --------------------------------------------------------------------------------


def _candidates(**votes):
    return [SimpleNamespace(name=name, votes=n) for name, n in votes.items()]


@pytest.mark.parametrize(
    ("votes", "seats", "elected", "tied", "unfilled"),
    [
        ({"a": 5, "b": 3, "c": 1}, 2, "ab", "", 0),
        ({"a": 5, "b": 3, "c": 3}, 2, "a", "bc", 1),
        ({"a": 3, "b": 3, "c": 3}, 2, "", "abc", 2),
        ({"a": 3, "b": 3, "c": 1}, 2, "ab", "", 0),
        ({"a": 4, "b": 0, "c": 0}, 2, "a", "", 1),
        ({"a": 0}, 1, "", "", 1),
        ({"a": 2, "b": 2}, 3, "ab", "", 1),
    ],
)
def test_tally(votes, seats, elected, tied, unfilled):
    result = tally(_candidates(**votes), seats)
    assert "".join(c.name for c in result.elected) == elected
    assert "".join(sorted(c.name for c in result.tied)) == tied
    assert result.unfilled == unfilled


def test_close_elects_the_most_voted_and_seats_them_for_the_term(db):
    election, (a, b, c), voters = voting(seats=2, n_electors=4)
    for voter, marks in zip(voters, ([a, b], [a, c], [a, b], [b]), strict=True):
        cast(election, voter, [m.pk for m in marks])
    election = close_election(election)
    assert election.status == "closed" and election.closed_at
    a, b, c = (Candidate.objects.get(pk=x.pk) for x in (a, b, c))
    assert [(x.votes, x.elected) for x in (a, b, c)] == [(3, True), (3, True), (1, False)]
    assert election.result == (
        f"Elected: {a.person} (3 votes), {b.person} (3 votes). 4 of 7 electors voted."
    )
    seats = Membership.objects.filter(body=election.body).order_by("person__full_name_kk")
    assert {s.person for s in seats} == {a.person, b.person}
    for seat in seats:
        assert (seat.role, seat.voting, seat.constituency, seat.basis) == (
            "member",
            True,
            "teacher",
            "election",
        )
        assert (seat.term_start, seat.term_end) == (TERM["term_start"], TERM["term_end"])
        assert seat.order_number.startswith(f"Open election No. {election.pk} of ")


def test_a_tie_for_the_last_seat_leaves_it_empty_for_a_second_round(db):
    election, (a, b, c), voters = voting(seats=2, n_electors=4)
    for voter, marks in zip(voters, ([a, b], [a, c], [a], [b, c]), strict=True):
        cast(election, voter, [m.pk for m in marks])
    election = close_election(election)
    first, second = sorted([b.person, c.person], key=str)
    assert f"Elected: {a.person} (3 votes)." in election.result
    assert (
        f"Tie between {first} (2 votes) and {second} (2 votes) for the last seat: "
        "a second round is needed." in election.result
    )
    assert list(Membership.objects.values_list("person", flat=True)) == [a.person.pk]
    assert set(Candidate.objects.filter(elected=True)) == {a}


def test_nobody_voted(db):
    election, _candidates, _voters = voting(seats=1)
    election = close_election(election)
    assert election.result == (
        "Nobody was elected. 1 seat is left empty: too few candidates received votes. "
        "0 of 7 electors voted."
    )
    assert not Membership.objects.exists()


def test_an_elected_teacher_who_took_a_seat_meanwhile_is_told_and_not_seated_twice(db):
    election, (a, b, _c), (voter, *_rest) = voting(seats=2)
    cast(election, voter, [a.pk, b.pk])
    f.MembershipFactory(body=election.body, person=a.person, term_start=datetime.date(2027, 1, 1))
    election = close_election(election)
    assert Membership.objects.filter(person=a.person).count() == 1
    assert Membership.objects.filter(person=b.person, basis="election").count() == 1
    assert (
        f"{a.person} gets no new seat: This person already has a seat on the body for these "
        "dates." in election.result
    )
    assert Candidate.objects.get(pk=a.pk).elected


def test_closing_twice_does_nothing(db):
    election, (a, _b, _c), (voter, *_rest) = voting()
    cast(election, voter, [a.pk])
    closed = close_election(election)
    before = list(Election.objects.values()), list(Membership.objects.values())
    with pytest.raises(ElectionError, match="This election is already closed"):
        close_election(election)
    assert (list(Election.objects.values()), list(Membership.objects.values())) == before
    with pytest.raises(ElectionError, match="not open"):
        cast(closed, voter, [a.pk])


def test_an_election_still_taking_nominations_cannot_be_closed(db):
    body, _teachers = committee_with_teachers(1)
    with pytest.raises(ElectionError, match="has not opened yet"):
        close_election(new_election(body))


# --- parallel marks (PostgreSQL) ------------------------------------------------------------


def test_parallel_marks_by_one_elector_leave_exactly_one_set(transactional_db):
    need_postgres()
    election, candidates, (voter, *_rest) = voting(n_candidates=4, seats=2)
    pk = [c.pk for c in candidates]
    sets = [{pk[0], pk[1]}, {pk[2], pk[3]}, {pk[1], pk[2]}, {pk[3]}, {pk[0]}]
    start = threading.Barrier(40)
    errors = []

    def mark(chosen):
        start.wait()
        try:
            cast(
                Election(pk=election.pk, body=election.body), User.objects.get(pk=voter.pk), chosen
            )
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=mark, args=(sets[i % len(sets)],)) for i in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert marks_of(election, voter) in sets
    election = close_election(election)
    assert sum(Candidate.objects.filter(election=election).values_list("votes", flat=True)) == len(
        marks_of(election, voter)
    )


# --- the close task and the notices ---------------------------------------------------------


def test_tasks_are_registered_and_scheduled():
    app.loader.import_default_modules()
    assert "governance.tasks.elections.close_due_elections" in app.tasks
    assert "governance.tasks.elections.notify_electors" in app.tasks
    scheduled = {entry["task"]: entry for entry in PERIODIC_TASKS}
    assert scheduled["governance.tasks.elections.close_due_elections"]["every"] == 60


def test_the_task_closes_elections_whose_time_has_passed_once(db):
    due, (a, _b, _c), (voter, *_rest) = voting()
    cast(due, voter, [a.pk])
    Election.objects.filter(pk=due.pk).update(
        voting_closes_at=timezone.now() - timedelta(minutes=1)
    )
    running, _candidates, _voters = voting()
    Election.objects.filter(pk=running.pk).update(
        voting_closes_at=timezone.now() + timedelta(hours=1)
    )
    without_time, _candidates, _voters = voting()
    nominating = ElectionFactory(voting_closes_at=timezone.now() - timedelta(days=1))

    assert close_due_elections() == 1
    assert close_due_elections() == 0  # beat fired twice: nothing more happens
    due.refresh_from_db()
    assert due.status == "closed"
    closed_at, result = due.closed_at, due.result
    assert Membership.objects.get().person == a.person
    due.refresh_from_db()
    assert (due.closed_at, due.result) == (closed_at, result)
    statuses = Election.objects.in_bulk([running.pk, without_time.pk, nominating.pk])
    assert [statuses[e.pk].status for e in (running, without_time, nominating)] == [
        "voting",
        "voting",
        "nominating",
    ]


def test_electors_are_told_in_their_own_language(world, settings):
    settings.SITE_URL = "https://qa.example.kz"
    world.users["member"].preferred_language = "ru"
    world.users["member"].save()
    election = new_election(world.committee)
    assert notify_electors(election.pk, "voting") == 0  # moved on meanwhile: nothing sent
    assert notify_electors(election.pk, "nominating") == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        u.email for u in electors(world.committee)
    )
    link = f"https://qa.example.kz/ru/elections/{election.pk}/"
    russian = next(m for m in mail.outbox if m.to == [world.users["member"].email])
    assert link in russian.body
    mail.outbox.clear()
    world.users["teacher"].preferred_language = "en"
    world.users["teacher"].save()
    nominate(election, world.users["teacher"], world.users["teacher"])
    open_voting(election, closes_at=timezone.now() + timedelta(days=1))
    election.refresh_from_db()
    assert send_election_notice(election) == 3
    english = next(m for m in mail.outbox if m.to == [world.users["teacher"].email])
    assert english.subject == "Please vote: election to School of Law Committee"
    assert "Voting is open." in english.body and "Voting closes at" in english.body


# --- the pages --------------------------------------------------------------------------------


def url(name, *args):
    return reverse(f"governance:{name}", args=args)


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_the_whole_election_in_the_browser(client, world, django_capture_on_commit_callbacks):
    users = world.users
    colleague = f.teacher(world.school_a, email="colleague@uni.example.kz")
    client.force_login(users["chair"])
    response = client.get(url("body_detail", world.committee.pk))
    assert url("election_list", world.committee.pk) in response.content.decode()

    # The secretary opens nominations; the electorate is told once the change is committed.
    client.force_login(users["secretary"])
    assert client.get(url("election_create", world.committee.pk)).status_code == 200
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(
            url("election_create", world.committee.pk),
            {
                "title": "Election of teacher members, 2027–2028",
                "seats": "1",
                "term_start": "2027-09-01",
                "term_end": "2028-08-31",
                "voting_closes_at": "",
            },
            follow=True,
        )
    assert len(queued) == 1
    election = Election.objects.get()
    assert response.redirect_chain[-1][0] == url("election_detail", election.pk)
    assert "Nominations are open; the school's teachers are told by e-mail." in messages_of(
        response
    )
    assert election.created_by == users["secretary"]

    # A teacher stands; a member nominates a colleague; the secretary cannot nominate.
    client.force_login(users["teacher"])
    page = client.get(url("election_detail", election.pk)).content.decode()
    assert "Nominate a candidate" in page
    response = client.post(
        url("election_nominate", election.pk),
        {"person": users["teacher"].pk, "statement": "Syllabi on time."},
        follow=True,
    )
    assert f"{users['teacher']} is a candidate." in messages_of(response)
    client.force_login(users["member"])
    client.post(url("election_nominate", election.pk), {"person": colleague.pk})
    client.force_login(users["secretary"])
    response = client.post(
        url("election_nominate", election.pk), {"person": users["member"].pk}, follow=True
    )
    assert "Only teachers of the school nominate candidates." in messages_of(response)
    assert election.candidates.count() == 2

    # The secretary opens voting.
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(url("election_open", election.pk), {}, follow=True)
    assert len(queued) == 1
    assert "Voting is open; the school's teachers are told by e-mail." in messages_of(response)

    # Electors vote; too many marks are refused; a second vote replaces the first.
    teacher_candidate = election.candidates.get(person=users["teacher"])
    colleague_candidate = election.candidates.get(person=colleague)
    client.force_login(users["member"])
    page = client.get(url("election_detail", election.pk)).content.decode()
    assert "0 of 4 electors have voted" in page and 'type="checkbox"' in page
    response = client.post(
        url("election_vote", election.pk),
        {"candidates": [teacher_candidate.pk, colleague_candidate.pk]},
        follow=True,
    )
    assert "You may mark at most 1 candidate." in messages_of(response)
    client.post(url("election_vote", election.pk), {"candidates": [colleague_candidate.pk]})
    response = client.post(
        url("election_vote", election.pk), {"candidates": [teacher_candidate.pk]}, follow=True
    )
    assert (
        "Your vote is recorded: 1 candidate marked. You may change it until voting closes."
        in messages_of(response)
    )
    page = response.content.decode()
    assert "1 of 4 electors have voted" in page
    assert f"You marked: {users['teacher']}" in page
    assert marks_of(election, users["member"]) == {teacher_candidate.pk}
    client.force_login(users["chair"])
    client.post(url("election_vote", election.pk), {"candidates": [teacher_candidate.pk]})
    client.force_login(users["secretary"])
    page = client.get(url("election_detail", election.pk)).content.decode()
    assert 'type="checkbox"' not in page and "You follow this election without a vote" in page

    # The chair closes; the named results and the new seat follow.
    client.force_login(users["chair"])
    response = client.post(url("election_close", election.pk), follow=True)
    expected = f"Elected: {users['teacher']} (2 votes). 2 of 4 electors voted."
    assert expected in messages_of(response)
    page = response.content.decode()
    assert expected in page and "How each elector voted" in page
    assert f'{users["member"]} <span class="muted">→ {users["teacher"]}' in page
    assert url("body_detail", world.committee.pk) in page
    seat = Membership.objects.get(person=users["teacher"])
    assert (seat.basis, seat.term_start) == ("election", datetime.date(2027, 9, 1))
    response = client.post(url("election_close", election.pk), follow=True)
    assert "This election is already closed." in messages_of(response)

    client.force_login(users["teacher"])
    page = client.get(url("election_list", world.committee.pk)).content.decode()
    assert "Election of teacher members, 2027–2028" in page and "Closed" in page
    assert f'href="{url("body_detail", world.committee.pk)}"' not in page  # no member: no link


def test_form_errors_are_shown_on_the_page(client, world):
    client.force_login(world.users["secretary"])
    response = client.post(
        url("election_create", world.committee.pk),
        {"title": "X", "seats": "0", "term_start": "2027-09-01", "term_end": "2027-08-01"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Election.objects.exists()
    assert "The term must end after it starts." in page and "Constraint" not in page
    assert "Ensure this value is greater than or equal to 1." in page

    election = new_election(world.committee)
    nominate(election, world.users["teacher"], world.users["teacher"])
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url("election_open", election.pk), {"voting_closes_at": past})
    assert "The closing time must be in the future." in response.content.decode()
    open_voting(election)
    client.force_login(world.users["member"])
    response = client.post(url("election_vote", election.pk), {})
    assert "Mark at least one candidate." in response.content.decode()


def test_only_managers_open_and_close(client, world):
    election = new_election(world.committee)
    nominate(election, world.users["teacher"], world.users["teacher"])
    for role in ("teacher", "member"):
        client.force_login(world.users[role])
        assert client.post(url("election_open", election.pk)).status_code == 403
        assert client.post(url("election_close", election.pk)).status_code == 403
    client.force_login(f.teacher(world.school_b))
    assert client.post(url("election_vote", election.pk)).status_code == 403
    assert client.post(url("election_nominate", election.pk)).status_code == 403
    election.refresh_from_db()
    assert election.status == "nominating"


def test_state_changes_need_the_csrf_token(world):
    election = new_election(world.committee)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["teacher"])
    response = client.post(
        url("election_nominate", election.pk), {"person": world.users["teacher"].pk}
    )
    assert response.status_code == 403
    assert not election.candidates.exists()


def test_a_candidate_withdraws_from_the_page(client, world):
    election = new_election(world.committee)
    candidate = nominate(election, world.users["teacher"], world.users["member"])
    client.force_login(world.users["teacher"])
    page = client.get(url("election_detail", election.pk)).content.decode()
    assert "Withdraw my candidacy" in page
    response = client.post(url("candidate_withdraw", candidate.pk), follow=True)
    assert f"{world.users['teacher']} is no longer a candidate." in messages_of(response)
    assert not election.candidates.exists()


def test_the_pages_render_in_kazakh(client, world):
    election = new_election(world.committee)
    nominate(election, world.users["teacher"], world.users["teacher"], "Мәлімдеме")
    client.force_login(world.users["member"])
    with translation.override("kk"):
        pages = [
            url("election_list", world.committee.pk),
            url("election_detail", election.pk),
        ]
    for address in pages:
        assert not address.startswith("/en/")  # Kazakh is the language without a prefix
        response = client.get(address)
        assert response.status_code == 200
        assert '<html lang="kk">' in response.content.decode()
    assert "Мәлімдеме" in response.content.decode()


def test_the_admin_shows_an_election_with_its_candidates(client, world):
    election = new_election(world.committee)
    nominate(election, world.users["teacher"], world.users["teacher"], "Statement")
    client.force_login(world.users["qa_manager"])
    response = client.get(reverse("admin:governance_election_change", args=[election.pk]))
    assert response.status_code == 200
    assert "Statement" in response.content.decode()
    assert client.get(reverse("admin:governance_election_add")).status_code == 403
    response = client.post(
        reverse("admin:governance_election_change", args=[election.pk]), {"title": "Changed"}
    )
    assert response.status_code == 403
    election.refresh_from_db()
    assert election.title == "Election 2027–2028"
