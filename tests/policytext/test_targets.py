"""Quantitative targets: what counts, comparators, units, years and kinds."""

from __future__ import annotations

import pytest

from yinling.policytext.deadlines import DeadlineResolver
from yinling.policytext.model import Target
from yinling.policytext.targets import extract_targets


def targets(text: str, *, year: int | None = 2023, fallback: int | None = None) -> list[Target]:
    return extract_targets(text, DeadlineResolver(text, year, fallback))


def only(text: str, **kwargs: int | None) -> Target:
    found = targets(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("覆盖率达到95%以上", ">="),
        ("配备不少于3名指导专家", ">="),
        ("比例不低于85%", ">="),
        ("每学年至少进行一次展示", ">="),
        ("超过90%的学校", ">="),
        ("新建300余所学校", ">="),
        ("班额不超过45人", "<="),
        ("45人以下的班级", "<="),
        ("经费控制在200万元以内", "<="),
        ("涌现10所左右的项目校", "~"),
        ("覆盖约25%的学校", "~"),
        ("新增学位近6000个", "~"),
        ("完成65门课程", "="),
    ],
)
def test_it_reads_the_comparator(text: str, comparator: str) -> None:
    assert only(text).comparator == comparator


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("安排专项经费3000万元", 3000, "万元"),
        ("投入1.5亿元", 1.5, "亿元"),
        ("满意度达到百分之九十", 90, "%"),
        ("提高5个百分点", 5, "个百分点"),
        ("新增公办幼儿园十所", 10, "所"),
        ("配备两名专职教师", 2, "名"),
        ("评选二十五个优秀案例", 25, "个"),
        ("培训1.2万名教师", 12000, "名"),
        ("开设4期培训班", 4, "期"),
    ],
)
def test_it_reads_values_and_units_written_in_digits_or_chinese(
    text: str, value: float, unit: str
) -> None:
    target = only(text)
    assert (target.value, target.unit) == (value, unit)


def test_a_range_gives_its_lower_bound_and_its_upper_bound() -> None:
    target = only("新开工建设2-3所示范性学校")
    assert (target.value, target.value_max, target.comparator) == (2, 3, ">=")


@pytest.mark.parametrize(
    "text",
    [
        "2023年12月28日印发",
        "闵委发〔2023〕6号",
        "通过3-5年主动发展",
        "启动第五批资源教室建设",
        "培育一批示范学校，打造一支高素质队伍",
        "加强“宝山100”五大品牌建设",
        "发挥“8+93+1306”骨干团队效能",
        "45岁以下校级干部",
        "打造社区教育“百名名师”“千门名课”",
        "落实《关于加强100所学校建设的意见》",
        "确保每一所实验校都有名师",
        "统一所有学校的标准",
        "推进5G等新技术应用",
    ],
)
def test_it_takes_no_targets_from_years_ordinals_names_durations_or_codes(text: str) -> None:
    assert targets(text) == []


def test_a_quoted_project_that_states_a_target_counts() -> None:
    found = targets(
        "落实“新增100个公办幼儿园托班托额和200个社区托育托额”“新增5个普惠性托育点”政府实项目"
    )
    assert [(t.value, t.indicator) for t in found] == [
        (100, "公办幼儿园托班托额"),
        (200, "社区托育托额"),
        (5, "普惠性托育点"),
    ]


def test_a_count_that_sums_up_a_list_is_not_a_target() -> None:
    assert (
        targets(
            "优化教师生涯“新手期、胜任期、成熟期、专家型”四个阶段，面向个体、学校、区域三个层级"
        )
        == []
    )


def test_a_count_that_announces_a_list_is_not_a_target() -> None:
    assert targets("构建两个体系：高品质育人体系、高效能保障体系") == []


def test_it_takes_the_year_from_a_deadline_before_the_number() -> None:
    assert [t.year for t in targets("到2025年，打造1000节德育课程，培养100名教师。")] == [
        2025,
        2025,
    ]


def test_it_takes_the_year_from_a_deadline_after_the_number_in_the_same_sentence() -> None:
    assert only("按15%的比例配置托额，3年内全面完成。").year == 2026


def test_it_counts_three_years_from_the_document_year() -> None:
    assert only("三年内培养50名特级教师。", year=2023).year == 2026


def test_the_second_half_of_a_year_is_that_year() -> None:
    assert only("2023年下半年完成16所园所创建。").year == 2023


def test_a_deadline_opening_a_paragraph_governs_the_whole_paragraph() -> None:
    found = targets(
        "到2026年，涌现10所左右项目校。本区项目学校逐步扩容到60所左右。\n另建设5所学校。"
    )
    assert [t.year for t in found] == [2026, 2026, None]


def test_without_a_deadline_it_falls_back_to_the_plan_period() -> None:
    assert only("市级层面将100所项目学校结成共同体。", fallback=2017).year == 2017


