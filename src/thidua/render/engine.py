"""DocumentRenderer: finds templates (campaign override first), prepares each once, writes .docx."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from thidua.atomic import os_error_text
from thidua.errors import RenderError, TemplateError
from thidua.render.docx_package import DYNAMIC_COMPRESS_LEVEL
from thidua.render.jinja_env import make_environment
from thidua.render.limits import SECONDS_PER_DOCUMENT
from thidua.render.prepared import PreparedTemplate


def _plain_name(name: str) -> str:
    """`name` if it is a bare file name: a template name may not reach outside the folders."""
    pure = PurePath(name)
    if not name or pure.name != name or name in (".", "..") or "\\" in name:
        raise TemplateError(f"Tên mẫu không hợp lệ: '{name}' (chỉ ghi tên tệp, ví dụ "
                            "to-trinh.docx).")
    return name


def _file_mode() -> int:
    """Mode for new files as open() would give them (mkstemp's are private to the owner)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()


def write_atomically(data: bytes, out_path: Path) -> Path:
    """Write `data` to `out_path` through a temp file in the same folder and os.replace."""
    out_path = Path(out_path)
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{out_path.name}.", suffix=".tmp",
                                         dir=out_path.parent)
    except OSError as exc:
        raise RenderError(_write_error(exc, out_path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp_name, _FILE_MODE)
        os.replace(temp_name, out_path)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise RenderError(_write_error(exc, out_path)) from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return out_path


class DocumentRenderer:
    """Renders named templates for one run; each template is read and compiled only once.

    template_dirs are searched in order: the campaign's override folder
    (campaigns/<id>/templates/) first, then the project's templates/.
    """

    def __init__(self, template_dirs: Sequence[Path], *,
                 environment: SandboxedEnvironment | None = None,
                 compress_level: int = DYNAMIC_COMPRESS_LEVEL,
                 render_seconds: float = SECONDS_PER_DOCUMENT) -> None:
        self.render_seconds = render_seconds  # time allowed to render one document
        self.template_dirs = tuple(Path(folder) for folder in template_dirs)
        self.environment = environment if environment is not None else make_environment()
        self.compress_level = compress_level
        self._prepared: dict[str, PreparedTemplate] = {}

    def find(self, name: str) -> Path:
        """The file of template `name` in the first folder that has it."""
        _plain_name(name)
        for folder in self.template_dirs:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        searched = ", ".join(str(folder) for folder in self.template_dirs) or "(không có thư mục)"
        raise TemplateError(f"Không tìm thấy mẫu {name} trong: {searched}.")

    def prepared(self, name: str) -> PreparedTemplate:
        """The prepared template `name`, read and compiled on first use, then cached."""
        found = self._prepared.get(name)
        if found is None:
            path = self.find(name)
            found = PreparedTemplate.from_file(path, self.environment, name)
            found.compress_level = self.compress_level
            found.seconds = self.render_seconds
            self._prepared[name] = found
        return found

    def render_bytes(self, name: str, context: Mapping[str, Any]) -> bytes:
        """The .docx bytes of template `name` filled with `context`."""
        return self.prepared(name).render_bytes(context)

    def render_to(self, name: str, context: Mapping[str, Any], out_path: Path) -> Path:
        """Render and write atomically to `out_path`; nothing is written if rendering fails."""
        return write_atomically(self.render_bytes(name, context), Path(out_path))


def _write_error(exc: OSError, out_path: Path) -> str:
    """The OS error in Vietnamese, naming the document (not its temporary file)."""
    text = os_error_text(OSError(exc.errno, exc.strerror, str(out_path)), "ghi")
    return text[:1].upper() + text[1:] + "."
