"""``new --unit UNIT``: write a new, empty case file for a unit, ready to fill in."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from generator.cli.options import Command, option
from generator.errors import DataError
from generator.ledger.casefile import dump, ordered, write_case_file
from generator.ledger.layout import CASES_DIR
from generator.ledger.validate import checked_campaign
from generator.system import clock, files

COMMAND = Command(
    "new",
    help="为某单位新建一个案件文件",
    description="在 cases/<单位代码>/ 下新建案件文件，"
    "编号为 <单位代码>-<年月日>-<时分秒>（北京时间），必填项留空待填写。",
    options=(
        option("--unit", required=True, metavar="单位", help="单位名称或代码，如 东村 或 dongcun"),
    ),
)


def blank(schema: dict[str, Any], today: dt.date, status: str = "否") -> dict[str, Any]:
    """Required keys of a schema object, filled with empty values or sensible defaults;
    ``status``: 是否已化解 of a new case, the first of the profile's 未化解 group."""
    out: dict[str, Any] = {}
    for key in schema.get("required", []):
        prop = schema["properties"][key]
        if prop.get("type") == "object":
            out[key] = blank(prop, today, status)
        elif prop.get("type") == "integer":
            out[key] = prop.get("minimum", 0)
        elif key == "排查日期":
            out[key] = today
        elif key == "是否已化解":
            out[key] = status
        else:
            out[key] = ""
    return out


def new_case_id(unit: str, moment: dt.datetime) -> str:
    return f"{unit}-{moment:%Y%m%d-%H%M%S}"


def run(args: argparse.Namespace) -> int:
    root = files.repository()
    campaign = checked_campaign(root, "请先修正上面列出的问题")
    code = campaign.require_unit(args.unit).code
    moment = clock.now()
    if args.today:
        moment = moment.replace(year=args.today.year, month=args.today.month, day=args.today.day)
    case_id = new_case_id(code, moment)
    path = root / CASES_DIR / code / f"{case_id}.yaml"
    if path.exists():
        raise DataError(f"{path.relative_to(root).as_posix()} 已存在，请一秒后再试")
    profile = campaign.profile
    data = blank(profile.case_schema, moment.date(), profile.new_status)
    write_case_file(root, path, dump(ordered(data, profile.case_schema)))
    print(f"已新建 {path.relative_to(root).as_posix()}，请填写后运行 python -m generator validate")
    return 0
