"""Ledgers of other layouts as offices keep them, built with openpyxl, each with its mapping
file, the output ``import --map`` must print and the case files it must write.

Headers, words and footers are modelled on published ledgers (突出矛盾纠纷台账, 信访案件包保台账,
网格上访事件采集表, 涉诉信访台账, 网格矛盾纠纷登记, 人民调解受理结案台账). Expected files are
written out by hand (``case_yaml`` only lays the lines out), not produced by the importer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True)
class Layout:
    name: str
    unit: str
    build: Callable[[Path], None]
    mapping: str  # MAP.yaml
    out: list[str]  # stdout of the import, line by line
    files: dict[str, str]  # created case file (under cases/<unit>/) → its exact text


def case_yaml(
    screened: str,
    who: tuple[str, str],
    place: str,
    category: str,
    demand: str,
    risk: str,
    leader: tuple[str, str],
    dept: tuple[str, str, str],
    state: str,
    *,
    count: int = 1,
    police: tuple[str, str] | None = None,
    resolved: tuple[str, str] | None = None,
    note: str = "",
) -> str:
    """A case file as the web editor writes it: keys in the form's order, nested by two spaces."""
    lines = [
        f"排查日期: {screened}",
        "信访人:",
        f"  姓名: {who[0]}",
        f"  住址: {who[1]}",
        f"涉及人数: {count}",
        f"问题属地: {place}",
        f"问题类型: {category}",
        f"主要诉求: {demand}",
        f"风险等级: {risk}",
        "包案领导:",
        f"  姓名: {leader[0]}",
        f"  职务: {leader[1]}",
        "责任部门:",
        f"  名称: {dept[0]}",
        f"  责任人: {dept[1]}",
        f"  职务: {dept[2]}",
    ]
    if police:
        lines += ["分包民警:", f"  姓名: {police[0]}", f"  职务: {police[1]}"]
    lines.append(f"是否已化解: {state}")
    if resolved:
        lines += [f"化解日期: {resolved[0]}", f"化解方式: {resolved[1]}"]
    if note:
        lines.append(f"备注: {note}")
    return "\n".join(lines) + "\n"


def sheet(
    path: Path, title: str, rows: Sequence[Sequence[Any]], merges: Sequence[str] = ()
) -> None:
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = title
    for row in rows:
        ws.append(list(row))
    for cells in merges:
        ws.merge_cells(cells)
    wb.save(path)


LI = ("李志强", "办事处主任")
CHEN = ("陈卫东", "办事处副主任")
ZHANG = ("张慧敏", "办事处副主任")
GUO = ("郭春生", "政法委员")
D = dt.datetime


# 1. 突出矛盾纠纷台账: a two-level header (当事人, 包案领导, 责任单位, 化解情况 over their parts),
# 一般/较大/重大 risk, 息诉罢访 and 正在化解, a footer over six cells with a phone number.
def _tuchu(path: Path) -> None:
    top = ["序号", "当事人", None, "纠纷发生地", "纠纷类别", "纠纷简要情况", "包案领导", None]
    top += ["责任单位", None, None, "化解情况", None, None, "风险等级", "排查时间"]
    sub = [None, "姓名", "住址", None, None, None, "姓名", "职务", "单位", "责任人", "职务"]
    sub += ["是否化解", "化解时间", "进展情况", None, None]
    rows = [
        ["东村突出矛盾纠纷排查化解台账"],
        ["填报单位：东村　填报时间：2019年7月20日"],
        top,
        sub,
        [1, "王建国", "东村三组12号", "东村三组", "山林土地", "与邻组争山林地界", *LI, "国土所",
         "何平", "所长", "息诉罢访", D(2019, 7, 18), "已签订协议", "较大", "2019.7.3"],
        [2, "刘秀英", "东村二组8号", "东村二组", "劳资", "讨要砖厂拖欠工资", *CHEN, "劳动保障所",
         "冯玉洁", "副所长", "正在化解", None, "已约谈厂方", "一般", D(2019, 7, 5)],
        [3, "张三等4人", "东村五组2号", "东村五组", "医疗纠纷", "要求卫生院赔偿误诊损失", *ZHANG,
         "社会事务办", "黄丽", "主任", "息诉罢访", "2019年7月19日", None, "重大", "7月8日"],
        ["填表人：", "刘洋", None, "审核人：", "张军", None, "联系电话：", "13812345678"],
    ]  # fmt: skip
    merges = ["A1:P1", "A2:P2", "A3:A4", "D3:D4", "E3:E4", "F3:F4", "O3:O4", "P3:P4"]
    sheet(path, "总表", rows, [*merges, "B3:C3", "G3:H3", "I3:K3", "L3:N3"])


