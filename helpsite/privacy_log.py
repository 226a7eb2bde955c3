"""Logging that cannot hold a visitor's trace.

uvicorn's access log is off (``helpsite serve`` and the Procfile say so); this
module also sets the level and a plain format with no request fields, and
silences the access logger in case a deployer turns it back on by mistake.
"""

from __future__ import annotations

import logging

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(level: str = "warning") -> None:
    logging.basicConfig(level=level.upper(), format=FORMAT)
    access = logging.getLogger("uvicorn.access")
    access.handlers.clear()
    access.propagate = False
    access.disabled = True


UVICORN_LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": FORMAT}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"level": "INFO"},
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "helpsite": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}
