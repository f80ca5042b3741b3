"""Bodies: the list of readable bodies, a body's page, the admin's charter check, the member
panel on the dashboard and the menu entry."""

import datetime

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from governance.models import (
    Attendance,
    BallotReceipt,
    Body,
    Decision,
    ImprovementAction,
    Membership,
    Motion,
    NamedVote,
    SecretTally,
)
from governance.voting import cast_vote, close_vote, open_vote

from . import factories as f
from .browser import chromium, phone, sign_in  # noqa: F401 - fixtures

TODAY = timezone.localdate


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def page(client, user, name, *args):
    client.force_login(user)
    response = client.get(en(name, *args))
    assert response.status_code == 200
    return response.content.decode()


# --- The list --------------------------------------------------------------------------------


def test_member_lists_their_committee_and_not_the_council(client, world):
    html = page(client, world.users["member"], "governance:body_list")
    assert "School of Law Committee" in html
    assert "Academic and Research Council" not in html
    assert "Member" in html  # their role
    assert "3 (2)" in html  # three current members, two of them vote


def test_qa_manager_lists_every_body(client, world):
    html = page(client, world.users["qa_manager"], "governance:body_list")
    assert "School of Law Committee" in html
    assert "Academic and Research Council" in html


def test_non_member_gets_an_empty_list(client, world):
    html = page(client, world.users["student"], "governance:body_list")
    assert "School of Law Committee" not in html
    assert "You do not sit on any council, committee or commission." in html


def test_list_shows_the_next_meeting_and_leaves_out_ended_seats(client, world):
    f.MembershipFactory(
        body=world.council,
        person=world.users["member"],
        term_start=TODAY() - datetime.timedelta(days=400),
        term_end=TODAY() - datetime.timedelta(days=30),
    )
    html = page(client, world.users["member"], "governance:body_list")
    assert "Academic and Research Council" not in html  # the seat has ended
    with translation.override("en"):
        expected = timezone.localtime(world.meeting.starts_at).strftime("%m/%d/%Y")
    assert expected in html


# --- One body --------------------------------------------------------------------------------


def test_body_page_states_the_charter_in_words_and_lists_members(client, world):
    html = page(client, world.users["member"], "governance:body_detail", world.committee.pk)
    assert "School of Law Committee" in html
    assert "School of Law" in html
    assert "Academic and Research Council" in html  # parent body
    assert "No quorum rule" in html
    assert "Simple majority of voting members present" in html
    assert "Abstentions count as present (they do not help a motion)" in html
    assert "The chair&#x27;s casting vote breaks a tie" in html
    for person in ("chair", "member", "secretary"):
        assert str(world.users[person]) in html
    assert "Chair" in html and "Secretary" in html
    assert "no vote" in html  # the secretary does not vote
    assert "Non-academic units" in html  # the secretary's constituency
    assert "Meeting No. 1" in html


def test_council_page_gives_the_quorum_as_a_fraction(client, world):
    council = world.council
    council.quorum_numerator, council.quorum_denominator = 2, 3
    council.chair_casting_vote = True
    council.save()
    html = page(client, world.users["rector"], "governance:body_detail", council.pk)
    assert "2/3 of voting members (now 1 of 1)" in html
    assert "Two thirds of voting members present" in html
    assert "Yes" in html
    assert "QA manager" in html  # attends without a vote
    # School A's committee hangs under the council; the rector does not sit on it.
    assert "School of Law Committee" in html
    assert en("governance:body_detail", world.committee.pk) not in html


@pytest.mark.parametrize("role", ["student", "teacher", "dean", "rector"])
def test_non_members_are_refused(client, world, role):
    client.force_login(world.users[role])
    response = client.get(en("governance:body_detail", world.committee.pk))
    assert response.status_code == 403


def test_unknown_body_is_not_found(client, world):
    client.force_login(world.users["qa_manager"])
    assert client.get(en("governance:body_detail", 987_654)).status_code == 404


