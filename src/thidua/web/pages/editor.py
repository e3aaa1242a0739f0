"""Campaign editor pages: forms and raw YAML over campaign.yaml, saves that never lose an edit."""

from __future__ import annotations

import difflib
import json

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from thidua.campaign.editing import apply_edits, node_data
from thidua.campaign.editstore import EditConflict, Version, check_text, read_version, save_text
from thidua.campaign.loading import CAMPAIGN_FILE
from thidua.campaign.yamledit import compose
from thidua.errors import CampaignError
from thidua.web.editor_edits import form_to_edits
from thidua.web.editor_form import COLLAPSE_OVER, FormBuilder
from thidua.web.store import data_listing
from thidua.web.templating import problem_rows, render

NOTICES = {
    "luu": ("ok", "Đã lưu campaign.yaml (giữ nguyên chú thích và cách trình bày)."),
    "gop": ("ok", "Đã lưu. Tệp vừa được sửa ở nơi khác; hai thay đổi ở các mục khác nhau nên "
                  "đã được gộp, không mất thay đổi nào."),
    "giu": ("ok", "Đã giữ bản trên đĩa; thay đổi của bạn không được ghi."),
    "khong": ("ok", "Không có thay đổi nào; tệp được giữ nguyên."),
    "moi": ("ok", "Đã tạo phong trào mới. Hãy điền các mục bên dưới rồi bấm Lưu."),
}


def _campaign(request: Request) -> tuple[str, object]:
    campaign_id = request.path_params["campaign_id"]
    folder = request.app.state.store.folder(campaign_id)
    return campaign_id, folder


def _page(request: Request, campaign_id: str, folder, version: Version, *, text: str | None = None,
          messages: list[tuple[str, str]] | None = None, status_code: int = 200,
          raw: bool = False) -> Response:
    """The editor over a text (the file's, or the user's own when it could not be saved)."""
    if text is None:  # the file as on disk: its checks are cached by its hash
        text = version.text
        checked = _checked(request, folder, version)
    else:
        checked = check_text(text, folder)
    keyed = {k: [p.message for p in v] for k, v in checked.by_key().items()}
    messages = list(messages or [])
    sections, unplaced = [], {}
    try:
        data = node_data(compose(text))
    except CampaignError:
        data, raw = None, True
    if isinstance(data, dict) and not raw:
        builder = FormBuilder(data, keyed, collapse_over=COLLAPSE_OVER)
        sections = builder.sections()
        unplaced = builder.unplaced()
    errors = len(checked.errors)
    if errors:
        messages.append(("error", f"campaign.yaml còn {errors} lỗi; mỗi lỗi ghi ngay dưới ô cần "
                                  "sửa (cùng nội dung và khóa như lệnh thidua validate)."))
    return render(request, "editor.html", status_code=status_code, campaign_id=campaign_id,
                  campaign_name=_title(data) or campaign_id, nav_active="editor",
                  sections=sections, unplaced=unplaced, problems=problem_rows(checked.problems),
                  version=version, text=text, messages=messages, raw=raw)


def _checked(request: Request, folder, version: Version):
    """The checks of the file as on disk, cached by its hash."""
    key = (version.digest, data_listing(folder))  # warnings name missing data files
    return request.app.state.store.cached(
        "editor-check", str(folder), key, lambda: check_text(version.text, folder))


def _title(data) -> str:
    if isinstance(data, dict):
        return str(data.get("short_name") or data.get("title") or "")
    return ""


async def editor(request: Request) -> Response:
    campaign_id, folder = _campaign(request)
    version = read_version(folder / CAMPAIGN_FILE)
    notice = NOTICES.get(request.query_params.get("da", ""))
    return _page(request, campaign_id, folder, version, messages=[notice] if notice else [],
                 raw=request.url.path.endswith("/yaml"))


