from .acknowledgements import AckCampaign, Acknowledgement, TargetKind
from .editions import ChangeBasis, Edition, EditionStatus
from .register import Category, Document, DocumentKind

__all__ = [
    "AckCampaign",
    "Acknowledgement",
    "Category",
    "ChangeBasis",
    "Document",
    "DocumentKind",
    "Edition",
    "EditionStatus",
    "TargetKind",
]
