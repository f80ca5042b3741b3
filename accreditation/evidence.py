"""What may be linked as evidence of a self-assessment section, and how a link reads.

Issue 6 ("evidence links"); seed 003 §3.4 step 2 (¶98): the self-assessment report comes with
supporting documentation. A link names one record of the portal:

* a **published** edition of a QA document (a draft is not yet the university's rule);
* a survey's **published** results — for the whole university or one school — and never a
  result the portal hides: seed 000 §4.1.7 ("nobody may see any respondent's data") and the
  campaign's minimum of respondents (``surveys.results``: a cell below the minimum, or hidden
  with the others, is not shown to anyone, so it is not quoted in a report either);
* a decision of a council or committee, or an indicator value;
* an uploaded PDF, DOCX or ODT file, checked as the documents register checks its files
  (``documents.files.validate_document_file``).
"""

from django.utils.translation import gettext as _

from documents.models import EditionStatus
from surveys.models import CampaignState
from surveys.results import load_releases, scope_cell
from surveys.visibility import INSTITUTION, SCHOOL, Scope

from .models.sar import EvidenceKind


def survey_scope(school):
    """The results a link quotes: a school's, or the whole university's."""
    return Scope(SCHOOL, school=school) if school is not None else Scope(INSTITUTION)


def survey_result_problem(campaign, school=None):
    """Why the results of ``campaign`` (for ``school``, or the university) cannot be linked,
    or ``""``: unpublished, no such results, or hidden below the minimum of respondents."""
    if campaign.state != CampaignState.PUBLISHED:
        return _("Only published survey results can be evidence.")
    release = load_releases([campaign])[campaign.pk]
    cell = scope_cell(release, survey_scope(school))
    if cell is None:
        return _("This survey has no results for the school chosen.")
    if not cell.shown:
        return _("These survey results cannot be evidence. %(reason)s") % {
            "reason": cell.hidden_reason
        }
    return ""


def edition_problem(edition):
    """Why the edition cannot be linked, or ``""``."""
    if edition.status != EditionStatus.PUBLISHED:
        return _("Only a published edition of a document can be evidence.")
    return ""


def label(evidence):
    """The link in words, as the section page and the exported report show it."""
    kind = evidence.kind
    if kind == EvidenceKind.EDITION:
        edition = evidence.edition
        return f"{edition} — {edition.document.title}"
    if kind == EvidenceKind.SURVEY:
        return f"{evidence.campaign} — {survey_scope(evidence.survey_school).label}"
    if kind == EvidenceKind.DECISION:
        decision = evidence.decision
        return f"{decision} ({decision.date:%d.%m.%Y})"
    if kind == EvidenceKind.INDICATOR:
        value = evidence.indicator_value
        where = value.school or value.programme or _("Whole university")
        return f"{value.indicator} — {value.year}, {where}: {value.value}"
    return evidence.file.name.rsplit("/", 1)[-1]


def related_fields():
    """``select_related`` paths that ``label`` reads."""
    return (
        "edition__document",
        "campaign",
        "survey_school",
        "decision__body",
        "indicator_value__indicator",
        "indicator_value__school",
        "indicator_value__programme",
    )
