"""Chinese numerals (shuzhi_lint.numerals), and the places that read or write them."""

from __future__ import annotations

import pytest

from shuzhi_lint.checks.figures import to_number
from shuzhi_lint.checks.structure import number_text
from shuzhi_lint.numerals import counting, counting_value, ordinal, value


@pytest.mark.parametrize(
    "text,expected",
    [
        ("一", 1), ("十", 10), ("十五", 15), ("二十", 20), ("一十", 10), ("三十五", 35), ("九十九", 99),
        ("两", 2), ("两千", 2000), ("十两", 12),  # 两 is 2 (callers used to replace it by 二 first)
        ("零", 0), ("〇", 0),
        ("一百零五", 105), ("一百〇五", 105), ("一千零一十", 1010), ("三百二十", 320),
        ("一百五", 150), ("两千五", 2500), ("三万五", 35000),  # a digit after the last unit is the next place
        ("一万零五百", 10500), ("十五万", 150000), ("一亿零二万", 100020000),
        # not counting numerals
        ("", None), ("一二", None), ("二〇二六", None), ("〇五", None), ("十十", None), ("二十十", None),
        ("十二三", None), ("零十", None), ("一百十", None), ("百", None), ("万", None), ("五个", None), ("12", None),
    ],
)
def test_counting_value(text, expected):
    assert counting_value(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("12", 12), ("１２", 12), ("①", None), ("三", 3), ("两", 2), ("一二", None), ("x", None)],
)
def test_value(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    # a heading or enumeration marker that is not a numeral has number 0. The old reader gave
    # ill-formed ones a value (十十 = 20, 十二三 = 10); now they are 0 like any non-numeral.
    [("一", 1), ("十二", 12), ("3", 3), ("十十", 0), ("十二三", 0), ("一二", 0), ("", 0)],
)
def test_ordinal(text, expected):
    assert ordinal(text) == expected


@pytest.mark.parametrize(
    "n,expected",
    [
        (0, "零"), (5, "五"), (10, "十"), (15, "十五"), (20, "二十"), (99, "九十九"), (100, "一百"),
        (105, "一百零五"), (110, "一百一十"), (1010, "一千零一十"), (10500, "一万零五百"), (-3, "负三"),
    ],
)
def test_counting(n, expected):
    assert counting(n) == expected


def test_counting_reads_back():
    assert all(counting_value(counting(n)) == n for n in range(0, 20000))


@pytest.mark.parametrize(
    "level,n,expected",
    # the missing heading a numbering message names; 100 was written 十十 before
    [(1, 1, "一、"), (1, 10, "十、"), (2, 12, "（十二）"), (2, 21, "（二十一）"), (1, 100, "一百、"), (3, 4, "4."), (4, 7, "（7）")],
)
def test_number_text(level, n, expected):
    assert number_text(level, n) == expected


@pytest.mark.parametrize(
    "text,expected",
    [("1,200", 1200.0), ("3.5", 3.5), ("两", 2.0), ("十二", 12.0), ("零", None), ("一二", None)],
)
def test_to_number(text, expected):
    assert to_number(text) == expected
