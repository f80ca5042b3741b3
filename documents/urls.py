from django.urls import path

from .views import acknowledgements, editions, register

app_name = "documents"

urlpatterns = [
    path("", register.document_list, name="document_list"),
    path("public/", register.public_list, name="public_list"),
    path("<int:pk>/", register.document_detail, name="document_detail"),
    path("<int:pk>/editions/new/", editions.edition_create, name="edition_create"),
    path("editions/<int:pk>/change/", editions.edition_change, name="edition_change"),
    path("editions/<int:pk>/file/", editions.edition_file, name="edition_file"),
    path("editions/<int:pk>/cover.pdf", editions.edition_cover, name="edition_cover"),
    path(
        "editions/<int:pk>/acknowledgement/",
        acknowledgements.campaign_launch,
        name="ack_launch",
    ),
    path("acknowledgements/", acknowledgements.my_acknowledgements, name="ack_mine"),
    path("acknowledgements/<int:pk>/", acknowledgements.campaign_detail, name="ack_campaign"),
    path(
        "acknowledgements/<int:pk>/sheet.pdf",
        acknowledgements.campaign_pdf,
        name="ack_campaign_pdf",
    ),
    path(
        "acknowledgements/<int:pk>/sheet.xlsx",
        acknowledgements.campaign_xlsx,
        name="ack_campaign_xlsx",
    ),
    path("acknowledgements/<int:pk>/confirm/", acknowledgements.acknowledge, name="acknowledge"),
]
