"""Layout shared by every page."""

from django import template
from django.utils.html import format_html

register = template.Library()


class TableContainerNode(template.Node):
    def __init__(self, labelled_by, nodelist):
        self.labelled_by = labelled_by
        self.nodelist = nodelist

    def render(self, context):
        return format_html(
            '<div class="app-table-container" role="region" aria-labelledby="{}" tabindex="0">'
            "{}</div>",
            self.labelled_by.resolve(context), self.nodelist.render(context),
        )


@register.tag
def table_container(parser, token):
    """A table wider than a phone scrolls sideways inside this, not the whole page:

        {% table_container "caseload-caption" %}<table>…</table>{% endtable_container %}

    It names itself by the table's caption (or heading) with that id, and takes the keyboard
    focus, so someone who cannot drag can scroll it with the arrow keys."""
    try:
        _, labelled_by = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError(
            "table_container takes the id of the caption or heading naming the table"
        ) from None
    nodelist = parser.parse(("endtable_container",))
    parser.delete_first_token()
    return TableContainerNode(parser.compile_filter(labelled_by), nodelist)
