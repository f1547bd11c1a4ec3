"""The progress reports to the People's Committee (báo cáo UBND): content as data
(``content``), the document around it (``document``), and its HTML, PDF (``render``) and Excel
(``workbook``) forms, which all draw on the same content."""

from itplan.reports.content import ReportError, build, clean_params
from itplan.reports.document import content, issue, new_report
from itplan.reports.period import Period, PeriodError

__all__ = [
    "Period",
    "PeriodError",
    "ReportError",
    "build",
    "clean_params",
    "content",
    "issue",
    "new_report",
]
