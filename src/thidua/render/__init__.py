"""Rendering Word templates: sandboxed Jinja over docxtpl-patched XML, fast and deterministic."""

from thidua.render.engine import DocumentRenderer, write_atomically
from thidua.render.jinja_env import make_environment
from thidua.render.prepared import DOCUMENT_DATE_KEY, PreparedTemplate

__all__ = ["DOCUMENT_DATE_KEY", "DocumentRenderer", "PreparedTemplate", "make_environment",
           "write_atomically"]
