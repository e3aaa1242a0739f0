"""Generated documents: plain-data contexts for each Word template and the plan of a dossier."""

from thidua.documents.context import DOCUMENTS, document_context

__all__ = ["DOCUMENTS", "document_context"]
