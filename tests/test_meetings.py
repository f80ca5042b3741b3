"""Meetings and the agenda: proposals, publishing, materials, attendance and the live quorum."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from governance import agenda
from governance.models import AgendaItem, AgendaMaterial, Attendance, Meeting
from governance.voting import cast_vote, close_vote, open_vote

from . import factories as f
from .browser import chromium, phone  # noqa: F401 - fixtures

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def url(name, *args):
    """URLs under /en/ so that messages can be compared in English."""
    with translation.override("en"):
        return reverse(f"governance:{name}", args=args)


def as_user(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def people(world):
    """A non-voting member and a guest on School A's committee, besides the world's seats."""
    nonvoting = f.UserFactory(email="deputy-dean@uni.example.kz")
    f.MembershipFactory(
        body=world.committee, person=nonvoting, voting=False, constituency="leadership"
    )
    guest = f.UserFactory(email="guest@uni.example.kz")
    f.MembershipFactory(
        body=world.committee, person=guest, role="guest", voting=False, constituency="employer"
    )
    return {"nonvoting": nonvoting, "guest": guest}


def planned_meeting(world, **kwargs):
    kwargs.setdefault("starts_at", timezone.now() + datetime.timedelta(days=10))
    return f.MeetingFactory(body=world.committee, number=7, status="planned", **kwargs)


def pdf(name="syllabus.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


# --- Proposing items ---------------------------------------------------------------------


@pytest.mark.parametrize("who", ["nonvoting", "guest"])
def test_non_voting_members_and_guests_propose_items(client, world, people, who):
    """Seed 000 §2: every member, voting or not, may propose an agenda item."""
    response = as_user(client, people[who]).post(
        url("item_propose", world.meeting.pk),
        {"title": "Оқу жоспарын қарау", "description": "Себебі …"},
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(title="Оқу жоспарын қарау")
    assert item.proposed_by == people[who]
    assert item.status == "proposed"
    assert item.meeting == world.meeting


def test_a_non_member_cannot_propose(client, world):
    for role in ("teacher", "dean", "rector", "qa_manager"):
        response = as_user(client, world.users[role]).post(
            url("item_propose", world.meeting.pk), {"title": "Бөгде ұсыныс"}
        )
        assert response.status_code == 403, role
    assert not AgendaItem.objects.filter(title="Бөгде ұсыныс").exists()


def test_the_secretarys_own_items_go_straight_onto_the_agenda(client, world):
    response = as_user(client, world.users["secretary"]).post(
        url("item_propose", world.meeting.pk), {"title": "Хатшы мәселесі"}
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(title="Хатшы мәселесі")
    assert item.status == "on_agenda"
    assert item.position == 2  # after world.item


def test_proposals_to_a_closed_meeting_are_refused(client, world):
    Meeting.objects.filter(pk=world.meeting.pk).update(status="closed")
    response = as_user(client, world.users["member"]).post(
        url("item_propose", world.meeting.pk), {"title": "Кеш"}, follow=True
    )
    assert not AgendaItem.objects.filter(title="Кеш").exists()
    assert "The meeting is closed" in response.content.decode()


# --- Building and publishing the agenda ----------------------------------------------------


def test_the_secretary_accepts_and_publishes(client, world, people):
    meeting = planned_meeting(world)
    proposal = agenda.propose_item(meeting, people["nonvoting"], "Бағдарламаны өзгерту")
    other = agenda.propose_item(meeting, people["guest"], "Жұмыс берушілердің пікірі")
    secretary = as_user(client, world.users["secretary"])

    assert secretary.post(url("item_accept", proposal.pk)).status_code == 302
    assert secretary.post(url("item_decline", other.pk)).status_code == 302
    proposal.refresh_from_db()
    other.refresh_from_db()
    assert (proposal.status, proposal.position) == ("on_agenda", 1)
    assert other.status == "declined"

    response = secretary.post(url("meeting_publish", meeting.pk), follow=True)
    meeting.refresh_from_db()
    assert meeting.status == "published"
    assert meeting.agenda_published_at is not None
    assert "The agenda is published" in response.content.decode()


def test_an_empty_agenda_is_not_published(client, world):
    meeting = planned_meeting(world)
    response = as_user(client, world.users["secretary"]).post(
        url("meeting_publish", meeting.pk), follow=True
    )
    meeting.refresh_from_db()
    assert meeting.status == "planned"
    assert "The agenda is empty" in response.content.decode()


def test_plain_members_cannot_manage_the_agenda(client, world, people):
    proposal = agenda.propose_item(world.meeting, people["guest"], "Қонақ ұсынысы")
    member = as_user(client, world.users["member"])
    for name, pk in [
        ("item_accept", proposal.pk),
        ("item_decline", proposal.pk),
        ("item_move", proposal.pk),
        ("meeting_publish", world.meeting.pk),
        ("meeting_start", world.meeting.pk),
        ("meeting_close", world.meeting.pk),
    ]:
        assert member.post(url(name, pk), {"direction": "up"}).status_code == 403, name
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_proposed_items_are_hidden_from_plain_members_but_shown_to_the_secretary(
    client, world, people
):
    agenda.propose_item(world.meeting, people["guest"], "Жасырын ұсыныс")
    page = as_user(client, world.users["member"]).get(url("meeting_detail", world.meeting.pk))
    assert page.status_code == 200
    assert "Жасырын ұсыныс" not in page.content.decode()
    assert world.item.title in page.content.decode()

    page = as_user(client, world.users["secretary"]).get(url("meeting_detail", world.meeting.pk))
    html = page.content.decode()
    assert "Жасырын ұсыныс" in html
    assert "Put on the agenda" in html

    # The proposer sees their own proposal waiting for the secretary.
    page = as_user(client, people["guest"]).get(url("meeting_detail", world.meeting.pk))
    assert "Жасырын ұсыныс" in page.content.decode()
    assert "Your proposals awaiting the secretary" in page.content.decode()


def test_items_move_up_and_down(client, world):
    second = f.AgendaItemFactory(
        meeting=world.meeting, position=2, proposed_by=world.users["chair"]
    )
    third = f.AgendaItemFactory(meeting=world.meeting, position=3, proposed_by=world.users["chair"])
    secretary = as_user(client, world.users["secretary"])
    secretary.post(url("item_move", third.pk), {"direction": "up"})
    secretary.post(url("item_move", world.item.pk), {"direction": "down"})
    order = list(
        world.meeting.items.filter(status="on_agenda")
        .order_by("position")
        .values_list("pk", flat=True)
    )
    assert order == [third.pk, world.item.pk, second.pk]
    # The first item cannot move further up.
    secretary.post(url("item_move", third.pk), {"direction": "up"})
    assert AgendaItem.objects.get(pk=third.pk).position == 1


def test_the_meeting_page_shows_the_agenda_in_kazakh(client, world):
    world.meeting.starts_at = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=datetime.UTC)
    world.meeting.online_link = "https://meet.example.kz/room?a=1&b=2"
    world.meeting.save()
    f.AgendaItemFactory(
        meeting=world.meeting,
        position=2,
        title="<script>alert(1)</script>",
        description="Бірінші жол\nекінші жол",
        proposed_by=world.users["member"],
    )
    with translation.override("kk"):
        path = reverse("governance:meeting_detail", args=[world.meeting.pk])
    assert path == f"/meetings/{world.meeting.pk}/"
    html = as_user(client, world.users["member"]).get(path).content.decode()
    assert 'lang="kk"' in html
    assert "27 қараша 2026, 15:00" in html  # Almaty time, Kazakh date format
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Бірінші жол<br>екінші жол" in html
    assert "https://meet.example.kz/room?a=1&amp;b=2" in html
    assert world.motion.text in html  # the motions partial


# --- Creating meetings -------------------------------------------------------------------


def test_the_secretary_creates_a_meeting_with_the_next_number(client, world):
    secretary = as_user(client, world.users["secretary"])
    form = secretary.get(url("meeting_create", world.committee.pk))
    assert form.context["form"].initial["number"] == 2
    response = secretary.post(
        url("meeting_create", world.committee.pk),
        {
            "number": 2,
            "starts_at": "2026-12-10T14:30",
            "place": "B-204",
            "online_link": "",
            "language": "ru",
        },
    )
    meeting = Meeting.objects.get(body=world.committee, number=2)
    assert response.status_code == 302
    assert response["Location"].endswith(url("meeting_detail", meeting.pk))
    assert meeting.status == "planned"
    assert meeting.language == "ru"
    assert timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M") == "2026-12-10 14:30"


def test_a_meeting_number_is_not_used_twice(client, world):
    response = as_user(client, world.users["secretary"]).post(
        url("meeting_create", world.committee.pk),
        {"number": 1, "starts_at": "2026-12-10T14:30", "language": "kk"},
    )
    assert response.status_code == 200
    assert "already has a meeting No. 1" in response.content.decode()


# --- Starting and closing ----------------------------------------------------------------


def test_closing_is_refused_while_a_motion_is_open(client, world):
    chair = as_user(client, world.users["chair"])
    assert chair.post(url("meeting_start", world.meeting.pk)).status_code == 302
    world.meeting.refresh_from_db()
    assert world.meeting.status == "in_session"
    open_vote(world.motion)

    response = chair.post(url("meeting_close", world.meeting.pk), follow=True)
    world.meeting.refresh_from_db()
    assert world.meeting.status == "in_session"
    assert "is still open; close the vote first" in response.content.decode()

    Attendance.objects.create(meeting=world.meeting, person=world.users["member"])
    cast_vote(world.motion, world.users["member"], "for")
    close_vote(world.motion)
    chair.post(url("meeting_close", world.meeting.pk))
    world.meeting.refresh_from_db()
    assert world.meeting.status == "closed"


def test_a_meeting_starts_only_after_its_agenda_is_published(client, world):
    meeting = planned_meeting(world)
    response = as_user(client, world.users["chair"]).post(
        url("meeting_start", meeting.pk), follow=True
    )
    meeting.refresh_from_db()
    assert meeting.status == "planned"
    assert "Publish the agenda before the meeting starts" in response.content.decode()


# --- Attendance and the live quorum --------------------------------------------------------


@pytest.fixture
def soon(world):
    """World's meeting an hour from now, on a committee of three voting members, quorum 2/3."""
    third = f.teacher(world.school_a, email="third@uni.example.kz")
    f.MembershipFactory(body=world.committee, person=third)
    world.committee.quorum_numerator, world.committee.quorum_denominator = 2, 3
    world.committee.save()
    world.meeting.starts_at = timezone.now() + datetime.timedelta(hours=1)
    world.meeting.save()
    return world.meeting


