"""Properties that hold for any input: no crash, consistent paths, outlines recovered."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from yinling.policytext import PolicyParseError, parse_text
from yinling.policytext.numerals import int_to_chinese

POLICY_ALPHABET = st.sampled_from(
    list(
        "一二三四五六七八九十（）()、.．。，；：1234567890%所名个年月日到以上不少于约附件责任部门牵头单位配合区教育局\n\t “”《》- "
    )
)


@settings(max_examples=150, deadline=None)
@given(st.text(POLICY_ALPHABET, max_size=300))
def test_any_text_is_parsed_or_refused_with_a_policy_parse_error(text: str) -> None:
    try:
        document = parse_text(text)
    except PolicyParseError:
        return
    for part in document.parts:
        paths = [item.path for item in part.items]
        assert len(paths) == len(set(paths))
        assert all(item.level == item.path.count("/") + 1 for item in part.items)


OUTLINES = st.lists(
    st.lists(st.integers(min_value=0, max_value=3), max_size=4), min_size=1, max_size=6
)


@settings(max_examples=60, deadline=None)
@given(OUTLINES)
def test_a_generated_three_level_outline_is_recovered(outline: list[list[int]]) -> None:
    lines, expected = [], []
    for top, sections in enumerate(outline, start=1):
        lines.append(f"{int_to_chinese(top)}、标题{top}")
        expected.append(int_to_chinese(top))
        for section, tasks in enumerate(sections, start=1):
            label = f"（{int_to_chinese(section)}）"
            lines.append(f"{label}措施{section}")
            expected.append(f"{int_to_chinese(top)}/{label}")
            for task in range(1, tasks + 1):
                lines.append(f"{task}.任务。内容。")
                expected.append(f"{int_to_chinese(top)}/{label}/{task}")
    assert [item.path for item in parse_text("\n".join(lines)).items] == expected
