"""The axis-value parser of the guidance grid: every accepted form, and messages for the rest."""

import pytest

from playground.ranges import RangeError, parse_values


@pytest.mark.parametrize(
    "text,expected",
    [
        ("0, 1, 2.5", [0, 1, 2.5]),
        ("0 1   2", [0, 1, 2]),
        ("3", [3]),
        ("0-8 (+2)", [0, 2, 4, 6, 8]),
        ("0-7 (+2)", [0, 2, 4, 6]),  # the end is included only when a step lands on it
        ("1.5-3 (+0.5)", [1.5, 2, 2.5, 3]),
        (" 0 - 8 [5] ", [0, 2, 4, 6, 8]),
        ("0-1 [3]", [0, 0.5, 1]),
        ("2-2 [1]", [2]),
        ("0-0.3 (+0.1)", [0, 0.1, 0.2, 0.3]),  # no float drift: 0.30000000000000004 is 0.3
    ],
)
def test_accepted_forms(text, expected):
    assert parse_values(text) == expected


@pytest.mark.parametrize(
    "text", ["", "   ", "abc", "0-8", "0-8 (2)", "0-8 (+0)", "8-0 (+1)", "0-8 [x]", "1,,x", "0-8 [0]"]
)
def test_malformed_strings_get_a_message_listing_the_forms(text):
    with pytest.raises(RangeError) as e:
        parse_values(text)
    assert "0-8 (+2)" in str(e.value) and "0-8 [5]" in str(e.value)


def test_too_many_values_are_refused_before_they_are_made():
    with pytest.raises(RangeError, match="at most 12"):
        parse_values("0-1000000 (+0.001)", max_values=12)
    with pytest.raises(RangeError, match="at most 12"):
        parse_values("0-1 [100]", max_values=12)
