from .agencies import Agency, Country
from .frameworks import Clause, ClauseMapping, Framework, Level, Risk
from .indicators import (
    Direction,
    Domain,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Source,
    Unit,
)

__all__ = [
    "Agency",
    "Clause",
    "ClauseMapping",
    "Country",
    "Direction",
    "Domain",
    "Framework",
    "Indicator",
    "IndicatorTarget",
    "IndicatorValue",
    "Level",
    "Risk",
    "Source",
    "Unit",
]
