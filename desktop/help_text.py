"""帮助 → 使用指南: the daily routine and the keyboard shortcuts, in Chinese (HTML for a text view).

Kept as plain text here (no Qt) so the guide is written in one place and tests can read it.
"""
from __future__ import annotations

FIRST_START = (
    ("填写支部信息", "设置 → 支部信息：支部名称、所在小区、社区、上级党组织。报表标题和落款都用它。"),
    ("建花名册", "花名册 → 导入…（Excel 花名册，先预览再导入），或“新增成员”（Ctrl+N）逐个录入。"),
    ("设置值班岗位", "值班排班 → 卡口和班次（如三班倒 08:00–16:00–24:00–08:00），再“自动排班…”（Ctrl+G）。"),
)

DAILY_ROUTINE = (
    ("交班前开会", "会议记录 → 开会（Ctrl+M）。出席：点名字标记缺席；发言：输入后按 Enter；"
                   "Ctrl+D 设为决议、Ctrl+T 设为待办（输入行为空时作用于选中的一行）；散会后“定稿”。"),
    ("值班与交接", "值班排班：看今天谁在岗；有人请假时在“请假/不可值班”里登记再调整；每班结束填写交接班记录（Ctrl+J）。"),
    ("收包保日记", "包保日记：按成员和日期录入，或把微信里的文字“粘贴导入”（Ctrl+Shift+V），导入前先预览。"),
    ("看概览", "概览：今日值班、未完成的待办、昨天谁没写日记、花名册待完善。"),
    ("每周出报表", "报表：选类型和日期，生成预览（Ctrl+Enter）后保存 PDF 或打印。"),
    ("删错了", "误删或误改：按 Ctrl+Z 或提示条上的“撤销”即可恢复（本次打开期间，每页分别撤销）。"
               "已定稿的会议记录删除时须填写原因，并留存记录。"),
)

SHORTCUTS = (
    ("全局", (("Ctrl+1 … Ctrl+7", "切换页面：概览、花名册、会议记录、值班排班、包保日记、报表、设置"),
              ("Ctrl+Z", "撤销本页上一次删除或修改"), ("Ctrl+Q", "退出"))),
    ("花名册", (("Ctrl+F", "查找"), ("Ctrl+N", "新增成员"), ("Enter", "编辑选中的成员"),
                ("Delete", "删除误录入的成员"))),
    ("会议记录", (("Ctrl+M", "开会（今天已有则重新打开）"), ("Ctrl+F", "查找会议"),
                  ("Enter", "打开选中的会议"), ("Delete", "删除误建的会议"))),
    ("开会时", (("Enter", "记录一行发言"), ("@ 或 Ctrl+K", "选发言人"), ("Tab", "换最近的发言人"),
                ("Ctrl+D / Ctrl+T", "设为决议 / 待办"), ("Ctrl+L", "回到输入行"),
                ("Ctrl+Shift+F", "定稿"), ("Alt+←", "返回会议列表"), ("W / J", "以往待办：完成 / 结转"))),
    ("值班排班", (("Ctrl+G", "自动排班"), ("Ctrl+T", "交换选中两格"), ("Ctrl+L", "固定/取消固定"),
                  ("Ctrl+J", "交接班记录"), ("F5", "刷新"))),
    ("包保日记", (("Ctrl+F", "查找日记"), ("Ctrl+Shift+V", "粘贴导入"), ("Alt+↑ / Alt+↓", "上一位 / 下一位成员"),
                  ("Alt+← / Alt+→", "前一天 / 后一天"))),
    ("报表", (("Ctrl+Enter", "生成预览"), ("Esc", "取消生成"))),
    ("设置", (("Ctrl+S", "保存支部信息"),)),
)


def guide_html() -> str:
    """The whole guide as simple HTML (headings, numbered steps, a shortcut table)."""
    def steps(items) -> str:
        return "<ol>" + "".join(f"<li><b>{title}</b>：{text}</li>" for title, text in items) + "</ol>"

    rows = []
    for area, keys in SHORTCUTS:
        for i, (key, text) in enumerate(keys):
            head = f"<td rowspan='{len(keys)}' valign='top'><b>{area}</b></td>" if i == 0 else ""
            rows.append(f"<tr>{head}<td><code>{key}</code></td><td>{text}</td></tr>")
    return (
        "<h2>支部工作台使用指南</h2>"
        "<h3>第一次使用</h3>" + steps(FIRST_START)
        + "<h3>每天的工作</h3>" + steps(DAILY_ROUTINE)
        + "<h3>快捷键</h3><table cellspacing='0' cellpadding='4' border='1' style='border-collapse:collapse'>"
        + "".join(rows) + "</table>"
        "<p>所有内容输入后自动保存；每次打开时自动备份（设置 → 数据安全 可以查看和恢复备份）。</p>"
    )
