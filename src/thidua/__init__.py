"""thidua: campaign definitions to scored results and decree-compliant documents."""

__version__ = "0.1.0"
