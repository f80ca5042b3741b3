from django.urls import path

from governance.views import minutes as views

urlpatterns = [
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/minutes.pdf", views.meeting_minutes_pdf, name="meeting_minutes_pdf"),
    path("meetings/<int:pk>/minutes/approve/", views.minutes_approve, name="minutes_approve"),
    path("items/<int:pk>/minutes/", views.item_minutes_edit, name="item_minutes_edit"),
    path("items/<int:pk>/extract.pdf", views.item_extract_pdf, name="item_extract_pdf"),
    path("decisions/<int:pk>/take-up/", views.decision_take_up, name="decision_take_up"),
    path(
        "decisions/<int:pk>/revision/",
        views.decision_revision_record,
        name="decision_revision_record",
    ),
]
