"""What a Vietnamese reader sees on a page, and the English words that must not be in it: the
words Django, its admin, django-axes, django-import-export, django-filter and
django-simple-history print when their strings are left untranslated."""

import re
from html.parser import HTMLParser

# fmt: off
ENGLISH = [
    "Add", "Save", "Delete", "History", "descending", "ascending", "EXPORT", "Export", "IMPORT",
    "Import", "AXES", "Axes", "Access attempts", "Access attempt", "Access failures",
    "Access logs", "Filter", "Search", "Home", "Log out", "Change", "Changed", "Select",
    "Authentication", "Authorization", "Projects", "Budgets", "Indicators", "Provinces", "Users",
    "Groups", "View site", "Welcome", "Password", "Actions", "Action", "Go", "Submit", "Cancel",
    "Yes", "None", "Unknown", "All", "Any date", "Today", "Past 7 days", "This month", "This year",
    "Show all", "Clear all filters", "Revert", "Object", "Comment", "Format", "Resource",
    "Confirm", "Errors", "required", "This field", "Choose", "Remove", "Close", "Next", "Previous",
    "Page", "results", "the", "and", "of", "is", "not", "with", "Username", "Please", "Not Found",
    "Forbidden", "Server Error", "Bad Request", "CSRF", "Recent actions", "My actions",
    "Documentation", "Sort", "sort", "Toggle", "by", "Yesterday", "Recently", "Date", "Reason",
    "Attempt", "Failures", "Path", "Referer", "Logout", "Login", "Logged", "Summary", "Sheet",
    "file", "File", "Type", "Fields", "Model", "Plan", "Project", "Can", "View", "entry",
    "entries", "total",
]
# fmt: on
# The language switch names English in English, by design (a reader who needs it cannot read
# "Tiếng Anh").
ALLOWED = {"English"}
_WORD = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(w) for w in sorted(ENGLISH, key=len, reverse=True))
    + r")(?![\w-])"
)
_ATTRIBUTES = {"placeholder", "title", "alt", "aria-label"}
_BUTTONS = {"submit", "button", "reset"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") in _BUTTONS and attrs.get("value"):
            self.parts.append(attrs["value"])
        self.parts += [value for name, value in attrs.items() if name in _ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    """The text a reader sees or hears: text nodes, button values, placeholders, titles, alt and
    aria-label, without scripts and styles."""
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)


def english_words(html: str) -> list[str]:
    """The English words of ENGLISH in the page's visible text, each with its line for context."""
    found = []
    lines = visible_text(html).splitlines()
    for number, line in enumerate(lines):
        for match in _WORD.finditer(line):
            if match.group(1) not in ALLOWED:
                before = lines[number - 1][:60] if number else ""
                found.append(f"{match.group(1)!r} in {line[:120]!r} (after {before!r})")
    return found
