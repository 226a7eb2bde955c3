"""Logging that cannot hold a visitor's trace.

uvicorn's access log is off (``helpsite serve`` and the Procfile say so); this
module also sets the level and a plain format with no request fields, and
silences the access logger in case a deployer turns it back on by mistake.
"""

from __future__ import annotations

import logging

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# uvicorn warns twice for every request with an Upgrade header it cannot serve: anyone
# could flood the log with them. The request itself is answered as plain HTTP.
UPGRADE_NOISE = ("Unsupported upgrade request.", "No supported WebSocket library detected.")


class DropUpgradeNoise(logging.Filter):
    """Drops uvicorn's per-request upgrade warnings (a log flood, and per-visitor)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(UPGRADE_NOISE)


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
    "filters": {"no_upgrade_noise": {"()": "helpsite.privacy_log.DropUpgradeNoise"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"level": "INFO", "filters": ["no_upgrade_noise"]},
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        "helpsite": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}


def granian_log_config(level: str = "warning") -> dict:
    """granian's loggers: its own lines in the plain format, its access logger silenced."""
    return {
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
            "_granian": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "granian.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "helpsite": {"handlers": ["stderr"], "level": level.upper(), "propagate": False},
        },
    }
