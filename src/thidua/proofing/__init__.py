"""Proofing a document as printed: render it through LibreOffice and find page-flow faults."""
