"""Importing a standards framework: check it, show what would change, then write it.

Issue 6: frameworks are imported "with validation and a dry run"; the issue's tests ask that
"framework import rejects a file with a duplicate code and reports it". ``plan_import``
is the dry run: it checks a ``Draft`` (``accreditation.framework_files``) against the rules
below and the portal's records and lists every clause, indicator, risk and crosswalk line as
new, changed or unchanged, writing nothing. ``apply`` writes a plan without errors in one
transaction. Importing is idempotent: a framework, clause or indicator is found again by its
code (a risk by its standard and number) and only what differs is saved; clauses the file no
longer lists are kept, since the crosswalk and evidence may point at them, and so are
crosswalk lines added on the portal.

The rules: the framework and every clause and indicator have a code; clause codes are unique in
the framework and indicator codes in the portal; a clause is at most a sub-criterion (three
levels); the agency is one the portal knows; ``maps_to`` names a clause of another framework
the portal holds ("ESG-2015 1.1"); units, directions and domains are the portal's.

The frameworks the portal ships (``accreditation/frameworks/*.yaml``: ESG 2015 Part 1 and the
eleven internal standards of seed 002) are loaded the same way by ``load_shipped``, in
file-name order, so that a framework's ``maps_to`` finds the ESG loaded before it.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.multilingual import LANGUAGE_CODES, language_order

from .framework_files import problem, read_yaml
from .models import (
    Agency,
    Clause,
    ClauseMapping,
    Direction,
    Domain,
    Framework,
    Indicator,
    Level,
    Risk,
    Unit,
)
from .models.frameworks import code_validator

SHIPPED_DIR = Path(__file__).with_name("frameworks")
NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


class ShippedError(Exception):
    """A shipped framework file breaks the rules; the message lists every problem."""


@dataclass
class Change:
    """One line of the preview: what the import does with one record."""

    kind: str
    code: str
    title: str
    action: str


@dataclass
class Plan:
    draft: object
    errors: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    framework_action: str = NEW
    kept: int = 0  # clauses on the portal that the file does not list
    # What the portal holds already, read once by the dry run and used again to write.
    agency: Agency | None = None
    framework: Framework | None = None
    clauses: dict = field(default_factory=dict)
    indicators: dict = field(default_factory=dict)
    risks: dict = field(default_factory=dict)
    targets: dict = field(default_factory=dict)

    @property
    def ok(self):
        return not self.errors

    @property
    def counts(self):
        counted = Counter(change.action for change in self.changes)
        return {action: counted[action] for action in (NEW, CHANGED, UNCHANGED)}


def _local(texts):
    """The text in the reader's language, or the first language that has one."""
    return next((texts[code] for code in language_order() if texts.get(code)), "")


def _fields(prefix, texts):
    return {f"{prefix}_{code}": texts.get(code, "") for code in LANGUAGE_CODES}


def _max_length(model, name):
    return model._meta.get_field(name).max_length


def _check_lengths(plan, where, model, prefix, texts):
    limit = _max_length(model, f"{prefix}_kk")
    if limit and any(len(text) > limit for text in texts.values()):
        plan.errors.append(
            problem(
                where,
                _("%(field)s is longer than %(limit)s characters")
                % {"field": prefix, "limit": limit},
            )
        )


def _check_code(plan, where, code, model, name="code"):
    if not code:
        plan.errors.append(problem(where, _("the code is missing")))
        return False
    try:
        code_validator(code)
    except ValidationError as error:
        plan.errors.append(problem(where, " ".join(error.messages)))
        return False
    limit = _max_length(model, name)
    if len(code) > limit:
        plan.errors.append(
            problem(
                where,
                _("the code %(code)s is longer than %(limit)s characters")
                % {"code": code, "limit": limit},
            )
        )
        return False
    return True


# --- the framework itself ---------------------------------------------------------------------


