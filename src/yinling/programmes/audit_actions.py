"""What the programmes app's audit action codes are called on the audit page."""

from django.utils.translation import pgettext_lazy

from yinling.core.audit import register_audit_actions, register_audit_keys

register_audit_actions(
    {
        "access.denied": pgettext_lazy("audit action", "访问被拒绝"),
        "programme.create": pgettext_lazy("audit action", "新建项目"),
        "programme.update": pgettext_lazy("audit action", "修改项目设置"),
        "domain.create": pgettext_lazy("audit action", "新增领域"),
        "domain.update": pgettext_lazy("audit action", "修改领域"),
        "guide_item.create": pgettext_lazy("audit action", "新增指南项目"),
        "guide_item.update": pgettext_lazy("audit action", "修改指南项目"),
        # Plans write the same codes for their targets and label them so: one label each.
        "target.create": pgettext_lazy("audit action", "新增目标"),
        "target.update": pgettext_lazy("audit action", "修改目标"),
        "round.create": pgettext_lazy("audit action", "开设申报批次"),
        "round.update": pgettext_lazy("audit action", "修改申报批次"),
        "round.import": pgettext_lazy("audit action", "从 Excel 导入批次的分类、指派和结论"),
        "round.assign_auto": pgettext_lazy("audit action", "自动指派评审专家"),
        "round.release_results": pgettext_lazy("audit action", "发布批次的全部评审结论"),
        "application.start": pgettext_lazy("audit action", "开始填写申报表"),
        "application.save_draft": pgettext_lazy("audit action", "保存申报表草稿"),
        "application.autosave": pgettext_lazy("audit action", "自动保存申报表草稿"),
        "application.submit": pgettext_lazy("audit action", "提交申报表"),
        "application.return": pgettext_lazy("audit action", "退回申报表修改"),
        "application.withdraw": pgettext_lazy("audit action", "撤回申报"),
        "application.classify": pgettext_lazy("audit action", "调整申报的所属领域"),
        "application.start_review": pgettext_lazy("audit action", "申报进入评审"),
        "expert_profile.create": pgettext_lazy("audit action", "登记评审专家"),
        "expert_profile.update": pgettext_lazy("audit action", "修改专家信息"),
        "expert_tie.add": pgettext_lazy("audit action", "登记专家利害关系"),
        "expert_tie.remove": pgettext_lazy("audit action", "删除专家利害关系"),
        "rubric.create": pgettext_lazy("audit action", "新建评分细则"),
        "rubric.criterion_add": pgettext_lazy("audit action", "新增评分项"),
        "rubric.criterion_remove": pgettext_lazy("audit action", "删除评分项"),
        "assignment.create": pgettext_lazy("audit action", "指派评审专家"),
        "assignment.remove": pgettext_lazy("audit action", "取消评审指派"),
        "review.submit": pgettext_lazy("audit action", "提交评分"),
        "decision.record": pgettext_lazy("audit action", "记录评审结论"),
        "decision.release": pgettext_lazy("audit action", "发布评审结论"),
        "programme_school.admit": pgettext_lazy("audit action", "纳入项目校"),
        "programme_school.transition": pgettext_lazy("audit action", "变更项目校状态"),
        "community.create": pgettext_lazy("audit action", "新建实践研究共同体"),
        "community.update": pgettext_lazy("audit action", "修改实践研究共同体"),
        "event.create": pgettext_lazy("audit action", "登记共同体活动"),
        "event.update": pgettext_lazy("audit action", "修改共同体活动"),
        "event.attachment_add": pgettext_lazy("audit action", "上传活动材料"),
        "event.attachment_remove": pgettext_lazy("audit action", "删除活动材料"),
        "evidence.add": pgettext_lazy("audit action", "记入成长档案"),
        "evidence.remove": pgettext_lazy("audit action", "删除成长档案记录"),
        "pairing.create": pgettext_lazy("audit action", "建立结对/支援关系"),
        "pairing.end": pgettext_lazy("audit action", "结束结对/支援关系"),
    }
)

register_audit_keys(
    {
        "access.denied.attempted": pgettext_lazy("audit key", "试图进行的操作"),
        "application.save_draft.fields": pgettext_lazy("audit key", "修改的栏目"),
        "application.submit.version": pgettext_lazy("audit key", "版本"),
        "application.return.comment": pgettext_lazy("audit key", "退回意见"),
        "application.withdraw.reason": pgettext_lazy("audit key", "撤回理由"),
        "application.withdraw.assignments_removed": pgettext_lazy("audit key", "取消的评审指派数"),
        "programme_school.admit.application": (
            pgettext_lazy("audit key", "申报项目"),
            "programmes.application",
        ),
        "programme_school.transition.reason": pgettext_lazy("audit key", "理由"),
        "decision.record.reason": pgettext_lazy("audit key", "理由"),
        "decision.release.status": pgettext_lazy("audit key", "状态"),
        "event.attachment_add.name": pgettext_lazy("audit key", "文件名"),
        "event.attachment_add.size": pgettext_lazy("audit key", "文件大小（字节）"),
        "review.submit.total": pgettext_lazy("audit key", "总分"),
        "round.assign_auto.created": pgettext_lazy("audit key", "新增指派数"),
        "round.assign_auto.short": pgettext_lazy("audit key", "仍缺评审专家的项目（缺额）"),
        "round.import.assigned": pgettext_lazy("audit key", "新增指派数"),
        "round.import.decided": pgettext_lazy("audit key", "记录决定数"),
        "round.import.reclassified": pgettext_lazy("audit key", "调整领域数"),
        "round.import.withdrawn": pgettext_lazy("audit key", "撤回指派数"),
        "round.release_results.count": pgettext_lazy("audit key", "发布的结果数"),
        "rubric.create.scale": pgettext_lazy("audit key", "分值范围"),
        "rubric.criterion_add.criterion": pgettext_lazy("audit key", "评分指标"),
        "rubric.criterion_add.weight": pgettext_lazy("audit key", "权重"),
    }
)
