"""The Atameken ranking of programmes (seed 000 §4.2: the National Chamber of Entrepreneurs
"Atameken" ranks programmes every year, independently of the university), year on year.

A lower position is better: a programme that goes from 7th to 4th has moved up 3 places.
"""

from dataclasses import dataclass

from .models import AtamekenResult


@dataclass
class Change:
    """How a result compares with the programme's result of the year before."""

    places: int | None  # positive: moved up
    score: object  # Decimal difference, or None

    @property
    def up(self):
        return bool(self.places and self.places > 0)

    @property
    def down(self):
        return bool(self.places and self.places < 0)

    @property
    def moved_by(self):
        return abs(self.places) if self.places else 0


def change(result, previous):
    """The change from ``previous`` (the year before) to ``result``; None without one."""
    if previous is None or previous.year != result.year - 1:
        return None
    score = None
    if result.score is not None and previous.score is not None:
        score = result.score - previous.score
    return Change(previous.position - result.position, score)


def by_programme(programmes):
    """[(programme, results newest first, each with ``change``)] for programmes with results,
    in one query for the results."""
    results = (
        AtamekenResult.objects.filter(programme__in=programmes)
        .select_related("programme__school")
        .order_by("programme__school__code", "programme__code", "-year")
    )
    grouped = {}
    for result in results:
        grouped.setdefault(result.programme_id, (result.programme, []))[1].append(result)
    for _programme, rows in grouped.values():
        for index, result in enumerate(rows):
            previous = rows[index + 1] if index + 1 < len(rows) else None
            result.change = change(result, previous)
    return list(grouped.values())
