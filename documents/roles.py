"""What the site-wide roles may do with the registers of QA documents and mechanisms in the
admin site.

Seed 000 §2.3: the QA manager keeps the QA documents up to date and monitors the mechanisms;
seed 004 §5: the office keeps the register of the university's normative documents and
carries out inspections (§5.7) from its checklists.
"""

from governance.roles import Role, grant_model_permissions

ROLE_MODEL_PERMISSIONS = {
    Role.QA_MANAGER: {
        "document": ("view", "add", "change"),
        "edition": ("view", "add", "change"),
        "mechanism": ("view", "add", "change"),
        "cycle": ("view",),
        "cyclestage": ("view",),
        "stageevidence": ("view",),
        "checkunit": ("view",),
        "checklisttemplate": ("view", "add", "change"),
        "checklisttemplateitem": ("view", "add", "change", "delete"),
        "inspection": ("view",),
        "checklistitem": ("view",),
        "finding": ("view",),
    },
}


def grant_role_permissions(sender, **kwargs):
    """Give each role's group the document permissions above (post_migrate of this app)."""
    grant_model_permissions(sender, ROLE_MODEL_PERMISSIONS)
