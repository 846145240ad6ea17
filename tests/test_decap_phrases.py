"""Our Chinese for what Decap's own zh_Hans lacks (``editor.phrases``), and the page it goes on.

The lists of phrases come from the installed decap-cms-locales (read by node), not from our
code: every phrase Decap has in English and not in zh_Hans must be ours, with the same
placeholders, and ours names no phrase Decap does not have.
"""

from __future__ import annotations

import json
import re
import subprocess
from typing import Any

from generator.editor import decap, phrases
from generator.editor.backend import LOCAL, EditorBackend
from tests.conftest import ROOT

LOCALES = ROOT / "node_modules" / "decap-cms-locales" / "src"
FLATTEN = """
const load = (name) => import(process.argv[1] + '/' + name + '/index.js').then((m) => m.default);
const flat = (o, p = '') => Object.entries(o).reduce((out, [k, v]) =>
  Object.assign(out, typeof v === 'object' ? flat(v, p + k + '.') : { [p + k]: v }), {});
Promise.all([load('en'), load('zh_Hans')]).then(([en, zh]) =>
  console.log(JSON.stringify({ en: flat(en), zh: flat(zh) })));
"""


def _flat(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


def _decap() -> tuple[dict[str, str], dict[str, str]]:
    run = subprocess.run(
        ["node", "--input-type=module", "-e", FLATTEN, str(LOCALES)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    data = json.loads(run.stdout)
    return data["en"], data["zh"]


def test_every_phrase_zh_hans_lacks_is_ours_with_the_same_placeholders() -> None:
    en, zh = _decap()
    lacking = {k for k in en if k not in zh}
    assert "auth.loginWithForgejo" in lacking and len(lacking) >= 40
    ours = _flat(phrases.PHRASES)
    assert sorted(lacking - set(ours)) == []
    assert sorted(set(ours) - set(en)) == []
    for key, text in ours.items():
        assert set(re.findall(r"%\{\w+\}", text)) == set(re.findall(r"%\{\w+\}", en[key])), key
        words = re.sub(r"%\{\w+\}|Markdown|Ctrl\+Enter", "", text)  # names kept as they are
        assert not re.search(r"[A-Za-z]", words), key


def test_the_page_carries_the_phrases_the_guidance_and_the_masking() -> None:
    page = decap.index_html(None, EditorBackend("forgejo"))
    assert "/*PHRASES*/" not in page and "/*LOGIN*/" not in page and "/*MASK*/" not in page
    login = json.loads(page.split("var LOGIN = ")[1].split(";\n")[0])
    assert login == {
        "host": "使用单位账号登录",
        "hosted": "用单位内网代码托管平台的账号登录；登录后可新建和修改案件，"
        "保存后由审核人审核，通过后生效。",
        "local": "在本机编辑：点“登录”即可，保存的案件直接写入本机的案件文件夹。",
    }
    gitea = decap.index_html(None, EditorBackend("gitea"))
    assert "登录后可新建和修改案件，保存后立即生效。" in gitea
    assert "登录后可新建和修改案件，保存后立即生效。" in decap.index_html(None, LOCAL)
