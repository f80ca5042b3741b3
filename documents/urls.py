from django.urls import path

from .views import acknowledgements, editions, inspections, mechanisms, register

app_name = "documents"

urlpatterns = [
    path("", register.document_list, name="document_list"),
    path("public/", register.public_list, name="public_list"),
    path("<int:pk>/", register.document_detail, name="document_detail"),
    path("<int:pk>/editions/new/", editions.edition_create, name="edition_create"),
    path("editions/<int:pk>/edit/", editions.edition_edit, name="edition_edit"),
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
    # QA mechanisms and their PDCA cycles (seed 000 §4).
    path("mechanisms/", mechanisms.mechanism_list, name="mechanism_list"),
    path("mechanisms/<int:pk>/", mechanisms.mechanism_detail, name="mechanism_detail"),
    path("mechanisms/<int:pk>/cycles/new/", mechanisms.cycle_create, name="cycle_create"),
    path("mechanisms/cycles/<int:pk>/", mechanisms.cycle_detail, name="cycle_detail"),
    path(
        "mechanisms/cycles/<int:pk>/stages/<str:stage>/",
        mechanisms.stage_update,
        name="stage_update",
    ),
    path(
        "mechanisms/cycles/<int:pk>/stages/<str:stage>/complete/",
        mechanisms.stage_complete,
        name="stage_complete",
    ),
    path("mechanisms/cycles/<int:pk>/evidence/", mechanisms.evidence_add, name="evidence_add"),
    path("mechanisms/evidence/<int:pk>/file/", mechanisms.evidence_file, name="evidence_file"),
    path("mechanisms/cycles/<int:pk>/units/", mechanisms.check_unit_add, name="check_unit_add"),
    path(
        "mechanisms/check-units/<int:pk>/remove/",
        mechanisms.check_unit_remove,
        name="check_unit_remove",
    ),
    path("mechanisms/cycles/<int:pk>/decision/", mechanisms.act_decision, name="act_decision"),
    path(
        "mechanisms/cycles/<int:pk>/actions/new/",
        mechanisms.cycle_action_create,
        name="cycle_action",
    ),
    # Inspections (seed 004 §5.7).
    path("inspections/", inspections.inspection_list, name="inspection_list"),
    path("inspections/new/", inspections.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/change/", inspections.inspection_change, name="inspection_change"),
    path("inspections/<int:pk>/items/", inspections.checklist_item_add, name="checklist_add"),
    path(
        "inspections/checklist/<int:pk>/",
        inspections.checklist_item_update,
        name="checklist_item_update",
    ),
    path("inspections/<int:pk>/findings/", inspections.finding_add, name="finding_add"),
    path(
        "inspections/findings/<int:pk>/action/",
        inspections.finding_action_create,
        name="finding_action",
    ),
]
