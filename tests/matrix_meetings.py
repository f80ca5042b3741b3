"""Permission matrix rows for meetings and the agenda (world.meeting is School A's committee)."""

from django.core.files.base import ContentFile
from django.urls import reverse

from tests.urlmatrix import everyone

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"

# Members of the committee read the meeting; the QA manager oversees every body.
READERS = {**everyone(403), "member": 200, "secretary": 200, "chair": 200, "qa_manager": 200}
# Any current member proposes (seed 000 §2); the QA manager is not on the committee.
MEMBERS = {**everyone(403), "member": 200, "secretary": 200, "chair": 200}
MANAGERS = {**everyone(403), "secretary": 200, "chair": 200}
POST_ONLY = everyone(405, anonymous=405)


def material(world):
    """One PDF on world.item, made once per world."""
    found = getattr(world, "_meetings_material", None)
    if found is None:
        from governance.models import AgendaMaterial

        found = AgendaMaterial.objects.create(
            item=world.item,
            title="Syllabus",
            file=ContentFile(PDF, name="syllabus.pdf"),
            uploaded_by=world.users["member"],
        )
        world._meetings_material = found
    return found


def _meeting(name):
    return lambda w: reverse(f"governance:{name}", args=[w.meeting.pk])


def _item(name):
    return lambda w: reverse(f"governance:{name}", args=[w.item.pk])


MATRIX = {
    "governance:meeting_detail": (_meeting("meeting_detail"), READERS),
    "governance:meeting_attendance": (_meeting("meeting_attendance"), READERS),
    "governance:meeting_check_in": (_meeting("meeting_check_in"), POST_ONLY),
    "governance:attendance_mark": (
        lambda w: reverse("governance:attendance_mark", args=[w.meeting.pk, w.users["member"].pk]),
        POST_ONLY,
    ),
    "governance:meeting_create": (
        lambda w: reverse("governance:meeting_create", args=[w.committee.pk]),
        MANAGERS,
    ),
    "governance:item_propose": (_meeting("item_propose"), MEMBERS),
    "governance:meeting_publish": (_meeting("meeting_publish"), POST_ONLY),
    "governance:meeting_start": (_meeting("meeting_start"), POST_ONLY),
    "governance:meeting_close": (_meeting("meeting_close"), POST_ONLY),
    "governance:item_accept": (_item("item_accept"), POST_ONLY),
    "governance:item_decline": (_item("item_decline"), POST_ONLY),
    "governance:item_move": (_item("item_move"), POST_ONLY),
    # The proposer of world.item is the committee member.
    "governance:material_upload": (_item("material_upload"), MEMBERS),
    "governance:material_download": (
        lambda w: reverse("governance:material_download", args=[material(w).pk]),
        READERS,
    ),
}

OBJECT_CASES = {
    # The rector chairs the council: they manage its meetings, not the committee's.
    "new council meeting": (
        lambda w: reverse("governance:meeting_create", args=[w.council.pk]),
        {**everyone(403), "rector": 200},
    ),
    "unknown meeting": (
        lambda w: reverse("governance:meeting_detail", args=[999999]),
        everyone(404),
    ),
    "unknown material": (
        lambda w: reverse("governance:material_download", args=[999999]),
        everyone(404),
    ),
}
