"""The written definition of every published figure: one place, shown where it is published.

Each definition names its population (which cases), what is counted, and the
time basis (which date puts a case in a period). Rounding is one rule for all
(ROUNDING). Where a regulator publishes the same figure, its form is followed:
the UK FCA's complaints data (DISP 1.10A: opened, closed, closed within three
business days, closed within the deadline, upheld over closed complaints with
partly upheld counted as upheld, main causes) and China's Order 121 Art. 38.
"""

from __future__ import annotations

from dataclasses import dataclass

Text = dict[str, str]


@dataclass(frozen=True)
class Definition:
    name: str
    label: Text
    population: Text  # which cases
    counts: Text  # what is counted among them
    basis: Text  # the date that places a case in a period

    def text(self, lang: str) -> str:
        return f"{self.population[lang]} {self.counts[lang]} {self.basis[lang]}"


ROUNDING = {
    "zh": "比例按精确分数四舍五入到 0.1 个百分点（开放数据中为保留三位小数的分数）；"
          "天数为机构时区的日历日之差，中位数保留一位小数；计数为精确值。",
    "en": "Shares are the exact fraction rounded half up to 0.1 percentage point (in the open "
          "data, a fraction with three decimals); days are calendar days between dates in the "
          "organization's time zone, medians to one decimal; counts are exact.",
}
PERIODS = {
    "zh": "已结束的期间按其最后一日结束时的记录计算，此后不再变化；当前期间按生成日计算，标注为“暂定”。",
    "en": "A period that has ended is computed from the record as it stood at the end of its last "
          "day and never changes afterwards; the current period is computed as of the build day "
          "and marked provisional.",
}
_RECEIVED = {"zh": "以收到日期计入期间。", "en": "Placed in the period by the date received."}
_CLOSED_BASIS = {"zh": "以结案日期（最后一次进入“已结案”）计入期间，且期末仍为已结案。",
                 "en": "Placed in the period by the day it was closed (last entered the closed "
                       "state), if still closed at the period's end."}
_CLOSED = {"zh": "期间内办结（处理后结案）的投诉。", "en": "Complaints closed after handling in the period."}


def _d(name: str, label: tuple[str, str], population: tuple[str, str], counts: tuple[str, str],
       basis: Text) -> Definition:
    def text(pair: tuple[str, str]) -> Text:
        return {"zh": pair[0], "en": pair[1]}
    return Definition(name, text(label), text(population), text(counts), basis)


