"""What the site-wide roles (``governance.roles``) may do with surveys in the admin site.

Seed 000 §2.3: the QA manager runs the university's surveys and writes their methodology and
questionnaires. The QA office therefore keeps questionnaires and campaigns. No role gets any
permission on invitations, receipts or answers: the admin site does not show them at all.
"""

from governance.roles import Role, grant_model_permissions

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
    grant_model_permissions(sender, ROLE_MODEL_PERMISSIONS)
