"""Permission rows for voting in the browser (world.motion: a draft motion on world.item of
School A's committee; the chair controls votes, the secretary words motions)."""

from django.urls import reverse

from tests.urlmatrix import everyone

# Members of the committee follow its votes; the QA manager oversees every body (seed 000 §2).
READERS = {**everyone(403), "member": 200, "secretary": 200, "chair": 200, "qa_manager": 200}
# The secretary and the chair word motions (seed 000 §2: they run the agenda).
WORDING = {**everyone(403), "secretary": 200, "chair": 200}
POST_ONLY = everyone(405, anonymous=405)


def _motion(name):
    return lambda w: reverse(f"governance:{name}", args=[w.motion.pk])


def closed_motion(world):
    """An adopted open-ballot motion on world.item, closed once per world."""
    found = getattr(world, "_voting_closed_motion", None)
    if found is None:
        from governance.models import Attendance
        from governance.voting import cast_vote, close_vote, open_vote

        from . import factories as f

        for role in ("chair", "member"):
            Attendance.objects.get_or_create(meeting=world.meeting, person=world.users[role])
        found = open_vote(f.MotionFactory(item=world.item, text="Closed motion"))
        cast_vote(found, world.users["chair"], "for")
        cast_vote(found, world.users["member"], "for")
        found, _result = close_vote(found)
        world._voting_closed_motion = found
    return found


def council_motion(world):
    """A draft motion at a council meeting (the rector chairs the council)."""
    found = getattr(world, "_voting_council_motion", None)
    if found is None:
        from . import factories as f

        meeting = f.MeetingFactory(body=world.council, number=7, status="published")
        item = f.AgendaItemFactory(meeting=meeting, proposed_by=world.users["rector"])
        found = f.MotionFactory(item=item, text="Council motion")
        world._voting_council_motion = found
    return found


MATRIX = {
    "governance:motion_create": (
        lambda w: reverse("governance:motion_create", args=[w.item.pk]),
        WORDING,
    ),
    "governance:motion_detail": (_motion("motion_detail"), READERS),
    "governance:motion_live": (_motion("motion_live"), READERS),
    "governance:motion_open": (_motion("motion_open"), POST_ONLY),
    "governance:motion_vote": (_motion("motion_vote"), POST_ONLY),
    "governance:motion_remind": (_motion("motion_remind"), POST_ONLY),
    "governance:motion_close": (_motion("motion_close"), POST_ONLY),
}

OBJECT_CASES = {
    "closed motion with its result": (
        lambda w: reverse("governance:motion_detail", args=[closed_motion(w).pk]),
        READERS,
    ),
    "closed motion fragment": (
        lambda w: reverse("governance:motion_live", args=[closed_motion(w).pk]),
        READERS,
    ),
    # The council's motion: the rector (chair) and the QA manager (non-voting member) read it;
    # the committee's chair and secretary do not.
    "council motion for council members only": (
        lambda w: reverse("governance:motion_detail", args=[council_motion(w).pk]),
        {**everyone(403), "qa_manager": 200, "rector": 200},
    ),
    "council motion worded by its chair only": (
        lambda w: reverse("governance:motion_create", args=[council_motion(w).item.pk]),
        {**everyone(403), "rector": 200},
    ),
    "unknown motion": (
        lambda w: reverse("governance:motion_detail", args=[999_999]),
        everyone(404),
    ),
    "unknown motion fragment": (
        lambda w: reverse("governance:motion_live", args=[999_999]),
        everyone(404),
    ),
    "unknown agenda item": (
        lambda w: reverse("governance:motion_create", args=[999_999]),
        everyone(404),
    ),
}
