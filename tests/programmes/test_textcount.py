from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yinling.programmes.textcount import Verdict, check_length, count_chars, hard_limit

EXAMPLES = [
    ("", 0),
    ("研究目标", 4),
    ("研究目标：提升质量。", 10),  # full-width punctuation counts one each
    ("开展 STEM 课程", 5),  # a Latin word is one
    ("到2026年", 3),  # a number is one
    ("完成率3.5%", 5),  # "3.5" is one word, "%" one symbol
    ("K-12 阶段", 3),
    ("第一段\n\n　第二段 ", 6),  # line breaks, spaces and the full-width space are not counted
    ("AI赋能,课堂!", 7),  # ASCII punctuation counts one each
    ("ＡＢＣ", 3),  # full-width letters are counted like Chinese characters
]


@pytest.mark.parametrize(("text", "count"), EXAMPLES)
def test_it_counts_characters_as_a_chinese_reader_does(text: str, count: int) -> None:
    assert count_chars(text) == count


def test_the_hard_limit_is_the_limit_plus_the_tolerance_rounded_down() -> None:
    assert hard_limit(300) == 360
    assert hard_limit(200, 15) == 230
    assert hard_limit(7, 20) == 8


def test_above_the_limit_it_warns_and_above_the_tolerance_it_refuses() -> None:
    assert check_length("字" * 300, 300).verdict == Verdict.OK
    assert check_length("字" * 301, 300).verdict == Verdict.OVER
    assert check_length("字" * 360, 300).verdict == Verdict.OVER
    assert check_length("字" * 361, 300).verdict == Verdict.REFUSED


@given(st.text(max_size=200))
def test_whitespace_never_changes_the_count(text: str) -> None:
    assert count_chars(text + " \n\t　") == count_chars(text)
    assert count_chars(text) <= len(text)


def test_the_live_counter_in_the_browser_counts_the_same_way() -> None:
    """charcount.js runs under node with the same examples as the Python rule."""
    import json
    import shutil
    import subprocess
    from pathlib import Path

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = (
        Path(__file__).resolve().parents[2]
        / "src/yinling/programmes/static/programmes/charcount.js"
    )
    alphabet = "研究目标，。、；：“”（）ab Zx09.-'_%\n\t　ＡＢ１!?"
    rng = random.Random(2024)
    texts = [text for text, _count in EXAMPLES]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(300)]
    program = (
        "global.window = {}; global.document = {addEventListener() {}};"
        f"require({json.dumps(str(script))});"
        f"console.log(JSON.stringify({json.dumps(texts, ensure_ascii=False)}.map(window.yinlingCountChars)));"
    )
    run = subprocess.run(
        [node, "-e", program], capture_output=True, text=True, check=True, timeout=30
    )
    assert json.loads(run.stdout) == [count_chars(text) for text in texts]
