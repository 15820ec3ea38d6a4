"""The gate holds against text written to slip past it: look-alike letters and digits,
invisible characters and separators inside a number, reported where they are written.

All numbers here are invented; those that need a check digit get it from python-stdnum.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.cn import ric

from complaints.check.privacy.fold import fold
from complaints.check.privacy.gate import Names, privacy_findings, scan_spans, scan_text
from complaints.load.safeyaml import parse

RIC = "11010519900307123" + ric.calc_check_digit("110105199003071230")
CARD = "622202100000000" + luhn.calc_check_digit("622202100000000")
ZWSP, ZWJ, SHY, BOM, NBSP, IDSP = "\u200b", "\u200d", "\u00ad", "\ufeff", "\u00a0", "\u3000"

# (text, what is written there, code): the hit must span exactly the written form.
EVASIONS = [
    ("电话１３９００００１１１１。", "１３９００００１１１１", "P101"),
    (f"call 139{ZWSP}0000{ZWSP}1111 now", f"139{ZWSP}0000{ZWSP}1111", "P101"),
    (f"call 139{SHY}0000{SHY}1111 now", f"139{SHY}0000{SHY}1111", "P101"),
    (f"call 1390000{BOM}1111 now", f"1390000{BOM}1111", "P101"),
    (f"call 139{NBSP}0000{NBSP}1111 now", f"139{NBSP}0000{NBSP}1111", "P101"),
    (f"电话139{IDSP}0000{IDSP}1111。", f"139{IDSP}0000{IDSP}1111", "P101"),
    ("call 139\u20130000\u20131111 now", "139\u20130000\u20131111", "P101"),  # en dashes
    ("call 139 - 0000 - 1111 now", "139 - 0000 - 1111", "P101"),
    ("call 𝟏𝟑𝟗𝟎𝟎𝟎𝟎𝟏𝟏𝟏𝟏 now", "𝟏𝟑𝟗𝟎𝟎𝟎𝟎𝟏𝟏𝟏𝟏", "P101"),  # mathematical bold digits
    ("call ١٣٩٠٠٠٠١١١١ now", "١٣٩٠٠٠٠١١١١", "P101"),  # Arabic-Indic digits
    ("mail lin.wei@exаmple.com ok", "lin.wei@exаmple.com", "P104"),  # Cyrillic а
    ("mail lіn@еxample.соm ok", "lіn@еxample.соm", "P104"),  # Cyrillic і, е, с, о
    ("mail ρaul@dοmain.org ok", "ρaul@dοmain.org", "P104"),  # Greek ρ, ο
    (f"mail lin{ZWJ}.wei@example.com ok", f"lin{ZWJ}.wei@example.com", "P104"),
    ("mail lin＠example.com ok", "lin＠example.com", "P104"),
    (f"ID {RIC[:6]}.{RIC[6:14]}.{RIC[14:]} ok", f"{RIC[:6]}.{RIC[6:14]}.{RIC[14:]}", "P102"),
    (f"ID {RIC[:6]}{NBSP}{RIC[6:14]}{IDSP}{RIC[14:]} ok", f"{RIC[:6]}{NBSP}{RIC[6:14]}{IDSP}{RIC[14:]}", "P102"),
    (f"ID {RIC[:9]}{ZWSP}{RIC[9:]} ok", f"{RIC[:9]}{ZWSP}{RIC[9:]}", "P102"),
    (f"ID {RIC} 13900001111", RIC, "P102"),  # an id running on into a phone number
    ("card " + ".".join(CARD[i:i + 4] for i in range(0, 16, 4)), ".".join(CARD[i:i + 4] for i in range(0, 16, 4)),
     "P105"),
]


@pytest.mark.parametrize(("text", "written", "code"), EVASIONS)
def test_disguised_data_is_found_where_it_is_written(text: str, written: str, code: str) -> None:
    hits = [(s, e, c) for s, e, c, _ in scan_spans(text)]
    start = text.index(written)
    assert (start, start + len(written), code) in hits


def test_a_disguised_hit_says_so_and_a_plain_one_does_not() -> None:
    [(_, _, _, plain)] = scan_spans("call 13900001111 now")
    [(_, _, _, hidden)] = scan_spans(f"call 139{ZWSP}00001111 now")
    assert "disguised" not in plain and "disguised" in hidden
    assert "139******11" in hidden  # masked, from the folded digits


# Text that reads like numbers or words but is none of the above.
QUIET = [
    "检测于2025.03.02-2025.04.05进行，复测2025.05.06。",  # dotted dates in a row
    "2025 2026 2027 2028 四年数据",
    "样品编号 BG-2026-00412，温度 23.5 ℃，湿度 45 %。",
    "二〇二五年三月，一三八份样品。",  # Chinese numerals stay Chinese
    "μg/kg 与 µg/kg 是同一单位。",
    "Ｃ-２０２６-０００７ 号投诉",  # a case id in full-width forms
    "Café résumé naïve — “quoted” … ok",
]


@pytest.mark.parametrize("text", QUIET)
def test_ordinary_text_stays_quiet(text: str) -> None:
    assert scan_text(text) == []


def test_markup_is_judged_as_written() -> None:
    """A browser runs only a real tag: full-width or look-alike brackets and letters are text."""
    assert scan_text("＜script＞ and <ѕсrірt>") == []
    assert [c for _, c, _ in scan_text("<script>x</script>")] == ["P106", "P106"]


def test_register_names_are_found_through_look_alikes_and_invisibles() -> None:
    names = Names(["Zhang Sanfeng", "欧阳明远"])
    text = f"Zhаng Sаnfeng 与 欧阳{ZWSP}明远 来电"  # Cyrillic а; a zero-width space in the name
    found = [(s, e) for s, e, c, _ in scan_spans(text, names) if c == "P107"]
    assert found == [(0, 13), (16, 21)]


def test_fold_keeps_chinese_text_as_it_is() -> None:
    text = "客户反映检测报告中样品编号与送检单不一致，担心结论对应错误的样品。"
    assert fold(text).text is text


def test_fold_maps_spans_back_over_dropped_and_expanded_characters() -> None:
    folded = fold(f"a{ZWSP}b ⑴ c")
    assert folded.text == "ab (1) c"
    assert folded.span(1, 2) == (2, 3)  # "b" after the dropped zero-width space
    assert folded.span(3, 6) == (4, 5)  # "(1)" is the one character ⑴
    assert folded.span(0, 2) == (0, 3)


def test_findings_point_at_the_hit_in_the_file() -> None:
    source = (
        "id: C-2026-0007\n"
        "title: 投诉\n"
        "summary: |\n"
        "  first line\n"
        f"  call 139{ZWSP}0000{ZWSP}1111 and mail lin@exаmple.com\n"
        "remedy_sought: \"again 13900001111\"\n"
    )
    found = privacy_findings(parse(source), "c.yaml", (), source)
    assert [(f.line, f.col, f.code) for f in found] == [
        (5, 8, "P101"), (5, 31, "P104"), (6, 23, "P101")]
    assert all("line 2 of the text" not in f.message for f in found)


def test_findings_fall_back_to_the_value_when_the_file_escapes_the_hit() -> None:
    source = 'id: C-2026-0007\nsummary: "call 139\\u200b00001111"\n'
    [f] = privacy_findings(parse(source), "c.yaml", (), source)
    assert (f.line, f.col, f.code) == (2, 10, "P101")


INVISIBLE = st.sampled_from([ZWSP, ZWJ, SHY, BOM, "\u2060", "\u200c", NBSP, IDSP, " "])


@given(st.lists(INVISIBLE, min_size=10, max_size=10))
@settings(max_examples=60, deadline=None)
def test_any_hidden_separators_inside_a_mobile_number_are_seen_through(cuts: list[str]) -> None:
    number = "13900001111"
    text = "请致电" + "".join(d + c for d, c in zip(number, [*cuts, ""], strict=True)) + "联系"
    hits = scan_spans(text)
    assert [c for _, _, c, _ in hits] == ["P101"]
    start, end = hits[0][0], hits[0][1]
    assert text[start] == "1" and text[end - 1] == "1"
