"""Labels of generated pages in Chinese and English, and number formatting.

Policy codes (states, categories, ...) take their labels from the policy;
this table holds only the words of the pages themselves.
"""

from __future__ import annotations

LANGS = ("zh", "en")
OTHER = {"zh": "en", "en": "zh"}

LABELS: dict[str, tuple[str, str]] = {  # key: (zh, en)
    "site": ("投诉公开", "Complaints in the open"),
    "home": ("首页", "Home"),
    "cases": ("案件", "Cases"),
    "case": ("案件", "Case"),
    "statistics": ("统计", "Statistics"),
    "published": ("投诉数据公示", "Published complaint data"),
    "reports": ("年度报告", "Annual reports"),
    "report_year": ("{year} 年度投诉分析报告", "Complaints report {year}"),
    "actions": ("改进措施", "Improvement actions"),
    "verify": ("如何核验", "How to verify"),
    "workflow": ("处理步骤与时限", "Steps and time limits"),
    "open_data": ("开放数据", "Open data"),
    "key_figures": ("关键数字", "Key figures"),
    "open_cases": ("在办案件", "Open cases"),
    "received_year": ("{year} 年收到", "Received in {year}"),
    "median_close": ("结案天数中位数", "Median days to close"),
    "on_time": ("按时结案比例", "Closed on time"),
    "upheld_share": ("投诉成立比例（含部分成立）", "Upheld (incl. partly upheld)"),
    "satisfaction": ("满意度", "Satisfaction"),
    "mean_score": ("平均评分（1–5）", "Mean score (1–5)"),
    "latest": ("最新动态", "Latest changes"),
    "all_cases": ("全部案件", "All cases"),
    "filter": ("筛选案件", "Filter cases"),
    "title": ("标题", "Title"),
    "status": ("状态", "Status"),
    "category": ("类别", "Category"),
    "channel": ("渠道", "Channel"),
    "severity": ("严重程度", "Severity"),
    "kind": ("类型", "Kind"),
    "received": ("收到日期", "Received"),
    "days": ("天数", "Days"),
    "age_note": ("在办案件为已办天数，已结案件为结案用时。",
                 "Days open so far for open cases; days to close for closed ones."),
    "find_note": ("要查找某个案件，请在筛选框中输入案件编号，或标题、状态、类别中的词语"
                  "（站内搜索不含案件页）。",
                  "To find a case, type its number, or a word of its title, status or category, "
                  "in the filter box (the site search leaves case pages out)."),
    "summary": ("投诉内容", "Summary"),
    "remedy_sought": ("投诉人诉求", "Remedy sought"),
    "timeline": ("处理过程", "Timeline"),
    "date": ("日期", "Date"),
    "step": ("步骤", "Step"),
    "role": ("角色", "Role"),
    "note": ("说明", "Note"),
    "commit": ("提交", "Commit"),
    "deadlines": ("时限", "Deadlines"),
    "clock": ("时限项目", "Clock"),
    "limit": ("时限", "Limit"),
    "due": ("截止日期", "Due"),
    "stopped": ("完成时间", "Done"),
    "outcome": ("结果", "Outcome"),
    "met": ("按时", "Met"),
    "missed": ("超时", "Missed"),
    "running": ("进行中", "Running"),
    "overdue": ("已逾期", "Overdue"),
    "paused": ("已中止计时", "Paused"),
    "expired": ("期限已过", "Window closed"),
    "estimated": ("（估算）", " (estimated)"),
    "paused_days": ("中止 {n} 日", "paused {n} days"),
    "working_days": ("{n} 个工作日", "{n} working days"),
    "calendar_days": ("{n} 日", "{n} days"),
    "months": ("{n} 个月", "{n} months"),
    "decision": ("处理结论", "Decision"),
    "finding": ("结论", "Finding"),
    "findings": ("处理结论", "Findings"),
    "remedies": ("处理措施", "Remedies"),
    "rationale": ("理由", "Rationale"),
    "decline": ("不予受理理由", "Ground for not accepting"),
    "referral": ("转交机构", "Referred to"),
    "response": ("答复", "Response"),
    "appeal": ("申诉", "Appeal"),
    "appeal_outcome": ("复核结果", "Review outcome"),
    "original_upheld": ("维持原处理结论", "Original decision upheld"),
    "revised": ("改变原处理结论", "Decision revised"),
    "pending": ("待复核", "Pending"),
    "grounds": ("申诉理由", "Grounds"),
    "accepted_outcome": ("投诉人接受处理结果", "Complainant accepts the outcome"),
    "score": ("评分", "Score"),
    "yes": ("是", "Yes"),
    "no": ("否", "No"),
    "none": ("无", "None"),
    "back": ("返回案件列表", "Back to all cases"),
    "intake": ("登记", "Intake"),
    "imported": ("（导入）", "(imported)"),
    "action": ("措施", "Action"),
    "action_kind": ("类型", "Type"),
    "description": ("内容", "Description"),
    "owner": ("负责", "Owner"),
    "state": ("状态", "State"),
    "corrective": ("纠正措施", "Corrective"),
    "preventive": ("预防措施", "Preventive"),
    "open": ("进行中", "Open"),
    "done": ("已完成", "Done"),
    "verified": ("已验证有效", "Verified effective"),
    "month": ("月份", "Month"),
    "count": ("数量", "Count"),
    "share": ("比例", "Share"),
    "per_month": ("每月收到的投诉", "Complaints received per month"),
    "by_category": ("按类别", "By category"),
    "by_channel": ("按渠道", "By channel"),
    "by_status": ("按状态", "By status"),
    "times": ("处理用时（天，中位数）", "Time taken (days, median)"),
    "to_close": ("收到至结案", "Received to closed"),
    "on_time_clock": ("各项时限按时比例", "On-time share per clock"),
    "appeals_reopen": ("申诉与重新开启", "Appeals and reopenings"),
    "appeals_lodged": ("提出申诉", "Appeals lodged"),
    "reopenings": ("重新开启", "Reopenings"),
    "answers": ("回访答复数", "Follow-up answers"),
    "period": ("期间", "Period"),
    "opened": ("收到", "Opened"),
    "closed": ("办结", "Closed"),
    "closed_3wd": ("3 个工作日内办结", "Closed within 3 working days"),
    "closed_deadline": ("在时限内办结", "Closed within the deadline"),
    "main_causes": ("主要原因（按类别）", "Main causes (by category)"),
    "no_data": ("暂无数据。", "No data yet."),
    "commentary": ("分析与说明", "Commentary"),
    "head_commit": ("本站构建所依据的提交", "Commit this site was built from"),
    "not_git": ("（构建时不在 Git 仓库中）", "(not built from a Git repository)"),
    "as_of": ("数据截至 {date}。", "Figures as of {date}."),
    "language": ("English", "中文"),  # the link to the other language
    "from": ("从状态", "From"),
    "to": ("进入状态", "To"),
    "starts": ("起算（进入该状态时）", "Starts on entering"),
    "data_file": ("文件", "File"),
    "data_schema": ("说明（JSON Schema）", "Schema"),
    "feed": ("状态变化订阅（Atom）", "Feed of status changes (Atom)"),
}


def t(key: str, lang: str, **values: object) -> str:
    zh, en = LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def num(value: float | int | None) -> str:
    if value is None:
        return "—"
    return str(value) if isinstance(value, int) else f"{value:.1f}"
