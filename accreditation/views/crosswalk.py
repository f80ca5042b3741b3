"""The crosswalk matrix of two frameworks and the page where one clause's mappings are set.

Issue 6 ("Crosswalk"); the rules are in ``accreditation.crosswalk``. Staff read the matrix;
the QA manager edits the mappings.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import access, crosswalk
from ..forms import CrosswalkForm, MappingForm
from ..models import Clause, Framework

DEFAULT_TARGET = "ESG-2015"


def _default_pair():
    """The framework with the most crosswalk lines, against the ESG (or the next framework)."""
    frameworks = list(
        Framework.objects.annotate(lines=Count("clauses__mappings_out")).order_by("-lines", "code")
    )
    if len(frameworks) < 2:
        return None
    target = next((f for f in frameworks if f.code == DEFAULT_TARGET), frameworks[1])
    source = next(f for f in frameworks if f != target)
    return {"source": source.code, "target": target.code}


@login_required
def crosswalk_matrix(request):
    """Rows: the clauses of one framework; columns: the standards of another; a cell: the
    clauses under that standard mapped to the row's clause (either way)."""
    access.require_reader(request.user)
    form = CrosswalkForm(request.GET or _default_pair())
    matrix = None
    if form.is_bound and form.is_valid():
        matrix = crosswalk.matrix(form.cleaned_data["source"], form.cleaned_data["target"])
    return render(request, "accreditation/crosswalk.html", {"form": form, "matrix": matrix})


@login_required
def crosswalk_edit(request, pk):
    """The clauses of another framework (``?target=CODE``) this clause corresponds to."""
    access.require_keeper(request.user)
    clause = get_object_or_404(Clause.objects.select_related("framework"), pk=pk)
    others = Framework.objects.exclude(pk=clause.framework_id).order_by("code")
    code = request.GET.get("target") or request.POST.get("target") or DEFAULT_TARGET
    target = others.filter(code=code).first() or others.first()
    form = None
    if target is not None:
        if request.method == "POST":
            form = MappingForm(request.POST, framework=target)
            if form.is_valid():
                added, removed = crosswalk.set_mappings(
                    clause, target, form.cleaned_data["targets"]
                )
                messages.success(
                    request,
                    _("Crosswalk saved: %(added)s added, %(removed)s removed.")
                    % {"added": added, "removed": removed},
                )
                url = reverse("accreditation:framework_detail", args=[clause.framework.code])
                return redirect(f"{url}#c{clause.pk}")
        else:
            form = MappingForm(
                framework=target, initial={"targets": crosswalk.mapped_to(clause, target)}
            )
    return render(
        request,
        "accreditation/crosswalk_edit.html",
        {"clause": clause, "target": target, "others": others, "form": form},
    )
