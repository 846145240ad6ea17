"""Today's date in the office's time zone; ``--today`` overrides it so runs are repeatable."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def now() -> dt.datetime:
    return dt.datetime.now(SHANGHAI)


def today(override: dt.date | None = None) -> dt.date:
    return override or now().date()


def made_at(epoch: str | None = None) -> dt.datetime:
    """When a file written now says it was made: ``epoch`` (seconds, a build's own), else
    SOURCE_DATE_EPOCH (repeatable builds), else now."""
    epoch = epoch or os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), SHANGHAI) if epoch else now()
