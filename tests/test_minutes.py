"""Minutes of a meeting: the PDF (text checked with pdftotext), approval and lock, extracts."""

import datetime
import hashlib
import re
import shutil
import subprocess
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from governance.minutes import (
    MinutesLocked,
    approve_minutes,
    attendance_summary,
    check_approval,
    css_string,
    ensure_minutes_editable,
    page_counter_css,
)
from governance.models import Attendance, Decision
from governance.voting import cast_vote, close_vote, explain, open_vote, result_of

from . import factories as f
from .services import REQUIRED

# --- helpers -------------------------------------------------------------------------------


def need_pdftotext():
    if shutil.which("pdftotext") is None:
        reason = "needs pdftotext (poppler-utils)"
        if REQUIRED:
            pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
        pytest.skip(reason)


def pdf_text(data, tmp_path):
    """The text layer of a PDF, whitespace collapsed (lines may wrap anywhere)."""
    need_pdftotext()
    assert data.startswith(b"%PDF-")
    source = tmp_path / f"doc-{hashlib.sha256(data).hexdigest()[:12]}.pdf"
    source.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(source), "-"],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout.decode("utf-8")
    return " ".join(out.split())


def squash(text):
    return " ".join(str(text).split())


def pdf_of(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert ".pdf" in response["Content-Disposition"]
    return b"".join(response.streaming_content) if response.streaming else response.content


def login(client, user):
    client.force_login(user)
    return client


class Held:
    """A held (closed) committee meeting with two items, a vote and a decision."""

    def __init__(self, world, language="en"):
        users = world.users
        committee = world.committee
        committee.quorum_numerator, committee.quorum_denominator = 1, 2
        committee.name_ru = "Комитет Школы права"
        committee.save()
        self.world = world
        self.body = committee
        self.absent = f.MembershipFactory(
            body=committee, person=f.UserFactory(full_name_en="Absent Member")
        ).person
        self.meeting = f.MeetingFactory(
            body=committee,
            number=2,
            starts_at=timezone.now() - datetime.timedelta(days=10),
            status="closed",
            language=language,
            place="Құқық ғимараты, 204",
        )
        for role in ("chair", "member", "secretary"):
            Attendance.objects.create(meeting=self.meeting, person=users[role])
        self.item = f.AgendaItemFactory(
            meeting=self.meeting,
            position=1,
            title="Силлабустарды бекіту туралы",
            proposed_by=users["member"],
            minutes_text="Баяндамашы силлабустардың сапасы туралы айтты.",
        )
        self.other_item = f.AgendaItemFactory(
            meeting=self.meeting,
            position=2,
            title="Академиялық адалдық туралы",
            proposed_by=users["chair"],
            minutes_text="Ешкім қарсы болмады.",
        )
        self.declined = f.AgendaItemFactory(
            meeting=self.meeting,
            position=3,
            title="Алынып тасталған мәселе",
            proposed_by=users["member"],
            status="declined",
        )
        self.motion = f.MotionFactory(item=self.item, text="Силлабустар бекітілсін")
        open_vote(self.motion)
        cast_vote(self.motion, users["chair"], "for")
        cast_vote(self.motion, users["member"], "against")
        self.motion, _result = close_vote(self.motion)
        self.secret = f.MotionFactory(
            item=self.other_item, text="Ереже қабылдансын", ballot="secret"
        )
        open_vote(self.secret)
        cast_vote(self.secret, users["chair"], "for")
        cast_vote(self.secret, users["member"], "for")
        self.secret, _result = close_vote(self.secret)
        self.decision = Decision.objects.create(
            body=committee,
            meeting=self.meeting,
            motion=self.secret,
            number="SC-7",
            date=timezone.localdate(self.meeting.starts_at),
            text="Адалдық ережесі қабылдансын",
        )
        self.next_meeting = f.MeetingFactory(
            body=committee,
            number=3,
            starts_at=timezone.now() - datetime.timedelta(hours=1),
            status="in_session",
        )

    def explanation(self, motion, language="en"):
        motion.refresh_from_db()
        with translation.override(language):
            return explain(self.body, result_of(motion))


@pytest.fixture
def held(world):
    return Held(world)


# --- the content of the minutes --------------------------------------------------------


def test_attendance_counts_voting_members_and_the_quorum(held):
    summary = attendance_summary(held.meeting)
    # Voting: chair, member, absent member; the secretary does not vote.
    assert (summary.members, summary.present, summary.needed) == (3, 2, 2)
    assert summary.quorate and summary.has_rule
    assert held.body.quorum == Fraction(1, 2)
    assert {m.person for m in summary.present_members} == {
        held.world.users[r] for r in ("chair", "member", "secretary")
    }
    assert [m.person for m in summary.absent_members] == [held.absent]
    assert summary.chair.person == held.world.users["chair"]
    assert summary.secretary.person == held.world.users["secretary"]


def test_minutes_pdf_matches_the_database(client, held, tmp_path):
    response = login(client, held.world.users["member"]).get(
        reverse("governance:meeting_minutes_pdf", args=[held.meeting.pk])
    )
    text = pdf_text(pdf_of(response), tmp_path)
    assert "School of Law Committee" in text
    assert "Test University" in text
    assert "Minutes No. 2" in text
    assert "Voting members present: 2 of 3." in text
    assert "The quorum (2 needed) was present." in text
    # Present and absent members, by name.
    assert "Absent Member" in text
    for role in ("chair", "member", "secretary"):
        assert str(held.world.users[role].full_name_en) in text
    # The agenda holds the items on it, not the declined one.
    assert "Силлабустарды бекіту туралы" in text
    assert "Академиялық адалдық туралы" in text
    assert "Алынып тасталған мәселе" not in text
    assert "Баяндамашы силлабустардың сапасы туралы айтты." in text
    # Each closed motion, its result in words as the database computes it, named votes.
    assert squash(held.explanation(held.motion)) in text
    assert squash(held.explanation(held.secret)) in text
    assert held.motion.outcome == "rejected"
    assert "Open (named) vote" in text and "Secret vote" in text
    assert "How members voted" in text
    # Decision adopted on the secret vote.
    assert "Decided (decision No. SC-7)" in text
    assert "Адалдық ережесі қабылдансын" in text
    # The draft motion of world.meeting is elsewhere; nothing undecided leaks in.
    assert "page 1 of" in text


def test_page_numbers_use_the_translated_pattern(held, tmp_path, client):
    held.meeting.language = "kk"
    held.meeting.save()
    response = login(client, held.world.users["chair"]).get(
        reverse("governance:meeting_minutes_pdf", args=[held.meeting.pk])
    )
    text = pdf_text(pdf_of(response), tmp_path)
    with translation.override("kk"):
        pattern = gettext("page %(n)s of %(m)s")
    words = [re.escape(squash(part)) for part in re.split(r"%\([nm]\)s", pattern)]
    numbered = re.compile(r"\s*(\d+)\s*".join(words))
    found = [(int(n), int(m)) for n, m in numbered.findall(text)]
    assert found and found[0][0] == 1
    assert [n for n, _m in found] == list(range(1, found[0][1] + 1))
    # Kazakh letters survive (body name, place, items).
    assert "Құқық" in text
    assert "Құқық ғимараты, 204" in text
    assert "Адалдық ережесі қабылдансын" in text
    assert "Сынақ университеті" in text


def test_page_counter_css_wraps_counters_in_translated_words():
    with translation.override("en"):
        assert page_counter_css() == '"page " counter(page) " of " counter(pages)'
    # Quotes and markup in a name cannot leave the CSS string or the <style> element.
    assert css_string('A "B" </style>') == '"A \\22 B\\22  \\3c /style\\3e "'


def test_minutes_pdf_in_russian(client, held, tmp_path):
    held.meeting.language = "ru"
    held.meeting.save()
    with translation.override("en"):  # the reader's language does not matter
        response = login(client, held.world.users["qa_manager"]).get(
            reverse("governance:meeting_minutes_pdf", args=[held.meeting.pk])
        )
    text = pdf_text(pdf_of(response), tmp_path)
    assert "Комитет Школы права" in text
    assert "Тестовый университет" in text
    with translation.override("ru"):
        day = date_format(timezone.localdate(held.meeting.starts_at), "DATE_FORMAT")
        words = [gettext("Attendance"), gettext("Agenda"), gettext("Secret vote")]
    assert squash(day) in text
    assert any(ch in day for ch in "абвгдеийклмнопрстуфя")  # a Russian month name
    for word in words:
        assert word in text
    assert squash(held.explanation(held.motion, "ru")) in text


# --- approval and the lock ------------------------------------------------------------------


def test_approval_stores_the_pdf_and_locks_the_minutes(client, held, tmp_path):
    secretary = login(client, held.world.users["secretary"])
    url = reverse("governance:minutes_approve", args=[held.meeting.pk])
    response = secretary.post(url, {"approved_at": held.next_meeting.pk})
    assert response.status_code == 302
    held.meeting.refresh_from_db()
    assert held.meeting.minutes_locked
    assert held.meeting.minutes_approved_at == held.next_meeting
    with held.meeting.minutes_file.open("rb") as stored_file:
        stored = stored_file.read()
    assert hashlib.sha256(stored).hexdigest() == held.meeting.minutes_sha256
    text = pdf_text(stored, tmp_path)
    assert "The minutes were approved at meeting No. 3" in text

    # Later changes in the database do not reach the approved minutes.
    held.item.title = "Өзгертілген тақырып"
    held.item.minutes_text = "Кейін жазылған мәтін"
    held.item.save()
    pdf_url = reverse("governance:meeting_minutes_pdf", args=[held.meeting.pk])
    served = pdf_of(client.get(pdf_url))
    assert served == stored

    # Editing the discussion is refused from now on, in the view and for other areas.
    with translation.override("en"):
        edit = reverse("governance:item_minutes_edit", args=[held.item.pk])
    response = client.post(edit, {"minutes_text": "Тағы бір өзгеріс"}, follow=True)
    held.item.refresh_from_db()
    assert held.item.minutes_text == "Кейін жазылған мәтін"
    assert "can no longer be changed" in response.content.decode()
    assert client.get(edit).status_code == 302
    with pytest.raises(MinutesLocked):
        ensure_minutes_editable(held.meeting)
    # A second approval is refused too.
    with pytest.raises(MinutesLocked):
        approve_minutes(held.meeting, held.next_meeting)


def test_minutes_are_approved_only_at_a_later_meeting_of_the_same_body(client, held, world):
    earlier = f.MeetingFactory(
        body=held.body,
        number=20,
        starts_at=held.meeting.starts_at - datetime.timedelta(days=30),
        status="closed",
    )
    other_body = f.MeetingFactory(
        body=world.council,
        number=9,
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        status="in_session",
    )
    with translation.override("en"):
        with pytest.raises(Exception, match="later meeting"):
            check_approval(held.meeting, earlier)
        with pytest.raises(Exception, match="same body"):
            check_approval(held.meeting, other_body)
        with pytest.raises(Exception, match="later meeting"):
            check_approval(held.meeting, held.meeting)
        planned = f.MeetingFactory(body=held.body, number=4, status="planned")
        with pytest.raises(Exception, match="not taken place"):
            check_approval(held.meeting, planned)
        with pytest.raises(Exception, match="not been closed"):
            check_approval(held.next_meeting, planned)

    secretary = login(client, world.users["secretary"])
    url = reverse("governance:minutes_approve", args=[held.meeting.pk])
    for meeting in (earlier, other_body, planned):
        assert secretary.post(url, {"approved_at": meeting.pk}).status_code == 302
        held.meeting.refresh_from_db()
        assert not held.meeting.minutes_locked
        assert not held.meeting.minutes_file
    # Only the secretary and the chair approve.
    for role in ("member", "qa_manager", "rector"):
        client.force_login(world.users[role])
        assert client.post(url, {"approved_at": held.next_meeting.pk}).status_code == 403
    held.meeting.refresh_from_db()
    assert not held.meeting.minutes_locked


def test_secretary_edits_the_discussion(client, held):
    edit = reverse("governance:item_minutes_edit", args=[held.item.pk])
    client.force_login(held.world.users["member"])
    assert client.post(edit, {"minutes_text": "x"}).status_code == 403
    client.force_login(held.world.users["secretary"])
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"minutes_text": "Жаңа мәтін <b>қалың</b>"})
    assert response.status_code == 302
    held.item.refresh_from_db()
    assert held.item.minutes_text == "Жаңа мәтін <b>қалың</b>"
    page = client.get(reverse("governance:meeting_minutes", args=[held.meeting.pk]))
    html = page.content.decode()
    assert "Жаңа мәтін &lt;b&gt;қалың&lt;/b&gt;" in html
    # Items not on the agenda are not in the minutes.
    declined = reverse("governance:item_minutes_edit", args=[held.declined.pk])
    assert client.get(declined).status_code == 404


