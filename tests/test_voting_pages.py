"""Voting in the browser: the chair opens and closes, members vote, results stay hidden until
the close, adopted motions enter the register of decisions."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from governance.decisions import record_decision
from governance.models import Attendance, BallotReceipt, Decision, Motion
from governance.voting import cast_vote, close_vote, open_vote

from . import factories as f


@pytest.fixture(autouse=True)
def english():
    """URLs are built under /en/ and messages compared in English."""
    with translation.override("en"):
        yield


def url(name, *args):
    return reverse(f"governance:{name}", args=args)


def as_user(client, user):
    client.force_login(user)
    return client


def page_text(response):
    return response.content.decode()


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def committee(n=3, present=None, ballot="open", **body_kwargs):
    """A body with ``n`` voting members (the first chairs), checked in, and a draft motion."""
    body, meeting, members = f.body_with_members(n, present=present, **body_kwargs)
    item = f.AgendaItemFactory(meeting=meeting, position=2, proposed_by=members[0])
    motion = f.MotionFactory(item=item, text="Approve the syllabi", ballot=ballot)
    return body, meeting, members, motion


# --- opening, voting, closing ---------------------------------------------------------------


def test_chair_opens_member_votes_once_and_the_chair_closes(client, world):
    chair, member = world.users["chair"], world.users["member"]
    motion = world.motion
    for person in (chair, member):
        Attendance.objects.create(meeting=world.meeting, person=person)

    response = as_user(client, chair).post(
        url("motion_open", motion.pk), {"deadline_minutes": "10"}, follow=True
    )
    assert "Voting is open." in messages_of(response)
    motion.refresh_from_db()
    assert motion.status == "open"
    assert (motion.members_at_open, motion.present_at_open) == (2, 2)
    assert 9 * 60 < (motion.deadline - timezone.now()).total_seconds() <= 10 * 60

    client.force_login(member)
    response = client.post(url("motion_vote", motion.pk), {"choice": "for"}, follow=True)
    assert response.redirect_chain[-1][0] == url("motion_detail", motion.pk)
    assert "Your vote is recorded." in messages_of(response)
    assert BallotReceipt.objects.filter(motion=motion, voter=member).exists()

    response = client.post(url("motion_vote", motion.pk), {"choice": "against"}, follow=True)
    assert "You have already voted on this motion." in messages_of(response)
    assert motion.named_votes.get().choice == "for"

    client.force_login(chair)
    client.post(url("motion_vote", motion.pk), {"choice": "for"})
    response = client.post(url("motion_close", motion.pk), follow=True)
    motion.refresh_from_db()
    assert (motion.status, motion.outcome, motion.votes_for) == ("closed", "adopted", 2)
    text = page_text(response)
    assert "Adopted: 2 for of 2 present" in text
    assert "(2 for, 0 against, 0 abstained)" in text
    decision = Decision.objects.get(motion=motion)
    assert decision.number == f"{world.meeting.number}/{world.item.position}" == "1/1"
    assert decision.body == world.committee
    assert decision.text == motion.text
    assert "Entered in the register as decision No. 1/1." in messages_of(response)
    # The named list of an open vote, and the quorum snapshots.
    assert "When voting opened: 2 of 2 voting members present." in text
    assert "When voting closed: 2 of 2 voting members present." in text
    assert str(member) in text


def test_the_result_is_hidden_while_the_vote_is_open(client, world):
    _body, _meeting, members, motion = committee(3)
    chair = members[0]
    open_vote(motion)
    cast_vote(motion, chair, "for")
    cast_vote(motion, members[1], "for")
    for person in (chair, members[1], members[2]):
        for name in ("motion_detail", "motion_live"):
            text = page_text(as_user(client, person).get(url(name, motion.pk)))
            assert "2 of 3 voting members have voted" in text
            assert "2 for" not in text
            assert "voting-counts" not in text
            assert "Adopted" not in text
            assert "How each member voted" not in text


def test_people_who_cannot_vote(client, world):
    world.motion = open_vote(world.motion)
    guest = f.MembershipFactory(body=world.committee, role="guest", voting=False).person
    # Not on the committee: refused outright.
    for role in ("teacher", "student", "rector"):
        response = as_user(client, world.users[role]).post(
            url("motion_vote", world.motion.pk), {"choice": "for"}
        )
        assert response.status_code == 403
    # On the committee without a vote (guest, secretary) or overseeing it (QA manager).
    for person in (guest, world.users["secretary"], world.users["qa_manager"]):
        client.force_login(person)
        page = page_text(client.get(url("motion_detail", world.motion.pk)))
        assert 'name="choice"' not in page
        response = client.post(url("motion_vote", world.motion.pk), {"choice": "for"}, follow=True)
        assert "Only voting members of the body can vote." in messages_of(response)
    assert not BallotReceipt.objects.filter(motion=world.motion).exists()


def test_only_the_chair_opens_reminds_and_closes(client, world):
    for role in ("member", "secretary", "qa_manager", "teacher"):
        client.force_login(world.users[role])
        for name in ("motion_open", "motion_close", "motion_remind"):
            assert client.post(url(name, world.motion.pk)).status_code == 403
    world.motion.refresh_from_db()
    assert world.motion.status == "draft"


def test_vote_buttons_follow_the_charter(client, world):
    body, _meeting, members, motion = committee(3, abstention_rule="not_allowed")
    open_vote(motion)
    text = page_text(as_user(client, members[1]).get(url("motion_detail", motion.pk)))
    assert 'value="for"' in text and 'value="against"' in text
    assert 'value="abstain"' not in text
    body.abstention_rule = "counted"
    body.save()
    text = page_text(client.get(url("motion_detail", motion.pk)))
    assert 'value="abstain"' in text


def test_the_chair_sees_the_open_form_then_the_counter(client, world):
    chair = world.users["chair"]
    text = page_text(as_user(client, chair).get(url("motion_detail", world.motion.pk)))
    assert 'name="deadline_minutes"' in text
    assert url("motion_close", world.motion.pk) not in text
    open_vote(world.motion)
    text = page_text(client.get(url("motion_detail", world.motion.pk)))
    assert "0 of 2 voting members have voted" in text
    assert url("motion_close", world.motion.pk) in text
    assert url("motion_remind", world.motion.pk) in text
    # An open ballot never asks for a casting vote: the chair's own vote is it.
    assert 'name="casting_vote"' not in text


def test_opening_twice_and_bad_deadlines_are_refused(client, world):
    client.force_login(world.users["chair"])
    response = client.post(url("motion_open", world.motion.pk), {"deadline_minutes": "0"})
    assert response.status_code == 302
    world.motion.refresh_from_db()
    assert world.motion.status == "draft"
    client.post(url("motion_open", world.motion.pk))
    response = client.post(url("motion_open", world.motion.pk), follow=True)
    assert "This motion has already been put to the vote." in messages_of(response)
    world.motion.refresh_from_db()
    assert world.motion.deadline is None


def test_no_vote_after_the_deadline(client, world):
    open_vote(world.motion, deadline=timezone.now() - timezone.timedelta(seconds=1))
    client.force_login(world.users["member"])
    text = page_text(client.get(url("motion_detail", world.motion.pk)))
    assert 'name="choice"' not in text
    response = client.post(url("motion_vote", world.motion.pk), {"choice": "for"}, follow=True)
    assert "The time for voting is over." in messages_of(response)
    assert not BallotReceipt.objects.filter(motion=world.motion).exists()


def test_no_quorum_is_explained_and_records_no_decision(client, world):
    _body, _meeting, members, motion = committee(
        4, present=1, quorum_numerator=1, quorum_denominator=2
    )
    open_vote(motion)
    cast_vote(motion, members[0], "for")
    response = as_user(client, members[0]).post(url("motion_close", motion.pk), follow=True)
    assert "No quorum: 1 of 4 voting members present, 2 needed." in page_text(response)
    assert not Decision.objects.exists()


# --- secret ballots -------------------------------------------------------------------------


def test_a_secret_ballot_never_shows_a_member_their_own_choice(client, world):
    _body, _meeting, members, motion = committee(3, ballot="secret")
    open_vote(motion)
    voter = members[1]
    client.force_login(voter)
    response = client.post(url("motion_vote", motion.pk), {"choice": "against"}, follow=True)
    text = page_text(response)
    assert "Your vote is recorded." in text
    assert "You voted" not in text
    assert "Against" not in text  # no buttons any more, no choice shown back
    fragment = page_text(
        client.post(url("motion_vote", motion.pk), {"choice": "for"}, HTTP_HX_REQUEST="true")
    )
    assert "You have already voted on this motion." in fragment
    assert "Against" not in fragment and "You voted" not in fragment
    cast_vote(motion, members[0], "for")
    cast_vote(motion, members[2], "for")
    close_vote(motion)
    text = page_text(as_user(client, members[0]).get(url("motion_detail", motion.pk)))
    assert "(2 for, 1 against, 0 abstained)" in text
    assert "Secret vote: only the totals are kept" in text
    assert "How each member voted" not in text
    assert str(voter) not in text


def test_an_open_ballot_shows_the_member_their_choice(client, world):
    open_vote(world.motion)
    client.force_login(world.users["member"])
    response = client.post(url("motion_vote", world.motion.pk), {"choice": "against"}, follow=True)
    assert "You voted: Against." in page_text(response)


def tie_committee():
    """Four voting members present, simple majority, the chair breaks a tie; a secret ballot
    tied 2 : 2."""
    body, meeting, members, motion = committee(4, ballot="secret", chair_casting_vote=True)
    open_vote(motion)
    for person, choice in zip(members, ["for", "against", "for", "against"], strict=True):
        cast_vote(motion, person, choice)
    return body, meeting, members, motion


def test_a_tied_secret_ballot_is_broken_by_the_chairs_casting_vote(client, world):
    _body, meeting, members, motion = tie_committee()
    client.force_login(members[0])
    text = page_text(client.get(url("motion_detail", motion.pk)))
    assert 'name="casting_vote"' in text

    response = client.post(url("motion_close", motion.pk), follow=True)
    assert "Give your casting vote: the charter lets the chair break a tie." in messages_of(
        response
    )
    motion.refresh_from_db()
    assert motion.status == "open"

    response = client.post(url("motion_close", motion.pk), {"casting_vote": "for"}, follow=True)
    motion.refresh_from_db()
    assert (motion.status, motion.outcome, motion.casting_vote) == ("closed", "adopted", "for")
    text = page_text(response)
    assert "Tie broken by the chair&#x27;s casting vote: For." in text
    decision = Decision.objects.get(motion=motion)
    assert decision.number == f"{meeting.number}/2"


def test_a_casting_vote_is_discarded_when_there_is_no_tie(client, world):
    _body, _meeting, members, motion = committee(4, ballot="secret", chair_casting_vote=True)
    open_vote(motion)
    for person in members[:3]:
        cast_vote(motion, person, "for")
    cast_vote(motion, members[3], "against")
    as_user(client, members[0]).post(url("motion_close", motion.pk), {"casting_vote": "against"})
    motion.refresh_from_db()
    assert (motion.outcome, motion.casting_vote) == ("adopted", "")


def test_the_casting_vote_is_asked_only_where_a_tie_is_possible(client, world):
    # Three present: 3 cannot be halved, no tie possible, no question.
    _body, _meeting, members, motion = committee(3, ballot="secret", chair_casting_vote=True)
    open_vote(motion)
    text = page_text(as_user(client, members[0]).get(url("motion_detail", motion.pk)))
    assert 'name="casting_vote"' not in text
    # A charter without a casting vote never asks.
    _body, _meeting, members, motion = committee(4, ballot="secret")
    open_vote(motion)
    text = page_text(as_user(client, members[0]).get(url("motion_detail", motion.pk)))
    assert 'name="casting_vote"' not in text


# --- the live fragment (htmx) ---------------------------------------------------------------


def test_the_fragment_polls_and_shows_the_buttons_once_the_vote_opens(client, world):
    client.force_login(world.users["member"])
    live = url("motion_live", world.motion.pk)
    fragment = page_text(client.get(live, HTTP_HX_REQUEST="true"))
    assert fragment.lstrip().startswith("<section")
    assert "<html" not in fragment
    assert f'id="motion-live-{world.motion.pk}"' in fragment
    assert f'hx-get="{live}"' in fragment
    assert 'hx-trigger="every 3s"' in fragment and 'hx-swap="outerHTML"' in fragment
    assert 'name="choice"' not in fragment

    open_vote(world.motion)
    fragment = page_text(client.get(live, HTTP_HX_REQUEST="true"))
    assert 'name="choice"' in fragment
    assert f'hx-post="{url("motion_vote", world.motion.pk)}"' in fragment
    assert "0 of 2 voting members have voted" in fragment

    # Voting through htmx answers with the fragment and its message.
    response = client.post(
        url("motion_vote", world.motion.pk), {"choice": "for"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    fragment = page_text(response)
    assert "<html" not in fragment
    assert "1 of 2 voting members have voted" in fragment
    assert 'name="choice"' not in fragment
    assert "Your vote is recorded." in fragment
    assert (
        response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    )


def test_the_closed_fragment_stops_polling_and_clears_the_controls(client, world):
    open_vote(world.motion)
    cast_vote(world.motion, world.users["member"], "for")
    close_vote(world.motion)
    client.force_login(world.users["chair"])
    fragment = page_text(client.get(url("motion_live", world.motion.pk), HTTP_HX_REQUEST="true"))
    assert "hx-trigger" not in fragment
    assert "Adopted: 1 for of 0 present" not in fragment  # nobody was checked in …
    assert "Rejected: 1 for of 0 present" in fragment  # … so nobody present: rejected
    assert f'id="motion-controls-{world.motion.pk}" hx-swap-oob="true"' in fragment
    text = page_text(client.get(url("motion_detail", world.motion.pk)))
    assert "hx-swap-oob" not in text
    assert url("motion_close", world.motion.pk) not in text


def test_htmx_open_and_close_answer_with_the_fragment(client, world):
    client.force_login(world.users["chair"])
    response = client.post(url("motion_open", world.motion.pk), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Voting is open." in page_text(response)
    response = client.post(url("motion_close", world.motion.pk), HTTP_HX_REQUEST="true")
    assert "Rejected:" in page_text(response)


# --- reminders from the page ----------------------------------------------------------------


def test_the_chairs_reminder_goes_to_those_who_have_not_voted(client, world):
    _body, _meeting, members, motion = committee(4)
    members[2].preferred_language = "ru"
    members[2].save()
    open_vote(motion)
    cast_vote(motion, members[1], "for")
    client.force_login(members[0])
    response = client.post(url("motion_remind", motion.pk), follow=True)
    assert "A reminder was sent to 3 members." in messages_of(response)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(p.email for p in (members[0], members[2], members[3]))
    russian = next(m for m in mail.outbox if m.to == [members[2].email])
    assert f"http://testserver/ru/motions/{motion.pk}/" in russian.body
    motion.refresh_from_db()
    assert motion.reminder_sent_at is not None
    # A second press straight away (a double click) sends nothing.
    response = client.post(url("motion_remind", motion.pk), follow=True)
    assert "A reminder has just been sent." in messages_of(response)
    assert len(mail.outbox) == 3


# --- wording motions ------------------------------------------------------------------------


def test_the_secretary_words_a_motion(client, world):
    client.force_login(world.users["secretary"])
    response = client.post(
        url("motion_create", world.item.pk),
        {"text": "Approve the <b>plan</b>", "ballot": "secret"},
        follow=True,
    )
    motion = Motion.objects.get(text="Approve the <b>plan</b>")
    assert (motion.item, motion.ballot, motion.status) == (world.item, "secret", "draft")
    assert response.redirect_chain[-1][0] == url("motion_detail", motion.pk)
    text = page_text(response)
    assert "Approve the &lt;b&gt;plan&lt;/b&gt;" in text
    assert "<b>plan</b>" not in text


def test_no_motion_on_a_declined_item(client, world):
    world.item.status = "declined"
    world.item.save()
    client.force_login(world.users["chair"])
    response = client.post(
        url("motion_create", world.item.pk), {"text": "X", "ballot": "open"}, follow=True
    )
    assert not Motion.objects.filter(text="X").exists()
    assert "Motions can be put only on items" in page_text(response)


# --- the register of decisions --------------------------------------------------------------


def adopt(motion, members):
    open_vote(motion)
    for person in members:
        cast_vote(motion, person, "for")
    motion, _result = close_vote(motion)
    return motion


def test_decision_numbers_are_unique_per_body(world):
    body, meeting, members, motion = committee(3)
    first = record_decision(adopt(motion, members))
    second_motion = adopt(f.MotionFactory(item=motion.item, text="Second"), members)
    second = record_decision(second_motion)
    third = record_decision(adopt(f.MotionFactory(item=motion.item, text="Third"), members))
    assert [first.number, second.number, third.number] == [
        f"{meeting.number}/2",
        f"{meeting.number}/2-2",
        f"{meeting.number}/2-3",
    ]
    assert record_decision(second_motion) == second  # idempotent
    assert Decision.objects.filter(body=body).count() == 3
    assert first.date == timezone.localdate(motion.closed_at)


def test_a_rejected_motion_records_nothing(world):
    _body, _meeting, members, motion = committee(3)
    open_vote(motion)
    cast_vote(motion, members[0], "against")
    motion, _result = close_vote(motion)
    assert record_decision(motion) is None
    assert record_decision(world.motion) is None  # still a draft


def test_the_result_is_written_in_the_meetings_language(world):
    _body, meeting, members, motion = committee(3)
    meeting.language = "en"
    meeting.save()
    with translation.override("ru"):
        decision = record_decision(adopt(motion, members))
    assert decision.result.startswith("Adopted: 3 for of 3 present")


def test_a_council_decision_revises_the_committee_decision_it_reviews(world):
    """Seed 000 §2.1: the council may revise a School Committee's decision."""
    _body, _meeting, members, motion = committee(3)
    committee_decision = record_decision(adopt(motion, members))
    _council, c_meeting, c_members = f.body_with_members(3, kind="arc", school=None)
    item = f.AgendaItemFactory(meeting=c_meeting, reviews=committee_decision)
    decision = record_decision(adopt(f.MotionFactory(item=item), c_members))
    assert decision.revises == committee_decision
    assert decision.revision_kind == "revised"
    assert committee_decision.revision == decision
    assert not committee_decision.revision_kind


