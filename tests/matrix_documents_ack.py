"""Permission matrix rows for read-acknowledgement campaigns (seed 002 §3.3).

The council's staff-only document (``matrix_documents``) is sent for acknowledgement to the
members of School A's committee (chair, secretary, member): they download its file; the QA
manager launches campaigns; the QA manager and the rector read the sheet.
"""

from django.urls import reverse

from tests.matrix_documents import LEADERSHIP, POST_ONLY, documents
from tests.urlmatrix import everyone


def campaign(world):
    found = getattr(world, "_ack_campaign", None)
    if found is None:
        from .factories_documents import AckCampaignFactory, AcknowledgementFactory

        found = world._ack_campaign = AckCampaignFactory(
            edition=documents(world)["secret"],
            target_kind="body",
            body=world.committee,
            launched_by=world.users["qa_manager"],
        )
        for role in ("chair", "secretary", "member"):
            AcknowledgementFactory(campaign=found, person=world.users[role])
    return found


def _campaign_url(name):
    return lambda w: reverse(name, args=[campaign(w).pk])


MATRIX = {
    "documents:ack_launch": (
        lambda w: reverse("documents:ack_launch", args=[documents(w)["published"].pk]),
        {**everyone(403), "qa_manager": 200},
    ),
    "documents:ack_mine": (lambda w: reverse("documents:ack_mine"), everyone(200)),
    "documents:ack_campaign": (_campaign_url("documents:ack_campaign"), LEADERSHIP),
    "documents:ack_campaign_pdf": (_campaign_url("documents:ack_campaign_pdf"), LEADERSHIP),
    "documents:ack_campaign_xlsx": (_campaign_url("documents:ack_campaign_xlsx"), LEADERSHIP),
    "documents:acknowledge": (_campaign_url("documents:acknowledge"), POST_ONLY),
}


def _secret_file_of_campaign(world):
    campaign(world)
    return reverse("documents:edition_file", args=[documents(world)["secret"].pk])


OBJECT_CASES = {
    # Recipients read the staff-only edition they are asked to acknowledge.
    "staff-only file for the recipients": (
        _secret_file_of_campaign,
        {**LEADERSHIP, "chair": 200, "secretary": 200, "member": 200},
    ),
}