DEFINITIONS: dict[str, Definition] = {d.name: d for d in [
    _d("received", ("收到", "Received"), ("期间内收到的全部投诉。", "All complaints received in the period."),
       ("计数。", "Their number."), _RECEIVED),
    _d("closed", ("办结", "Closed after handling"), (_CLOSED["zh"], _CLOSED["en"]),
       ("计数；不含不予受理、转交和撤回。", "Their number; not accepted, referred and withdrawn "
        "complaints are counted apart."), _CLOSED_BASIS),
    _d("ended_without_decision", ("未经处理结论而终结", "Ended without a decision"),
       ("期间内进入不予受理、已转交或已撤回状态、期末仍处于该状态的投诉。",
        "Complaints that entered a final state other than closed (not accepted, referred, "
        "withdrawn) in the period and were still in it at the period's end."),
       ("按终结状态分别计数。", "Their number, by final state."),
       {"zh": "以进入该状态的日期计入期间。", "en": "Placed in the period by the day that state was entered."}),
    _d("open_at_end", ("期末未结", "Open at the period's end"),
       ("期末前收到、期末尚未进入任何终结状态的投诉。",
        "Complaints received by the period's end and not in a final state at its end."),
       ("计数。", "Their number."), {"zh": "以期末为准。", "en": "As at the period's end."}),
    _d("closed_within_3_working_days", ("3 个工作日内办结", "Closed within 3 working days"),
       (_CLOSED["zh"], _CLOSED["en"]),
       ("其中结案日期不晚于收到后第 3 个工作日者的数量及比例（工作日按政策的官方日历）。",
        "The number and share closed by the end of the third working day after the day received "
        "(working days from the policy's official calendar)."), _CLOSED_BASIS),
    _d("closed_within_deadline", ("按时办结", "Closed within the deadlines"),
       (_CLOSED["zh"], _CLOSED["en"]),
       ("其中所有时限（告知、受理、处理、申诉复核等政策规定的时限）均未超期者的数量及比例；"
        "重新开启的案件以最后一次答复计。",
        "The number and share for which no deadline of the policy (acknowledgement, acceptance, "
        "resolution, appeal review...) was missed; a reopened case counts by its final response."),
       _CLOSED_BASIS),
    _d("median_days_to_close", ("结案天数中位数", "Median days to close"), (_CLOSED["zh"], _CLOSED["en"]),
       ("从收到日期到结案日期的日历天数的中位数。", "The median of calendar days from the day "
        "received to the day closed."), _CLOSED_BASIS),
    _d("upheld_first", ("首次结论成立", "Upheld at first decision"), (_CLOSED["zh"], _CLOSED["en"]),
       ("其首次经批准的结论为成立或部分成立者的数量及比例（部分成立计为成立；仅提出未批准、"
        "已退回的意见不计）。", "The number and share whose first approved finding was upheld or "
        "partly upheld (partly upheld counts as upheld; a proposal not approved, or sent back, "
        "is not a finding)."), _CLOSED_BASIS),
    _d("upheld_final", ("最终结论成立", "Upheld, final"), (_CLOSED["zh"], _CLOSED["en"]),
       ("其期末有效的结论（申诉复核改变结论的，按改变后的结论）为成立或部分成立者的数量及比例。",
        "The number and share whose finding standing at the period's end (after any appeal "
        "that revised it) was upheld or partly upheld (partly upheld counts as upheld)."), _CLOSED_BASIS),
    _d("findings", ("处理结论", "Findings"), (_CLOSED["zh"], _CLOSED["en"]),
       ("按首次结论和最终结论分别计数。", "Their number by finding, first and final."), _CLOSED_BASIS),
    _d("by_category", ("按类别", "By category"), ("期间内收到的全部投诉。", "All complaints "
       "received in the period."), ("按类别计数；数量最多的三类为主要原因。", "Their number by "
       "category; the three largest are the main causes."), _RECEIVED),
    _d("by_channel", ("按渠道", "By channel"), ("期间内收到的全部投诉。", "All complaints "
       "received in the period."), ("按收到渠道计数。", "Their number by channel."), _RECEIVED),
    _d("clocks", ("各项时限", "Each deadline"), ("期间内停止的时限，以及期末已超期仍未停止的时限。",
       "Deadline clocks that stopped in the period, and those overdue and still running at "
       "its end."), ("按期完成、超期完成、超期未完成的数量，按期比例（按期/三者之和），"
       "已停止时限所用日历天数的中位数（含暂停天数），以及暂停（等待材料、检测鉴定）的总天数；"
       "仅计本机构的时限，不含投诉人的期限。", "The number met, missed and overdue, the share met "
       "(met over all three), the median calendar days of the clocks that stopped (paused days "
       "included) and the days they stood paused (waiting for materials, testing), in total; "
       "only the organization's own deadlines, not a complainant's window."),
       {"zh": "以时限停止日期（或期末）计入期间。", "en": "Placed in the period by the day the clock "
        "stopped (or the period's end)."}),
    _d("satisfaction", ("回访满意度", "Satisfaction at follow-up"), ("期间内记录的全部回访答复。",
       "Every follow-up answer recorded in the period."), ("答复数、接受处理结果的数量及比例、"
       "各评分的数量及平均分（保留两位小数）。", "The number of answers, the number and share "
       "accepting the outcome, the number of each score and the mean score (two decimals)."),
       {"zh": "以答复记录日期计入期间。", "en": "Placed in the period by the day the answer was recorded."}),
    _d("appeals", ("申诉", "Appeals"), ("期间内提出的申诉。", "Appeals lodged in the period."),
       ("按期末结果计数：改变原结论、维持原结论、撤回、待复核。", "Their number by outcome at "
        "the period's end: revised, original upheld, withdrawn, pending."),
       {"zh": "以申诉提出日期计入期间。", "en": "Placed in the period by the day lodged."}),
    _d("reopenings", ("重新开启", "Reopenings"), ("期间内重新开启已结案投诉的步骤。",
       "Steps that reopened a closed complaint in the period."), ("计数。", "Their number."),
       {"zh": "以该步骤的日期计入期间。", "en": "Placed in the period by the day of the step."}),
    _d("actions", ("纠正和预防措施", "Corrective and preventive actions"), (_CLOSED["zh"], _CLOSED["en"]),
       ("其处理结论所附措施按类型计数（措施的当前进展见措施页面）。", "The actions attached to their "
        "decisions, by kind (their current progress is on the actions page)."), _CLOSED_BASIS),
]}
