"""Fidelity of the generated Kế hoạch to the real plan it was transcribed from (tests/seeds).

Usage: python bench/bench_plan_fidelity.py

For each sample campaign (campaigns/000, 001, 003) and for a campaign imported from the same
seed with `thidua import` (no hand edit), generates ke-hoach.docx and prints, over words:
  kept   share of the seed's words found in the plan in the same order,
  added  share of the plan's words not matched to the seed (the decree's frame included),
  twice  share of the seed's words printed again: the words of each sentence of the seed (5 words
         or more) times how many more times the plan prints it than the seed does.
"""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass
from difflib import SequenceMatcher
from io import BytesIO
from pathlib import Path

import docx

from thidua.campaign.loading import load_campaign
from thidua.documents.planning import plan_plan, render_document
from thidua.documents.rendering import renderer_for
from thidua.plan_import import import_plan
from thidua.vietnamese.formatting import nfc

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = {"000-ninh-phuoc": "000_ebe93a888bfb79b3.txt", "001-phung-hiep": "001_73cbdf1851af83b2.txt",
           "003-chau-thanh-a": "003_3975828fea64a2c7.txt"}
# Typing errors of the source that the sample campaigns correct (listed at the top of each
# campaign.yaml); the samples are measured against the corrected source.
CORRECTED = {
    "000-ninh-phuoc": [("minh mạch", "minh bạch"), ("theo theo", "theo")],
    "003-chau-thanh-a": [("dăng ký", "đăng ký"), ("báo cáo trể", "báo cáo trễ"),
                         ("nổi bậc", "nổi bật"), ("sổ điểm", "số điểm"),
                         ("Tăng cường tăng cường", "Tăng cường")],
}


@dataclass(frozen=True)
class Fidelity:
    kept: float
    added: float
    twice: float


def words(text: str) -> list[str]:
    return re.findall(r"\w+", nfc(text))


def _paragraph_text(p) -> str:
    return "".join(t.text or "" if t.tag.endswith("}t") else " "
                   for t in p.iter() if t.tag.endswith(("}t", "}br", "}tab")))


def docx_text(data: bytes) -> tuple[str, list[str]]:
    """Paragraphs and table cells of a .docx in document order, and each table's header row."""
    document = docx.Document(BytesIO(data))
    parts = [_paragraph_text(p) for p in document.element.body.iter() if p.tag.endswith("}p")]
    headers = [" ".join(_paragraph_text(p) for p in t.rows[0]._tr.iter()
                        if p.tag.endswith("}p")) for t in document.tables if len(t.rows) > 1]
    return "\n".join(parts), headers


def without_repeated_headers(seed: list[str], headers: list[str]) -> list[str]:
    """The seed's words with a table's header row kept once: Word repeats it atop each page,
    and the text extracted from the printed plan has it at every page break."""
    for header in headers:
        row = words(header)
        if len(row) < 3:
            continue
        seen, i, out = False, 0, []
        while i < len(seed):
            if seed[i:i + len(row)] == row:
                if not seen:
                    out.extend(row)
                seen, i = True, i + len(row)
            else:
                out.append(seed[i])
                i += 1
        seed = out
    return seed


def measure(seed: str, plan: str, headers: list[str] = ()) -> Fidelity:
    """Align the plan's words with the seed's: what the alignment leaves over in the plan is
    added; a sentence of the seed printed more often than the seed has it is printed again."""
    a, b = without_repeated_headers(words(seed), list(headers)), words(plan)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    plan_words, seed_words = f" {' '.join(b)} ", f" {' '.join(a)} "
    again = 0
    for sentence in {tuple(words(s)) for s in re.split(r"[.;:!?]\s", seed)}:
        if len(sentence) >= 5:
            exact = rf"(?<=\s){re.escape(' '.join(sentence))}(?=\s)"
            # a page break may drop a table cell's words inside a sentence of the seed
            spilled = r"\s(?:\S+\s){0,4}".join(re.escape(w) for w in sentence)
            in_seed = max(len(re.findall(exact, seed_words)),
                          len(re.findall(rf"(?<=\s){spilled}(?=\s)", seed_words)))
            extra = len(re.findall(exact, plan_words)) - in_seed
            again += len(sentence) * max(extra, 0)
    return Fidelity(matched / len(a), (len(b) - matched) / len(b), again / len(a))


def plan_text(folder: Path) -> tuple[str, list[str]]:
    loaded = load_campaign(folder)
    return docx_text(render_document(renderer_for(loaded), plan_plan(loaded)))


def seed_text(campaign_id: str, corrected: bool) -> str:
    text = nfc((ROOT / "tests" / "seeds" / SAMPLES[campaign_id]).read_text(encoding="utf-8"))
    text = " ".join(text.split())
    for wrong, right in CORRECTED.get(campaign_id, []) if corrected else []:
        text = text.replace(wrong, right)
    return text


def sample_fidelity(campaign_id: str) -> Fidelity:
    return measure(seed_text(campaign_id, True), *plan_text(ROOT / "campaigns" / campaign_id))


def imported_fidelity(campaign_id: str, work: Path) -> Fidelity:
    report = import_plan(ROOT / "tests" / "seeds" / SAMPLES[campaign_id], work / campaign_id)
    return measure(seed_text(campaign_id, False), *plan_text(report.campaign_dir))


def main() -> int:
    print(f"{'campaign':<18} {'source':<9} {'kept':>7} {'added':>7} {'twice':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for campaign_id in SAMPLES:
            for source, result in (("sample", sample_fidelity(campaign_id)),
                                   ("imported", imported_fidelity(campaign_id, Path(tmp)))):
                print(f"{campaign_id:<18} {source:<9} {result.kept:7.2%} {result.added:7.2%} "
                      f"{result.twice:7.2%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