def _check_framework(plan):
    draft = plan.draft
    where = draft.where
    _check_code(plan, where, draft.code, Framework)
    _check_lengths(plan, where, Framework, "name", draft.name)
    if len(draft.version) > _max_length(Framework, "version"):
        plan.errors.append(problem(where, _("the version is too long")))
    year = draft.year
    if year not in (None, ""):
        try:
            year = int(str(year))
        except ValueError:
            year = 0
        if not 1990 <= year <= 2100:
            plan.errors.append(
                problem(where, _("the year %(year)s is not a year") % {"year": draft.year})
            )
    draft.year = year or None
    if draft.agency:
        plan.agency = Agency.objects.filter(short_name__iexact=draft.agency).first()
        if plan.agency is None:
            plan.errors.append(
                problem(where, _("agency %(agency)s not found") % {"agency": draft.agency})
            )
    if not draft.clauses:
        plan.errors.append(problem(where, _("the framework has no standards")))


def _framework_values(plan):
    draft = plan.draft
    return {
        **_fields("name", draft.name),
        "agency": plan.agency,
        "version": draft.version,
        "year": draft.year,
    }


# --- clauses: codes, the tree, positions ------------------------------------------------------


def _arrange(plan):
    """Check the codes and the tree; order the clauses from top to bottom (parents first,
    parts in the order given) and number their positions."""
    clauses = plan.draft.clauses
    first = {}
    for clause in clauses:
        if not _check_code(plan, clause.where, clause.code, Clause):
            continue
        if clause.code in first:
            plan.errors.append(
                problem(
                    clause.where,
                    _("the code %(code)s is used twice (also at %(other)s)")
                    % {"code": clause.code, "other": first[clause.code].where},
                )
            )
            continue
        first[clause.code] = clause
        _check_lengths(plan, clause.where, Clause, "title", clause.title)
    children, roots = defaultdict(list), []
    for clause in clauses:
        parent = clause.parent_code
        if not parent:
            roots.append(clause)
        elif parent == clause.code:
            plan.errors.append(problem(clause.where, _("a clause cannot be part of itself")))
        elif parent not in first:
            plan.errors.append(
                problem(clause.where, _("parent %(code)s not found") % {"code": parent})
            )
        else:
            children[parent].append(clause)
    ordered, seen = [], set()

    def walk(clause, depth):
        if id(clause) in seen:
            return
        seen.add(id(clause))
        clause.depth = depth
        if depth > Level.SUBCRITERION:
            plan.errors.append(
                problem(
                    clause.where,
                    _("too deep: a framework has standards, criteria and sub-criteria only"),
                )
            )
        ordered.append(clause)
        for child in children[clause.code]:
            walk(child, depth + 1)

    for root in roots:
        walk(root, Level.STANDARD)
    for clause in clauses:
        if id(clause) not in seen and clause.parent_code in first:
            plan.errors.append(problem(clause.where, _("the clause is part of itself")))
    for position, clause in enumerate(ordered):
        clause.position = position
    plan.draft.clauses = ordered


def _mapping_targets(plan):
    """{"ESG-2015 1.1": clause} for every ``maps_to`` of the file found on the portal."""
    wanted = {}
    for clause in plan.draft.clauses:
        for reference in clause.maps_to:
            parts = reference.split()
            if len(parts) != 2:
                plan.errors.append(
                    problem(
                        clause.where,
                        _("maps_to %(value)s: give a framework code and a clause code")
                        % {"value": reference},
                    )
                )
            elif parts[0] == plan.draft.code:
                plan.errors.append(
                    problem(
                        clause.where,
                        _("maps_to %(value)s: a crosswalk leads to another framework")
                        % {"value": reference},
                    )
                )
            else:
                wanted[reference] = (clause.where, *parts)
    found = {
        f"{target.framework.code} {target.code}": target
        for target in Clause.objects.filter(
            framework__code__in={framework for _where, framework, _code in wanted.values()},
            code__in={code for _where, _framework, code in wanted.values()},
        ).select_related("framework")
    }
    for reference, (where, _framework, _code) in wanted.items():
        if reference not in found:
            plan.errors.append(
                problem(where, _("maps_to %(value)s: not found") % {"value": reference})
            )
    return found


