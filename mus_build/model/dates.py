"""Calendar arithmetic and the one place that reads the clock."""

from __future__ import annotations

import calendar
import datetime as dt
import zoneinfo


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day of the month, or the month's last day when it is shorter (Feb 29 + 12 = Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def today_in(timezone: str) -> dt.date:
    return dt.datetime.now(zoneinfo.ZoneInfo(timezone)).date()
