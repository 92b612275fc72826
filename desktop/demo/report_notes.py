"""The secretary's own words in the example branch's reports: 成效 / 问题 / 下一步 and assessments.

Written for the demo fortnight and for this week (what the 报表 page opens on), so the
work report and the cadre report print complete from the first try.
"""
from __future__ import annotations

import datetime as dt
import random

from ..models import Member
from ..reports.notes import CADRE, SUMMARY, set_report_text

SUMMARY_TEXTS = {
    "成效": "支部坚持每日例会和交接班制度，三个值守点24小时不断岗，实现了小区封控期间“零输入、零扩散”。"
            "党员带头认领独居老人、困难家庭包保任务，物资配送和送药做到当日需求当日办结，居民满意度明显提升。",
    "问题": "一是夜班人员偏紧，个别同志连续值守后休息不足；二是部分老年居民不会使用智能手机，扫码登记耗时较长；"
            "三是核酸采样点早高峰排队较长，秩序维护压力大。",
    "下一步": "一是优化排班，保证每名同志两班之间至少休息8小时；二是在各卡口设置纸质登记簿和代登记服务；"
              "三是分楼栋错峰采样，提前在楼栋群通知时间；四是继续落实每日例会，问题当日交办、次日反馈。",
}
ASSESSMENTS = (
    "服从安排，坚守卡口岗位，值守认真细致，多次主动顶替夜班。",
    "工作主动，熟悉包保楼栋情况，对独居老人和困难家庭照顾周到，群众评价好。",
    "责任心强，物资配送及时准确，交接班记录清楚完整。",
    "作为党员带头承担急难险重任务，积极参加支部组织生活，发挥了先锋模范作用。",
    "适应快，能按要求完成核酸采样秩序维护和信息录入工作，今后需进一步熟悉小区情况。",
)


def build_report_notes(rng: random.Random, today: dt.date, members: list[Member]) -> int:
    """Write the texts; returns how many were written."""
    monday = today - dt.timedelta(days=today.weekday())
    periods = {(today - dt.timedelta(days=13), today), (monday, monday + dt.timedelta(days=6))}
    written = 0
    for start, end in sorted(periods):
        for section, text in SUMMARY_TEXTS.items():
            set_report_text(SUMMARY, start, end, section, text)
            written += 1
        for member in members:
            if member.departed_on is None or member.departed_on >= start:
                set_report_text(CADRE, start, end, "评价", rng.choice(ASSESSMENTS), member_id=member.id)
                written += 1
    return written