TUCHU = Layout(
    "突出矛盾纠纷台账",
    "dongcun",
    _tuchu,
    """表头行: 4
栏目:
  当事人/姓名: 信访人.姓名
  当事人/住址: 信访人.住址
  纠纷发生地: 问题属地
  纠纷类别: 问题类型
  纠纷简要情况: 主要诉求
  包案领导/姓名: 包案领导.姓名
  包案领导/职务: 包案领导.职务
  责任单位/单位: 责任部门.名称
  责任单位/责任人: 责任部门.责任人
  责任单位/职务: 责任部门.职务
  化解情况/是否化解: 是否已化解
  化解情况/化解时间: 化解日期
  化解情况/进展情况: 备注
  排查时间: 排查日期
取值:
  问题类型: {山林土地: 其他, 劳资: 劳动社保, 医疗纠纷: 其他}
  是否已化解: {息诉罢访: 是, 正在化解: 否}
  风险等级: {重大: 高, 较大: 中, 一般: 低}
默认:
  化解方式: 调解
""",
    [
        "  新增 cases/dongcun/dongcun-001.yaml（第5行）",
        "  新增 cases/dongcun/dongcun-002.yaml（第6行）",
        "  新增 cases/dongcun/dongcun-003.yaml（第7行）",
        "新增 3 件，更新 0 件，未导入 0 行（东村，工作表“总表”）",
    ],
    {
        "dongcun-001.yaml": case_yaml(
            "2019-07-03", ("王建国", "东村三组12号"), "东村三组", "其他", "与邻组争山林地界", "中",
            LI, ("国土所", "何平", "所长"), "是", resolved=("2019-07-18", "调解"),
            note="已签订协议",
        ),
        "dongcun-002.yaml": case_yaml(
            "2019-07-05", ("刘秀英", "东村二组8号"), "东村二组", "劳动社保", "讨要砖厂拖欠工资",
            "低", CHEN, ("劳动保障所", "冯玉洁", "副所长"), "否", note="已约谈厂方",
        ),
        "dongcun-003.yaml": case_yaml(
            "2019-07-08", ("张三等4人", "东村五组2号"), "东村五组", "其他",
            "要求卫生院赔偿误诊损失", "高", ZHANG, ("社会事务办", "黄丽", "主任"), "是",
            count=4, resolved=("2019-07-19", "调解"),
        ),
    },
)  # fmt: skip


# 2. 信访案件包保全台账: person and post in separate columns, 稳控中/息诉罢访, an ID-card column
# dropped knowingly, 化解日期 and 化解方式 only from 默认 (so only for the resolved row).
def _baobao(path: Path) -> None:
    head = ["序号", "信访人", "身份证号", "住址", "信访事项", "问题属地", "包保领导", "领导职务"]
    head += ["包保单位", "包保责任人", "责任人职务", "目前状态", "登记日期", "备注"]
    rows = [
        ["西村信访案件包保责任台账"],
        head,
        [1, "赵六", "410101196501012345", "西村一组3号", "要求落实失地农民养老保险", "西村一组",
         *ZHANG, "劳动保障所", "冯玉洁", "副所长", "稳控中", "2019.7.12", "每周走访一次"],
        [2, "钱七", "410101197002023456", "西村四组6号", "反映村务不公开", "西村四组", *LI,
         "信访办", "宋佳", "主任", "息诉罢访", D(2019, 7, 2), None],
        ["注：", "本表每半月更新一次，稳控中的案件要写明稳控措施"],
    ]  # fmt: skip
    sheet(path, "包保台账", rows, ["A1:N1", "B5:N5"])


