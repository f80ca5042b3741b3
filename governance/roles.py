"""Site-wide roles, kept as Django groups, and the model permissions each role carries.

Object-level rights (a dean and their school, a secretary and their body) are granted with
django-guardian on top of these; see ``governance.permissions``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    QA_MANAGER = "qa_manager", _("QA manager")
    RECTOR = "rector", _("Rector")
    VICE_RECTOR = "vice_rector", _("Vice-rector")
    DEAN = "dean", _("Dean")
    TEACHER = "teacher", _("Teacher")
    STUDENT = "student", _("Student")
    DOCTORAL_STUDENT = "doctoral_student", _("Doctoral student")
    SECRETARY = "secretary", _("Secretary")
    EXTERNAL_EXPERT = "external_expert", _("External expert")


STRUCTURE_MODELS = (
    "institution",
    "school",
    "department",
    "educationalprogramme",
    "course",
    "academicyear",
    "term",
    "enrolment",
    "staffprofile",
    "studentprofile",
    "user",
)

# The QA office keeps the university structure (seed 000 §2.3: the QA manager keeps the QA
# records up to date); university leadership may read all of it.
ROLE_MODEL_PERMISSIONS = {
    Role.QA_MANAGER: {
        "governance": dict.fromkeys(STRUCTURE_MODELS, ("view", "add", "change")),
    },
    Role.RECTOR: {"governance": dict.fromkeys(STRUCTURE_MODELS, ("view",))},
    Role.VICE_RECTOR: {"governance": dict.fromkeys(STRUCTURE_MODELS, ("view",))},
}

GOVERNANCE_MODELS = (
    "body",
    "membership",
    "meeting",
    "agendaitem",
    "motion",
    "decision",
    "improvementaction",
)
ROLE_MODEL_PERMISSIONS[Role.QA_MANAGER]["governance"].update(
    dict.fromkeys(GOVERNANCE_MODELS, ("view", "add", "change"))
)
# Elections are run on the portal, where their rules live; the QA office looks them up in the
# admin site but changes nothing there.
ROLE_MODEL_PERMISSIONS[Role.QA_MANAGER]["governance"].update(
    dict.fromkeys(("election", "candidate"), ("view",))
)
# Applications are submitted and decided on the portal; the office reads and corrects them,
# an appeal's panel included (seed 000 §2.2, §4.1.6).
ROLE_MODEL_PERMISSIONS[Role.QA_MANAGER]["governance"].update(
    {
        "application": ("view", "change"),
        "appealexpert": ("view", "add", "change", "delete"),
    }
)

# Roles whose holders work in the admin site (is_staff).
STAFF_SITE_ROLES = frozenset({Role.QA_MANAGER})


def grant_model_permissions(app_config, role_models):
    """Give each role's group the permissions ``{role: {model: actions}}`` on the models of
    ``app_config`` (each app's post_migrate receiver calls this for its own models)."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    # post_migrate receivers run in app order; make sure the app's permissions exist already.
    create_permissions(app_config, verbosity=0)
    for role, models_ in role_models.items():
        group, _created = Group.objects.get_or_create(name=Role(role).value)
        codenames = [
            f"{action}_{model}" for model, actions in models_.items() for action in actions
        ]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_config.label, codename__in=codenames
            )
        )


def sync_role_groups(**kwargs):
    """Create one group per role and give it the model permissions above (post_migrate)."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    for role in Role:
        Group.objects.get_or_create(name=role.value)
    by_app = {}
    for role, app_models in ROLE_MODEL_PERMISSIONS.items():
        for app_label, models_ in app_models.items():
            by_app.setdefault(app_label, {})[role] = models_
    for app_label, role_models in by_app.items():
        grant_model_permissions(apps.get_app_config(app_label), role_models)
