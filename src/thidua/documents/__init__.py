"""Generated documents: contexts (plain data) for each Word template and the build of a dossier."""

from thidua.documents.build import build_dossier, build_plan
from thidua.documents.context import DOCUMENTS, document_context

__all__ = ["DOCUMENTS", "build_dossier", "build_plan", "document_context"]
