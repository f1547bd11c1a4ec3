"""A generator of appendix layouts, as the test of the appendix import (issue 17, item 6).

From the five seed plans' appendix tables (fixtures/plans/*.yaml, known to the đồng; see
``seeds``) it types each table in a layout drawn by hypothesis (``layout.layouts``) and imports
it through the portal's own path (``check.import_layout``): parse every sheet, store the preview,
load it back, relate it to the plan, write it. A layout passes when it imports without an error
to the same projects as the seed, each with the same lead agency, period, estimate and đồng
per year, source, capital type and stage (the sub-source is not compared), and every total or
subtotal it states is read and agrees with its rows. The stated totals are the sums of the
table (the seed documents' own wrong totals are not reproduced: their scopes are no single
column of these layouts), so any difference the import reports is a false one, but for the
total typed wrong on purpose (wrong_total), whose difference must be the one reported.

What varies, one dimension each (``layout.DIMENSION``; a dimension not enabled keeps the
baseline, the plain layout of the seed appendices):

- synonyms: the header's words for each column role (several real spellings, ``layout.WORDS``);
- order: the order of the text columns, where the money block stands, the order of money columns;
- units: đồng, triệu or tỷ, declared above the table, in each money header or over them;
- separators: "1.234.500", "1,234,500", "1 234 500" or numeric cells;
- header: one header row per attribute (year, source, capital type) or one flat row;
- merges: header cells and group titles merged, or typed once;
- groups: the seed's I/II, no group rows, or A/B over I/II;
- numbering: projects numbered 1, 2 in each group, continuously, "-", "+" or "a)";
- totals: the grand total at the bottom, on top or absent; subtotals on the group's row, in a
  "Cộng (I)" row after it, or absent;
- wrong_total: the grand total of one column typed one unit too high (the import must name that
  difference, and only that one);
- blank_rows, note_rows: blank rows between groups, a note row under each group;
- titles: 0–3 title lines above the header, a row of column numbers under it;
- repeated_header: the header typed again before the middle project (a Word table of its own);
- signature: a footnote and the signature block under the table;
- docx: a Word document (python-docx table) instead of a workbook.

Reproducing a failing example: the test prints the ``Layout`` (only what differs from the
baseline) and the seed; ``check.files(slug, Layout(...))`` gives the file bytes to open, and
``check.import_layout(slug, Layout(...), province)`` the import's problems. Hypothesis runs
derandomized (a fixed seed): the same examples on every run. ``LAYOUT_EXAMPLES`` sets how many.

Application code must not import this package.
"""

from .check import Outcome, files, import_layout
from .layout import DIMENSION, DIMENSIONS, WORDS, Layout, layouts
from .seeds import seed_tables

__all__ = [
    "DIMENSION",
    "DIMENSIONS",
    "WORDS",
    "Layout",
    "Outcome",
    "files",
    "import_layout",
    "layouts",
    "seed_tables",
]
