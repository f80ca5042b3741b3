"""What the site-wide roles may do with accreditation records in the admin site.

Seed 000 §2.3 and seed 002 §9.6: the QA office keeps the indicators, the accreditation
register and the agencies' standards; the portal's pages decide who reads them
(``accreditation.access``).
"""

from governance.roles import Role, grant_model_permissions

MODELS = (
    "agency",
    "framework",
    "clause",
    "risk",
    "clausemapping",
    "indicator",
    "indicatortarget",
    "indicatorvalue",
    "accreditation",
    "atamekenresult",
    "integritymonitoring",
    "monitoringmember",
    "monitoringfinding",
    "cycle",
    "workinggroupmember",
    "milestone",
    "visitmeeting",
    "recommendation",
)
ROLE_MODEL_PERMISSIONS = {Role.QA_MANAGER: dict.fromkeys(MODELS, ("view", "add", "change"))}


def grant_role_permissions(sender, **kwargs):
    """Give the QA manager's group the permissions above (post_migrate of this app)."""
    grant_model_permissions(sender, ROLE_MODEL_PERMISSIONS)
