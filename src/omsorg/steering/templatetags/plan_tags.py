"""`{% plan_report_tasks %}`: the monthly plan reports a leader owes or follows up, for the
worklist (issue 9 §5). A template tag so that the worklist's page needs no import of steering."""

from django import template

from omsorg.core.clock import today
from omsorg.steering.plan_selectors import report_tasks_for

register = template.Library()


@register.inclusion_tag("steering/_plan_tasks.html", takes_context=True)
def plan_report_tasks(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"tasks": []}
    return {"tasks": report_tasks_for(user, today()), "today": today()}
