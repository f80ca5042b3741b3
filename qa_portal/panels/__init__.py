"""Dashboard panels (issue 7: each role's home page), grouped by who reads them: the QA
office (``oversight``), the rector, vice-rectors and deans (``leadership``), and each person's
own work (``personal``). ``qa_portal.dashboard`` puts them in order for a person."""

from dataclasses import dataclass, field


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    empty_text: str = ""
