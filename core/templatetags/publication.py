"""`{% linked row %}…{% endlinked %}`: the content as a link to the row's page only while visitors may
see that page (a draft, scheduled or withdrawn row's name shows without a link)."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


class LinkedNode(template.Node):
    def __init__(self, row, nodelist, attributes):
        self.row, self.nodelist, self.attributes = row, nodelist, attributes

    def render(self, context):
        row = self.row.resolve(context)
        content = self.nodelist.render(context)
        if row is None or not getattr(row, "is_published", True):
            return content
        attributes = {name: value.resolve(context) for name, value in self.attributes.items()}
        extra = format_html_join("", ' {}="{}"', attributes.items())
        return format_html('<a href="{}"{}>{}</a>', row.get_absolute_url(), extra, content)


@register.tag
def linked(parser, token):
    """`{% linked body %}{{ body.name }}{% endlinked %}`, `{% linked body class="tag" %}…`."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% linked %} needs the row to link to.")
    attributes = {}
    for bit in bits[2:]:
        name, sep, value = bit.partition("=")
        if not sep:
            raise template.TemplateSyntaxError(f"{{% linked %}}: expected name=value, got {bit!r}.")
        attributes[name] = parser.compile_filter(value)
    nodelist = parser.parse(("endlinked",))
    parser.delete_first_token()
    return LinkedNode(parser.compile_filter(bits[1]), nodelist, attributes)
