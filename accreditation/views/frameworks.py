"""Agencies, standards frameworks (the tree of a framework) and the import of a framework.

Issue 6 ("Standards frameworks"). Staff read; the QA manager imports (``accreditation.access``).
The rules of an import are in ``accreditation.framework_import``; these views run its dry run,
keep the file until it is confirmed (``accreditation.uploads``) and then write it.
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import access, uploads
from ..forms import ConfirmForm, UploadForm
from ..framework_files import SHEET_COLUMNS, read
from ..framework_import import apply, plan_import
from ..models import Agency, ClauseMapping, Framework, Indicator, Risk

FRAMEWORK_FILES = ("yaml", "yml", "xlsx")


@login_required
def agency_list(request):
    """The accreditation agencies, their recognition, contacts and frameworks."""
    access.require_reader(request.user)
    agencies = Agency.objects.prefetch_related("frameworks").order_by("short_name")
    return render(request, "accreditation/agency_list.html", {"agencies": agencies})


@login_required
def framework_list(request):
    """Every framework with its agency and the number of standards, criteria and indicators."""
    access.require_reader(request.user)
    frameworks = (
        Framework.objects.select_related("agency")
        .annotate(
            standards=Count("clauses", filter=Q(clauses__depth=1), distinct=True),
            clause_count=Count("clauses", distinct=True),
            indicator_count=Count("clauses__indicators", distinct=True),
        )
        .order_by("code")
    )
    return render(
        request,
        "accreditation/framework_list.html",
        {"frameworks": frameworks, "can_manage": access.manages(request.user)},
    )


def nest(clauses):
    """The clauses (ordered top to bottom) as a tree: each gets ``parts``; returns the
    standards."""
    by_id = {}
    standards = []
    for clause in clauses:
        clause.parts = []
        by_id[clause.pk] = clause
        if clause.parent_id is None:
            standards.append(clause)
        else:
            by_id[clause.parent_id].parts.append(clause)
    return standards


@login_required
def framework_detail(request, code):
    """The tree of a framework: standards, criteria and sub-criteria with their text, the
    clauses of other frameworks they correspond to, their indicators and their risks."""
    access.require_reader(request.user)
    framework = get_object_or_404(Framework.objects.select_related("agency"), code=code)
    clauses = list(framework.clauses.order_by("position", "pk"))
    indicators, risks, links = defaultdict(list), defaultdict(list), defaultdict(list)
    for indicator in Indicator.objects.filter(clause__framework=framework).order_by(
        "position", "code"
    ):
        indicators[indicator.clause_id].append(indicator)
    for risk in Risk.objects.filter(clause__framework=framework).order_by("number"):
        risks[risk.clause_id].append(risk)
    mappings = ClauseMapping.objects.filter(
        Q(source__framework=framework) | Q(target__framework=framework)
    ).select_related("source__framework", "target__framework")
    for mapping in mappings:
        if mapping.source.framework_id == framework.pk:
            links[mapping.source_id].append(mapping.target)
        if mapping.target.framework_id == framework.pk:
            links[mapping.target_id].append(mapping.source)
    for clause in clauses:
        clause.indicator_list = indicators[clause.pk]
        clause.risk_list = risks[clause.pk]
        clause.links = sorted(links[clause.pk], key=lambda c: (c.framework.code, c.position))
    return render(
        request,
        "accreditation/framework_detail.html",
        {
            "framework": framework,
            "standards": nest(clauses),
            "can_manage": access.manages(request.user),
        },
    )


@login_required
def framework_import(request):
    """Upload a YAML or XLSX framework, see what it would create or change (the dry run,
    every problem named by its place in the file), then confirm."""
    user = request.user
    access.require_keeper(user)
    form = UploadForm(extensions=FRAMEWORK_FILES)
    plan = token = None
    if request.method == "POST" and "token" in request.POST:
        confirm = ConfirmForm(request.POST)
        kept = uploads.take(user, confirm.cleaned_data["token"]) if confirm.is_valid() else None
        if kept is None:
            messages.error(request, _("The uploaded file is no longer kept; upload it again."))
            return redirect("accreditation:framework_import")
        plan = plan_import(read(*kept))
        if plan.ok:
            counts = apply(plan)
            uploads.discard(confirm.cleaned_data["token"])
            messages.success(
                request,
                _("Imported: %(new)s new, %(changed)s changed, %(unchanged)s unchanged.") % counts,
            )
            return redirect("accreditation:framework_detail", plan.draft.code)
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES, extensions=FRAMEWORK_FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            plan = plan_import(read(upload.name, content))
            if plan.ok:
                token = uploads.keep(user, upload.name, content)
    return render(
        request,
        "accreditation/framework_import.html",
        {
            "form": form,
            "plan": plan,
            "confirm_form": ConfirmForm(initial={"token": token}) if token else None,
            "columns": SHEET_COLUMNS.items(),
        },
    )
