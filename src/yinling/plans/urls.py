from django.urls import path

from yinling.plans.views import drafts, plans, reports, scorecards, supervision

app_name = "plans"

urlpatterns = [
    path("", plans.plan_list, name="plan_list"),
    path("new/", plans.plan_create, name="plan_create"),
    path("upload/", plans.plan_upload, name="plan_upload"),
    path("import/", plans.plan_import, name="plan_import"),
    path("import/template.xlsx", plans.plan_import_template, name="plan_import_template"),
    path("<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/discard/", plans.plan_discard, name="plan_discard"),
    path("<int:pk>/breakdown.xlsx", plans.plan_export_xlsx, name="plan_export_xlsx"),
    path("<int:pk>/report.docx", plans.plan_export_docx, name="plan_export_docx"),
    path("<int:pk>/values.csv", plans.plan_export_csv, name="plan_export_csv"),
    # the draft editor
    path("<int:pk>/edit/", drafts.plan_edit, name="plan_edit"),
    path("<int:pk>/items/new/", drafts.item_add, name="item_add"),
    path("<int:pk>/publish/", drafts.plan_publish, name="plan_publish"),
    path("items/<int:pk>/edit/", drafts.item_edit, name="item_edit"),
    path("items/<int:pk>/structure/", drafts.item_structure, name="item_structure"),
    path("items/<int:pk>/split/", drafts.item_split, name="item_split"),
    path("items/<int:pk>/departments/", drafts.item_departments, name="item_departments"),
    path(
        "items/<int:pk>/departments/resolve/",
        drafts.item_department_resolve,
        name="item_department_resolve",
    ),
    path("items/<int:pk>/targets/new/", drafts.target_add, name="target_add"),
    path("targets/<int:pk>/edit/", drafts.target_edit, name="target_edit"),
    path("targets/<int:pk>/delete/", drafts.target_delete, name="target_delete"),
    # tasks and progress
    path("tasks/<int:pk>/", reports.task_detail, name="task_detail"),
    path("targets/<int:pk>/report/", reports.report_submit, name="report_submit"),
    path("reports/", reports.report_list, name="report_list"),
    path("reports/<int:pk>/review/", reports.report_review, name="report_review"),
    path("evidence/<int:pk>/", reports.evidence_download, name="evidence_download"),
    # supervision and scorecards
    path("tasks/<int:pk>/notices/new/", supervision.notice_issue, name="notice_issue"),
    path("notices/", supervision.notice_list, name="notice_list"),
    path("notices/<int:pk>/", supervision.notice_detail, name="notice_detail"),
    path("notices/<int:pk>/close/", supervision.notice_close, name="notice_close"),
    path("scorecards/", scorecards.scorecard_list, name="scorecard_list"),
    path("scorecards/<int:pk>/", scorecards.scorecard_detail, name="scorecard_detail"),
]