BAOBAO = Layout(
    "信访案件包保全台账",
    "xicun",
    _baobao,
    """工作表: 包保台账
栏目:
  信访人: 信访人.姓名
  身份证号: 忽略
  信访事项: 主要诉求
  包保领导: 包案领导.姓名
  领导职务: 包案领导.职务
  包保单位: 责任部门.名称
  包保责任人: 责任部门.责任人
  责任人职务: 责任部门.职务
  目前状态: 是否已化解
  登记日期: 排查日期
取值:
  是否已化解: {稳控中: 否, 息诉罢访: 是}
默认:
  问题类型: 其他
  风险等级: 中
  化解日期: 2019-08-30
  化解方式: 协商和解
""",
    [
        "  新增 cases/xicun/xicun-001.yaml（第3行）",
        "  新增 cases/xicun/xicun-002.yaml（第4行）",
        "新增 2 件，更新 0 件，未导入 0 行（西村，工作表“包保台账”）",
    ],
    {
        "xicun-001.yaml": case_yaml(
            "2019-07-12", ("赵六", "西村一组3号"), "西村一组", "其他", "要求落实失地农民养老保险",
            "中", ZHANG, ("劳动保障所", "冯玉洁", "副所长"), "否", note="每周走访一次",
        ),
        "xicun-002.yaml": case_yaml(
            "2019-07-02", ("钱七", "西村四组6号"), "西村四组", "其他", "反映村务不公开", "中", LI,
            ("信访办", "宋佳", "主任"), "是", resolved=("2019-08-30", "协商和解"),
        ),
    },
)  # fmt: skip


# 3. 社区网格上访事件采集表: the office's own 事件编号, 红橙黄蓝 risk, a person and a department
# in one cell each, and a 化解情况 column of progress notes that is listed, not read as 是否已化解.
def _wangge(path: Path) -> None:
    head = ["事件编号", "网格名称", "网格员", "上访人", "联系地址", "事件发生地", "事件类别"]
    head += ["事件描述", "采集日期", "风险研判", "包联领导", "责任科室", "化解情况", "处置状态"]
    head += ["办结日期"]
    rows = [
        ["清风社区网格上访事件采集表"],
        head,
        ["SQ-2019-001", "第一网格", "王敏", "孙八", "清风小区3号楼", "清风小区", "物业",
         "物业公司停止供暖", D(2019, 7, 9), "橙", "陈卫东（办事处副主任）", "城建办：赵敏（主任）",
         "已约谈物业公司，答复月底前恢复", "处置中", None],
        ["SQ-2019-002", "第二网格", "李娜", "周九", "清风小区5号楼", "清风小区", "噪音",
         "夜间施工噪音扰民", D(2019, 7, 10), "蓝", "李志强（办事处主任）",
         "环保所：郑红（所长）", "已协调施工方调整作业时间", "已化解", D(2019, 7, 16)],
    ]  # fmt: skip
    sheet(path, "采集表", rows, ["A1:O1"])


WANGGE = Layout(
    "社区网格上访事件采集表",
    "qingfeng",
    _wangge,
    """栏目:
  事件编号: 编号
  网格名称: 忽略
  网格员: 忽略
  上访人: 信访人.姓名
  联系地址: 信访人.住址
  事件发生地: 问题属地
  事件类别: 问题类型
  事件描述: 主要诉求
  采集日期: 排查日期
  风险研判: 风险等级
  包联领导: 包案领导
  责任科室: 责任部门
  处置状态: 是否已化解
  办结日期: 化解日期
取值:
  问题类型: {物业: 其他}
  风险等级: {红: 高, 橙: 高, 黄: 中, 蓝: 低}
  是否已化解: {处置中: 否}
默认:
  化解方式: 协商和解
""",
    [
        "注意：这些列没有映射，没有导入：“化解情况”（不要的列请在“栏目”中写成 忽略）",
        "注意：“事件编号”列是本单位自编的编号，没有导入；要保留它，"
        "请在 campaign.yaml 的“台账.字段”中加上 原编号",
        "  新增 cases/qingfeng/qingfeng-001.yaml（第3行）",
        "  新增 cases/qingfeng/qingfeng-002.yaml（第4行）",
        "新增 2 件，更新 0 件，未导入 0 行（清风社区，工作表“采集表”）",
    ],
    {
        "qingfeng-001.yaml": case_yaml(
            "2019-07-09", ("孙八", "清风小区3号楼"), "清风小区", "其他", "物业公司停止供暖", "高",
            CHEN, ("城建办", "赵敏", "主任"), "否",
        ),
        "qingfeng-002.yaml": case_yaml(
            "2019-07-10", ("周九", "清风小区5号楼"), "清风小区", "环境污染", "夜间施工噪音扰民",
            "低", LI, ("环保所", "郑红", "所长"), "是", resolved=("2019-07-16", "协商和解"),
        ),
    },
)  # fmt: skip


