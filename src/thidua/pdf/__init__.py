"""Word to PDF through LibreOffice: processes, batching, timeouts, fonts, normalisation."""
