"""Indicators: the list with sparklines, an indicator's page with its trend chart, the grid
of values and targets, the import of values from a spreadsheet and the update from surveys.

Issue 6 ("Indicators"). Who reads which scope and who keeps the data is decided in
``accreditation.access``; on/off track in ``accreditation.tracking``; survey values in
``accreditation.survey_feed``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import access, scopes, series, survey_feed, uploads
from ..filters import IndicatorFilter
from ..forms import ConfirmForm, SheetUploadForm, YearValuesForm
from ..indicator_charts import trend_chart
from ..models import Indicator, IndicatorValue
from ..resources import KEY_COLUMNS, dataset_from, import_values
from ..tracking import latest_judged, year_span

PAGE_SIZE = 25
VALUE_FILES = ("xlsx", "csv")
# The grid of values offers the last years and the next ones (for targets).
YEARS_BACK, YEARS_AHEAD = 3, 2


def _indicator(pk):
    return get_object_or_404(
        Indicator.objects.select_related(
            "clause__framework", "survey_question__section__version__questionnaire"
        ),
        pk=pk,
    )


@login_required
def indicator_list(request):
    """The indicators with the university's latest value, its target and a sparkline; those
    with values first."""
    access.require_reader(request.user)
    filterset = IndicatorFilter(
        request.GET or None,
        queryset=Indicator.objects.select_related("clause__framework")
        .annotate(has_values=Exists(IndicatorValue.objects.filter(indicator=OuterRef("pk"))))
        .order_by("-has_values", "clause__framework__code", "clause__position", "position", "code"),
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    ids = [indicator.pk for indicator in page]
    values = series.institution_values(ids)
    targets = series.targets_of(ids)
    for indicator in page:
        rows = series.rows_for(indicator, values[indicator.pk], targets[indicator.pk])
        indicator.latest = latest_judged(rows)
        indicator.sparkline = None
        if indicator.latest is not None:
            indicator.sparkline = trend_chart(indicator, rows, indicator.code, sparkline=True)
    return render(
        request,
        "accreditation/indicator_list.html",
        {
            "filter": filterset,
            "page": page,
            "indicators": page.object_list,
            "can_manage": access.manages(request.user),
        },
    )


def _require_scope(user, slug):
    scope = scopes.parse(slug)
    if not access.can_read_scope(user, scope):
        raise PermissionDenied
    return scope


@login_required
def indicator_detail(request, pk):
    """The trend of one scope (``?scope=``: the university by default) against the targets,
    year by year on or off track, and the values of every scope the person reads."""
    user = request.user
    access.require_reader(user)
    indicator = _indicator(pk)
    scope = _require_scope(user, request.GET.get("scope", ""))
    readable = scopes.readable(user)
    values = series.readable_values(user, indicator)
    targets = series.targets_of([indicator.pk])[indicator.pk]
    rows = series.rows_for(indicator, values.get(scope.key, {}), targets)
    chart = trend_chart(indicator, rows, indicator.name) if rows else None
    years = year_span(*(by_year.keys() for by_year in values.values()), targets)
    table = [
        (other, [values[other.key].get(year) for year in years])
        for other in readable
        if other.key in values
    ]
    context = {
        "indicator": indicator,
        "scope": scope,
        "scopes": readable,
        "rows": rows,
        "chart": chart,
        "years": years,
        "table": table,
        "can_manage": access.manages(user),
    }
    if request.htmx:
        return render(request, "accreditation/_indicator_scope.html", context)
    return render(request, "accreditation/indicator_detail.html", context)


@login_required
def indicator_values(request, pk):
    """The QA manager enters the values of one scope and the targets, year by year."""
    user = request.user
    access.require_keeper(user)
    indicator = _indicator(pk)
    scope = scopes.parse(request.POST.get("scope") or request.GET.get("scope", ""))
    stored = series.readable_values(user, indicator).get(scope.key, {})
    targets = series.targets_of([indicator.pk])[indicator.pk]
    this_year = timezone.localdate().year
    years = year_span(
        stored, targets, extra=range(this_year - YEARS_BACK, this_year + YEARS_AHEAD + 1)
    )
    form = YearValuesForm(
        request.POST or None,
        indicator=indicator,
        years=years,
        values=stored,
        targets=targets,
        with_values=not indicator.is_survey_fed,
        with_targets=scope.is_institution,
    )
    if request.method == "POST" and form.is_valid():
        changed = series.save_entries(
            indicator, scope, user, form.entered("value"), form.entered("target")
        )
        messages.success(
            request,
            ngettext("Saved: %(count)s change.", "Saved: %(count)s changes.", changed)
            % {"count": changed},
        )
        url = reverse("accreditation:indicator_detail", args=[indicator.pk])
        return redirect(f"{url}?scope={scope.slug}")
    return render(
        request,
        "accreditation/indicator_values.html",
        {"indicator": indicator, "scope": scope, "scopes": scopes.readable(user), "form": form},
    )


@require_POST
@login_required
def indicator_refresh(request, pk):
    """Take the indicator's values from the published survey results again."""
    access.require_keeper(request.user)
    indicator = _indicator(pk)
    if not indicator.is_survey_fed:
        messages.error(request, _("This indicator does not take its values from surveys."))
    else:
        done = survey_feed.refresh(indicator)
        messages.success(
            request,
            _(
                "Values from survey results: %(stored)s stored; %(hidden)s groups below the "
                "minimum of respondents have no value."
            )
            % {"stored": done.stored, "hidden": done.hidden},
        )
    return redirect("accreditation:indicator_detail", indicator.pk)


@login_required
def indicator_import(request):
    """Upload an XLSX or CSV of values, see every row's problem or what would be stored
    (the dry run), then confirm."""
    user = request.user
    access.require_keeper(user)
    form = SheetUploadForm(extensions=VALUE_FILES)
    result = token = None
    problems = []
    if request.method == "POST" and "token" in request.POST:
        confirm = ConfirmForm(request.POST)
        kept = uploads.take(user, confirm.cleaned_data["token"]) if confirm.is_valid() else None
        if kept is None:
            messages.error(request, _("The uploaded file is no longer kept; upload it again."))
            return redirect("accreditation:indicator_import")
        result = import_values(dataset_from(*kept), user, dry_run=False)
        problems = result.error_messages
        if not problems:
            uploads.discard(confirm.cleaned_data["token"])
            count = len(result.rows)
            messages.success(
                request,
                ngettext("Imported %(count)s value.", "Imported %(count)s values.", count)
                % {"count": count},
            )
            return redirect("accreditation:indicator_list")
    elif request.method == "POST":
        form = SheetUploadForm(request.POST, request.FILES, extensions=VALUE_FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read()
            result = import_values(form.dataset, user, dry_run=True)
            problems = result.error_messages
            if not problems:
                token = uploads.keep(user, upload.name, content)
    return render(
        request,
        "accreditation/indicator_import.html",
        {
            "form": form,
            "result": result,
            "problems": problems,
            "confirm_form": ConfirmForm(initial={"token": token}) if token else None,
            "columns": (*KEY_COLUMNS, "value"),
        },
    )
