from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from governance.roles import Role

from .dashboard import annual_report_url, panels_for


@login_required
def home(request):
    user = request.user
    context = {
        "panels": panels_for(user),
        "role_labels": [role.label for role in Role if role in user.roles],
        "annual_report_url": annual_report_url(user),
    }
    return render(request, "dashboard/home.html", context)
