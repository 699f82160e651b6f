from django.urls import path

from yinling.programmes.views import applications, communities, exports, reviews, setup

app_name = "programmes"

urlpatterns = [
    # The office sets up programmes.
    path("", setup.programme_list, name="programme_list"),
    path("new/", setup.programme_create, name="programme_create"),
    path("<int:pk>/", setup.programme_detail, name="programme_detail"),
    path("<int:pk>/edit/", setup.programme_edit, name="programme_edit"),
    path("<int:pk>/domains/add/", setup.domain_add, name="domain_add"),
    path("domains/<int:pk>/", setup.domain_edit, name="domain_edit"),
    path("domains/<int:pk>/guide/add/", setup.guide_item_add, name="guide_item_add"),
    path("guide/<int:pk>/", setup.guide_item_edit, name="guide_item_edit"),
    path("<int:pk>/targets/add/", setup.target_add, name="target_add"),
    path("targets/<int:pk>/", setup.target_edit, name="target_edit"),
    path("<int:pk>/rounds/new/", setup.round_create, name="round_create"),
    path("rounds/<int:pk>/", applications.round_detail, name="round_detail"),
    path("rounds/<int:pk>/edit/", setup.round_edit, name="round_edit"),
    # Schools fill their application forms.
    path("school/", applications.school_home, name="school_home"),
    path(
        "rounds/<int:pk>/apply/<int:school>/",
        applications.application_start,
        name="application_start",
    ),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", applications.application_edit, name="application_edit"),
    path(
        "applications/<int:pk>/autosave/",
        applications.application_autosave,
        name="application_autosave",
    ),
    path(
        "applications/<int:pk>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "applications/<int:pk>/compare/",
        applications.application_compare,
        name="application_compare",
    ),
    path(
        "applications/<int:pk>/return/",
        applications.application_return,
        name="application_return",
    ),
    # Experts and review.
    path("experts/", reviews.expert_list, name="expert_list"),
    path("experts/<int:pk>/", reviews.expert_edit, name="expert_edit"),
    path("experts/<int:pk>/ties/add/", reviews.expert_tie_add, name="expert_tie_add"),
    path("ties/<int:pk>/delete/", reviews.expert_tie_remove, name="expert_tie_remove"),
    path("pairings/", reviews.pairing_list, name="pairing_list"),
    path("pairings/<int:pk>/end/", reviews.pairing_end, name="pairing_end"),
    path("<int:pk>/rubrics/", reviews.rubric_list, name="rubric_list"),
    path("rubrics/<int:pk>/criteria/add/", reviews.criterion_add, name="criterion_add"),
    path("criteria/<int:pk>/delete/", reviews.criterion_remove, name="criterion_remove"),
    path("rounds/<int:pk>/assign/", reviews.round_assign, name="round_assign"),
    path("rounds/<int:pk>/assign/auto/", reviews.assignment_auto, name="assignment_auto"),
    path("applications/<int:pk>/assign/", reviews.assignment_add, name="assignment_add"),
    path("assignments/<int:pk>/delete/", reviews.assignment_remove, name="assignment_remove"),
    path("reviews/", reviews.review_home, name="review_home"),
    path("assignments/<int:pk>/", reviews.assignment_score, name="assignment_score"),
    path("rounds/<int:pk>/results/", reviews.round_results, name="round_results"),
    path("rounds/<int:pk>/release/", reviews.round_release, name="round_release"),
    path("applications/<int:pk>/decide/", reviews.decision_record, name="decision_record"),
    path("decisions/<int:pk>/release/", reviews.decision_release, name="decision_release"),
    # Project schools, communities, events, the exhibition rule, the dashboard.
    path("<int:pk>/schools/", communities.programme_school_list, name="programme_school_list"),
    path(
        "schools/<int:pk>/status/",
        communities.programme_school_transition,
        name="programme_school_transition",
    ),
    path("schools/<int:pk>/record/", communities.growth_record, name="growth_record"),
    path("evidence/<int:pk>/", communities.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", communities.evidence_remove, name="evidence_remove"),
    path("<int:pk>/communities/", communities.community_list, name="community_list"),
    path("<int:pk>/communities/new/", communities.community_create, name="community_create"),
    path("<int:pk>/communities/suggest/", communities.community_suggest, name="community_suggest"),
    path("communities/<int:pk>/", communities.community_detail, name="community_detail"),
    path("communities/<int:pk>/edit/", communities.community_edit, name="community_edit"),
    path("communities/<int:pk>/events/new/", communities.event_create, name="event_create"),
    path("events/<int:pk>/", communities.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", communities.event_edit, name="event_edit"),
    path("events/<int:pk>/files/", communities.attachment_upload, name="attachment_upload"),
    path("files/<int:pk>/", communities.attachment_download, name="attachment_download"),
    path("files/<int:pk>/delete/", communities.attachment_remove, name="attachment_remove"),
    path("<int:pk>/exhibitions/", communities.exhibition_check, name="exhibition_check"),
    path("<int:pk>/dashboard/", communities.dashboard, name="dashboard"),
    # Documents.
    path("applications/<int:pk>/form.docx", exports.application_docx, name="application_docx"),
    path("rounds/<int:pk>/forms.zip", exports.round_export_zip, name="round_export_zip"),
    path("rounds/<int:pk>/workbook.xlsx", exports.round_export_xlsx, name="round_export_xlsx"),
    path("rounds/<int:pk>/import/", exports.round_import, name="round_import"),
]