def test_a_bare_year_is_not_a_deadline() -> None:
    assert only("完成8个配套方案的制定，为2024年全市推进改革做好准备。").year is None


def test_rates_and_levels_reached_are_levels_and_new_things_are_additions() -> None:
    found = targets(
        "新增500名高级教师，覆盖率达到95%，学校逐步扩容到60所左右，为每所学校配备3名专家。"
    )
    assert [t.kind for t in found] == ["addition", "level", "level", "level"]


def test_it_names_the_indicator_before_a_rate_and_after_a_count() -> None:
    found = targets("实现普惠性幼儿园覆盖率达到95%以上，新增500名高级教师。")
    assert [t.indicator for t in found] == ["普惠性幼儿园覆盖率", "高级教师"]


def test_it_keeps_the_clause_as_the_targets_source_text() -> None:
    assert (
        only("推进改革，开设托班的园所占比不低于85%，提高质量。").text
        == "开设托班的园所占比不低于85%"
    )


def test_a_percentage_range_is_one_target() -> None:
    target = only("优良率保持在80%-90%")
    assert (target.value, target.value_max, target.unit) == (80, 90, "%")


@pytest.mark.parametrize("text", ["建成数十所特色学校", "培训几百名教师", "惠及上千人"])
def test_vague_numbers_are_not_targets(text: str) -> None:
    assert targets(text) == []


def test_a_completion_deadline_stated_for_the_item_dates_its_targets() -> None:
    assert only("建设学校5所。\n完成时限：2024年12月").year == 2024


def test_the_source_text_is_located_in_the_item_text() -> None:
    text = "推进改革，开设托班的园所占比不低于85%，提高质量。"
    target = only(text)
    assert text[target.start : target.end] == target.text


@pytest.mark.parametrize("text", ["3个月内完成整改", "5个工作日内答复", "全面落实各项工作要求"])
def test_months_working_days_and_plain_words_are_not_targets(text: str) -> None:
    assert targets(text) == []


def test_lines_and_rooms_count() -> None:
    assert [(t.value, t.unit) for t in targets("开通3条线路，改造20间教室")] == [
        (3, "条"),
        (20, "间"),
    ]


def test_a_period_in_the_sentence_dates_it_by_its_last_year() -> None:
    assert [t.year for t in targets("2023—2025年新建幼儿园15所，新增学位4500个。")] == [2025, 2025]


def test_a_cited_plans_period_sets_no_deadline() -> None:
    assert only("落实《行动计划（2023—2025年）》，新建幼儿园15所。").year is None


def test_a_year_opening_a_sentence_dates_it() -> None:
    assert only("2024年，全区新增学位4000个。").year == 2024


def test_a_year_with_a_month_opening_a_sentence_is_a_date() -> None:
    assert only("2024年3月，区教育局召开会议，部署新建学校5所。").year is None


@pytest.mark.parametrize(
    ("text", "value", "unit", "comparator", "change"),
    [
        ("学生书面作业总量较2023年减少30%", 30, "%", "=", "decrease"),
        ("总体近视率每年降低1个百分点以上", 1, "个百分点", ">=", "decrease"),
        ("事故发生率下降20%", 20, "%", "=", "decrease"),
        ("生均体育经费较2023年增长50%", 50, "%", "=", "increase"),
        ("满意度提高5个百分点", 5, "个百分点", "=", "increase"),
        ("超重肥胖率控制在15%以内", 15, "%", "<=", None),
        ("体育教师缺额减少至50名以下", 50, "名", "<=", None),
        ("优良率提高到65%以上", 65, "%", ">=", None),
        ("新增学位4500个", 4500, "个", "=", None),
    ],
)
def test_a_change_by_an_amount_says_which_way_and_a_level_does_not(
    text: str, value: float, unit: str, comparator: str, change: str | None
) -> None:
    target = only(text)
    assert (target.value, target.unit, target.comparator, target.change) == (
        value,
        unit,
        comparator,
        change,
    )


def test_doubling_is_twice_the_start() -> None:
    target = only("学校体育场地设施开放率翻一番。")
    assert (target.value, target.unit, target.kind, target.indicator) == (
        2,
        "倍",
        "level",
        "学校体育场地设施开放率",
    )


def test_a_cap_is_a_level_not_an_addition() -> None:
    assert [t.kind for t in targets("书面作业平均完成时间不超过60分钟，初中不超过90分钟")] == [
        "level",
        "level",
    ]


def test_a_count_that_says_which_schools_is_no_target() -> None:
    found = targets("每所中小学至少配备1名专职心理教师，学生规模超过1000人的学校配备2名以上。")
    assert [(t.value, t.unit, t.kind, t.indicator) for t in found] == [
        (1, "名", "level", "专职心理教师"),
        (2, "名", "level", "专职心理教师"),
    ]


