from django.urls import path

from governance.views import cases as views

urlpatterns = [
    path("applications/", views.my_applications, name="my_applications"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/attachment/",
        views.application_attachment,
        name="application_attachment",
    ),
    path(
        "applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"
    ),
    path("applications/<int:pk>/agenda/", views.application_agenda, name="application_agenda"),
    path("applications/<int:pk>/answer/", views.application_answer, name="application_answer"),
    path("applications/<int:pk>/experts/", views.application_expert, name="application_expert"),
    path(
        "applications/<int:pk>/conclude/",
        views.application_conclude,
        name="application_conclude",
    ),
    path("bodies/<int:pk>/applications/", views.body_applications, name="body_applications"),
    path("appeals/", views.appeal_reviews, name="appeal_reviews"),
    path("appeals/<int:pk>/", views.appeal_review, name="appeal_review"),
]
