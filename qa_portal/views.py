from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from governance.roles import Role

from .dashboard import panels_for


@login_required
def home(request):
    user = request.user
    context = {
        "panels": panels_for(user),
        "role_labels": [role.label for role in Role if role in user.roles],
    }
    return render(request, "dashboard/home.html", context)