def test_check_in_creates_attendance_and_the_quorum_fragment_shows_2_of_3(client, world, soon):
    for role in ("chair", "member"):
        response = as_user(client, world.users[role]).post(url("meeting_check_in", soon.pk))
        assert response.status_code == 302
        attendance = Attendance.objects.get(meeting=soon, person=world.users[role])
        assert attendance.present and attendance.recorded_by is None

    fragment = client.get(url("meeting_attendance", soon.pk), headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert fragment.status_code == 200
    assert "<html" not in html
    assert "Present: 2 of 3 voting members." in html
    assert "Quorum needs 2." in html
    assert "Quorate." in html
    assert 'hx-trigger="every 5s"' in html
    assert "HX-Request" in fragment["Vary"]

    # Without htmx the same URL is a page of its own.
    page = client.get(url("meeting_attendance", soon.pk))
    assert "<html" in page.content.decode()
    assert "Present: 2 of 3 voting members." in page.content.decode()


def test_the_meeting_page_polls_the_attendance_fragment(client, world, soon):
    html = as_user(client, world.users["member"]).get(url("meeting_detail", soon.pk))
    html = html.content.decode()
    assert f'hx-get="{url("meeting_attendance", soon.pk)}"' in html
    assert 'hx-trigger="every 5s"' in html
    assert "Check in" in html


def test_htmx_check_in_answers_with_the_fragment(client, world, soon):
    response = as_user(client, world.users["member"]).post(
        url("meeting_check_in", soon.pk), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "You are checked in." in html
    assert "Present: 1 of 3 voting members." in html


def test_non_voting_members_check_in_without_counting_towards_quorum(client, world, soon):
    as_user(client, world.users["secretary"]).post(url("meeting_check_in", soon.pk))
    assert Attendance.objects.filter(meeting=soon, person=world.users["secretary"]).exists()
    assert agenda.quorum_status(soon).present == 0


def test_check_in_is_refused_days_before_the_meeting(client, world):
    response = as_user(client, world.users["member"]).post(
        url("meeting_check_in", world.meeting.pk), follow=True
    )
    assert not Attendance.objects.filter(meeting=world.meeting).exists()
    assert "Check-in opens two hours before the meeting" in response.content.decode()


def test_check_in_window():
    now = timezone.now()
    meeting = Meeting(status="published", starts_at=now + datetime.timedelta(hours=3))
    assert not agenda.check_in_open(meeting, now)
    meeting.starts_at = now + datetime.timedelta(minutes=90)
    assert agenda.check_in_open(meeting, now)
    meeting.status = "planned"
    assert not agenda.check_in_open(meeting, now)
    meeting.status = "in_session"
    meeting.starts_at = now - datetime.timedelta(days=2)
    assert agenda.check_in_open(meeting, now)
    meeting.status = "closed"
    assert not agenda.check_in_open(meeting, now)
    # Published and started earlier today.
    local_noon = timezone.make_aware(datetime.datetime(2026, 11, 20, 12, 0))
    meeting = Meeting(status="published", starts_at=local_noon)
    assert agenda.check_in_open(meeting, local_noon + datetime.timedelta(hours=5))
    assert not agenda.check_in_open(meeting, local_noon + datetime.timedelta(days=1))


def test_non_members_cannot_check_in(client, world, soon):
    for role in ("teacher", "qa_manager"):
        response = as_user(client, world.users[role]).post(url("meeting_check_in", soon.pk))
        assert response.status_code == 403, role
    assert not Attendance.objects.filter(meeting=soon).exists()


def test_the_secretary_records_an_absence(client, world, soon):
    Meeting.objects.filter(pk=soon.pk).update(status="in_session")
    secretary = as_user(client, world.users["secretary"])
    member = world.users["member"]
    response = secretary.post(
        url("attendance_mark", soon.pk, member.pk), {"present": "0"}, follow=True
    )
    attendance = Attendance.objects.get(meeting=soon, person=member)
    assert not attendance.present
    assert attendance.recorded_by == world.users["secretary"]
    assert "is marked absent" in response.content.decode()

    # … and later marks the member present after all, by htmx.
    response = secretary.post(
        url("attendance_mark", soon.pk, member.pk), {"present": "1"}, headers={"HX-Request": "true"}
    )
    assert "Present: 1 of 3 voting members." in response.content.decode()
    attendance.refresh_from_db()
    assert attendance.present


def test_only_the_secretary_or_chair_records_attendance(client, world, soon):
    response = as_user(client, world.users["member"]).post(
        url("attendance_mark", soon.pk, world.users["chair"].pk), {"present": "1"}
    )
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_attendance_of_a_non_member_is_not_recorded(client, world, soon):
    response = as_user(client, world.users["secretary"]).post(
        url("attendance_mark", soon.pk, world.users["teacher"].pk), {"present": "1"}, follow=True
    )
    assert "not a member of the body" in response.content.decode()
    assert not Attendance.objects.exists()


# --- Materials ---------------------------------------------------------------------------


def test_a_pdf_uploads_and_members_download_it(client, world):
    member = as_user(client, world.users["member"])
    response = member.post(
        url("material_upload", world.item.pk), {"file": pdf(), "title": "Силлабус"}
    )
    assert response.status_code == 302
    material = AgendaMaterial.objects.get(item=world.item)
    assert material.title == "Силлабус"
    assert material.uploaded_by == world.users["member"]

    page = member.get(url("meeting_detail", world.meeting.pk)).content.decode()
    assert url("material_download", material.pk) in page
    assert "/media/" not in page

    for role in ("member", "secretary", "chair", "qa_manager"):
        download = as_user(client, world.users[role]).get(url("material_download", material.pk))
        assert download.status_code == 200, role
        assert download["Content-Disposition"].startswith("attachment;")
        assert download["X-Content-Type-Options"] == "nosniff"
        assert b"".join(download.streaming_content) == PDF


def test_non_members_cannot_download_materials(client, world):
    material = agenda.add_material(world.item, world.users["member"], pdf())
    for role in ("student", "teacher", "dean", "rector"):
        response = as_user(client, world.users[role]).get(url("material_download", material.pk))
        assert response.status_code == 403, role
    client.logout()
    assert client.get(url("material_download", material.pk)).status_code == 302


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00\x03", "Files of this type are not accepted"),
        ("report.pdf", b"just some text, not a PDF at all", "is not a real .pdf file"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(client, world, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = as_user(client, world.users["member"]).post(
        url("material_upload", world.item.pk), {"file": upload}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AgendaMaterial.objects.exists()


def test_a_proposal_carries_its_material(client, world, people):
    response = as_user(client, people["guest"]).post(
        url("item_propose", world.meeting.pk), {"title": "Материалмен", "material": pdf("plan.pdf")}
    )
    assert response.status_code == 302
    material = AgendaMaterial.objects.get(item__title="Материалмен")
    assert material.title == "plan.pdf"


def test_a_proposal_with_a_bad_file_is_not_saved(client, world, people):
    upload = SimpleUploadedFile("virus.pdf", b"MZ not a pdf")
    response = as_user(client, people["guest"]).post(
        url("item_propose", world.meeting.pk), {"title": "Жаман файл", "material": upload}
    )
    assert response.status_code == 200
    assert "is not a real .pdf file" in response.content.decode()
    assert not AgendaItem.objects.filter(title="Жаман файл").exists()


def test_only_the_proposer_or_the_secretary_adds_materials(client, world, people):
    assert (
        as_user(client, people["guest"]).get(url("material_upload", world.item.pk)).status_code
        == 403
    )
    assert (
        as_user(client, world.users["secretary"])
        .get(url("material_upload", world.item.pk))
        .status_code
        == 200
    )


# --- Queries -----------------------------------------------------------------------------


def _queries(client, path, **headers):
    client.get(path, headers=headers)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["member", "secretary", "qa_manager"])
def test_the_meeting_page_costs_the_same_queries_with_more_agenda(client, world, role):
    Meeting.objects.filter(pk=world.meeting.pk).update(
        status="in_session", starts_at=timezone.now()
    )
    as_user(client, world.users[role])
    detail = url("meeting_detail", world.meeting.pk)
    fragment = url("meeting_attendance", world.meeting.pk)
    before = _queries(client, detail), _queries(client, fragment, HX_Request="true")
    for _ in range(4):
        item = f.AgendaItemFactory(meeting=world.meeting, proposed_by=world.users["member"])
        agenda.add_material(item, world.users["member"], pdf())
        f.MotionFactory(item=item)
        f.AgendaItemFactory(
            meeting=world.meeting, status="proposed", proposed_by=world.users["member"]
        )
        person = f.MembershipFactory(body=world.committee).person
        Attendance.objects.create(meeting=world.meeting, person=person)
    after = _queries(client, detail), _queries(client, fragment, HX_Request="true")
    assert after == before
    assert max(after) <= 25


# --- In the browser ----------------------------------------------------------------------


@pytest.mark.browser
def test_check_in_on_a_phone_updates_the_quorum_in_place(phone, world, soon):  # noqa: F811
    """At 360 px the meeting page fits the screen; the htmx check-in works under the CSP."""
    from playwright.sync_api import expect

    from .browser import sign_in

    f.AgendaItemFactory(
        meeting=soon,
        position=2,
        title="Өте ұзын атауы бар мәселе " * 6,
        proposed_by=world.users["member"],
    )
    agenda.add_material(world.item, world.users["member"], pdf("very-long-file-name" * 3 + ".pdf"))
    sign_in(phone, "member@uni.example.kz")
    phone.goto(url("meeting_detail", soon.pk))
    expect(phone.locator(".meetings-quorum")).to_contain_text("Present: 0 of 3")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the meeting page is {width}px wide on a 360px screen"
    phone.click("#attendance button.primary")
    expect(phone.locator(".meetings-quorum")).to_contain_text("Present: 1 of 3")
    expect(phone.locator("#attendance")).to_contain_text("You are checked in.")
    assert phone.url.endswith(url("meeting_detail", soon.pk))  # no page load: swapped in place
    assert Attendance.objects.filter(meeting=soon, person=world.users["member"]).exists()
