"""``move ID --to CODE``: move a case to another unit (new id there, same content).

The web form cannot move a file between folders, so a case filed under the wrong unit is moved
here. The new id has the form every new case gets, ``<unit>-<YYYYMMDD>-<HHMMSS>`` (Beijing time,
the moment of the move), so two pull requests that move cases into the same unit never pick
the same id. The content is kept exactly, in the form's key order and style; only 编号 and 单位,
which the path now says, are dropped.
"""

from __future__ import annotations

import argparse

from generator.cli.commands.new import new_case_id
from generator.cli.options import Command, option
from generator.errors import DataError, UsageError
from generator.ledger.casefile import dump, ordered
from generator.ledger.layout import CASES_DIR
from generator.ledger.validate import checked_ledger
from generator.ledger.yamlload import load_bytes
from generator.system import clock, files
from generator.system.files import write_atomic
from generator.terminal import printable

COMMAND = Command(
    "move",
    help="把案件移到另一个单位（新编号，内容不变）",
    description="把案件移到另一个单位：在 cases/<新单位>/ 下以新编号"
    " <新单位代码>-<年月日>-<时分秒>（北京时间）写入同样的内容，并删除原文件。"
    "数据有误时不移动。",
    options=(
        option("case_id", metavar="编号", help="要移动的案件编号，如 dongcun-007"),
        option(
            "--to", required=True, metavar="单位", help="目标单位（名称或代码），如 西村 或 xicun"
        ),
    ),
)


def run(args: argparse.Namespace) -> int:
    root = files.repository()
    campaign, cases = checked_ledger(root, clock.today(args.today))
    target = campaign.require_unit(args.to)
    case = next((c for c in cases if c.id == args.case_id), None)
    if case is None:
        raise UsageError(f"找不到编号为“{args.case_id}”的案件")
    source = campaign.unit(case.unit)
    assert source is not None
    if case.unit == target.code:
        raise UsageError(f"案件 {case.id} 已在{target.name}（{target.code}）中，无需移动")

    moment = clock.now()
    if args.today:
        moment = moment.replace(year=args.today.year, month=args.today.month, day=args.today.day)
    new_id = new_case_id(target.code, moment)
    old_path = root / case.path
    new_path = root / CASES_DIR / target.code / f"{new_id}.yaml"
    new_rel = new_path.relative_to(root).as_posix()
    if new_path.exists():
        raise DataError(f"{new_rel} 已存在，请一秒后再试")

    # The file's data as it is (the profile's optional fields too), in the profile's key order.
    data = load_bytes(old_path.read_bytes()).data
    schema = campaign.profile.case_schema
    text = dump(ordered(campaign.profile.registry.without_path(data), schema))
    write_atomic(new_path, text)
    old_path.unlink()
    print(printable(f"已把案件 {case.id}（{source.name}）移到{target.name}，新编号 {new_id}"))
    print(f"  新建 {new_rel}")
    print(f"  删除 {case.path}")
    print(f"请把这两处改动一起提交：git add {case.path} {new_rel}")
    return 0
