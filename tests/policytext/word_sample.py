"""A sample of my own built as a real Word document: a notice whose plan numbers its
headings with a Word list and breaks its tasks down in a Word table (merged heading rows,
a department cell merged down two rows, units one per paragraph, "（牵头）" markers)."""

from __future__ import annotations

from tests.policytext.builders import DocxBuilder

SOURCE = "word_task_table.docx"

HEADER = ["序号", "项目名称", "目标任务", "责任单位", "完成时间"]
ROWS: list[list[str | None]] = [
    HEADER,
    ["（一）学前教育"],
    [
        "1",
        "增加公办托育托额",
        "新增公办幼儿园托班托额300个、社区托育点5个",
        "区教育局（牵头）\n区卫健委\n各街镇",
        "2024年12月",
    ],
    [
        "2",
        "建设“宝宝屋”",
        "建成社区“宝宝屋”12个，街镇覆盖率达到85%以上",
        "区卫健委（牵头）\n区教育局",
        "2024年10月",
    ],
    ["（二）义务教育"],
    [
        "3",
        "提升课后服务",
        "课后服务学校覆盖率保持100%\n开设暑期托管班不少于60个",
        "区教育局",
        "2024年8月",
    ],
    ["4", "新建中小学校", "新建中小学4所，新增学位4000个", "区教育局、区建管委", "2024年底"],
    ["5", "改造学校食堂", "完成20所学校食堂改造", None, "2024年底"],
]


def build_word_task_table() -> bytes:
    """The sample as .docx bytes."""
    return (
        DocxBuilder()
        .paragraph("上海市闵行区教育局文件")
        .paragraph("闵教〔2024〕15号")
        .paragraph("上海市闵行区教育局关于印发《2024年闵行区教育领域为民办实事项目实施方案》的通知")
        .paragraph("各街镇，区各相关单位，各中小学、幼儿园：")
        .paragraph("现将《2024年闵行区教育领域为民办实事项目实施方案》印发给你们，请认真组织实施。")
        .paragraph("上海市闵行区教育局\t")
        .paragraph("2024年1月30日")
        .paragraph("2024年闵行区教育领域为民办实事项目实施方案")
        .listed(0, "工作目标")
        .paragraph("2024年，全区新增学位4000个，托幼一体园占比达到75%。")
        .listed(0, "任务分解")
        .table(ROWS)
        .listed(0, "工作要求")
        .listed(1, "加强统筹协调。各责任单位要明确专人负责，每月报送一次项目推进情况。")
        .listed(1, "严格质量管理。项目完成后，区教育局会同区财政局组织验收，验收合格率达到100%。")
        .to_bytes()
    )
