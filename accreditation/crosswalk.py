"""The crosswalk between two frameworks: which clause of one answers which clause of another.

Issue 6 ("Crosswalk: map criteria of one framework to another, e.g. agency criterion → ESG
1.x"); seed 002 §1.4 (each internal standard cites the ESG standard it answers); seed 003
§4.10 (a crosswalk lets standards numbered differently be compared). A mapping is stored from
one clause to another and read both ways: the matrix of frameworks A and B shows a line
A → B as well as B → A. The matrix has a row per clause of A and a column per standard of B;
a cell lists the clauses of B under that standard (the standard itself or its criteria)
mapped to the row's clause.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from .models import Clause, ClauseMapping, Level


@dataclass
class Row:
    clause: Clause
    cells: list = field(default_factory=list)  # per column: mapped clauses of B

    @property
    def mapped(self):
        return any(self.cells)


@dataclass
class Matrix:
    source: object
    target: object
    columns: list
    rows: list

    @property
    def mapped_rows(self):
        return sum(row.mapped for row in self.rows)


def standard_of(clauses):
    """{clause id: id of its top-level standard} for clauses ordered from top to bottom."""
    top = {}
    for clause in clauses:
        top[clause.pk] = clause.pk if clause.parent_id is None else top[clause.parent_id]
    return top


def pairs(source, target):
    """(clause of ``source``, clause of ``target``) id pairs mapped either way."""
    mappings = ClauseMapping.objects.filter(
        Q(source__framework=source, target__framework=target)
        | Q(source__framework=target, target__framework=source)
    ).values_list("source_id", "target_id", "source__framework_id")
    return [(a, b) if framework == source.pk else (b, a) for a, b, framework in mappings]


def matrix(source, target):
    """The crosswalk of ``source`` (rows) against ``target`` (columns); four queries."""
    rows = list(source.clauses.order_by("position", "pk"))
    targets = list(target.clauses.order_by("position", "pk"))
    columns = [clause for clause in targets if clause.depth == Level.STANDARD]
    index = {clause.pk: n for n, clause in enumerate(columns)}
    top = standard_of(targets)
    by_id = {clause.pk: clause for clause in targets}
    mapped = defaultdict(list)
    for a, b in pairs(source, target):
        mapped[a].append(by_id[b])
    result = []
    for clause in rows:
        cells = [[] for _column in columns]
        for other in sorted(mapped[clause.pk], key=lambda c: c.position):
            cells[index[top[other.pk]]].append(other)
        result.append(Row(clause, cells))
    return Matrix(source, target, columns, result)


def mapped_to(clause, framework):
    """Clauses of ``framework`` the clause is mapped to, either way."""
    ids = {b for a, b in pairs(clause.framework, framework) if a == clause.pk}
    return framework.clauses.filter(pk__in=ids)


@transaction.atomic
def set_mappings(clause, framework, chosen):
    """Make ``chosen`` (clauses of ``framework``) exactly what ``clause`` is mapped to there;
    returns (added, removed)."""
    chosen = {other.pk for other in chosen}
    current = set(mapped_to(clause, framework).values_list("pk", flat=True))
    stale = ClauseMapping.objects.filter(
        Q(source=clause, target__in=current - chosen)
        | Q(target=clause, source__in=current - chosen)
    )
    removed = 0
    for mapping in stale:
        mapping.delete()
        removed += 1
    for pk in chosen - current:
        ClauseMapping.objects.create(source=clause, target_id=pk)
    return len(chosen - current), removed
