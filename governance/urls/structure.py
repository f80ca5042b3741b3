from django.urls import path

from governance.views import structure as views

urlpatterns = [
    path("schools/", views.school_list, name="school_list"),
    path("schools/<str:code>/", views.school_detail, name="school_detail"),
    path("profile/", views.profile, name="profile"),
]
