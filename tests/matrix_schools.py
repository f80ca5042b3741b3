"""Object-level cases across schools (issue 8): School A's people get none of School B's records.

School B's committee has a published meeting with an agenda item and its paper. School A's
committee (member, secretary, chair) and dean read none of it and change none of it: seed
000 §2 gives a body's materials and minutes to its own members; the QA manager oversees every
body (seed 000 §2.3); the rector reads the bodies' decisions, not their materials. A dean reads
the drafts of their own school's documents (``documents.access.is_owner``), not those of
School B, and changes School B's record in the admin site no more than any other non-staff.
"""

from django.core.files.base import ContentFile
from django.urls import reverse

from tests.matrix_elections import other_school_committee
from tests.matrix_meetings import PDF
from tests.urlmatrix import cached, everyone

OVERSIGHT = {**everyone(403), "qa_manager": 200}
NOBODY = everyone(403)


def school_b_meeting(world):
    """School B's committee's published meeting, its agenda item and the item's paper."""

    def build():
        from governance.models import AgendaMaterial

        from . import factories as f

        meeting = f.MeetingFactory(
            body=other_school_committee(world).body, number=1, status="published"
        )
        proposer = f.teacher(world.school_b, email="member-b@uni.example.kz")
        item = f.AgendaItemFactory(meeting=meeting, position=1, proposed_by=proposer)
        material = AgendaMaterial.objects.create(
            item=item,
            title="Curriculum",
            file=ContentFile(PDF, name="curriculum.pdf"),
            uploaded_by=proposer,
        )
        return {"body": meeting.body, "meeting": meeting, "item": item, "material": material}

    return cached(world, "_school_b_meeting", build)


def school_documents(world):
    """A document of each school, approved by the council, with a draft edition each."""

    def build():
        from .factories_documents import DocumentFactory, EditionFactory

        drafts = {}
        for key, school in (("a", world.school_a), ("b", world.school_b)):
            document = DocumentFactory(
                owner_body=None, owner_school=school, approving_body=world.council
            )
            drafts[key] = EditionFactory(document=document, number=1)
        return drafts

    return cached(world, "_school_documents", build)


def _b(name, key):
    return lambda w: reverse(f"governance:{name}", args=[school_b_meeting(w)[key].pk])


def _draft(name, key, document=False):
    def build(world):
        edition = school_documents(world)[key]
        return reverse(name, args=[edition.document.pk if document else edition.pk])

    return build


OBJECT_CASES = {
    "School B's committee page": (_b("body_detail", "body"), OVERSIGHT),
    "School B's meeting": (_b("meeting_detail", "meeting"), OVERSIGHT),
    "School B's meeting attendance": (_b("meeting_attendance", "meeting"), OVERSIGHT),
    "School B's agenda paper": (_b("material_download", "material"), OVERSIGHT),
    "School B's minutes": (_b("meeting_minutes", "meeting"), OVERSIGHT),
    "School B's minutes PDF": (_b("meeting_minutes_pdf", "meeting"), OVERSIGHT),
    "School B's decision extract": (_b("item_extract_pdf", "item"), OVERSIGHT),
    # Changing School B's committee's work is for its own members and officers only.
    "new meeting of School B's committee": (_b("meeting_create", "body"), NOBODY),
    "an item proposed to School B's meeting": (_b("item_propose", "meeting"), NOBODY),
    "a paper uploaded to School B's item": (_b("material_upload", "item"), NOBODY),
    "a motion on School B's item": (_b("motion_create", "item"), NOBODY),
    "School B's item discussion in the minutes": (_b("item_minutes_edit", "item"), NOBODY),
    # The council approves both schools' documents: its chair (the rector) and the QA manager
    # keep them; each school's dean reads their own school's draft only.
    "draft of School A's document for its dean": (
        _draft("documents:edition_file", "a"),
        {**everyone(403), "qa_manager": 200, "rector": 200, "dean": 200},
    ),
    "draft of School B's document as dean of A": (
        _draft("documents:edition_file", "b"),
        {**everyone(403), "qa_manager": 200, "rector": 200},
    ),
    "new edition of School B's document as dean of A": (
        _draft("documents:edition_create", "b", document=True),
        {**everyone(403), "qa_manager": 200, "rector": 200},
    ),
    # The dean's object right to change School A is not a way into the admin site (staff only),
    # let alone to School B's record.
    "School B's record in the admin site as dean of A": (
        lambda w: reverse("admin:governance_school_change", args=[w.school_b.pk]),
        {**everyone(302), "qa_manager": 200},
    ),
}
