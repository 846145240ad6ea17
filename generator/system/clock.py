"""Today's date in the office's time zone; ``--today`` overrides it so runs are repeatable."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def now() -> dt.datetime:
    return dt.datetime.now(SHANGHAI)


def today(override: dt.date | None = None) -> dt.date:
    return override or now().date()