# 4. 涉诉信访台账: a header holding a slash (户籍/住址, written 户籍\/住址), two columns both headed
# 日期 (told apart as 列H and 列L), 包案领导 by name only (the post from campaign.yaml), and
# 问题属地 and 责任部门 from 默认.
def _shesu(path: Path) -> None:
    head = ["序号", "当事人姓名", "户籍/住址", "诉求内容", "案件类型", "涉及法院", "包案领导"]
    head += ["日期", "化解状态", "化解方式", "稳控责任人", "日期"]
    rows = [
        ["南庄村涉诉信访台账"],
        ["填报单位：", "南庄村"],
        head,
        [1, "吴十", "南庄村二组", "不服一审判决，要求再审", "民事", "县法院", "郭春生",
         "2019-07-15", "息诉罢访", "司法救助", "冯刚", "2019-08-20"],
        [2, "郑十一", "南庄村四组", "要求撤销行政处罚决定", "行政", "市中院", "韩雪梅",
         "2019-07-22", "未息诉", None, "冯刚", None],
    ]  # fmt: skip
    sheet(path, "Sheet1", rows, ["A1:L1"])


SHESU = Layout(
    "涉诉信访台账",
    "nanzhuang",
    _shesu,
    """栏目:
  户籍\\/住址: 信访人.住址
  诉求内容: 主要诉求
  案件类型: 问题类型
  涉及法院: 忽略
  包案领导: 包案领导.姓名
  列H: 排查日期
  化解状态: 是否已化解
  稳控责任人: 忽略
  列L: 化解日期
取值:
  问题类型: {民事: 涉法涉诉, 行政: 涉法涉诉}
  是否已化解: {息诉罢访: 是, 未息诉: 否}
  化解方式: {司法救助: 其他}
默认:
  问题属地: 南庄村
  风险等级: 高
  责任部门.名称: 司法所
  责任部门.责任人: 孙浩
  责任部门.职务: 所长
""",
    [
        "  新增 cases/nanzhuang/nanzhuang-001.yaml（第4行）",
        "  新增 cases/nanzhuang/nanzhuang-002.yaml（第5行）",
        "新增 2 件，更新 0 件，未导入 0 行（南庄村，工作表“Sheet1”）",
    ],
    {
        "nanzhuang-001.yaml": case_yaml(
            "2019-07-15", ("吴十", "南庄村二组"), "南庄村", "涉法涉诉", "不服一审判决，要求再审",
            "高", GUO, ("司法所", "孙浩", "所长"), "是", resolved=("2019-08-20", "其他"),
        ),
        "nanzhuang-002.yaml": case_yaml(
            "2019-07-22", ("郑十一", "南庄村四组"), "南庄村", "涉法涉诉", "要求撤销行政处罚决定",
            "高", ("韩雪梅", "组织委员"), ("司法所", "孙浩", "所长"), "否",
        ),
    },
)  # fmt: skip


# 5. 网格矛盾纠纷登记: a two-level header found without 表头行, 人数 written “3人”, a built-in
# synonym (人民调解 → 调解), and notes under the table in one cell and over two.
def _dengji(path: Path) -> None:
    top = ["序号", "基本信息", None, None, "纠纷情况", None, None, "调处情况", None, None]
    top += ["登记日期", "包片领导", "责任部门"]
    sub = [None, "姓名", "地址", "人数", "类型", "内容", "地点", "调处结果", "调处日期", "调处方式"]
    rows = [
        ["幸福里社区网格矛盾纠纷登记表"],
        top,
        sub,
        [1, "冯十二", "幸福里2栋", "3人", "劳资", "装修工人讨要工钱", "幸福里2栋", "调处成功",
         "2019-07-25", "人民调解", "2019-07-20", "张慧敏（办事处副主任）",
         "劳动保障所：冯玉洁（副所长）"],
        [2, "陈十三", "幸福里7栋", 2, "物业", "车位被占，与物业争执", "幸福里7栋", "调处中", None,
         None, "2019-07-21", "李志强（办事处主任）", "综治办：谢国平（副主任）"],
        ["说明：", "本表由网格员每周一报送社区"],
        ["注：人数含家属"],
    ]  # fmt: skip
    merges = ["A1:M1", "A2:A3", "B2:D2", "E2:G2", "H2:J2", "K2:K3", "L2:L3", "M2:M3", "B6:M6"]
    sheet(path, "登记", rows, merges)