def test_minutes_page_links_and_approval_form(client, held):
    url = reverse("governance:meeting_minutes", args=[held.meeting.pk])
    client.force_login(held.world.users["secretary"])
    html = client.get(url).content.decode()
    assert reverse("governance:meeting_minutes_pdf", args=[held.meeting.pk]) in html
    assert reverse("governance:item_extract_pdf", args=[held.item.pk]) in html
    assert reverse("governance:item_minutes_edit", args=[held.item.pk]) in html
    assert reverse("governance:minutes_approve", args=[held.meeting.pk]) in html
    client.force_login(held.world.users["member"])
    html = client.get(url).content.decode()
    assert reverse("governance:item_extract_pdf", args=[held.item.pk]) in html
    assert reverse("governance:item_minutes_edit", args=[held.item.pk]) not in html
    assert reverse("governance:minutes_approve", args=[held.meeting.pk]) not in html


# --- extracts ---------------------------------------------------------------------------------


def test_extract_holds_only_its_item(client, held, tmp_path):
    response = login(client, held.world.users["member"]).get(
        reverse("governance:item_extract_pdf", args=[held.other_item.pk])
    )
    text = pdf_text(pdf_of(response), tmp_path)
    assert "Extract from the minutes of meeting No. 2" in text
    assert "School of Law Committee" in text
    assert "Voting members present: 2 of 3." in text
    assert "2. Академиялық адалдық туралы" in text
    assert "Ешкім қарсы болмады." in text
    assert squash(held.explanation(held.secret)) in text
    assert "Адалдық ережесі қабылдансын" in text
    assert "The extract is correct." in text
    assert held.world.users["secretary"].full_name_en in text
    # Nothing of the other item.
    assert "Силлабустарды бекіту туралы" not in text
    assert "Баяндамашы" not in text
    assert squash(held.explanation(held.motion)) not in text


