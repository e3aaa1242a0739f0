"""What units report: CSV/XLSX tables, figures, values, submission log, nominations, the collection form."""
