"""The campaign format: model, YAML with lines, validation, schema, scaffold, loading, deadlines."""