async def list_fragment(request: Request) -> Response:
    """Every item of one collapsed list (htmx), built from the version the page was made of."""
    campaign_id, folder = _campaign(request)
    version = read_version(folder / CAMPAIGN_FILE)
    context = {"campaign_id": campaign_id, "version": version, "g": None, "message": ""}
    try:
        path = tuple(json.loads(request.query_params.get("duong", "")))
    except (ValueError, TypeError):
        path = None
    if request.query_params.get("ban", "") != version.digest:
        context["message"] = ("campaign.yaml vừa được sửa ở nơi khác; hãy tải lại trang "
                              "(các thay đổi chưa lưu trên trang này sẽ mất).")
        return render(request, "_editor_list.html", **context)
    try:
        data = node_data(compose(version.text))
    except CampaignError:
        data = None
    if isinstance(data, dict) and path and all(isinstance(p, (str, int)) for p in path):
        keyed = {k: [p.message for p in v]
                 for k, v in _checked(request, folder, version).by_key().items()}
        context["g"] = FormBuilder(data, keyed, collapse_over=COLLAPSE_OVER, expand=path).find(path)
    if context["g"] is None:
        context["message"] = "Không có danh sách này trong campaign.yaml; hãy tải lại trang."
        return render(request, "_editor_list.html", status_code=404, **context)
    return render(request, "_editor_list.html", **context)


MAX_FIELDS = 100_000  # a 1.000-unit campaign posts ~5.300 fields; the body size is capped anyway


async def save_form(request: Request) -> Response:
    campaign_id, folder = _campaign(request)
    form = await request.form(max_fields=MAX_FIELDS)
    base_text = str(form.get("base_text", "")).replace("\r\n", "\n")
    base_digest = str(form.get("base_digest", ""))
    try:
        edits = form_to_edits(base_text, form)
        mine = apply_edits(base_text, edits)
    except CampaignError as exc:
        version = Version(base_text, base_digest)
        return _page(request, campaign_id, folder, version, status_code=400,
                     messages=[("error", str(exc))])
    return _save(request, campaign_id, folder, mine, base_digest, base_text)


async def save_raw(request: Request) -> Response:
    campaign_id, folder = _campaign(request)
    form = await request.form()
    text = str(form.get("text", "")).replace("\r\n", "\n")
    base_text = str(form.get("base_text", "")).replace("\r\n", "\n")
    base_digest = str(form.get("base_digest", ""))
    if str(form.get("choice", "")) == "theirs":
        return RedirectResponse(f"/p/{campaign_id}/sua?da=giu", status_code=303)
    try:
        compose(text)
    except CampaignError as exc:
        version = Version(base_text, base_digest)
        line = exc.problems[0].location.line
        return _page(request, campaign_id, folder, version, text=text, raw=True, status_code=400,
                     messages=[("error", f"Chưa lưu: dòng {line}: {exc.problems[0].message}")])
    return _save(request, campaign_id, folder, text, base_digest, base_text or None)


def _save(request: Request, campaign_id: str, folder, mine: str, base_digest: str,
          base_text: str | None) -> Response:
    back = "/yaml" if request.url.path.endswith("/yaml") else ""
    if mine == base_text:
        return RedirectResponse(f"/p/{campaign_id}/sua{back}?da=khong", status_code=303)
    try:
        saved = save_text(folder / CAMPAIGN_FILE, mine, base_digest, base_text)
    except EditConflict as conflict:
        return _conflict(request, campaign_id, conflict)
    where = "gop" if saved.merged else "luu"
    return RedirectResponse(f"/p/{campaign_id}/sua{back}?da={where}", status_code=303)


def _conflict(request: Request, campaign_id: str, conflict: EditConflict) -> Response:
    diff = list(difflib.unified_diff(conflict.theirs.text.splitlines(), conflict.mine.splitlines(),
                                     "Bản trên đĩa", "Bản của bạn", lineterm="", n=2))
    return render(request, "editor_conflict.html", status_code=409, campaign_id=campaign_id,
                  nav_active="editor", mine=conflict.mine, theirs=conflict.theirs, diff=diff[2:],
                  message=conflict.message)


routes = [
    Route("/p/{campaign_id}/sua", editor, methods=["GET"], name="editor"),
    Route("/p/{campaign_id}/sua", save_form, methods=["POST"]),
    Route("/p/{campaign_id}/sua/yaml", editor, methods=["GET"], name="editor_yaml"),
    Route("/p/{campaign_id}/sua/danh-sach", list_fragment, methods=["GET"], name="editor_list"),
    Route("/p/{campaign_id}/sua/yaml", save_raw, methods=["POST"]),
]
