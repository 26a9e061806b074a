"""What a browser would submit from a page's form, read from its HTML (no JavaScript run)."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.data = []
        self.select = None  # (name, multiple, [options], chosen)
        self.option = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value", "on" if kind in ("checkbox", "radio") else "")))
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "options": [], "chosen": []}
        elif tag == "option" and self.select is not None:
            self.option = {"value": attrs.get("value"), "text": ""}
            self.select["options"].append(self.option)
            if "selected" in attrs:
                self.select["chosen"].append(self.option)
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.option is not None:
            self.option["text"] += data
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            select, self.select = self.select, None
            chosen = select["chosen"] or ([] if select["multiple"] else select["options"][:1])
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"]
                self.data.append((select["name"], value))
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.textarea = None
            # The parser drops the newline right after <textarea>; browsers send CRLF line breaks.
            text = text.removeprefix("\n").replace("\r\n", "\n").replace("\n", "\r\n")
            self.data.append((name, text))


def form_data(html, form_id):
    """The fields of the form `form_id` as a browser posts them: a dict of lists."""
    reader = _FormReader(form_id)
    reader.feed(html)
    data = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    return data


def admin_form_data(client, url):
    """The admin change form at `url`, as posted back unchanged."""
    response = client.get(url)
    assert response.status_code == 200, url
    opts = response.context["opts"]
    data = form_data(response.text, f"{opts.model_name}_form")
    data.pop("_saveasnew", None)
    return data
