"""The JSON Schema of campaign.yaml, for editor autocompletion and validation."""

from __future__ import annotations

from typing import Any

from thidua.campaign.model import Campaign

SCHEMA_ID = "https://thidua.local/schema/campaign-1.json"


def campaign_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) generated from the same model that validates campaigns."""
    schema = Campaign.model_json_schema(by_alias=True)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
              **schema}
    schema["title"] = "Định nghĩa phong trào thi đua (thidua campaign.yaml)"
    return schema
