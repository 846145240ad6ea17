"""libyaml's English complaints as Chinese messages placed where the clerk can fix them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml

from generator.ledger.yamlbounds import MAX_DEPTH
from generator.ledger.yamldoc import LoadError, Pos

_FULLWIDTH_KEY = re.compile(r"^(\s*-?\s*)([^\s:#'\"][^:：]*?)：")


def reader_error(err: yaml.reader.ReaderError, text: str) -> LoadError:
    """A character libyaml refuses anywhere (ESC, DEL, C1 codes, U+FFFE): where it is, in Chinese.

    libyaml gives the offset in bytes of the UTF-8 text.
    """
    before = text.encode("utf-8")[: err.position].decode("utf-8", "ignore")
    line = before.count("\n") + 1
    col = len(before) - before.rfind("\n")
    code = f"U+{err.character:04X}" if isinstance(err.character, int) else "?"
    name = "控制字符" if unicodedata.category(chr(err.character)) == "Cc" else "字符"
    return LoadError(
        f"文件含有不可见的{name} {code}，YAML 文件中不允许出现，请删除它",
        line,
        col,
        rule="encoding",
    )


_TAB = "不能用 Tab 缩进，请改用空格"
_LINE_BREAK = re.compile(r"\r\n?|\n")  # libyaml's line breaks, once NEL, LS and PS are shielded


@dataclass(frozen=True)
class _Syntax:
    """A libyaml problem (the start of its English text) and what we say instead."""

    english: str
    message: str
    rule: str = "syntax"
    # For an unclosed quote or bracket libyaml stops at the end of the file; the place to fix
    # is where it was opened (libyaml's context mark), so the message points there.
    at_opening: bool = False


_PROBLEMS = (
    _Syntax("could not find expected ':'", "找不到应有的英文冒号“:”（键和值之间用英文冒号加空格）"),
    _Syntax(
        "mapping values are not allowed",
        "此处不能出现“: ”（常见原因：值里含有“: ”却没加引号，或缩进不对）",
    ),
    _Syntax("did not find expected key", "缩进不对：这一行与同一层的键没有对齐"),
    _Syntax("expected <block end>", "缩进不对：这一行与同一层的键没有对齐"),
    _Syntax("did not find expected '-' indicator", "列表缩进不对：这一行与同一层的“- ”没有对齐"),
    _Syntax(
        "found unexpected end of stream",
        "引号没有闭合：从这里开始的引号直到文件末尾都没有结束",
        at_opening=True,
    ),
    _Syntax(
        "did not find expected ',' or ']'",
        "方括号“[”没有闭合，或列表各项之间缺少英文逗号“,”",
        at_opening=True,
    ),
    _Syntax(
        "did not find expected ',' or '}'",
        "花括号“{”没有闭合，或各项之间缺少英文逗号“,”",
        at_opening=True,
    ),
    _Syntax("found a tab character", _TAB),
    _Syntax(
        "found unknown escape character",
        "双引号内有无法识别的转义“\\”（反斜杠本身请写成“\\\\”，或改用单引号）",
    ),
    _Syntax(
        "found invalid Unicode character escape code",
        "双引号内的 Unicode 转义（\\u 或 \\U）不是有效的字符，请改正或删除",
    ),
    _Syntax("found unexpected ':'", "出现了多余的冒号“:”，含冒号的值请加引号"),
    _Syntax(
        "but found another document",
        "一个文件只能有一个 YAML 文档（这里出现了第二个“---”）",
        "documents",
    ),
    _Syntax(
        "did not find expected <document start>",
        "一个文件只能有一个 YAML 文档（文档结束标记“...”之后还有内容）",
        "documents",
    ),
    _Syntax(
        "exceeded maximum nesting depth",
        f"嵌套层数过多（超过 {MAX_DEPTH} 层），案件文件用不到这么深的结构",
        "depth",
    ),
)


def syntax_error(err: yaml.MarkedYAMLError, text: str) -> LoadError:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else 1
    hint = _fullwidth_colon(text, line)
    if hint:
        return LoadError(
            "用了全角冒号“：”，键和值之间应使用英文冒号加空格“: ”", hint.line, hint.col, "syntax"
        )
    problem = (err.problem or "").strip()
    lines = _LINE_BREAK.split(text)
    here = lines[line - 1] if line <= len(lines) else ""
    rule = "syntax"
    if problem.startswith("found character that cannot start any token"):
        char = here[col - 1] if col <= len(here) else ""
        message = _TAB if char == "\t" else f"值不能以“{char}”开头，请给整个值加上引号"
    else:
        found = next((p for p in _PROBLEMS if problem.startswith(p.english)), None)
        if found is None:
            message = f"YAML 格式错误：{problem or err.context}"
        else:
            rule, message = found.rule, found.message
            if found.at_opening and err.context_mark:
                line, col = err.context_mark.line + 1, err.context_mark.column + 1
                here = lines[line - 1] if line <= len(lines) else ""
    if "\t" in here and "Tab" not in message:
        message += "；此行含有 Tab 字符，请改用空格"
    return LoadError(message, line, col, rule=rule)


def _fullwidth_colon(text: str, error_line: int) -> Pos | None:
    """A line up to the error whose key is followed by a full-width colon and no real colon."""
    lines = _LINE_BREAK.split(text)
    for number in range(min(error_line, len(lines)), 0, -1):
        line = lines[number - 1]
        match = _FULLWIDTH_KEY.match(line)
        if match and ": " not in line and not line.rstrip().endswith(":"):
            return Pos(number, match.end())
        if number < error_line - 3:
            break
    return None
