"""Dossier page: produce in the background, progress, list, download, hand edits kept, ZIP."""

from __future__ import annotations

import io
import zipfile
from html import unescape

from web_fixtures import csrf_of, wait_for_jobs

NINH_PHUOC = "000-ninh-phuoc"
PAGE = f"/p/{NINH_PHUOC}/ho-so"


def produce(client, web_app, **fields):
    token = csrf_of(client, PAGE)
    response = client.post(f"{PAGE}/tao", data={"csrf_token": token, "dot": "nam-2023",
                                                **fields}, follow_redirects=False)
    assert response.status_code == 303
    wait_for_jobs(web_app)
    return client.get(PAGE)


def test_produce_dossier_then_download_documents_and_zip(client, web_app, output_root):
    assert "Chưa có văn bản nào" in client.get(PAGE).text
    page = produce(client, web_app, zip="1").text
    assert "Đã tạo xong hồ sơ" in page
    folder = output_root / NINH_PHUOC / "nam-2023"
    names = sorted(p.name for p in folder.glob("*.docx"))
    assert names and all(name in unescape(page) for name in names)
    first = client.get(f"{PAGE}/tep/{names[0]}?dot=nam-2023")
    assert first.status_code == 200 and first.content == (folder / names[0]).read_bytes()
    assert "attachment" in first.headers["content-disposition"]
    archive = client.get(f"{PAGE}/zip?dot=nam-2023")
    assert archive.status_code == 200
    with zipfile.ZipFile(io.BytesIO(archive.content)) as z:
        assert any(n.endswith(names[0]) for n in z.namelist())


def test_htmx_start_returns_a_polling_progress_fragment(client, web_app):
    token = csrf_of(client, PAGE)
    fragment = client.post(f"{PAGE}/tao", data={"csrf_token": token, "dot": "nam-2023"},
                           headers={"HX-Request": "true"}).text
    assert 'id="tac-vu"' in fragment
    job = web_app.state.jobs.latest(f"dossier:{NINH_PHUOC}/nam-2023")
    wait_for_jobs(web_app)
    done = client.get(f"{PAGE}/tien-do/{job.id}?dot=nam-2023&dang_chay=1")
    assert done.headers.get("hx-refresh") == "true"
    assert "hx-trigger" not in done.text and "Đã tạo xong hồ sơ" in done.text
    assert client.get(f"{PAGE}/tien-do/khong-co?dot=nam-2023").status_code == 404


def test_hand_edited_document_is_kept_and_flagged(client, web_app, output_root):
    produce(client, web_app)
    folder = output_root / NINH_PHUOC / "nam-2023"
    edited = sorted(folder.glob("*.docx"))[0]
    edited.write_bytes(edited.read_bytes() + b"\0")
    mine = edited.read_bytes()
    page = produce(client, web_app).text
    assert edited.read_bytes() == mine
    table = page.split('id="van-ban"')[1]
    row = next(r for r in table.split("<tr") if edited.name in unescape(r))
    assert "Đã sửa tay sau khi tạo – được giữ nguyên" in row
    assert "1 văn bản đã sửa tay sau khi tạo" in client.get("/").text


def test_pending_tie_blocks_the_dossier_and_says_where_to_settle(client, web_app, campaigns_copy):
    (campaigns_copy / NINH_PHUOC / "data/nam-2023-hoi-dong.csv").unlink()
    page = produce(client, web_app).text
    assert "chờ Hội đồng quyết định" in page
    assert "Chưa tạo được hồ sơ" in page
    assert f'/p/{NINH_PHUOC}/ket-qua?dot=nam-2023#bang-diem' in page


def test_download_outside_the_dossier_is_refused(client, web_app, output_root):
    produce(client, web_app)
    assert client.get(f"{PAGE}/tep/../../../etc/passwd?dot=nam-2023").status_code == 404
    assert client.get(f"{PAGE}/tep/..%2Fmanifest.json?dot=nam-2023").status_code == 404
    assert client.get(f"{PAGE}/zip?dot=nam-2023").status_code == 404


def test_pdf_preview_opens_inline(client, web_app, output_root):
    produce(client, web_app)
    folder = output_root / NINH_PHUOC / "nam-2023"
    docx = sorted(folder.glob("*.docx"))[0]
    docx.with_suffix(".pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    page = client.get(PAGE).text
    link = f"{PAGE}/tep/{docx.stem}.pdf?dot=nam-2023&amp;xem=1"
    assert link in page
    preview = client.get(link.replace("&amp;", "&"))
    assert preview.headers["content-type"] == "application/pdf"
    assert preview.headers["content-disposition"].startswith("inline")


def test_dossier_with_pdf_through_libreoffice(client, web_app, output_root, needs_soffice):
    token = csrf_of(client, "/p/001-phung-hiep/ho-so")
    client.post("/p/001-phung-hiep/ho-so/tao", data={"csrf_token": token, "dot": "nam-2023",
                                                     "pdf": "1"})
    wait_for_jobs(web_app, 600)
    page = client.get("/p/001-phung-hiep/ho-so").text
    folder = output_root / "001-phung-hiep" / "nam-2023"
    pdfs = sorted(folder.glob("*.pdf"))
    assert pdfs and len(pdfs) == len(list(folder.glob("*.docx")))
    assert page.count(">Xem PDF</a>") == len(pdfs)
    preview = client.get(f"/p/001-phung-hiep/ho-so/tep/{pdfs[0].name}?dot=nam-2023&xem=1")
    assert preview.content.startswith(b"%PDF")
