"""Building and checking .docx files: layout primitives, reading text, Decree 30/2020 rules."""
