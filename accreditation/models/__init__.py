from .agencies import Agency, Country
from .cycles import Cycle, CycleKind, CycleStatus, Milestone, MilestoneKind, WorkingGroupMember
from .decisions import Recommendation, RecommendationKind, StakeholderGroup, VisitMeeting
from .external import (
    AtamekenResult,
    IntegrityMonitoring,
    MonitoringFinding,
    MonitoringMember,
    MonitoringStatus,
    Severity,
)
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
from .register import Accreditation, AccreditationKind, ExpiryReminder, Outcome
from .sar import Evidence, EvidenceKind, Section, SectionStatus

__all__ = [
    "Accreditation",
    "AccreditationKind",
    "Agency",
    "AtamekenResult",
    "Clause",
    "ClauseMapping",
    "Country",
    "Cycle",
    "CycleKind",
    "CycleStatus",
    "Direction",
    "Domain",
    "Evidence",
    "EvidenceKind",
    "ExpiryReminder",
    "Framework",
    "Indicator",
    "IndicatorTarget",
    "IndicatorValue",
    "IntegrityMonitoring",
    "Level",
    "Milestone",
    "MilestoneKind",
    "MonitoringFinding",
    "MonitoringMember",
    "MonitoringStatus",
    "Outcome",
    "Recommendation",
    "RecommendationKind",
    "Risk",
    "Section",
    "SectionStatus",
    "Severity",
    "Source",
    "StakeholderGroup",
    "Unit",
    "VisitMeeting",
    "WorkingGroupMember",
]
