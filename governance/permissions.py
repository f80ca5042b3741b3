"""Object-level rights (django-guardian) over the university structure.

A dean reads and edits the records of their own school only; the QA office, the rector and the
vice-rectors read every school through their role's model permissions.
"""

from guardian.shortcuts import assign_perm, get_objects_for_user, remove_perm

from governance.roles import Role

DEAN_SCHOOL_PERMISSIONS = ("governance.view_school", "governance.change_school")


def move_dean_rights(school, old_dean_id, new_dean_id):
    """Take the school's object rights from the previous dean and give them to the new one."""
    from governance.models import User

    if old_dean_id:
        old = User.objects.get(pk=old_dean_id)
        for perm in DEAN_SCHOOL_PERMISSIONS:
            remove_perm(perm, old, school)
        if not old.schools_led.exists():
            old.remove_role(Role.DEAN)
    if new_dean_id:
        new = User.objects.get(pk=new_dean_id)
        new.add_role(Role.DEAN)
        for perm in DEAN_SCHOOL_PERMISSIONS:
            assign_perm(perm, new, school)


def schools_visible_to(user):
    """Every school for holders of the global view right, otherwise those granted per object."""
    from governance.models import School

    return get_objects_for_user(user, "governance.view_school", klass=School)


def can_view_school(user, school):
    return user.has_perm("governance.view_school") or user.has_perm(
        "governance.view_school", school
    )


# --- Bodies -------------------------------------------------------------------------------
# Seed 000 §2: every member, voting or not, reads all materials and minutes of their body.
# The QA manager oversees every body (seed 000 §2.3: requests information from committees).
BODY_OVERSIGHT_ROLES = (Role.QA_MANAGER,)
AGENDA_ROLES = ("chair", "deputy_chair", "secretary")
VOTE_CONTROL_ROLES = ("chair", "deputy_chair")


def body_roles(user, body):
    """The roles the user holds on the body today (empty for non-members)."""
    from governance.models import Membership

    if not user.is_authenticated:
        return set()
    cache = user.__dict__.setdefault("_body_roles", {})
    if body.pk not in cache:
        cache[body.pk] = set(
            Membership.objects.current()
            .filter(body=body, person=user)
            .values_list("role", flat=True)
        )
    return cache[body.pk]


def can_read_body(user, body):
    return bool(body_roles(user, body)) or (
        user.is_authenticated and user.has_role(*BODY_OVERSIGHT_ROLES)
    )


def can_manage_agenda(user, body):
    """The secretary (and the chair) build and publish the agenda and record attendance."""
    return bool(body_roles(user, body) & set(AGENDA_ROLES))


def can_control_votes(user, body):
    """The chair (or deputy) puts motions to the vote and closes votes."""
    return bool(body_roles(user, body) & set(VOTE_CONTROL_ROLES))


def bodies_readable_by(user):
    from governance.models import Body, Membership

    if user.has_role(*BODY_OVERSIGHT_ROLES):
        return Body.objects.all()
    return Body.objects.filter(
        pk__in=Membership.objects.current().filter(person=user).values("body")
    )
