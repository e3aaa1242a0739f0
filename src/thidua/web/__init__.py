"""The local web app (`thidua web`): Starlette pages over the same library as the CLI."""
