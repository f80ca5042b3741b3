"""Working days for the deadlines of the register of QA documents (seed 002 §3.3: staff
acknowledge a document within 10 working days; working days are Monday to Friday)."""

import datetime

SATURDAY = 5


def is_working_day(day):
    return day.weekday() < SATURDAY


def working_days_after(day, n):
    """The day ``n`` working days after ``day`` (before it when ``n`` is negative); weekends
    are skipped and ``day`` itself does not count."""
    step = datetime.timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day
