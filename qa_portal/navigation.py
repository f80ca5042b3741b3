"""The main menu: each person sees the entries their roles lead to."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accreditation.cycles import writes_criteria
from accreditation.programme_register import reads_register as reads_accreditation_register
from documents.access import is_staff_member, reads_all
from documents.acknowledgements import has_pending as has_documents_to_acknowledge
from documents.mechanisms import can_read as can_read_mechanisms
from governance.cases import can_apply
from governance.models import Membership
from governance.roles import Role
from qa_portal.reports.access import uses_reports
from surveys.builder import can_build
from surveys.campaign_rights import runs_campaigns
from surveys.cmf import has_forms_page
from surveys.visibility import INSTITUTION_ROLES


def sits_on_a_body(user):
    """Whether the person holds a current seat on any body (one EXISTS query, then cached)."""
    cached = getattr(user, "_sits_on_a_body", None)
    if cached is None:
        cached = Membership.objects.current().filter(person=user).exists()
        user._sits_on_a_body = cached
    return cached


def menu_for(user):
    if not user.is_authenticated:
        return []
    items = [(_("Home"), reverse("home"))]
    if user.has_perm("governance.view_school") or user.has_role(Role.DEAN):
        items.append((_("Schools"), reverse("governance:school_list")))
    # Seed 000 §2: members read their bodies; the QA manager oversees every body.
    if user.has_role(Role.QA_MANAGER) or sits_on_a_body(user):
        items.append((_("My bodies"), reverse("governance:body_list")))
    # Seed 000 §2.2: students and teachers apply to a committee of their school.
    if can_apply(user):
        items.append((_("My applications"), reverse("governance:my_applications")))
    # Seed 000 §2.3: the QA manager writes the survey questionnaires (issue 4).
    if can_build(user):
        items.append((_("Questionnaires"), reverse("surveys:builder_list")))
    # Seed 000 §2.3, §4.1.10: the QA office and the School Committees run survey campaigns
    # (a committee's officers sit on it, so nobody else costs a query here).
    if user.has_role(Role.QA_MANAGER) or (sits_on_a_body(user) and runs_campaigns(user)):
        items.append((_("Survey campaigns"), reverse("surveys:campaign_list")))
    # Seed 000 §4.1.10, §2.3: teachers read their courses' survey results; deans, committees,
    # the council and the QA office their school's or the university's (surveys.visibility).
    if user.has_role(Role.TEACHER):
        items.append((_("My course results"), reverse("surveys:results_index")))
    elif user.has_role(*INSTITUTION_ROLES, Role.DEAN) or sits_on_a_body(user):
        items.append((_("Survey results"), reverse("surveys:results_index")))
    # Seed 000 §4.1.11: teachers fill course management forms; the School Committee, the dean
    # and the university's leadership read them.
    if user.has_role(Role.TEACHER, Role.DEAN, *INSTITUTION_ROLES) or (
        sits_on_a_body(user) and has_forms_page(user)
    ):
        items.append((_("Course forms"), reverse("surveys:cmf_list")))
    # Seed 000 §3, seed 004 §5: staff read the register of QA documents.
    # Issue 6: staff also read the standards frameworks, the crosswalk and the indicators
    # (accreditation.access.reads); the QA manager keeps them.
    if is_staff_member(user):
        items.append((_("QA documents"), reverse("documents:document_list")))
        items.append((_("Accreditation"), reverse("accreditation:framework_list")))
    # Seed 004 §6, seed 002 B11: the QA office and the leadership follow accreditation
    # cycles; working-group members write their criteria.
    if reads_all(user):
        items.append((_("Accreditation cycles"), reverse("accreditation:cycle_board")))
    elif writes_criteria(user):
        items.append((_("My criteria"), reverse("accreditation:my_criteria")))
    # Seed 002 S10.Req9: the QA office and the leadership read the register of accredited
    # programmes, a dean their own school's programmes.
    if reads_accreditation_register(user):
        items.append((_("Accredited programmes"), reverse("accreditation:programme_register")))
    # Seed 000 §4, seed 004 §5.7: staff and the leadership read the mechanisms, their PDCA
    # cycles and the QA office's inspections (documents.mechanisms.can_read).
    if can_read_mechanisms(user):
        items.append((_("QA mechanisms"), reverse("documents:mechanism_list")))
        items.append((_("Inspections"), reverse("documents:inspection_list")))
    # Seed 002 §3.3: staff acknowledge the documents the QA office sends them.
    if has_documents_to_acknowledge(user):
        items.append((_("To acknowledge"), reverse("documents:ack_mine")))
    # Issue 7: the QA office, the leadership and the deans ask for reports made in the
    # background (the annual QA report).
    if uses_reports(user):
        items.append((_("Reports"), reverse("reports:list")))
    items.append((_("Decisions"), reverse("governance:decision_list")))
    items.append((_("Improvement actions"), reverse("governance:action_list")))
    items.append((_("My profile"), reverse("governance:profile")))
    if user.is_staff:
        items.append((_("Administration"), reverse("admin:index")))
    return items


def navigation(request):
    """Template context: ``menu`` as (label, url, is_current) triples."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    home = reverse("home")
    items = menu_for(user)
    # The entry whose address is the longest start of the path is the current one (the QA
    # mechanisms live under the QA documents' address).
    matches = [
        url
        for _label, url in items
        if request.path == url or (url != home and request.path.startswith(url))
    ]
    current = max(matches, key=len, default=None)
    return {"menu": [(label, url, url == current) for label, url in items]}
