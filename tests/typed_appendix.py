"""Small appendices typed in a test: a title, a unit, the header "TT, Tên dự án, Đơn vị chủ
trì, Thời gian thực hiện, NSTW, NSĐP" (columns A–F, row 3), then the rows given (from row 4)."""

from itplan.appendix import preview_file
from tests.appendix import workbook_bytes

HEADER = ["TT", "Tên dự án", "Đơn vị chủ trì", "Thời gian thực hiện", "NSTW", "NSĐP"]


def xlsx(rows, *, unit="Đơn vị tính: triệu đồng") -> bytes:
    return workbook_bytes([["Phụ lục: Danh mục dự án"], [unit], HEADER, *rows])


def project(ref, name, central=None, local=None):
    return [ref, name, "Sở Khoa học và Công nghệ", "2026-2027", central, local]


def preview_of(rows, plan, **kwargs):
    return preview_file("phu-luc.xlsx", xlsx(rows, **kwargs), plan)
