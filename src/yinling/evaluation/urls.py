from django.urls import path

from yinling.evaluation.views import assessments, green, imports, profiles, runs

app_name = "evaluation"

urlpatterns = [
    path("assessments/", assessments.assessment_list, name="assessment_list"),
    path("assessments/new/", assessments.assessment_create, name="assessment_create"),
    path("assessments/<int:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/edit/", assessments.assessment_edit, name="assessment_edit"),
    path("assessments/<int:pk>/import/", imports.import_upload, name="import_upload"),
    path(
        "assessments/<int:pk>/import/template.xlsx",
        imports.import_template,
        name="import_template",
    ),
    path("imports/<int:pk>/", imports.import_mapping, name="import_mapping"),
    path("imports/<int:pk>/preview/", imports.import_preview, name="import_preview"),
    path("imports/<int:pk>/status/", imports.import_status, name="import_status"),
    path("imports/<int:pk>/progress/", imports.import_progress, name="import_progress"),
    path("imports/<int:pk>/cancel/", imports.import_cancel, name="import_cancel"),
    path(
        "imports/<int:pk>/confirm-duplicate/",
        imports.import_confirm_duplicate,
        name="import_confirm_duplicate",
    ),
    path("runs/", runs.run_list, name="run_list"),
    path("runs/new/", runs.run_create, name="run_create"),
    path("runs/<int:pk>/", runs.run_detail, name="run_detail"),
    path("runs/<int:pk>/progress/", runs.run_progress, name="run_progress"),
    path("runs/<int:pk>/export.xlsx", runs.run_export, name="run_export"),
    path("runs/<int:pk>/publish/", runs.run_publish, name="run_publish"),
    path("runs/<int:pk>/withdraw/", runs.run_withdraw, name="run_withdraw"),
    path("runs/<int:pk>/reproduce/", runs.run_reproduce, name="run_reproduce"),
    path("schools/", profiles.profile_list, name="profile_list"),
    path("schools/mine/", profiles.my_profile, name="my_profile"),
    path("schools/<int:pk>/", profiles.school_profile, name="school_profile"),
    path("green/", green.green_overview, name="green_overview"),
    path("green/install/", green.green_set_install, name="green_set_install"),
    path("green/sets/<int:pk>/", green.green_set_detail, name="green_set_detail"),
    path("green/sets/<int:pk>/entry/", green.green_entry, name="green_entry"),
    path("green/sets/<int:pk>/import/", green.green_import_view, name="green_import"),
    path(
        "green/sets/<int:pk>/import/template.xlsx",
        green.green_import_template,
        name="green_import_template",
    ),
    path("green/sets/<int:pk>/ses/", green.green_ses, name="green_ses"),
    path("green/indicators/<int:pk>/", green.green_indicator_edit, name="green_indicator_edit"),
]
