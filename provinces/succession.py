"""Which province governs a territory on a date, and the IT department's name then (stub; the
map helper's version replaces it)."""

import datetime

DEPARTMENTS_MERGED = datetime.date(2025, 3, 1)


def governing(province, on: datetime.date):
    while province.valid_until and on > province.valid_until and province.successor_id:
        province = province.successor
    return province


def it_department(on: datetime.date) -> str:
    if on < DEPARTMENTS_MERGED:
        return "Sở Thông tin và Truyền thông"
    return "Sở Khoa học và Công nghệ"