def test_past_members_are_kept_in_a_collapsed_history(client, world):
    former = f.UserFactory(full_name_en="Former Member")
    f.MembershipFactory(
        body=world.committee,
        person=former,
        term_start=TODAY() - datetime.timedelta(days=800),
        term_end=TODAY() - datetime.timedelta(days=100),
    )
    html = page(client, world.users["member"], "governance:body_detail", world.committee.pk)
    history = html[html.index("<details") :]
    assert "Former Member" in history
    assert "Ended terms" in history
    current = html[: html.index("<details")]
    assert "Former Member" not in current


@pytest.mark.parametrize(
    ("role", "sees"),
    [("secretary", True), ("chair", True), ("qa_manager", True), ("member", False)],
)
def test_composition_problems_are_shown_to_those_who_can_fix_them(client, world, role, sees):
    world.committee.min_members = 5
    world.committee.save()
    html = page(client, world.users[role], "governance:body_detail", world.committee.pk)
    message = "The body needs at least 5 voting members; it has 2."
    assert (message in html) is sees
    assert ("The membership does not meet the charter" in html) is sees


def test_user_text_is_escaped(client, world):
    world.committee.description = '<script>alert("x")</script>'
    world.committee.save()
    html = page(client, world.users["member"], "governance:body_detail", world.committee.pk)
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


# --- Queries do not grow with data ----------------------------------------------------------


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _grow_bodies(world):
    for _ in range(3):
        body = f.BodyFactory(school=world.school_a, parent=world.council)
        f.MembershipFactory(body=body, person=world.users["member"])
        f.MembershipFactory(body=body, person=world.users["qa_manager"], voting=False)
        meeting = f.MeetingFactory(body=body)
        item = f.AgendaItemFactory(meeting=meeting, proposed_by=world.users["member"])
        open_vote(f.MotionFactory(item=item))
    for _ in range(3):
        f.MembershipFactory(body=world.committee)
        f.MembershipFactory(
            body=world.committee,
            term_start=TODAY() - datetime.timedelta(days=500),
            term_end=TODAY() - datetime.timedelta(days=20),
        )
        f.MeetingFactory(body=world.committee, starts_at=timezone.now() - datetime.timedelta(30))
        f.MeetingFactory(body=world.committee)
    open_vote(world.motion)


@pytest.mark.parametrize("role", ["member", "secretary", "qa_manager"])
def test_pages_cost_the_same_queries_with_more_bodies(client, world, role):
    client.force_login(world.users[role])
    urls = [
        en("governance:body_list"),
        en("governance:body_detail", world.committee.pk),
        en("home"),
    ]
    before = [_queries(client, url) for url in urls]
    _grow_bodies(world)
    after = [_queries(client, url) for url in urls]
    assert after == before
    assert max(after) <= 25


# --- Admin: the charter's composition --------------------------------------------------------


def _commission(school):
    return f.BodyFactory(
        kind="qa_commission",
        school=school,
        name_kk="Сапа комиссиясы",
        name_en="Faculty QA Commission",
        require_odd_size=True,
        min_members=7,
        max_members=9,
        min_student_share=30,
    )


BODY_FIELDS = (
    "name_kk",
    "name_ru",
    "name_en",
    "kind",
    "description",
    "quorum_numerator",
    "quorum_denominator",
    "majority_rule",
    "abstention_rule",
    "agenda_notice_days",
    "min_members",
    "max_members",
    "min_student_share",
)