# --- indicators and risks ---------------------------------------------------------------------


def _check_indicators(plan, existing):
    seen = {}
    for clause in plan.draft.clauses:
        for indicator in clause.indicators:
            where = indicator.where
            if not _check_code(plan, where, indicator.code, Indicator):
                continue
            if indicator.code in seen:
                plan.errors.append(
                    problem(
                        where,
                        _("the indicator code %(code)s is used twice (also at %(other)s)")
                        % {"code": indicator.code, "other": seen[indicator.code]},
                    )
                )
                continue
            seen[indicator.code] = where
            other = existing.get(indicator.code)
            if other is not None and (
                other.clause_id is None or other.clause.framework.code != plan.draft.code
            ):
                plan.errors.append(
                    problem(
                        where,
                        _("the indicator code %(code)s belongs to another indicator")
                        % {"code": indicator.code},
                    )
                )
            _check_lengths(plan, where, Indicator, "name", indicator.name)
            indicator.direction = indicator.direction or Direction.HIGHER
            checks = [("unit", indicator.unit, Unit), ("direction", indicator.direction, Direction)]
            if indicator.domain:
                checks.append(("domain", indicator.domain, Domain))
            for label, value, choices in checks:
                if value not in choices.values:
                    plan.errors.append(
                        problem(
                            where,
                            _("%(field)s %(value)s is not one of %(choices)s")
                            % {
                                "field": label,
                                "value": value or "—",
                                "choices": ", ".join(choices.values),
                            },
                        )
                    )


def _indicator_values(indicator, clause, position):
    return {
        **_fields("name", indicator.name),
        "clause": clause,
        "position": position,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "domain": indicator.domain,
    }


def _risk_values(risk):
    return {**_fields("text", risk.text), **_fields("mitigation", risk.mitigation)}


def _differs(obj, values):
    return any(
        (getattr(obj, f"{name}_id") if hasattr(obj, f"{name}_id") else getattr(obj, name))
        != (value.pk if hasattr(value, "pk") else value)
        for name, value in values.items()
    )


# --- the dry run ------------------------------------------------------------------------------


def plan_import(draft):
    """Check the draft and list what importing it would do; nothing is written."""
    plan = Plan(draft=draft, errors=list(draft.errors))
    if draft.unreadable:
        return plan
    _check_framework(plan)
    _arrange(plan)
    targets = _mapping_targets(plan)
    codes = [i.code for clause in draft.clauses for i in clause.indicators]
    indicators = {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(code__in=codes).select_related(
            "clause__framework"
        )
    }
    _check_indicators(plan, indicators)
    framework = Framework.objects.filter(code=draft.code).first() if draft.code else None
    plan.framework, plan.targets, plan.indicators = framework, targets, indicators
    mappings = set()
    if framework is not None:
        plan.clauses = {c.code: c for c in framework.clauses.select_related("parent")}
        plan.risks = {
            (risk.clause.code, risk.number): risk
            for risk in Risk.objects.filter(clause__framework=framework).select_related("clause")
        }
        mappings = set(
            ClauseMapping.objects.filter(source__framework=framework).values_list(
                "source__code", "target__framework__code", "target__code"
            )
        )
    if not plan.ok:
        return plan
    if framework is not None:
        changed = _differs(framework, _framework_values(plan))
        plan.framework_action = CHANGED if changed else UNCHANGED
    for clause in draft.clauses:
        old = plan.clauses.get(clause.code)
        action = NEW if old is None else _clause_action(old, clause, _clause_values(clause))
        plan.changes.append(
            Change(Level(clause.depth).label, clause.code, _local(clause.title), action)
        )
        for position, indicator in enumerate(clause.indicators):
            old_indicator = indicators.get(indicator.code)
            if old_indicator is None:
                action = NEW
            elif old is None:
                action = CHANGED  # it moves to the new clause
            else:
                values = _indicator_values(indicator, old, position)
                action = CHANGED if _differs(old_indicator, values) else UNCHANGED
            plan.changes.append(
                Change(_("Indicator"), indicator.code, _local(indicator.name), action)
            )
        for risk in clause.risks:
            old_risk = plan.risks.get((clause.code, risk.number))
            if old_risk is None:
                action = NEW
            else:
                action = CHANGED if _differs(old_risk, _risk_values(risk)) else UNCHANGED
            code = f"{clause.code}.R{risk.number}"
            plan.changes.append(Change(_("Risk"), code, _local(risk.text), action))
        for reference in clause.maps_to:
            target = targets[reference]
            key = (clause.code, target.framework.code, target.code)
            action = UNCHANGED if key in mappings else NEW
            plan.changes.append(
                Change(_("Crosswalk"), f"{clause.code} → {reference}", target.title, action)
            )
    plan.kept = len(set(plan.clauses) - {clause.code for clause in draft.clauses})
    return plan


