"""What the site-wide roles may do with the register of QA documents in the admin site.

Seed 000 §2.3: the QA manager keeps the QA documents up to date; seed 004 §5: the office keeps
the register of the university's normative documents.
"""

from governance.roles import Role, grant_model_permissions

ROLE_MODEL_PERMISSIONS = {
    Role.QA_MANAGER: {"document": ("view", "add", "change"), "edition": ("view", "add", "change")},
}


def grant_role_permissions(sender, **kwargs):
    """Give each role's group the document permissions above (post_migrate of this app)."""
    grant_model_permissions(sender, ROLE_MODEL_PERMISSIONS)
