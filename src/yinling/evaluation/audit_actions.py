"""What the evaluation app's audit action codes are called on the audit page."""

from django.utils.translation import pgettext_lazy

from yinling.core.audit import register_audit_actions, register_audit_keys

register_audit_actions(
    {
        "assessment.create": pgettext_lazy("audit action", "新建测试"),
        "assessment.update": pgettext_lazy("audit action", "修改测试信息"),
        "import_job.upload": pgettext_lazy("audit action", "上传成绩文件"),
        "import_job.map": pgettext_lazy("audit action", "设置成绩文件的列对应"),
        "import_job.start": pgettext_lazy("audit action", "开始导入成绩"),
        "import_job.cancel": pgettext_lazy("audit action", "取消导入成绩"),
        "import_job.fail": pgettext_lazy("audit action", "导入成绩失败"),
        "import_job.hold_duplicate": pgettext_lazy(
            "audit action", "成绩文件与现有数据相同，待确认"
        ),
        "import_job.confirm_duplicate": pgettext_lazy("audit action", "确认重复导入成绩"),
        "data_version.publish": pgettext_lazy("audit action", "启用新的成绩数据版本"),
        "value_added_run.create": pgettext_lazy("audit action", "开始增值评估"),
        "value_added_run.finish": pgettext_lazy("audit action", "完成增值评估计算"),
        "value_added_run.fail": pgettext_lazy("audit action", "增值评估未能完成"),
        "value_added_run.publish": pgettext_lazy("audit action", "发布增值评估"),
        "value_added_run.withdraw": pgettext_lazy("audit action", "撤回增值评估"),
        "green_set.install": pgettext_lazy("audit action", "安装绿色指标体系"),
        "green_indicator.configure": pgettext_lazy("audit action", "设置绿色指标"),
        "green_record.save": pgettext_lazy("audit action", "保存绿色指标结果"),
    }
)

register_audit_keys(
    {
        "file_name": pgettext_lazy("audit key", "文件名"),
        "data_version.publish.rows": pgettext_lazy("audit key", "行数"),
        "data_version.publish.schools": pgettext_lazy("audit key", "学校数"),
        "data_version.publish.students": pgettext_lazy("audit key", "学生数"),
        "import_job.fail.first_errors": pgettext_lazy("audit key", "前几条错误"),
        "duplicate_of": (
            pgettext_lazy("audit key", "相同的数据版本"),
            "evaluation.dataversion",
        ),
        "value_added_run.create.reproduces": (
            pgettext_lazy("audit key", "复现的评估"),
            "evaluation.valueaddedrun",
        ),
        "value_added_run.finish.schools": pgettext_lazy("audit key", "学校数"),
        "green_set.install.version": pgettext_lazy("audit key", "版本"),
        "green_set.install.indicators": pgettext_lazy("audit key", "指标数"),
        "green_record.save.year": pgettext_lazy("audit key", "测试年份"),
    }
)
