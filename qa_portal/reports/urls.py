from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("new/<slug:kind>/", views.report_new, name="new"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/progress/", views.report_progress, name="progress"),
    path("<int:pk>/download/", views.report_download, name="download"),
    path("<int:pk>/retry/", views.report_retry, name="retry"),
    path("schedules/", views.schedule_list, name="schedule_list"),
    path("schedules/new/<slug:kind>/", views.schedule_new, name="schedule_new"),
    path("schedules/<int:pk>/deactivate/", views.schedule_deactivate, name="schedule_deactivate"),
]
