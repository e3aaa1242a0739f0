"""The web app's campaign store: lookups stay in the root; caches follow the files."""

from __future__ import annotations

import pytest
from starlette.exceptions import HTTPException

from thidua.web.store import CampaignStore


def test_ids_never_leave_the_root(campaigns_copy):
    store = CampaignStore(campaigns_copy)
    assert store.ids() == ["000-ninh-phuoc", "001-phung-hiep", "003-chau-thanh-a"]
    for bad in ("..", ".", "", "../campaigns/000-ninh-phuoc", "a\\b", "khong-co"):
        with pytest.raises(HTTPException):
            store.folder(bad)


def test_a_result_of_an_older_definition_is_never_cached(campaigns_copy):
    store = CampaignStore(campaigns_copy)
    old = store.load("001-phung-hiep")
    calls = []
    store.of_period("x", old, "nam-2023", lambda: calls.append(1))
    store.of_period("x", old, "nam-2023", lambda: calls.append(1))
    assert len(calls) == 1  # cached
    path = campaigns_copy / "001-phung-hiep" / "campaign.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# sửa tay\n", encoding="utf-8")
    new = store.load("001-phung-hiep")
    assert new is not old
    store.of_period("x", old, "nam-2023", lambda: calls.append("old"))
    store.of_period("x", new, "nam-2023", lambda: calls.append("new"))
    store.of_period("x", new, "nam-2023", lambda: calls.append("new"))
    assert calls == [1, "old", "new"]
