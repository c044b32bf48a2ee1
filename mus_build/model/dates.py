"""Calendar arithmetic and the one place that reads the clock."""

from __future__ import annotations

import calendar
import datetime as dt
import zoneinfo

# Every date a handbook holds, and every day a command is run for, lies in this range.
# It keeps each date computed from one far from the year 9999 where Python's dates end:
# a next MUS up to 60 months on, the retention warning up to 100 years on, a calendar
# event's end the day after a deadline.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)
RANGE = f"{EARLIEST.isoformat()} to {LATEST.isoformat()}"


def in_range(day: dt.date) -> bool:
    return EARLIEST <= day <= LATEST


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day of the month, or the month's last day when it is shorter (Feb 29 + 12 = Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def today_in(timezone: str) -> dt.date:
    return dt.datetime.now(zoneinfo.ZoneInfo(timezone)).date()
