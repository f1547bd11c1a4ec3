"""The fields a browser would send from a page's form: read from the HTML the portal or the
admin rendered, so a test posts exactly what a user's browser would (and can then post it as
someone else)."""

from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.depth = form_id, False, 0
        self.fields: list[tuple[str, str]] = []
        self.forms: list[list[tuple[str, str]]] = []
        self._select = self._textarea = None
        self._options: list[tuple[str, bool]] = []
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.inside:
            self.inside = self.form_id is None or a.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._options = (name, "multiple" in a), []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "form":
            self.inside = False
            self.forms.append(self.fields)
            self.fields = []
        elif tag == "select" and self._select is not None:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self.fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def _forms(html: str | bytes, form_id: str | None) -> list[dict]:
    parser = _Form(form_id)
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return [_as_dict(fields) for fields in parser.forms]


def form_data(html: str | bytes, form_id: str | None = None) -> dict:
    """``{name: value or [values]}`` of the form ``form_id`` (the first form when None)."""
    forms = _forms(html, form_id)
    return forms[0] if forms else {}


def form_with(html: str | bytes, field: str) -> dict:
    """The first form of the page that has the field ``field``."""
    for form in _forms(html, None):
        if field in form:
            return form
    raise AssertionError(f"no form with the field {field!r} on the page")


def _as_dict(fields: list[tuple[str, str]]) -> dict:
    data: dict = {}
    for name, value in fields:
        if name in data:
            data[name] = (
                [*data[name], value] if isinstance(data[name], list) else [data[name], value]
            )
        else:
            data[name] = value
    return data
