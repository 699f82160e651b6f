"""Indicators: the phrase that says what a target counts or measures.

For a count it is the noun after the unit, else the words before the number ("配备不少于3名
指导专家", "培养骨干教师150名"); for a rate it is the phrase before the number ("覆盖率达到95%"),
with a short noun after it added on. Deadlines, verbs of effort (力争, 确保 …),
comparators, "per" words (每生每年) and baselines (较上年) are left out.
"""

from __future__ import annotations

import re

from yinling.policytext.target_amounts import PERCENT_UNITS
from yinling.policytext.target_comparators import suffix_end

_LEADING_NOISE = re.compile(
    r"^(?:(?:到|至|截至|在)?\s*(?:19|20)\d{2}年(?:底|末)?前?|[一二三四五六七八九十两\d]{1,2}年(?:内|里|间)|"
    r"年内|今年|本年度|明年|力争|争取|确保|实现|完成(?!率)|使|努力|"
    r"基本|全面|逐步|进一步|要|将|并|推动|促进|严控|严格控制|控制)+"
)
_TRAILING_NOISE = re.compile(
    r"(?:不少于|不低于|至少|超过|多于|高于|大于|不超过|不高于|低于|少于|控制在|约|近|达到|达|为|"
    r"至|到|提高|提升|增加|增长|扩大|扩容|保持在?|维持在?|稳定在|逐步|进一步|力争|都有|均有|"
    r"下降|降低|减少|压减|缩减)+$"
)
# "提高到每生每年1800元", "较上年下降0.5个百分点": per what, and compared with what.
_TRAILING_PER = re.compile(r"每(?:[生人校班所]每?)?(?:年度?|学年|学期|季度|月|周|天|日)?$")
_TRAILING_BASELINE = re.compile(
    r"(?:较|比|相比|同比|在)(?:上年|上一年|去年|(?:19|20)\d{2}年)(?:基础上)?(?:每年|年均)?$"
)
_TRAILING_CONJUNCTION = re.compile(r"(?:和|及|与|以及|、)+$")
_SHORT_NOUN = 6  # characters; a longer phrase after a rate is a clause of its own
# A verb, preposition or adverb that a number follows ("配备2名"): ending on one, a phrase
# has not named what is counted. Looked up by the phrase's last one or two characters.
_VERB_ENDINGS = frozenset(
    "新增 增加 增设 新建 建设 建成 创建 培养 培育 打造 完成 开设 开通 开办 配备 配齐 招录 招聘 录用 "
    "引进 遴选 评选 选拔 推选 组建 开发 编制 编写 开展 组织 举办 召开 安排 投入 设立 建立 形成 推出 "
    "认定 培训 选派 扶持 支持 资助 奖励 改造 改建 扩建 发放 提供 落实 覆盖 惠及 吸引 接收 招收 容纳 "
    "涌现 命名 授予 达到 按照 累计 总计 合计 分别 建 达 为 有 对 向 给 按 以 在 共 各 均 再 另".split()
)


def ends_on_verb(text: str) -> bool:
    """Whether ``text`` ends on a verb or preposition, and so names nothing counted."""
    return text[-2:] in _VERB_ENDINGS or text[-1:] in _VERB_ENDINGS


# Time words and prepositions that name no indicator: "每年对不少于30%的幼儿园…".
_TIME_WORDS = re.compile(r"^(?:每(?:年度?|学年|学期|季度|月|周|天|日|两周)|全年|年均|当年)+")
_TRAILING_PREPOSITIONS = ("对", "向", "给", "按", "按照", "以", "在", "为", "于")


def without_leading_noise(text: str) -> str:
    """``text`` without the deadlines and verbs of effort that open it (到2025年, 力争 …)."""
    return _LEADING_NOISE.sub("", text)


def indicator_phrase(text: str, amount: re.Match[str], unit: str, start: int, end: int) -> str:
    """What is counted: the noun after the unit, or for a rate the phrase before it.

    ``start``/``end`` bound the phrase: the clause, narrowed to the quotation the number
    stands in and to the neighbouring targets. A later entry of a list counts the noun
    before it ("遴选优质校外机构100家、社会场馆200个纳入资源库").
    """
    raw_after = text[suffix_end(text, amount.end()) : end].strip()
    after = _without_trailing_link(raw_after.removeprefix("的").strip())
    if raw_after.startswith(("、", "和", "及", "与", "（", "(", "）", ")")):
        # "培养骨干教师150名、学科带头人40名": what follows is the next list entry;
        # "30所（其中高中5所）": a bracket says more about what came before.
        after = ""
    before = text[start : amount.start()].strip()
    listed = before[:1] in ("、", "和", "及", "与")
    before = _phrase_before(before)
    if unit in PERCENT_UNITS:
        if before and after and not raw_after.startswith("的") and len(after) <= _SHORT_NOUN:
            return before + after
        return before or after
    if listed and before and not ends_on_verb(before):
        return before
    return after or before


def _without_trailing_link(text: str) -> str:
    """A noun without what links it to the next amount: "名师和不少于" -> "名师"."""
    while True:
        shorter = _TRAILING_CONJUNCTION.sub("", _TRAILING_NOISE.sub("", text))
        if shorter == text:
            return text
        text = shorter


def indicator_before(phrase: str) -> str:
    """The indicator a phrase names when the amount comes later ("优质学校覆盖率" of
    "到2026年，优质学校覆盖率" before 由60%提高到80%)."""
    return _phrase_before(phrase.strip())


def _phrase_before(before: str) -> str:
    """The words before an amount, without list marks, noise, "per" words and baselines."""
    before = before.lstrip("、和及与”“（(）);；①②③④⑤⑥⑦⑧⑨⑩").removeprefix("其中")
    before = _TRAILING_NOISE.sub("", _LEADING_NOISE.sub("", before)).strip()
    if before and before[-1] in "每年比较上础均":
        for pattern in (_TRAILING_PER, _TRAILING_BASELINE, _TRAILING_NOISE):
            before = pattern.sub("", before)
        before = _TRAILING_NOISE.sub("", _TRAILING_PER.sub("", before))
    if before[:1] == "每" or before.endswith(_TRAILING_PREPOSITIONS):
        bare = _TIME_WORDS.sub("", before)
        if not bare or (bare.endswith(_TRAILING_PREPOSITIONS) and len(bare) <= 2):
            return ""  # "每学期", "每年对": no indicator before the number
    return before
