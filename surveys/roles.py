"""What the site-wide roles (``governance.roles``) may do with surveys in the admin site.

Seed 000 §2.3: the QA manager runs the university's surveys and writes their methodology and
questionnaires. The QA office therefore keeps questionnaires and campaigns. No role gets any
permission on invitations, receipts or answers: the admin site does not show them at all.
"""

from governance.roles import Role

QUESTIONNAIRE_MODELS = (
    "questionnaire",
    "questionnaireversion",
    "section",
    "question",
    "choice",
    "matrixitem",
    "campaign",
)

ROLE_MODEL_PERMISSIONS = {
    Role.QA_MANAGER: dict.fromkeys(QUESTIONNAIRE_MODELS, ("view", "add", "change", "delete")),
}


def grant_role_permissions(sender, **kwargs):
    """Give each role's group the survey permissions above (post_migrate of this app)."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    create_permissions(sender, verbosity=0)
    for role, models_ in ROLE_MODEL_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        codenames = [
            f"{action}_{model}" for model, actions in models_.items() for action in actions
        ]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="surveys", codename__in=codenames)
        )
