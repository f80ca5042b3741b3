from .acknowledgements import AckCampaign, Acknowledgement, TargetKind
from .editions import ChangeBasis, Edition, EditionStatus
from .inspections import (
    ChecklistItem,
    ChecklistTemplate,
    ChecklistTemplateItem,
    CheckResult,
    Finding,
    Inspection,
    InspectionKind,
    InspectionState,
)
from .mechanisms import (
    CheckUnit,
    Cycle,
    CycleStage,
    CycleState,
    Mechanism,
    MechanismKind,
    Stage,
    StageEvidence,
    UnitKind,
)
from .register import Category, Document, DocumentKind

__all__ = [
    "AckCampaign",
    "Acknowledgement",
    "Category",
    "ChangeBasis",
    "CheckResult",
    "CheckUnit",
    "ChecklistItem",
    "ChecklistTemplate",
    "ChecklistTemplateItem",
    "Cycle",
    "CycleStage",
    "CycleState",
    "Document",
    "DocumentKind",
    "Edition",
    "EditionStatus",
    "Finding",
    "Inspection",
    "InspectionKind",
    "InspectionState",
    "Mechanism",
    "MechanismKind",
    "Stage",
    "StageEvidence",
    "TargetKind",
    "UnitKind",
]
