"""The privacy gate: what it must find, exactly where, and what it must leave alone.

All numbers here are invented. Those that need a check digit get it computed
from python-stdnum, so no real person's number is written down.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import iban, luhn
from stdnum.cn import ric, uscc

from complaints.check.privacy.gate import Names, privacy_findings, public_text_fields, scan_case, scan_text
from complaints.load.safeyaml import parse


def _ric(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


def _card(body: str) -> str:
    return body + luhn.calc_check_digit(body)


RIC = _ric("11010519900307123")  # Beijing, born 1990-03-07, invented sequence
RIC_X = next(r for r in (_ric(f"31011520010101{n:03d}") for n in range(200)) if r.endswith("X"))
RIC_BAD = RIC[:-1] + ("0" if RIC[-1] != "0" else "1")
CARD16 = _card("622202100000000")  # UnionPay-shaped, Luhn-valid, invented
CARD19 = _card("623456000011112222")
CARD_BAD = CARD16[:-1] + str((int(CARD16[-1]) + 1) % 10)
USCC_PERSON = "92110105MA0000000" + uscc.calc_check_digit("92110105MA0000000")
USCC_FIRM = "91110105MA0000000" + uscc.calc_check_digit("91110105MA0000000")
IBAN = f"DE{iban.calc_check_digits('DE00370400440000000001')}370400440000000001"
IBAN_SPACED = " ".join(IBAN[i : i + 4] for i in range(0, len(IBAN), 4))
EAN13 = "6901234567892"  # a product barcode: Luhn-valid by chance, EAN-valid by design


def spaced(number: str) -> str:
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


# (text, [(needle, code), ...]): each hit is expected at text.index(needle).
POSITIVE: list[tuple[str, list[tuple[str, str]]]] = [
    ("请致电13900001111联系", [("13900001111", "P101")]),
    ("手机 139 0000 1111。", [("139 0000 1111", "P101")]),
    ("Call +86 139-0000-1111 today", [("+86 139-0000-1111", "P101")]),
    ("座机010-88889999转总机", [("010-88889999", "P101")]),
    ("office (0755) 8888 6666", [("(0755) 8888 6666", "P101")]),
    ("UK line +44 20 7946 0958 please", [("+44 20 7946 0958", "P101")]),
    ("via 0086 139 0000 1111", [("0086 139 0000 1111", "P101")]),
    ("全角１３９００００１１１１号码", [("１３９００００１１１１", "P101")]),
    (f"身份证号{RIC}。", [(RIC, "P102")]),
    (f"ID {RIC_X.lower()} noted", [(RIC_X.lower(), "P102")]),
    (f"证件 {RIC[:6]} {RIC[6:14]} {RIC[14:]}", [(RIC[:6], "P102")]),
    (f"个体户代码{USCC_PERSON}", [(USCC_PERSON, "P103")]),
    ("HKID A123456(3) on file", [("A123456(3)", "P103")]),
    ("TW A123456789 on file", [("A123456789", "P103")]),
    ("write to zhang.san@example.com now", [("zhang.san@example.com", "P104")]),
    ("邮箱：Test_1+x@mail.example.org。", [("Test_1+x@mail.example.org", "P104")]),
    (f"卡号{CARD16}", [(CARD16, "P105")]),
    (f"card {spaced(CARD19)} thanks", [(spaced(CARD19), "P105")]),
    (f"refund to {IBAN_SPACED}.", [(IBAN_SPACED, "P105")]),
    ("<script>alert(1)</script>", [("<script>", "P106"), ("</script>", "P106")]),
    ("see <img src=x onerror=alert(1)>", [("<img", "P106"), ("onerror", "P106")]),
    ("a <iframe src='x'", [("<iframe", "P106")]),
    ("<b>bold</b>", [("<b>", "P106"), ("</b>", "P106")]),
    ("click [here](javascript:alert(1))", [("javascript:", "P106")]),
    ("x onmouseover = steal()", [("onmouseover", "P106")]),
    ("data:text/html;base64,AAAA", [("data:text/html", "P106")]),
    ("note <!-- hidden -->", [("<!--", "P106")]),
    ("x <a", [("<a", "P106")]),
    # several kinds at once, in offset order
    (f"13900001111 / a@b.cn / {CARD16} <p>",
     [("13900001111", "P101"), ("a@b.cn", "P104"), (CARD16, "P105"), ("<p>", "P106")]),
]

NEGATIVE: list[str] = [
    "Case C-2026-0007 follows C-2025-0123.",
    "Action A-2026-001 and A-2025-000123 are open.",
    "Complainant R-7F3A9C and R-00AB12CD34",
    "Report BG-2025-00123 dated 2025-03-14",
    "报告编号 BG-2025-00123 于 2025-03-14 签发",
    "2026-03-14T09:30:00+08:00",
    "20260314093000",
    "样品于2025年3月14日 09:30 送达",
    "a < b and c > d",
    "Lead below <5% of the limit; pH<7",
    "金额 1,280 元，另 12,800.00 元",
    "共计 1 280 000 元",
    "standards GB/T 27025-2019, ISO/IEC 17025:2017, GB 2762-2022",
    "reference 12315-2026-001234",
    "report 2025001234 and sample 2025031201",
    "批号 20250314-01, invoice No. 00012345",
    "value 3.1415926 and 0.00123456 mg/kg",
    "hotline 400-123-4567 or 800-810-8888",
    "short code 95588 and 12315",
    f"bar code {EAN13}",
    f"checksum off: {RIC_BAD}",
    f"checksum off: {CARD_BAD}",
    f"a company's credit code {USCC_FIRM} is public",
    "HKID-shaped but wrong A123456(4), TW-shaped but wrong A123456788",
    "ISBN 978-7-111-12345-6",
    "<https://example.org/complaints> and http://example.org/a?b=1&c=2",
    "online = yes; the one=two; onboarding=done",
    "someone at example dot com",
    "12:30-13:45, Room 1203, 12/F",
    "发票代码 044031900111 号码 12345678, No. 0012345678, order 1100194130",
    "lot 0203-2025-0001; GB 4789.2-2022 and GB 5009.12-2017; ratio 0.05/0.10/0.20 mg",
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=range(len(POSITIVE)))
def test_finds(text: str, expected: list[tuple[str, str]]) -> None:
    hits = scan_text(text)
    assert [(offset, code) for offset, code, _ in hits] == [
        (text.index(needle), code) for needle, code in expected
    ]


@pytest.mark.parametrize("text", NEGATIVE)
def test_leaves_alone(text: str) -> None:
    assert scan_text(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [("tel 13900001111", "13900001111"), (f"id {RIC}", RIC), (f"card {CARD16}", CARD16),
     ("mail zhang.san@example.com", "zhang.san"), ("name 张三丰 here", "张三丰")],
)
def test_details_are_masked(text: str, secret: str) -> None:
    [(_, _, detail)] = scan_text(text, Names(["张三丰"]))
    assert secret not in detail
    assert "*" in detail


def test_register_names() -> None:
    names = Names(["张三丰", "Zhang  Sanfeng", "Li", "X", " "])
    assert "x" not in names and "li" in names  # too-short entries are dropped
    text = "张三丰说 ZHANG SANFENG and li; policy and Lisa are not names"
    assert [(o, c) for o, c, _ in scan_text(text, names)] == [
        (0, "P107"), (text.index("ZHANG"), "P107"), (text.index("li;"), "P107"),
    ]
    # a plain list works too, and gives the same answer
    assert scan_text(text, ["张三丰", "Zhang Sanfeng", "Li"]) == scan_text(text, names)
    assert scan_text(text) == []


CASE: dict[str, Any] = {
    "id": "C-2026-0007",
    "title": "Late report",
    "received": "2026-01-05T09:00:00+08:00",
    "channel": "email",
    "summary": "Call me on 13900001111",
    "complainant": "R-7F3A9C",
    "subject": {"unit": "Lab <b>2</b>", "staff": ["s-zhou"], "report": "BG-2025-00123"},
    "history": [
        {"at": "2026-01-05T09:00:00+08:00", "step": "intake", "to": "received", "actor": "s-zhao"},
        {"at": "2026-01-06T09:00:00+08:00", "step": "acknowledge", "from": "received",
         "to": "acknowledged", "actor": "s-zhao", "note": "mail a@b.cn"},
    ],
    "decision": {"finding": "upheld", "remedies": ["retest"], "rationale": "ok"},
    "actions": [{"id": "A-2026-001", "kind": "corrective", "description": "fix",
                 "owner": "s-li", "state": "open"}],
}


def test_public_text_fields_skip_codes_ids_and_times() -> None:
    assert [p for p, _ in public_text_fields(CASE)] == [
        ("title",), ("summary",), ("subject", "unit"), ("subject", "report"),
        ("history", 1, "note"), ("decision", "rationale"),
        ("actions", 0, "description"), ("actions", 0, "owner"),
    ]


def test_scan_case_equals_field_by_field() -> None:
    fields = dict(public_text_fields(CASE))
    by_field = [(p, o, c, d) for p, t in fields.items() for o, c, d in scan_text(t)]
    assert sorted(scan_case(CASE)) == sorted(by_field)
    assert [(p, c) for p, _, c, _ in scan_case(CASE)] == [
        (("summary",), "P101"), (("subject", "unit"), "P106"), (("subject", "unit"), "P106"),
        (("history", 1, "note"), "P104"),
    ]


def test_nothing_crosses_field_boundaries() -> None:
    # each half is harmless; joined they would read as a tag, a number or a name
    case = {"title": "x <b", "summary": "c> 139 0000", "remedy_sought": "1111 Zhang",
            "subject": {"unit": "Sanfeng"}}
    assert scan_case(case, Names(["Zhang Sanfeng"])) == []


def test_findings_name_the_line() -> None:
    doc = parse(
        "id: C-2026-0007\n"
        "title: Late report\n"
        "summary: |\n"
        "  first line\n"
        "  mail a@b.cn\n"
    )
    [f] = privacy_findings(doc, "cases/2026/C-2026-0007.yaml", ())
    assert (f.line, f.col, f.code) == (3, 10, "P104")
    assert "summary, line 2 of the text" in f.message and "a@b.cn" not in f.message


SNIPPETS = [text for text, _ in POSITIVE] + NEGATIVE


@given(st.lists(st.sampled_from(SNIPPETS) | st.text(max_size=30), min_size=1, max_size=6))
@settings(max_examples=150, deadline=None)
def test_joined_scan_matches_each_field(texts: list[str]) -> None:
    case = {"history": [{"note": t} for t in texts]}
    by_field = [(("history", i, "note"), o, c, d)
                for i, t in enumerate(texts) for o, c, d in scan_text(t)]
    assert sorted(scan_case(case)) == sorted(by_field)
    for pointer, offset, _, _ in by_field:
        assert 0 <= offset < len(texts[int(pointer[1])])
