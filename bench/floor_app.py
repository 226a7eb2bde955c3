"""granian's floor for `make bench`: an RSGI app that sends helpsite's answers and nothing else.

No lookup, no headers read, no decision: each path gets the status, headers and body
helpsite sent for it (FLOOR_ANSWERS, a JSON file the bench writes). What this costs is
granian's own cost for those bytes, so helpsite's distance from it is what helpsite's
Python costs, and its distance from nginx is the server's.
"""

import json
import os
from pathlib import Path

ANSWERS = {
    path: (status, [(name, value) for name, value in headers], bytes.fromhex(body))
    for path, (status, headers, body) in json.loads(
        Path(os.environ["FLOOR_ANSWERS"]).read_text("utf-8")
    ).items()
}


class Floor:
    async def __rsgi__(self, scope, protocol) -> None:
        found = ANSWERS.get(scope.path)
        if found is None:
            protocol.response_bytes(404, [], b"")  # the bench's start-up probe
            return
        protocol.response_bytes(*found)


app = Floor()
