"""Chinese numerals: reading them (heading ordinals, counts, 两千, 一百零五) and writing them.

The one place that knows the numeral characters. Patterns that look for a numeral build their
character class from ``SMALL`` (一 .. 十, what heading ordinals and 一是/二是 enumerations use);
values come from ``value``/``ordinal``; counting numerals are written by ``counting``
(Word's chineseCounting, also the ordinal of a heading that is missing).

Readings (tests/test_numerals.py):

- counting numerals with units: 十五, 二十, 一百零五, 两千五, 一万零五百;
- 两 is 2 (两个方面, 两千);
- 〇 and 零 are 0, and stand for an empty place inside a number (一百〇五);
- a digit after the last unit without a 零 before it is the next lower place: 一百五 = 150;
- a string of digits without units (一二, 二〇二六) is not a counting numeral: ``None``.
"""

from __future__ import annotations

#: the characters of a small numeral, 一 .. 十: headings (一、 （二） 第三部分) and 一是/二是
SMALL_DIGITS = "一二三四五六七八九十"
#: a regex character class of them
SMALL = f"[{SMALL_DIGITS}]"

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_GROUPS = {"万": 10_000, "亿": 100_000_000}
_WRITE_DIGITS = "零一二三四五六七八九"
_WRITE_UNITS = ("", "十", "百", "千")
_WRITE_GROUPS = ("", "万", "亿", "兆")


class _Reading:
    """The state of reading a counting numeral from left to right."""

    def __init__(self) -> None:
        self.total = 0  # finished groups (…万, …亿)
        self.group = 0  # the current group below 万
        self.digit: int | None = None  # a digit waiting for its unit
        self.zero = False  # a 零 since the last unit: a final digit is the ones
        self.unit_cap = 10_000  # units inside a group only go down: 千 > 百 > 十
        self.group_cap = 10**12
        self.scale = 1  # the place of the last unit or group read

    def digit_char(self, d: int) -> bool:
        if self.digit:  # 二二: two digits without a unit between them
            return False
        if d == 0:
            self.zero = True
        self.digit = d
        return True

    def unit_char(self, unit: int, first: bool) -> bool:
        if unit >= self.unit_cap or self.digit == 0:
            return False  # 二十十, 零十
        if self.digit is None and (unit != 10 or not first):
            return False  # a bare 十 only opens a number (十五); 一百十 is written 一百一十, 百 一百
        self.group += (self.digit if self.digit is not None else 1) * unit
        self.digit, self.zero, self.unit_cap, self.scale = None, False, unit, unit
        return True

    def group_char(self, size: int) -> bool:
        value = self.group + (self.digit or 0)
        if size >= self.group_cap or not value:
            return False
        self.total += value * size
        self.group, self.digit, self.zero = 0, None, False
        self.unit_cap, self.group_cap, self.scale = 10_000, size, size
        return True

    def result(self) -> int:
        digit = self.digit or 0
        if digit and not self.zero and self.scale >= 100:
            digit *= self.scale // 10  # 一百五 = 150, 两千五 = 2500, 三万五 = 35000
        return self.total + self.group + digit


def counting_value(text: str) -> int | None:
    """The value of a counting numeral (十五, 二十, 一百零五, 两千, 三万五千), or None when
    ``text`` is not one (empty, a digit string such as 一二 or 二〇二六, 十十, other characters)."""
    if not text or (text[0] in "〇零" and len(text) > 1):
        return None  # 〇五: a digit string, not a count
    reading = _Reading()
    for i, ch in enumerate(text):
        if ch in _DIGITS:
            ok = reading.digit_char(_DIGITS[ch])
        elif ch in _UNITS:
            ok = reading.unit_char(_UNITS[ch], i == 0)
        elif ch in _GROUPS:
            ok = reading.group_char(_GROUPS[ch])
        else:
            ok = False
        if not ok:
            return None
    return reading.result()


def value(text: str) -> int | None:
    """Arabic digits (also full-width) or a counting numeral; None for anything else."""
    if text.isdigit():
        try:
            return int(text)
        except ValueError:  # ① and other digit-like characters int() does not read
            return None
    return counting_value(text)


def ordinal(text: str) -> int:
    """The number of a heading or enumeration marker (一, 十二, （3）): 0 when it is not one."""
    return value(text) or 0


def _below_10000(n: int) -> str:
    """一千零五, 三百二十, 十五 (a leading 一十 is said 十 only for the whole number)."""
    out, zero = "", False
    for power in (3, 2, 1, 0):
        digit = n // 10**power % 10
        if digit:
            if zero and out:
                out += "零"
            out += _WRITE_DIGITS[digit] + _WRITE_UNITS[power]
            zero = False
        else:
            zero = True
    return out


def counting(n: int) -> str:
    """A counting numeral for any integer (Word's chineseCounting): 五, 十五, 一百零五, 一千零一十, 一万零五百."""
    if n < 0:
        return "负" + counting(-n)
    if n == 0:
        return "零"
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    if len(groups) > len(_WRITE_GROUPS):
        return str(sum(g * 10000**i for i, g in enumerate(groups)))
    out = ""
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if not g:
            continue
        if out and (g < 1000 or groups[i + 1] == 0):
            out += "零"
        out += _below_10000(g) + _WRITE_GROUPS[i]
    if out.startswith("一十"):
        out = out[1:]
    return out.replace("零零", "零")
