"""Permission rows for the campaign pages. World's School of Law committee (chair, secretary)
runs a course evaluation of school A; the QA office runs university-wide campaigns and oversees
every committee's; school B's committee runs its own, which school A's officers never see."""

from django.urls import reverse

from tests.urlmatrix import cached, everyone

# The QA manager and the officers of school A's committee (seed 000 §2.3, §4.1.10).
RUNNERS = {**everyone(403), "secretary": 200, "chair": 200, "qa_manager": 200}
QA_OFFICE_ONLY = {**everyone(403), "qa_manager": 200}
POST_ONLY = everyone(405, anonymous=405)


def committee_campaign(world, state="open"):
    def build():
        from . import factories_campaigns as fc

        return fc.committee_evaluation(world, state, title_en=f"Law evaluation ({state})")

    return cached(world, f"_campaigns_committee_{state}", build)


def institution_campaign(world):
    def build():
        from . import factories_campaigns as fc

        return fc.institution_survey("open")

    return cached(world, "_campaigns_institution", build)


def school_b_campaign(world):
    def build():
        from . import factories_campaigns as fc

        return fc.school_b_evaluation(world)

    return cached(world, "_campaigns_school_b", build)


def _url(name, build):
    return lambda w: reverse(f"surveys:{name}", args=[build(w).pk])


MATRIX = {
    "surveys:campaign_list": (lambda w: reverse("surveys:campaign_list"), RUNNERS),
    "surveys:campaign_list_live": (lambda w: reverse("surveys:campaign_list_live"), RUNNERS),
    "surveys:campaign_create": (lambda w: reverse("surveys:campaign_create"), RUNNERS),
    "surveys:campaign_detail": (_url("campaign_detail", committee_campaign), RUNNERS),
    "surveys:campaign_live": (_url("campaign_live", committee_campaign), RUNNERS),
    "surveys:campaign_edit": (
        _url("campaign_edit", lambda w: committee_campaign(w, "draft")),
        RUNNERS,
    ),
    "surveys:campaign_schedule": (_url("campaign_schedule", committee_campaign), POST_ONLY),
    "surveys:campaign_open": (_url("campaign_open", committee_campaign), POST_ONLY),
    "surveys:campaign_close": (_url("campaign_close", committee_campaign), POST_ONLY),
    "surveys:campaign_revoke_link": (_url("campaign_revoke_link", committee_campaign), POST_ONLY),
}

OBJECT_CASES = {
    "draft campaign with what blocks scheduling": (
        _url("campaign_detail", lambda w: committee_campaign(w, "draft")),
        RUNNERS,
    ),
    "closed campaign with its final counts": (
        _url("campaign_detail", lambda w: committee_campaign(w, "closed")),
        RUNNERS,
    ),
    # A committee's officers see their committee's campaigns, not the QA office's …
    "university-wide campaign for the QA office": (
        _url("campaign_detail", institution_campaign),
        QA_OFFICE_ONLY,
    ),
    "university-wide campaign counts for the QA office": (
        _url("campaign_live", institution_campaign),
        QA_OFFICE_ONLY,
    ),
    # … nor another school's committee's.
    "school B's campaign not for school A's committee": (
        _url("campaign_detail", school_b_campaign),
        QA_OFFICE_ONLY,
    ),
    "school B's campaign counts not for school A's committee": (
        _url("campaign_live", school_b_campaign),
        QA_OFFICE_ONLY,
    ),
    "school B's campaign form not for school A's committee": (
        _url("campaign_edit", school_b_campaign),
        {**everyone(403), "qa_manager": 302},
    ),
    # Only a draft is edited; otherwise the form sends its runners back to the campaign.
    "open campaign's form goes back to its page": (
        _url("campaign_edit", committee_campaign),
        {**RUNNERS, "secretary": 302, "chair": 302, "qa_manager": 302},
    ),
    "unknown campaign": (
        lambda w: reverse("surveys:campaign_detail", args=[999_999]),
        everyone(404),
    ),
}
