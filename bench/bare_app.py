"""The baseline for `make bench`: Starlette returning fixed bytes, nothing else."""

import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

BODY = Path(os.environ["BARE_BODY"]).read_bytes()


async def page(request):
    return Response(BODY, media_type="text/html; charset=utf-8")


app = Starlette(routes=[Route("/{path:path}", page)])
