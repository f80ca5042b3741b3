from django.urls import path

from governance.views import bodies as views

urlpatterns = [
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/<int:pk>/", views.body_detail, name="body_detail"),
]