DENGJI = Layout(
    "网格矛盾纠纷登记",
    "xingfu",
    _dengji,
    """栏目:
  基本信息/姓名: 信访人.姓名
  基本信息/地址: 信访人.住址
  基本信息/人数: 涉及人数
  纠纷情况/类型: 问题类型
  纠纷情况/内容: 主要诉求
  纠纷情况/地点: 问题属地
  调处情况/调处结果: 是否已化解
  调处情况/调处日期: 化解日期
  调处情况/调处方式: 化解方式
  包片领导: 包案领导
取值:
  问题类型: {劳资: 劳动社保, 物业: 其他}
  是否已化解: {调处成功: 是, 调处中: 否}
默认:
  风险等级: 低
""",
    [
        "  新增 cases/xingfu/xingfu-001.yaml（第4行）",
        "  新增 cases/xingfu/xingfu-002.yaml（第5行）",
        "新增 2 件，更新 0 件，未导入 0 行（幸福里社区，工作表“登记”）",
    ],
    {
        "xingfu-001.yaml": case_yaml(
            "2019-07-20", ("冯十二", "幸福里2栋"), "幸福里2栋", "劳动社保", "装修工人讨要工钱",
            "低", ZHANG, ("劳动保障所", "冯玉洁", "副所长"), "是", count=3,
            resolved=("2019-07-25", "调解"),
        ),
        "xingfu-002.yaml": case_yaml(
            "2019-07-21", ("陈十三", "幸福里7栋"), "幸福里7栋", "其他", "车位被占，与物业争执",
            "低", LI, ("综治办", "谢国平", "副主任"), "否", count=2,
        ),
    },
)  # fmt: skip


# 6. 人民调解受理结案台账: a 序号 column holding the office's own numbers (TJ-2019-01), 调解成功/
# 调解不成, the 包案领导 and 化解方式 from 默认.
def _tiaojie(path: Path) -> None:
    head = ["序号", "受理日期", "申请人", "申请人住址", "被申请人", "纠纷类型", "纠纷事项"]
    head += ["调解委员会", "调解员", "调解结果", "结案日期", "协议履行情况"]
    rows = [
        ["工业园区人民调解受理结案台账"],
        head,
        ["TJ-2019-01", "2019-07-03", "何十四", "园区宿舍1号", "某机械厂", "劳资纠纷",
         "加班费计算争议", "司法所", "吕强", "调解成功", "2019-07-12", "已履行"],
        ["TJ-2019-02", "2019-07-08", "许十五", "园区宿舍4号", "某物流公司", "损害赔偿",
         "货车撞坏围墙赔偿", "司法所", "吕强", "调解不成", None, None],
        ["调解员：", "吕强", "审核：", "王军"],
    ]  # fmt: skip
    sheet(path, "受理结案", rows, ["A1:L1"])


TIAOJIE = Layout(
    "人民调解受理结案台账",
    "gongye",
    _tiaojie,
    """栏目:
  受理日期: 排查日期
  申请人: 信访人.姓名
  申请人住址: 信访人.住址
  被申请人: 忽略
  纠纷类型: 问题类型
  纠纷事项: 主要诉求
  调解委员会: 责任部门.名称
  调解员: 责任部门.责任人
  调解结果: 是否已化解
  结案日期: 化解日期
  协议履行情况: 备注
取值:
  问题类型: {劳资纠纷: 劳动社保, 损害赔偿: 其他}
  是否已化解: {调解成功: 是, 调解不成: 否}
默认:
  问题属地: 工业园区
  风险等级: 低
  包案领导: 郭春生（政法委员）
  责任部门.职务: 调解员
  化解方式: 调解
""",
    [
        "注意：“序号”列是本单位自编的编号，没有导入；要保留它，"
        "请在 campaign.yaml 的“台账.字段”中加上 原编号",
        "  新增 cases/gongye/gongye-001.yaml（第3行）",
        "  新增 cases/gongye/gongye-002.yaml（第4行）",
        "新增 2 件，更新 0 件，未导入 0 行（工业园区管委会，工作表“受理结案”）",
    ],
    {
        "gongye-001.yaml": case_yaml(
            "2019-07-03", ("何十四", "园区宿舍1号"), "工业园区", "劳动社保", "加班费计算争议",
            "低", GUO, ("司法所", "吕强", "调解员"), "是", resolved=("2019-07-12", "调解"),
            note="已履行",
        ),
        "gongye-002.yaml": case_yaml(
            "2019-07-08", ("许十五", "园区宿舍4号"), "工业园区", "其他", "货车撞坏围墙赔偿", "低",
            GUO, ("司法所", "吕强", "调解员"), "否",
        ),
    },
)  # fmt: skip

LAYOUTS = [TUCHU, BAOBAO, WANGGE, SHESU, DENGJI, TIAOJIE]
