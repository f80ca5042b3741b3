from django.urls import path

from governance.views import voting as views

urlpatterns = [
    path("items/<int:item_pk>/motions/new/", views.motion_create, name="motion_create"),
    path("motions/<int:pk>/", views.motion_detail, name="motion_detail"),
    path("motions/<int:pk>/live/", views.motion_live, name="motion_live"),
    path("motions/<int:pk>/open/", views.motion_open, name="motion_open"),
    path("motions/<int:pk>/vote/", views.motion_vote, name="motion_vote"),
    path("motions/<int:pk>/remind/", views.motion_remind, name="motion_remind"),
    path("motions/<int:pk>/close/", views.motion_close, name="motion_close"),
]