def _body_post(body, seats):
    """The admin change form's POST: the body as it is and ``seats`` as new inline rows."""
    data = {name: getattr(body, name) or "" for name in BODY_FIELDS}
    data.update(school=body.school_id or "", parent=body.parent_id or "", _save="Save")
    for flag in ("is_active", "chair_casting_vote", "require_odd_size"):
        if getattr(body, flag):
            data[flag] = "on"
    data["non_voting_constituencies"] = body.non_voting_constituencies
    data.update(
        {
            "memberships-TOTAL_FORMS": len(seats),
            "memberships-INITIAL_FORMS": 0,
            "memberships-MIN_NUM_FORMS": 0,
            "memberships-MAX_NUM_FORMS": 1000,
        }
    )
    for i, seat in enumerate(seats):
        row = {
            "id": "",
            "body": body.pk,
            "role": "member",
            "constituency": "teacher",
            "term_start": TODAY().isoformat(),
            "term_end": "",
            "basis": "election",
            "order_number": "",
            "voting": "on",
            **seat,
        }
        for key, value in row.items():
            if value is not None:
                data[f"memberships-{i}-{key}"] = value
    return data


def _seats(students, teachers):
    people = [f.UserFactory() for _ in range(students + teachers)]
    return [
        {"person": p.pk, "constituency": "student" if i < students else "teacher"}
        for i, p in enumerate(people)
    ]


def _post_admin(client, world, body, seats):
    client.force_login(world.users["qa_manager"])
    return client.post(en("admin:governance_body_change", body.pk), _body_post(body, seats))


def test_admin_refuses_a_commission_of_eight(client, world):
    body = _commission(world.school_a)
    response = _post_admin(client, world, body, _seats(students=3, teachers=5))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The body must have an odd number of voting members; it has 8." in html
    assert not Membership.objects.filter(body=body).exists()


def test_admin_refuses_a_commission_with_too_few_students(client, world):
    body = _commission(world.school_a)
    response = _post_admin(client, world, body, _seats(students=2, teachers=5))
    assert response.status_code == 200
    assert "At least 30 % of voting members must be students; 2 of 7 are." in (
        response.content.decode()
    )
    assert not Membership.objects.filter(body=body).exists()


def test_admin_saves_a_commission_that_meets_the_charter(client, world):
    body = _commission(world.school_a)
    response = _post_admin(client, world, body, _seats(students=3, teachers=4))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Membership.objects.filter(body=body).count() == 7


def test_admin_ended_seats_do_not_count(client, world):
    body = _commission(world.school_a)
    seats = _seats(students=3, teachers=5)
    seats[-1].update(
        term_start=(TODAY() - datetime.timedelta(days=400)).isoformat(),
        term_end=(TODAY() - datetime.timedelta(days=10)).isoformat(),
    )
    assert _post_admin(client, world, body, seats).status_code == 302
    assert Membership.objects.current().filter(body=body).count() == 7


def test_admin_shows_the_membership_rules_of_the_model(client, world):
    body = _commission(world.school_a)
    seats = _seats(students=3, teachers=4)
    seats[0].update(role="guest")  # still marked as voting
    response = _post_admin(client, world, body, seats)
    assert response.status_code == 200
    assert "A guest does not vote." in response.content.decode()
    assert not Membership.objects.filter(body=body).exists()


def test_admin_refuses_two_seats_for_one_person(client, world):
    body = _commission(world.school_a)
    seats = _seats(students=3, teachers=4)
    seats[-1]["person"] = seats[-2]["person"]
    response = _post_admin(client, world, body, seats)
    assert response.status_code == 200
    assert "has two seats on the body for overlapping dates." in response.content.decode()


def test_admin_has_no_ballot_registers(client, world):
    registered = set(admin.site._registry)
    assert not registered & {BallotReceipt, NamedVote, SecretTally}
    assert Body in registered and Motion in registered


