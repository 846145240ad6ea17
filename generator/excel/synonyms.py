"""The words a sheet may write for a vocabulary's values: only words that mean the same.

A synonym never changes what a row says: 基本化解 is not 是, 一般 is not 中, 山林土地 is not
土地征用, 司法救助 is not 司法途径. Such words are refused with their row and column, and a
mapping file's ``取值`` says what the office means by them. Words are compared whole (after
folding full-width forms, spaces and quotes), never by what they contain, except a value
followed by 类 or 问题. The README's table lists every synonym below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from generator.excel.cells import CellError, folded, text
from generator.ledger.fields import BOOL, ENUM, NO, YES, Registry

# field → value → the other words for it, separated by spaces. A value the profile lacks drops
# its words (a 红橙黄蓝 scale has no 高, so 高风险 means nothing there).
SYNONYMS: dict[str, dict[str, str]] = {
    "问题类型": {
        "城建拆迁": "拆迁 房屋拆迁 征收拆迁 拆迁安置 房屋征收",
        "问题楼盘": "烂尾楼",
        "集资融资": "集资 融资 非法集资 非法融资",
        "劳动社保": "劳动保障 社会保障 社保 社会保险 养老保险 工伤",
        "双拖欠": "欠薪 拖欠工资 拖欠农民工工资 农民工工资 拖欠工程款",
        "土地征用": "征地 土地征收 征用土地 征收土地",
        "涉法涉诉": "涉法 涉诉 涉法信访 涉诉信访",
        "婚姻家庭": "婚姻 家庭 家庭纠纷 婚姻家庭纠纷 赡养 抚养",
        "邻里纠纷": "邻里 邻里矛盾 相邻关系",
        "环境污染": "污染 环保 噪声污染 噪音污染 噪声 噪音",
        "其他": "其它",
    },
    "是否已化解": {
        YES: "已化解 化解 已解决 已 √ ✓ ✔ Y y",
        NO: "未化解 未解决 未 化解中 正在化解 × ✗ ✘ x X N n",
    },
    "风险等级": {"高": "高风险 风险高", "中": "中风险 风险中 中等", "低": "低风险 风险低"},
    "化解方式": {
        "调解": "人民调解 调处 调解处理",
        "政策解释": "解释 解释说明 政策宣讲 政策解读",
        "协商和解": "协商 和解 协商解决",
        "司法途径": "司法 诉讼 起诉 法院",
        "行政复议": "复议",
        "其他": "其它",
    },
    "典型案例": {YES: "√ ✓ ✔ 典型 典型案例 TRUE true 1 Y", NO: "× FALSE false 0 N 不是"},
}
SUFFIXES = ("类问题", "问题", "类")  # “城建拆迁类”: a value of two characters or more, then these


@dataclass(frozen=True)
class Vocabulary:
    """A field's allowed values and the other words people write for them."""

    column: str  # the field's title, naming it in messages
    values: tuple[str, ...]
    synonyms: Mapping[str, str]  # word → value

    def read(
        self, value: object, column: str | None = None, own: Mapping[str, str] | None = None
    ) -> tuple[str, bool]:
        """(the value, whether a built-in synonym changed the word); ``own``: a mapping file's
        words (folded) for this field, which come first and are the office's own decision."""
        word = folded(value)
        if own and word in own:
            return own[word], False
        if word in self.values:
            return word, False
        if word in self.synonyms:
            return self.synonyms[word], True
        for suffix in SUFFIXES:
            stem = word.removesuffix(suffix)
            if stem != word and len(stem) >= 2 and stem in self.values:
                return stem, True
        raise CellError(
            f"“{column or self.column}”的值“{text(value)}”不在可选范围内，"
            f"应为：{'、'.join(self.values)}"
        )

    def pick(self, value: object) -> str:
        return self.read(value)[0]


def _vocabulary(key: str, title: str, values: tuple[str, ...]) -> Vocabulary:
    flat = {
        word: target
        for target, words in SYNONYMS.get(key, {}).items()
        if target in values
        for word in words.split()
    }
    return Vocabulary(title, values, flat)


@cache
def vocabularies(reg: Registry) -> dict[str, Vocabulary]:
    """Every field of the registry that takes one of a list of words (yes/no fields: 是 and 否)."""
    return {
        f.key: _vocabulary(f.key, f.title, f.values or (YES, NO))
        for f in reg.fields
        if f.kind in (ENUM, BOOL)
    }
