from .editions import ChangeBasis, Edition, EditionStatus
from .register import Category, Document, DocumentKind

__all__ = ["Category", "ChangeBasis", "Document", "DocumentKind", "Edition", "EditionStatus"]
