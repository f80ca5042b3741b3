from django.urls import path

from governance.views import elections as views

urlpatterns = [
    path("bodies/<int:pk>/elections/", views.election_list, name="election_list"),
    path("bodies/<int:pk>/elections/new/", views.election_create, name="election_create"),
    path("elections/<int:pk>/", views.election_detail, name="election_detail"),
    path("elections/<int:pk>/nominate/", views.election_nominate, name="election_nominate"),
    path("elections/<int:pk>/open/", views.election_open, name="election_open"),
    path("elections/<int:pk>/vote/", views.election_vote, name="election_vote"),
    path("elections/<int:pk>/close/", views.election_close, name="election_close"),
    path(
        "elections/candidates/<int:pk>/withdraw/",
        views.candidate_withdraw,
        name="candidate_withdraw",
    ),
]
