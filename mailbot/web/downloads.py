"""The participant list as CSV or XLSX, downloaded from the board."""

from __future__ import annotations

from starlette.responses import Response

from db.desk import export_rows
from db.states import DeskActionKind
from mailbot.exports import CSV_TYPE, XLSX_TYPE, to_csv, to_xlsx
from mailbot.web.framework import Ctx


def _download(ctx: Ctx, data: bytes, media_type: str, suffix: str) -> Response:
    ctx.record(DeskActionKind(f"export_{suffix}"))
    day = ctx.desk.clock().astimezone(ctx.desk.event.tz).date().isoformat()
    name = f"deltakere-{ctx.desk.event.slug}-{day}.{suffix}"
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def csv_file(ctx: Ctx) -> Response:
    return _download(ctx, to_csv(export_rows(ctx.db)), CSV_TYPE, "csv")


def xlsx_file(ctx: Ctx) -> Response:
    return _download(ctx, to_xlsx(export_rows(ctx.db)), XLSX_TYPE, "xlsx")
