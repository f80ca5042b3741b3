from django.urls import path

from governance.views import meetings as views

urlpatterns = [
    path("bodies/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/check-in/", views.meeting_check_in, name="meeting_check_in"),
    path(
        "meetings/<int:pk>/attendance/<int:person_pk>/",
        views.attendance_mark,
        name="attendance_mark",
    ),
    path("meetings/<int:pk>/propose/", views.item_propose, name="item_propose"),
    path("meetings/<int:pk>/publish/", views.meeting_publish, name="meeting_publish"),
    path("meetings/<int:pk>/start/", views.meeting_start, name="meeting_start"),
    path("meetings/<int:pk>/close/", views.meeting_close, name="meeting_close"),
    path("agenda/items/<int:pk>/accept/", views.item_accept, name="item_accept"),
    path("agenda/items/<int:pk>/decline/", views.item_decline, name="item_decline"),
    path("agenda/items/<int:pk>/move/", views.item_move, name="item_move"),
    path("agenda/items/<int:pk>/materials/new/", views.material_upload, name="material_upload"),
    path("agenda/materials/<int:pk>/", views.material_download, name="material_download"),
]
