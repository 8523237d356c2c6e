"""Small helpers for drawing bar charts as SVG in templates."""

from django import template

register = template.Library()
BAR_SPACE = 200  # pixels for the longest bar


@register.filter
def max_value(rows) -> float:
    return max((value for _, value in rows), default=0) or 1


@register.filter
def bar_width(value, top) -> int:
    return max(2, round(BAR_SPACE * float(value) / float(top))) if value else 0


@register.filter
def bar_height(count) -> int:
    return max(28, 28 * int(count))


@register.filter
def mul(value, factor) -> int:
    return int(value) * int(factor)


@register.filter
def rates(items):
    """Rate objects as (label, percent) rows for a chart."""
    return [(rate.label, rate.percent) for rate in items]
