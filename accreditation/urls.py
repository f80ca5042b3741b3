from django.urls import path

from .views import crosswalk, frameworks, indicators

app_name = "accreditation"

urlpatterns = [
    path("", frameworks.framework_list, name="framework_list"),
    path("agencies/", frameworks.agency_list, name="agency_list"),
    path("frameworks/import/", frameworks.framework_import, name="framework_import"),
    path("frameworks/<str:code>/", frameworks.framework_detail, name="framework_detail"),
    path("crosswalk/", crosswalk.crosswalk_matrix, name="crosswalk"),
    path("crosswalk/<int:pk>/", crosswalk.crosswalk_edit, name="crosswalk_edit"),
    path("indicators/", indicators.indicator_list, name="indicator_list"),
    path("indicators/import/", indicators.indicator_import, name="indicator_import"),
    path("indicators/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/values/", indicators.indicator_values, name="indicator_values"),
    path("indicators/<int:pk>/refresh/", indicators.indicator_refresh, name="indicator_refresh"),
]
