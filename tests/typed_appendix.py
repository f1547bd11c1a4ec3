"""Small appendices typed in a test: a title, a unit, the header "TT, Tên dự án, Đơn vị chủ
trì, Thời gian thực hiện, NSTW, NSĐP" (columns A–F, row 3), then the rows given (from row 4)."""

import io

import openpyxl

from itplan.appendix import preview_file

HEADER = ["TT", "Tên dự án", "Đơn vị chủ trì", "Thời gian thực hiện", "NSTW", "NSĐP"]


def xlsx(rows, *, unit="Đơn vị tính: triệu đồng") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Phụ lục: Danh mục dự án"])
    sheet.append([unit])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def project(ref, name, central=None, local=None):
    return [ref, name, "Sở Khoa học và Công nghệ", "2026-2027", central, local]


def preview_of(rows, plan, **kwargs):
    return preview_file("phu-luc.xlsx", xlsx(rows, **kwargs), plan)
