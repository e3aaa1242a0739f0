"""The `thidua` command line: a thin click layer over the library."""

from __future__ import annotations

import click

from thidua import __version__
from thidua.cli import (
    campaign_cmds,
    check_cmds,
    doc_cmds,
    export_cmds,
    i18n,
    import_cmds,
    score_cmds,
    web_cmds,
)
from thidua.cli.common import CONTEXT_SETTINGS

i18n.install()


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", message="thidua %(version)s")
def cli() -> None:
    """thidua: tự động hóa hồ sơ thi đua - khen thưởng.

    Từ tệp định nghĩa phong trào (campaigns/<mã>/campaign.yaml) và số liệu của
    các đơn vị, thidua soạn Kế hoạch, chấm điểm, xếp hạng, phân bổ khen thưởng
    và xuất toàn bộ hồ sơ (Word, PDF, ZIP).
    """


for module in (campaign_cmds, score_cmds, doc_cmds, export_cmds, check_cmds, import_cmds,
               web_cmds):
    module.register(cli)
i18n.localise_commands(cli)


def main() -> None:
    cli(prog_name="thidua")