# --- queries --------------------------------------------------------------------------------


def _queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("ballot", ["open", "secret"])
def test_pages_cost_the_same_queries_with_more_votes(client, world, ballot):
    body, _meeting, members, motion = committee(3, ballot=ballot)
    adopt(motion, members)
    open_motion = open_vote(f.MotionFactory(item=motion.item, ballot=ballot))
    cast_vote(open_motion, members[1], "for")
    client.force_login(members[0])
    paths = [
        url(name, m.pk) for name in ("motion_detail", "motion_live") for m in (motion, open_motion)
    ]
    before = [_queries(client, p) for p in paths]
    more = [f.MembershipFactory(body=body).person for _ in range(5)]
    big = f.MotionFactory(item=motion.item, ballot=ballot)
    adopt(big, members + more)
    open_big = open_vote(f.MotionFactory(item=motion.item, ballot=ballot))
    for person in more:
        cast_vote(open_big, person, "for")
    paths = [url(name, m.pk) for name in ("motion_detail", "motion_live") for m in (big, open_big)]
    after = [_queries(client, p) for p in paths]
    assert after == before
    assert max(after) <= 25


def test_the_meeting_page_include_lists_motions_and_links_to_new_ones(world):
    from django.template.loader import render_to_string

    open_vote(world.motion)
    context = {"item": world.item, "manage": False, "can_control_votes": True, "agenda_open": True}
    html = render_to_string("governance/voting/_item_motions.html", context)
    assert url("motion_detail", world.motion.pk) in html
    assert "Voting open" in html
    assert url("motion_create", world.item.pk) in html
    context.update(can_control_votes=False)
    html = render_to_string("governance/voting/_item_motions.html", context)
    assert url("motion_create", world.item.pk) not in html