def _clause_values(clause):
    return {**_fields("title", clause.title), **_fields("text", clause.text)}


def _clause_action(old, clause, values):
    parent_code = old.parent.code if old.parent_id else ""
    if (
        _differs(old, values)
        or parent_code != clause.parent_code
        or old.position != clause.position
    ):
        return CHANGED
    return UNCHANGED


# --- writing ----------------------------------------------------------------------------------


@transaction.atomic
def apply(plan):
    """Write a plan without errors; returns its counts of new, changed and unchanged lines."""
    if not plan.ok:
        raise ValueError("a plan with errors cannot be applied")
    draft = plan.draft
    framework = plan.framework
    values = _framework_values(plan)
    if framework is None:
        framework = Framework.objects.create(code=draft.code, **values)
    elif plan.framework_action == CHANGED:
        for name, value in values.items():
            setattr(framework, name, value)
        framework.save()
    saved = {}
    for clause in draft.clauses:
        obj = plan.clauses.get(clause.code) or Clause(framework=framework, code=clause.code)
        values = _clause_values(clause)
        if obj.pk is None or _clause_action(obj, clause, values) == CHANGED:
            for name, value in values.items():
                setattr(obj, name, value)
            obj.parent = saved.get(clause.parent_code)
            obj.position = clause.position
            obj.save()
        saved[clause.code] = obj
        _write_indicators(plan, clause, obj)
        _write_risks(plan, clause, obj)
        for reference in clause.maps_to:
            ClauseMapping.objects.get_or_create(source=obj, target=plan.targets[reference])
    return plan.counts


def _write_indicators(plan, clause, obj):
    for position, indicator in enumerate(clause.indicators):
        values = _indicator_values(indicator, obj, position)
        old = plan.indicators.get(indicator.code)
        if old is None:
            Indicator.objects.create(code=indicator.code, **values)
        elif _differs(old, values):
            for name, value in values.items():
                setattr(old, name, value)
            old.save()


def _write_risks(plan, clause, obj):
    for risk in clause.risks:
        values = _risk_values(risk)
        old = plan.risks.get((clause.code, risk.number))
        if old is None:
            Risk.objects.create(clause=obj, number=risk.number, **values)
        elif _differs(old, values):
            for name, value in values.items():
                setattr(old, name, value)
            old.save()


def load_shipped():
    """Load the shipped frameworks in file-name order: {framework code: counts}."""
    results = {}
    for path in sorted(SHIPPED_DIR.glob("*.yaml")):
        plan = plan_import(read_yaml(path.read_bytes()))
        if not plan.ok:
            raise ShippedError("\n".join([path.name, *plan.errors]))
        results[plan.draft.code] = apply(plan)
    return results
