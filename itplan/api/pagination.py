"""Cursor pages for every list of the API: a page holds ``limit`` rows (100 unless asked,
500 at most) and the links to the next and previous pages. A cursor names a position in an
order on the primary key, not a page number, so a row written while a client walks the list
neither repeats nor goes missing, and a deep page costs what the first does."""

from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    ordering = ("id",)
    page_size = 100
    page_size_query_param = "limit"
    max_page_size = 500