def test_admin_shows_a_closed_motion_read_only(client, world):
    for person in ("chair", "member"):
        Attendance.objects.create(meeting=world.meeting, person=world.users[person])
    motion = open_vote(world.motion)
    cast_vote(motion, world.users["member"], "for")
    cast_vote(motion, world.users["chair"], "for")
    close_vote(motion)
    client.force_login(world.users["qa_manager"])
    response = client.get(en("admin:governance_motion_change", motion.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="votes_for"' not in html
    assert 'name="text"' not in html  # a motion put to the vote no longer changes
    assert "Adopted: 2 for of 2 present" in html
    assert str(world.users["member"]) not in html  # no ballot, no voter


# --- Dashboard and menu ----------------------------------------------------------------------


def test_dashboard_lists_votes_waiting_until_the_member_has_voted(client, world):
    member = world.users["member"]
    html = page(client, member, "home")
    assert "Votes waiting for me" in html
    assert "School of Law Committee" in html
    assert "Силлабустарды бекіту" not in html  # still a draft

    motion = open_vote(world.motion)
    html = page(client, member, "home")
    votes = html[html.index("Votes waiting for me") :]
    assert "Силлабустарды бекіту" in votes

    cast_vote(motion, member, "for")
    html = page(client, member, "home")
    votes = html[html.index("Votes waiting for me") :]
    assert "Силлабустарды бекіту" not in votes
    assert "No votes are waiting for you." in votes


def test_non_voting_members_have_no_votes_waiting(client, world):
    open_vote(world.motion)
    html = page(client, world.users["secretary"], "home")
    votes = html[html.index("Votes waiting for me") :]
    assert "Силлабустарды бекіту" not in votes


def test_dashboard_lists_next_meetings(client, world):
    html = page(client, world.users["chair"], "home")
    meetings = html[html.index("Next meetings") : html.index("Votes waiting for me")]
    assert "School of Law Committee" in meetings


def test_people_without_a_seat_have_no_member_panel(client, world):
    html = page(client, world.users["student"], "home")
    assert "Votes waiting for me" not in html


@pytest.mark.parametrize(
    ("role", "listed"),
    [("member", True), ("secretary", True), ("qa_manager", True), ("student", False)],
)
def test_menu_offers_my_bodies_to_members_and_the_qa_manager(client, world, role, listed):
    html = page(client, world.users[role], "governance:profile")
    assert (f'href="{en("governance:body_list")}"' in html) is listed


# --- On a phone ------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("name", ["governance:body_list", "governance:body_detail", "home"])
def test_body_pages_fit_a_360px_phone(phone, world, name):  # noqa: F811
    world.committee.min_members = 5  # a warning box for the secretary
    world.committee.description = "Ұзын сипаттама " * 40
    world.committee.save()
    f.MembershipFactory(
        body=world.committee,
        term_start=TODAY() - datetime.timedelta(days=800),
        term_end=TODAY() - datetime.timedelta(days=100),
    )
    open_vote(world.motion)
    sign_in(phone, "secretary@uni.example.kz")
    args = [world.committee.pk] if name == "governance:body_detail" else []
    phone.goto(en(name, *args))
    phone.wait_for_load_state()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{name} is {width}px wide on a 360px screen"
    if name == "governance:body_detail":
        phone.click(".bodies-history summary")
        assert phone.is_visible("text=Ended terms")


def test_admin_forms_of_the_governance_records_open(client, world):
    decision = Decision.objects.create(
        body=world.committee, meeting=world.meeting, number="1/1", date=TODAY(), text="Бекітілсін"
    )
    ImprovementAction.objects.create(
        title="Силлабусты жаңарту", source="decision", owner=world.users["chair"], due_date=TODAY()
    )
    client.force_login(world.users["qa_manager"])
    urls = [en("admin:governance_body_add"), en("admin:governance_body_change", world.committee.pk)]
    for model, obj in [
        ("meeting", world.meeting),
        ("agendaitem", world.item),
        ("motion", world.motion),
        ("decision", decision),
        ("improvementaction", ImprovementAction.objects.get()),
        ("membership", Membership.objects.filter(body=world.committee).first()),
    ]:
        urls.append(en(f"admin:governance_{model}_change", obj.pk))
        if model != "membership":
            urls.append(en(f"admin:governance_{model}_add"))
    for url in urls:
        assert client.get(url).status_code == 200, url
    # Seats change on the body's page only, where the charter is checked.
    assert client.get(en("admin:governance_membership_add")).status_code == 403
