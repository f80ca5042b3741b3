"""How ready a self-assessment report is.

Issue 6: readiness is the share of the criteria that are done *and* have at least one piece of
evidence (seed 003 §3.4 step 2, ¶98: a self-assessment report comes with supporting
documentation; seed 002 B11: the working group forms the evidence base). It is shown for each
criterion, for each owner and for the whole report.
"""

from dataclasses import dataclass, field

from .models.sar import SectionStatus


def section_ready(section, evidence_count):
    """A criterion counts as ready when its section is done and has evidence."""
    return section.status == SectionStatus.DONE and evidence_count > 0


@dataclass
class Share:
    ready: int = 0
    total: int = 0

    @property
    def percent(self):
        """Whole per cent of the criteria ready (0 for no criteria)."""
        return round(100 * self.ready / self.total) if self.total else 0

    def add(self, ready):
        self.total += 1
        self.ready += bool(ready)


@dataclass
class Readiness:
    overall: Share = field(default_factory=Share)
    by_owner: dict = field(default_factory=dict)  # owner (or None) → Share
    by_section: dict = field(default_factory=dict)  # section pk → bool

    @property
    def owners(self):
        """(owner, share) pairs, by name, the unassigned sections last."""
        named = sorted(
            ((o, s) for o, s in self.by_owner.items() if o is not None), key=lambda p: str(p[0])
        )
        return [*named, (None, self.by_owner[None])] if None in self.by_owner else named


def readiness(sections):
    """Readiness of ``sections`` (each with ``evidence_count`` annotated and ``owner``
    selected): per criterion (``by_section``), per owner and overall."""
    result = Readiness()
    for section in sections:
        ready = section_ready(section, section.evidence_count)
        result.by_section[section.pk] = ready
        result.overall.add(ready)
        result.by_owner.setdefault(section.owner, Share()).add(ready)
    return result
