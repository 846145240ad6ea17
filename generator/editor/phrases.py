"""Words the editor's page adds to Decap's own Chinese (zh_Hans, shipped in decap-cms.js).

Decap falls back to English for every phrase its zh_Hans lacks (the Forgejo login button among
them); ``PHRASES`` gives each of those its Chinese, and admin/index.html lays them over the
shipped zh_Hans at run time (``CMS.getLocale``/``registerLocale``), so nothing of Decap's is
copied here. ``guidance`` is the sentence under the login button.
"""

from __future__ import annotations

from typing import Any

from generator.core import display, privacy
from generator.editor.backend import EditorBackend

# Every git host's button says the same: the clerk knows the office's account, not the product.
HOST_LOGIN = "使用单位账号登录"
_HOSTS = ("Forgejo", "GitLab", "GitHub", "Gitea", "Bitbucket", "Azure", "NetlifyIdentity")

PHRASES: dict[str, Any] = {
    "auth": {f"loginWith{host}": HOST_LOGIN for host in _HOSTS},
    "collection": {
        "collectionTop": {"viewAsList": "列表视图", "viewAsGrid": "卡片视图"},
        "entries": {"unpublishedHeader": "未发布的案件"},
    },
    "editor": {
        "editorControl": {"field": {"widgetLabel": "%{widgetLabel}字段"}},
        "editorControlPane": {
            "widget": {
                "rangeMin": "“%{fieldLabel}”至少要有 %{minCount} 项",
                "rangeMax": "“%{fieldLabel}”最多只能有 %{maxCount} 项",
            }
        },
        "editorInterface": {"toggleNotes": "打开/关闭备注栏"},
        "editorNotesPane": {
            "title": "备注栏",
            "emptyState": "还没有备注。在下面写下第一条，方便与审核人沟通。",
            "addNote": "添加备注",
            "addPlaceholder": "写一条备注……",
            "editPlaceholder": "修改备注……",
            "save": "保存",
            "cancel": "取消",
            "edit": "修改",
            "delete": "删除",
            "resolve": "标为已处理",
            "unresolve": "标为未处理",
            "confirmDelete": "确定要删除这条备注吗？",
            "shortcut": "提示：按 Ctrl+Enter 可快速添加备注",
        },
        "editorToolbar": {
            "statusInfoTooltipDraft": "这是草稿。要提交审核，请把状态改为“审核中”。",
            "statusInfoTooltipInReview": "正在审核，无需其他操作；审核期间仍可继续修改。",
        },
        "editorWidgets": {
            "markdown": {
                "strikethrough": "删除线",
                "toggleMode": {"rich": "切换到富文本模式", "markdown": "切换到 Markdown 模式"},
            },
            "image": {
                "chooseMultiple": "选择多张图片",
                "addMore": "添加更多图片",
                "removeAll": "移除全部图片",
            },
            "file": {
                "chooseMultiple": "选择多个文件",
                "addMore": "添加更多文件",
                "removeAll": "移除全部文件",
            },
            # Screen readers read this name of the button showing 现在: it must contain that word
            # (WCAG 2.5.3, axe label-content-name-mismatch).
            "datetime": {"setToNow": "把“%{fieldLabel}”设为现在"},
            "list": {"addType": "新增%{item}"},
            "object": {"expand": "展开", "collapse": "收起"},
        },
    },
    "mediaLibrary": {"mediaLibraryModal": {"close": "关闭"}},
    "ui": {
        "settingsDropdown": {"account": "账号菜单"},
        "toast": {
            "noteAdded": "备注已添加",
            "onFailToAddNote": "备注添加失败：%{details}",
            "noteUpdated": "备注已修改",
            "onFailToUpdateNote": "备注修改失败：%{details}",
            "noteDeleted": "备注已删除",
            "onFailToDeleteNote": "备注删除失败：%{details}",
            "noteResolved": "备注已标为已处理",
            "noteReopened": "备注已标为未处理",
            "onFailToToggleNote": "备注状态修改失败：%{details}",
        },
    },
}

# Decap's test-repo and local proxy log in with one button that needs no account (auth.login).
LOCAL_GUIDANCE = "在本机编辑：点“登录”即可，保存的案件直接写入本机的案件文件夹。"


def guidance(backend: EditorBackend) -> str:
    """The login page's sentence: whose account, and what happens to a saved case."""
    after = (
        "保存后由审核人审核，通过后生效"
        if backend.publish_mode == "editorial_workflow"
        else "保存后立即生效"
    )
    return f"用单位内网代码托管平台的账号登录；登录后可新建和修改案件，{after}。"


def mask_rule() -> dict[str, str]:
    """The site's masking of a petitioner's name (``privacy.mask_name``) as patterns the
    page's script applies to the case list: 王建国 → 王**, 张伟、刘芳 → 张*、刘*."""
    return {
        "group": display.PEOPLE_GROUP.pattern,
        "separator": privacy.NAME_SEPARATOR.pattern,
        "words": privacy.NAME_WORDS.pattern,
    }
