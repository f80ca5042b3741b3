from django.urls import path

from surveys.views import about, builder, campaigns, cmf, links, respondents, results

app_name = "surveys"

urlpatterns = [
    path("", respondents.my_surveys, name="mine"),
    path("<int:target_pk>/", respondents.answer, name="answer"),
    path("<int:target_pk>/thanks/", respondents.thanks, name="thanks"),
    path("t/<str:token>/", links.token_answer, name="token_answer"),
    path("t/<str:token>/thanks/", links.token_thanks, name="token_thanks"),
    path("anonymity/", about.anonymity, name="anonymity"),
    # Campaigns of the QA office and the School Committees (surveys.views.campaigns).
    path("campaigns/", campaigns.campaign_list, name="campaign_list"),
    path("campaigns/live/", campaigns.campaign_list_live, name="campaign_list_live"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/live/", campaigns.campaign_live, name="campaign_live"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/schedule/", campaigns.campaign_schedule, name="campaign_schedule"),
    path("campaigns/<int:pk>/open/", campaigns.campaign_open, name="campaign_open"),
    path("campaigns/<int:pk>/close/", campaigns.campaign_close, name="campaign_close"),
    path(
        "campaigns/<int:pk>/revoke-link/",
        campaigns.campaign_revoke_link,
        name="campaign_revoke_link",
    ),
    # The QA office's questionnaire builder (surveys.views.builder).
    path("builder/", builder.questionnaire_list, name="builder_list"),
    path("builder/new/", builder.questionnaire_create, name="builder_create"),
    path("builder/<int:pk>/", builder.questionnaire_edit, name="builder_questionnaire_edit"),
    path("builder/versions/<int:pk>/", builder.version_detail, name="builder_version"),
    path("builder/versions/<int:pk>/preview/", builder.version_preview, name="builder_preview"),
    path("builder/versions/<int:pk>/copy/", builder.version_copy, name="builder_new_version"),
    path(
        "builder/versions/<int:pk>/sections/new/", builder.section_add, name="builder_section_add"
    ),
    path("builder/sections/<int:pk>/", builder.section_edit, name="builder_section_edit"),
    path(
        "builder/sections/<int:pk>/delete/", builder.section_delete, name="builder_section_delete"
    ),
    path("builder/sections/<int:pk>/move/", builder.section_move, name="builder_section_move"),
    path(
        "builder/sections/<int:pk>/questions/new/<slug:kind>/",
        builder.question_add,
        name="builder_question_add",
    ),
    path("builder/questions/<int:pk>/", builder.question_edit, name="builder_question_edit"),
    path(
        "builder/questions/<int:pk>/delete/",
        builder.question_delete,
        name="builder_question_delete",
    ),
    path("builder/questions/<int:pk>/move/", builder.question_move, name="builder_question_move"),
    # Results, their review, exports and improvement actions (surveys.views.results).
    path("results/", results.results_index, name="results_index"),
    path("results/<int:pk>/publish/", results.publish, name="results_publish"),
    path("results/<int:pk>/review/", results.review_queue, name="results_review"),
    path(
        "results/<int:pk>/review/<uuid:answer>/",
        results.review_decide,
        name="results_review_decide",
    ),
    path("results/<int:pk>/changes/", results.changes, name="results_changes"),
    path("results/<int:pk>/<str:scope>/", results.report, name="results_report"),
    path("results/<int:pk>/<str:scope>/xlsx/", results.report_xlsx, name="results_xlsx"),
    path("results/<int:pk>/<str:scope>/pdf/", results.report_pdf, name="results_pdf"),
    path("results/<int:pk>/<str:scope>/action/", results.action_create, name="results_action"),
    # Course management forms: teachers' self-assessment, the committees' review (surveys.cmf).
    path("cmf/", cmf.course_form_list, name="cmf_list"),
    path("cmf/new/<int:course>/<int:term>/", cmf.course_form_new, name="cmf_new"),
    path("cmf/<int:pk>/", cmf.course_form_detail, name="cmf_detail"),
    path("cmf/<int:pk>/edit/", cmf.course_form_edit, name="cmf_edit"),
    path("cmf/<int:pk>/submit/", cmf.course_form_submit, name="cmf_submit"),
    path("cmf/<int:pk>/review/", cmf.course_form_review, name="cmf_review"),
]