def test_a_later_entry_of_a_list_counts_the_noun_before_it() -> None:
    found = targets("遴选优质校外机构100家、社会场馆200个纳入资源库")
    assert [t.indicator for t in found] == ["遴选优质校外机构", "社会场馆"]


def test_a_rate_after_time_words_names_what_follows() -> None:
    assert only("每年对不少于30%的幼儿园开展质量评估").indicator == "幼儿园开展质量评估"


def test_a_clause_of_only_a_frequency_takes_its_indicator_from_the_clause_before() -> None:
    assert "研讨活动" in only("开展系列研讨活动，每学期不少于4次。").indicator


def test_a_count_followed_by_yishang_counts_and_suoyi_does_not() -> None:
    found = targets("培育区级特色学校20所以上，所以要加强统筹。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [(20, "所", ">=")]


def test_thousands_separated_by_commas_are_one_number() -> None:
    assert only("新增学位12,000个").value == 12000


def test_a_fraction_is_a_share_in_percent() -> None:
    target = only("骨干教师交流比例不低于三分之一")
    assert (target.value, target.unit, target.comparator) == (33.33, "%", ">=")


def test_a_school_year_period_dates_its_sentence() -> None:
    assert only("2024—2025学年完成10所学校改造。").year == 2025


def test_an_amount_after_the_verb_and_its_object_is_a_change_too() -> None:
    assert only("减少校外培训机构30家").change == "decrease"
    assert only("提高学生体质健康优良率5个百分点").change == "increase"
    assert only("提升学生体质健康优良率至60%").change is None


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("义务教育巩固率保持在100%", "义务教育巩固率"),
        ("公用经费标准提高到每生每年1800元", "公用经费标准"),
        ("学生近视率较上年下降0.5个百分点", "学生近视率"),
        ("完成率达100%", "完成率"),
        ("力争在2025年前建成学校20所", "建成学校"),
    ],
)
def test_indicators_lose_verbs_baselines_and_frequencies(text: str, indicator: str) -> None:
    assert only(text).indicator == indicator


def test_a_bracket_after_a_count_says_more_about_it() -> None:
    found = targets("建设智慧校园示范校30所（其中高中5所）")
    assert [t.indicator for t in found] == ["建设智慧校园示范校", "高中"]


def test_a_year_opening_a_clause_before_its_action_dates_it() -> None:
    found = targets("到2026年累计新增托位1000个，其中2024年新开设托班15个。", fallback=2026)
    assert [t.year for t in found] == [2026, 2024]


def test_a_baseline_year_is_no_deadline() -> None:
    assert only("近视率在2023年基础上降低1个百分点。", fallback=2026).year == 2026


# --- baselines ---------------------------------------------------------------------------------


def test_a_rise_from_one_level_to_another_is_one_target_with_its_baseline() -> None:
    target = only("优质学校覆盖率由2023年的60%提高到2026年的80%。")
    assert (target.indicator, target.value, target.unit) == ("优质学校覆盖率", 80.0, "%")
    assert (target.baseline, target.baseline_year, target.year) == (60.0, 2023, 2026)


def test_a_fall_from_one_level_to_another_keeps_its_baseline() -> None:
    target = only("近视率从52%降至45%以下。")
    assert (target.indicator, target.value, target.comparator) == ("近视率", 45.0, "<=")
    assert (target.baseline, target.baseline_year) == (52.0, None)


def test_a_count_growing_from_one_number_to_another_is_a_level_with_its_baseline() -> None:
    target = only("区级骨干教师由300名增加到450名。")
    assert (target.indicator, target.value, target.kind) == ("区级骨干教师", 450.0, "level")
    assert target.baseline == 300.0


def test_amounts_of_different_units_are_no_baseline_and_target() -> None:
    assert [t.value for t in targets("从2所学校扩大到30%的学校。")] == [2.0, 30.0]


def test_a_target_without_from_states_no_baseline() -> None:
    assert only("覆盖率达到95%以上").baseline is None


def test_a_period_before_a_count_is_no_part_of_its_indicator() -> None:
    assert only("三年内培养骨干教师不少于200名。").indicator == "培养骨干教师"


def test_a_noun_linked_to_the_next_amount_by_and_and_a_comparator_is_its_indicator() -> None:
    found = targets("为每所实验校配备2名名师和不少于3名指导专家。")
    assert [(t.indicator, t.value, t.comparator) for t in found] == [
        ("名师", 2.0, "="),
        ("指导专家", 3.0, ">="),
    ]


def test_an_inline_circled_number_is_no_part_of_an_indicator() -> None:
    found = targets("①每学期开展2次校本研修；②遴选优秀课例100节。")
    assert found[-1].indicator == "遴选优秀课例"