@pytest.mark.parametrize("role", ["student", "teacher", "dean", "rector"])
def test_non_members_cannot_read_either_pdf(client, held, role):
    client.force_login(held.world.users[role])
    for url in (
        reverse("governance:meeting_minutes_pdf", args=[held.meeting.pk]),
        reverse("governance:item_extract_pdf", args=[held.item.pk]),
        reverse("governance:meeting_minutes", args=[held.meeting.pk]),
    ):
        assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, held):
    response = client.get(reverse("governance:meeting_minutes_pdf", args=[held.meeting.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.postgres
def test_minutes_pdf_on_postgresql(client, held, tmp_path):
    from .services import need_postgres

    need_postgres()
    response = login(client, held.world.users["chair"]).get(
        reverse("governance:meeting_minutes_pdf", args=[held.meeting.pk])
    )
    assert "Voting members present: 2 of 3." in pdf_text(pdf_of(response), tmp_path)


def _more_minutes(held, n):
    """Another item with an open-ballot motion, votes and a decision; more attendance."""
    users = held.world.users
    extra = f.MembershipFactory(body=held.body).person
    Attendance.objects.create(meeting=held.meeting, person=extra)
    Attendance.objects.create(meeting=held.meeting, person=f.UserFactory())  # an invited guest
    item = f.AgendaItemFactory(meeting=held.meeting, position=3 + n, proposed_by=users["member"])
    motion = f.MotionFactory(item=item, text="Тағы бір ұсыныс")
    open_vote(motion)
    for person in (users["chair"], users["member"], extra):
        cast_vote(motion, person, "for")
    motion, _result = close_vote(motion)
    Decision.objects.create(
        body=held.body,
        meeting=held.meeting,
        motion=motion,
        number=f"SC-9{n}",
        date=timezone.localdate(held.meeting.starts_at),
        text="Тағы бір шешім",
    )
    Decision.objects.create(
        body=held.body,
        meeting=held.meeting,
        number=f"SC-10{n}",
        date=timezone.localdate(held.meeting.starts_at),
        text="Дауыссыз шешім",
    )


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("governance:meeting_minutes", "secretary"),
        ("governance:meeting_minutes", "qa_manager"),
        ("governance:meeting_minutes_pdf", "member"),
    ],
)
def test_minutes_cost_the_same_queries_with_more_items(client, held, name, role):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _more_minutes(held, 1)  # one of everything first: some prefetches only run for rows
    client.force_login(held.world.users[role])
    url = reverse(name, args=[held.meeting.pk])
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    _more_minutes(held, 2)
    _more_minutes(held, 3)
    assert count() == before
