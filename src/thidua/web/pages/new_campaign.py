"""New campaign: from the `thidua init` scaffold or as a copy of another campaign (data or not)."""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from thidua.campaign.editstore import new_from_copy, new_from_scaffold
from thidua.errors import ThiduaError
from thidua.vietnamese.formatting import slugify
from thidua.web.templating import render


def _form_page(request: Request, messages: list[tuple[str, str]] | None = None,
               status_code: int = 200, **values: str) -> Response:
    store = request.app.state.store
    return render(request, "new_campaign.html", status_code=status_code, ids=store.ids(),
                  messages=messages or [], year=date.today().year, values=values)


async def new_form(request: Request) -> Response:
    return _form_page(request)


async def create(request: Request) -> Response:
    store = request.app.state.store
    form = await request.form()
    name = str(form.get("name", "")).strip()
    how = str(form.get("how", "blank"))
    values = {"name": name, "how": how, "source": str(form.get("source", ""))}
    if not name:
        return _form_page(request, [("error", "Hãy đặt tên (mã) cho phong trào mới.")], 400,
                          **values)
    campaign_id = slugify(name)
    folder = store.root / campaign_id
    try:
        if how == "copy":
            source = store.folder(values["source"])
            new_from_copy(source, folder, with_data=form.get("with_data") == "1")
        else:
            year_text = str(form.get("year", "")).strip()
            year = int(year_text) if year_text.isdigit() and 1945 <= int(year_text) <= 2100 \
                else None
            if year_text and year is None:
                return _form_page(request, [("error", "Năm phải là số từ 1945 đến 2100.")], 400,
                                  **values)
            new_from_scaffold(folder, year)
    except ThiduaError as exc:
        return _form_page(request, [("error", exc.message)], 400, **values)
    return RedirectResponse(f"/p/{campaign_id}/sua?da=moi", status_code=303)


routes = [
    Route("/moi", new_form, methods=["GET"], name="new_campaign"),
    Route("/moi", create, methods=["POST"]),
]
