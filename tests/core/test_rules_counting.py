"""Deadline counting (FRCP 6(a)/(d), holidays, closures, suspensions).

Every expected date below was worked out by hand from a printed calendar (``python -m calendar
2026``), not copied from the engine; the comments show the reasoning.
"""

from __future__ import annotations

import calendar
import dataclasses
import time
from datetime import date, timedelta

import pytest

from casedesk.core.errors import CasedeskError
from casedesk.core.rules import (
    FIRM_CLOSURE_NAME,
    ComputedDeadline,
    FixedSuspension,
    RecurringSuspension,
    check_jurisdiction,
    compute_deadline,
    holiday_name,
)

AUGUST = RecurringSuspension(8, 1, 8, 31, label="August suspension", citation="Κ.Πολ.Δ. 147(2)")


def weekday(d: date) -> str:
    return calendar.day_name[d.weekday()]


# --- the calendar facts the tests rely on -------------------------------------------------


def test_calendar_facts_used_below():
    assert weekday(date(2026, 3, 2)) == "Monday"
    assert weekday(date(2026, 10, 24)) == "Saturday"
    assert weekday(date(2026, 10, 25)) == "Sunday"
    assert weekday(date(2026, 11, 26)) == "Thursday"  # 4th Thursday of November: Thanksgiving
    assert weekday(date(2026, 7, 4)) == "Saturday"
    assert weekday(date(2026, 12, 25)) == "Friday"
    assert weekday(date(2026, 9, 7)) == "Monday"  # first Monday of September: Labor Day
    assert weekday(date(2026, 10, 18)) == "Sunday"
    assert weekday(date(2023, 11, 11)) == "Saturday"
    assert weekday(date(2021, 12, 25)) == "Saturday"
    assert weekday(date(2022, 1, 1)) == "Saturday"
    assert weekday(date(2025, 8, 15)) == "Friday"
    assert weekday(date(2027, 7, 31)) == "Saturday"
    assert weekday(date(2027, 9, 1)) == "Wednesday"
    assert weekday(date(2030, 11, 28)) == "Thursday"


# --- FRCP 6(a)(1): calendar days, forward ---------------------------------------------------


def test_21_days_forward_landing_on_a_weekday():
    # Mon 2 March 2026 + 21 days = Mon 23 March; no holiday in March.
    r = compute_deadline(date(2026, 3, 2), 21)
    assert r.due == date(2026, 3, 23)
    assert r.raw_end == date(2026, 3, 23)
    assert r.skipped == ()


def test_trigger_day_not_counted_and_weekends_counted():
    # Fri 6 March 2026 + 3 days: Sat 7 (1), Sun 8 (2), Mon 9 (3).
    assert compute_deadline(date(2026, 3, 6), 3).due == date(2026, 3, 9)
    # one day after Thursday is Friday
    assert compute_deadline(date(2026, 3, 5), 1).due == date(2026, 3, 6)


def test_landing_on_saturday_rolls_to_monday():
    # Sat 3 Oct 2026 + 21 = Sat 24 Oct -> Sun 25 -> Mon 26 Oct.
    r = compute_deadline(date(2026, 10, 3), 21)
    assert r.raw_end == date(2026, 10, 24)
    assert r.due == date(2026, 10, 26)
    assert r.skipped == ((date(2026, 10, 24), "Saturday"), (date(2026, 10, 25), "Sunday"))
    text = r.explain()
    assert "Saturday" in text and "Sunday" in text


def test_landing_on_sunday_rolls_to_monday():
    # Sun 4 Oct 2026 + 21 = Sun 25 Oct -> Mon 26 Oct.
    assert compute_deadline(date(2026, 10, 4), 21).due == date(2026, 10, 26)


def test_landing_on_thanksgiving_rolls_to_friday():
    # Thu 5 Nov 2026 + 21 = Thu 26 Nov (Thanksgiving) -> Fri 27 Nov.
    r = compute_deadline(date(2026, 11, 5), 21, citation="FRCP 12(a)(1)(A)(i)")
    assert r.raw_end == date(2026, 11, 26)
    assert r.due == date(2026, 11, 27)
    assert r.skipped == ((date(2026, 11, 26), "Thanksgiving Day"),)
    assert "Thanksgiving Day" in r.explain()
    assert r.steps[0] == "Rule: FRCP 12(a)(1)(A)(i)."


def test_landing_on_observed_independence_day_rolls_past_the_weekend():
    # 4 July 2026 is a Saturday, observed Fri 3 July.  Fri 12 June + 21 = Fri 3 July
    # -> Sat 4 (Independence Day) -> Sun 5 -> Mon 6 July.
    r = compute_deadline(date(2026, 6, 12), 21)
    assert r.raw_end == date(2026, 7, 3)
    assert r.due == date(2026, 7, 6)
    assert "Independence Day (observed)" in r.explain()
    assert holiday_name(date(2026, 7, 3)) == "Independence Day (observed)"


def test_landing_on_christmas_rolls_forward():
    # Fri 4 Dec 2026 + 21 = Fri 25 Dec -> Sat 26 -> Sun 27 -> Mon 28 Dec.
    r = compute_deadline(date(2026, 12, 4), 21)
    assert r.due == date(2026, 12, 28)
    assert "Christmas Day" in r.explain()


def test_holiday_inside_the_period_is_counted():
    # Columbus Day (Mon 12 Oct 2026) lies inside; calendar counting still counts it:
    # Thu 1 Oct + 14 = Thu 15 Oct.
    r = compute_deadline(date(2026, 10, 1), 14)
    assert r.due == date(2026, 10, 15)
    assert "Columbus Day" in r.explain()


def test_zero_days_rolls_only_if_needed():
    assert compute_deadline(date(2026, 3, 4), 0).due == date(2026, 3, 4)
    assert compute_deadline(date(2026, 3, 7), 0).due == date(2026, 3, 9)  # Sat -> Mon


# --- backward periods (FRCP 6(a)(5)) --------------------------------------------------------


def test_30_days_before_trial_landing_on_sunday_rolls_back_to_friday():
    # Tue 17 Nov 2026 - 30 days = Sun 18 Oct -> Sat 17 -> Fri 16 Oct.
    r = compute_deadline(date(2026, 11, 17), 30, direction="before")
    assert r.raw_end == date(2026, 10, 18)
    assert r.due == date(2026, 10, 16)
    assert "previous day" in r.explain()
    assert "6(a)(5)" in r.explain()


def test_backward_over_monday_holiday_rolls_to_previous_friday():
    # Wed 7 Oct 2026 - 30 days = Mon 7 Sep (Labor Day) -> Sun 6 -> Sat 5 -> Fri 4 Sep.
    r = compute_deadline(date(2026, 10, 7), 30, direction="before")
    assert r.raw_end == date(2026, 9, 7)
    assert r.due == date(2026, 9, 4)
    assert "Labor Day" in r.explain()


def test_backward_on_weekday_needs_no_roll():
    # Mon 7 Dec 2026 - 90 days = Tue 8 Sep (Nov 7 is -30, Oct 8 is -60, Sep 8 is -90).
    assert compute_deadline(date(2026, 12, 7), 90, direction="before").due == date(2026, 9, 8)


# --- court days --------------------------------------------------------------------------------


def test_court_days_skip_weekends_and_holidays():
    # After Fri 20 Nov 2026: Sat 21, Sun 22 skipped, Mon 23 (1), Tue 24 (2), Wed 25 (3),
    # Thu 26 Thanksgiving skipped, Fri 27 (4), Sat 28, Sun 29 skipped, Mon 30 Nov (5).
    r = compute_deadline(date(2026, 11, 20), 5, counting="court")
    assert r.due == date(2026, 11, 30)
    assert (date(2026, 11, 26), "Thanksgiving Day") in r.skipped
    assert "Thanksgiving Day" in r.explain()
    assert "4 weekend days" in r.explain()


def test_court_days_over_christmas_and_new_year():
    # After Fri 18 Dec 2026: 21, 22, 23, 24 (1-4), 25 Christmas, 26-27 weekend, 28, 29, 30, 31
    # (5-8), Fri 1 Jan 2027 New Year's Day, 2-3 weekend, Mon 4 (9), Tue 5 Jan 2027 (10).
    r = compute_deadline(date(2026, 12, 18), 10, counting="court")
    assert r.due == date(2027, 1, 5)
    text = r.explain()
    assert "Christmas Day" in text and "New Year's Day" in text


def test_court_days_backward():
    # Before Mon 30 Nov 2026: Sun 29, Sat 28 skipped, Fri 27 (1), Thu 26 Thanksgiving skipped,
    # Wed 25 (2), Tue 24 Nov (3).
    r = compute_deadline(date(2026, 11, 30), 3, counting="court", direction="before")
    assert r.due == date(2026, 11, 24)


def test_court_days_from_a_weekend_start():
    # After Sat 7 Mar 2026: Sun 8 skipped, Mon 9 (1), Tue 10 (2).
    assert compute_deadline(date(2026, 3, 7), 2, counting="court").due == date(2026, 3, 10)


# --- service add-on (FRCP 6(d)) ----------------------------------------------------------------


def test_mail_service_adds_three_days_then_rolls():
    # Thu 1 Oct 2026 + 14 = Thu 15 Oct; + 3 = Sun 18 Oct -> Mon 19 Oct.
    electronic = compute_deadline(date(2026, 10, 1), 14)
    mail = compute_deadline(date(2026, 10, 1), 14, service="mail")
    assert electronic.due == date(2026, 10, 15)
    assert mail.due == date(2026, 10, 19)
    assert "6(d)" in mail.explain()
    assert "3 days are added" in mail.explain()


def test_mail_service_adds_after_the_6a_roll():
    # Sat 3 Oct 2026 + 14 = Sat 17 Oct -> Mon 19 Oct (6(a) end); + 3 = Thu 22 Oct.
    # (Adding 3 to the raw Saturday would wrongly give Tue 20 Oct.)
    r = compute_deadline(date(2026, 10, 3), 14, service="mail")
    assert r.due == date(2026, 10, 22)


def test_clerk_service_adds_three_days_like_mail():
    assert compute_deadline(date(2026, 10, 1), 14, service="clerk").due == date(2026, 10, 19)


def test_service_add_on_lands_on_holiday_and_rolls():
    # Thu 12 Nov 2026 + 11 = Mon 23 Nov; + 3 = Thu 26 Nov (Thanksgiving) -> Fri 27 Nov.
    r = compute_deadline(date(2026, 11, 12), 11, service="mail")
    assert r.due == date(2026, 11, 27)
    assert "Thanksgiving Day" in r.explain()


def test_service_add_on_never_applies_backward():
    r = compute_deadline(date(2026, 11, 17), 30, direction="before", service="mail")
    assert r.due == date(2026, 10, 16)
    assert "only applies to periods that run after an event" in r.explain()


def test_electronic_and_personal_service_add_nothing():
    assert compute_deadline(date(2026, 10, 1), 14, service="personal").due == date(2026, 10, 15)


# --- firm closure days ----------------------------------------------------------------------------


def test_firm_closure_day_rolls_forward():
    # Mon 2 Mar 2026 + 21 = Mon 23 Mar, a closure day -> Tue 24 Mar.
    r = compute_deadline(date(2026, 3, 2), 21, closures=[date(2026, 3, 23)])
    assert r.due == date(2026, 3, 24)
    assert FIRM_CLOSURE_NAME in r.explain()


def test_named_closures_and_court_days():
    # After Fri 6 Mar 2026, 3 court days with Tue 10 Mar closed: Mon 9 (1), Wed 11 (2), Thu 12 (3).
    r = compute_deadline(
        date(2026, 3, 6), 3, counting="court", closures={date(2026, 3, 10): "Office move"}
    )
    assert r.due == date(2026, 3, 12)
    assert "Office move" in r.explain()
    assert holiday_name(date(2026, 3, 10), "US", {date(2026, 3, 10): "Office move"}) == (
        "Office move"
    )


def test_closure_backward_rolls_earlier():
    # Tue 7 Apr 2026 - 2 days = Sun 5 Apr -> Sat 4 -> Fri 3 Apr (closed) -> Thu 2 Apr.
    r = compute_deadline(date(2026, 4, 7), 2, direction="before", closures=[date(2026, 4, 3)])
    assert r.due == date(2026, 4, 2)


# --- other years -------------------------------------------------------------------------------


def test_veterans_day_2023_observed_on_friday():
    # 11 Nov 2023 is a Saturday, observed Fri 10 Nov.  Fri 20 Oct 2023 + 21 = Fri 10 Nov
    # -> Sat 11 -> Sun 12 -> Mon 13 Nov 2023.
    r = compute_deadline(date(2023, 10, 20), 21)
    assert r.due == date(2023, 11, 13)
    assert "Veterans Day (observed)" in r.explain()


def test_christmas_and_new_year_2021_observed_on_fridays():
    # Fri 3 Dec 2021 + 21 = Fri 24 Dec (Christmas observed) -> Mon 27 Dec 2021.
    assert compute_deadline(date(2021, 12, 3), 21).due == date(2021, 12, 27)
    # Fri 10 Dec 2021 + 21 = Fri 31 Dec (New Year's Day 2022 observed) -> Mon 3 Jan 2022.
    r = compute_deadline(date(2021, 12, 10), 21)
    assert r.due == date(2022, 1, 3)
    assert "New Year's Day (observed)" in r.explain()


def test_thanksgiving_2030():
    # Thu 7 Nov 2030 + 21 = Thu 28 Nov 2030 (Thanksgiving) -> Fri 29 Nov 2030.
    assert compute_deadline(date(2030, 11, 7), 21).due == date(2030, 11, 29)


# --- state and foreign holidays ------------------------------------------------------------------


def test_state_holiday_only_in_state_jurisdiction():
    # Thu 22 Jan 2026 + 21 = Thu 12 Feb 2026, Lincoln's Birthday in New York only.
    assert compute_deadline(date(2026, 1, 22), 21).due == date(2026, 2, 12)
    r = compute_deadline(date(2026, 1, 22), 21, jurisdiction="us-ny")
    assert r.due == date(2026, 2, 13)
    assert "Lincoln's Birthday" in r.explain()


def test_greek_easter_monday():
    # Orthodox Easter 2026 is 12 April.  Sat 14 Mar + 30 = Mon 13 Apr (Easter Monday) -> Tue 14.
    r = compute_deadline(date(2026, 3, 14), 30, jurisdiction="GR")
    assert r.due == date(2026, 4, 14)
    assert "Easter Monday" in r.explain()


def test_greek_good_friday_then_easter_weekend_and_monday():
    # Wed 11 Mar 2026 + 30 = Fri 10 Apr (Good Friday) -> Sat, Sun, Mon 13 (Easter Monday) -> Tue 14.
    r = compute_deadline(date(2026, 3, 11), 30, jurisdiction="GR")
    assert r.due == date(2026, 4, 14)
    assert [d for d, _ in r.skipped] == [date(2026, 4, 10) + timedelta(days=i) for i in range(4)]


def test_greek_dormition_15_august_without_suspension():
    # Wed 16 Jul 2025 + 30 = Fri 15 Aug 2025 (Dormition) -> Sat 16 -> Sun 17 -> Mon 18 Aug.
    r = compute_deadline(date(2025, 7, 16), 30, jurisdiction="GR")
    assert r.due == date(2025, 8, 18)
    assert holiday_name(date(2025, 8, 15), "GR") is not None
    assert holiday_name(date(2025, 8, 15), "GR") in r.explain()


# --- suspensions ---------------------------------------------------------------------------------


def test_plain_compute_applies_no_suspension():
    # Mon 20 Jul 2026 + 30 = Wed 19 Aug 2026, an ordinary day in Greece.
    assert compute_deadline(date(2026, 7, 20), 30, jurisdiction="GR").due == date(2026, 8, 19)


def test_august_suspension_pauses_the_count():
    # From Mon 20 Jul 2026: 21-31 Jul = 11 days; August not counted; 1-19 Sep = 19 more days
    # -> Sat 19 Sep -> Sun 20 -> Mon 21 Sep 2026.
    r = compute_deadline(date(2026, 7, 20), 30, jurisdiction="GR", suspensions=[AUGUST])
    assert r.raw_end == date(2026, 9, 19)
    assert r.due == date(2026, 9, 21)
    text = r.explain()
    assert "2026-08-01 to 2026-08-31" in text
    assert "147(2)" in text
    assert "31 days not counted" in text


def test_start_inside_suspension():
    # Triggered Mon 10 Aug 2026: counting starts on 1 Sep; 10 days -> Thu 10 Sep 2026.
    r = compute_deadline(date(2026, 8, 10), 10, jurisdiction="GR", suspensions=[AUGUST])
    assert r.due == date(2026, 9, 10)
    assert "2026-08-11 to 2026-08-31" in r.explain()


def test_roll_into_suspension_is_pushed_past_it():
    # Thu 1 Jul 2027 + 30 = Sat 31 Jul -> Sun 1 Aug is suspended -> pushed to Wed 1 Sep 2027.
    r = compute_deadline(date(2027, 7, 1), 30, jurisdiction="GR", suspensions=[AUGUST])
    assert r.raw_end == date(2027, 7, 31)
    assert r.due == date(2027, 9, 1)
    assert "pushed past it" in r.explain()


def test_backward_count_with_suspension():
    # Before Sat 5 Sep 2026: 4, 3, 2, 1 Sep (4 days), August skipped, 31, 30, 29, 28, 27, 26 Jul
    # (10th day, a Sunday) -> Sat 25 -> Fri 24 Jul 2026.
    r = compute_deadline(
        date(2026, 9, 5), 10, direction="before", jurisdiction="GR", suspensions=[AUGUST]
    )
    assert r.raw_end == date(2026, 7, 26)
    assert r.due == date(2026, 7, 24)


def test_fixed_suspension_as_tuple():
    # Mon 2 Mar 2026 + 5 with 4-6 Mar suspended: 3 (1), 7, 8, 9, 10 (2-5) -> Tue 10 Mar.
    r = compute_deadline(date(2026, 3, 2), 5, suspensions=[(date(2026, 3, 4), date(2026, 3, 6))])
    assert r.due == date(2026, 3, 10)


def test_recurring_suspension_wrapping_new_year():
    winter = RecurringSuspension(12, 20, 1, 6, label="Winter recess")
    assert winter.period_containing(date(2027, 1, 2)) == (date(2026, 12, 20), date(2027, 1, 6))
    assert winter.period_containing(date(2026, 12, 24)) == (date(2026, 12, 20), date(2027, 1, 6))
    assert winter.period_containing(date(2026, 12, 19)) is None
    assert winter.period_containing(date(2027, 1, 7)) is None
    # Tue 15 Dec 2026 + 6: 16-19 Dec (4), recess, Thu 7 Jan (5), Fri 8 Jan 2027 (6).
    r = compute_deadline(date(2026, 12, 15), 6, suspensions=[winter])
    assert r.due == date(2027, 1, 8)


def test_suspension_validation():
    with pytest.raises(CasedeskError):
        RecurringSuspension(2, 30, 3, 1)
    with pytest.raises(CasedeskError):
        FixedSuspension(date(2026, 3, 5), date(2026, 3, 1))
    every_day = RecurringSuspension(1, 1, 12, 31)
    with pytest.raises(CasedeskError):
        compute_deadline(date(2026, 3, 5), 3, suspensions=[every_day])


# --- helpers, errors, result object ----------------------------------------------------------


def test_holiday_name():
    assert holiday_name(date(2026, 11, 26)) == "Thanksgiving Day"
    assert holiday_name(date(2026, 6, 19), "US") == "Juneteenth National Independence Day"
    assert holiday_name(date(2026, 11, 28)) is None  # an ordinary Saturday
    assert holiday_name(date(2026, 3, 10), "US", [date(2026, 3, 10)]) == FIRM_CLOSURE_NAME
    assert holiday_name(date(2026, 8, 15), "GR") is not None
    assert holiday_name(date(2026, 8, 15), "US") is None


@pytest.mark.parametrize("code", ["XX", "US-ZZ", "", "??"])
def test_unknown_jurisdiction_is_named(code):
    with pytest.raises(CasedeskError) as info:
        compute_deadline(date(2026, 3, 2), 21, jurisdiction=code)
    assert repr(code) in str(info.value)
    with pytest.raises(CasedeskError):
        holiday_name(date(2026, 3, 2), code)


def test_check_jurisdiction_canonical():
    assert check_jurisdiction("us-ny") == "US-NY"
    assert check_jurisdiction("gr") == "GR"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"days": -1},
        {"days": True},
        {"days": 2.5},
        {"direction": "sideways"},
        {"counting": "business"},
        {"service": "pigeon"},
    ],
)
def test_bad_arguments_are_known_errors(kwargs):
    args = {"days": 3, **kwargs}
    days = args.pop("days")
    with pytest.raises(CasedeskError):
        compute_deadline(date(2026, 3, 2), days, **args)


def test_result_is_frozen_and_explained():
    r = compute_deadline(date(2026, 11, 5), 21, citation="FRCP 12(a)(1)(A)(i)")
    assert isinstance(r, ComputedDeadline)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.due = date(2026, 1, 1)  # type: ignore[misc]
    text = r.explain()
    assert text.splitlines()[0] == "1. Rule: FRCP 12(a)(1)(A)(i)."
    for expected in (
        "forward",
        "calendar days",
        "2026-11-05",
        "Raw end date: 2026-11-26",
        "Thanksgiving Day",
        "Due date: 2026-11-27 (Friday)",
    ):
        assert expected in text
    back = compute_deadline(date(2026, 11, 17), 30, direction="before", counting="court")
    assert "backward" in back.explain() and "court days" in back.explain()


def test_due_is_always_a_court_day_and_never_early():
    start = date(2026, 1, 1)
    for offset in range(0, 400, 3):
        for days in (1, 7, 14, 21, 30):
            s = start + timedelta(days=offset)
            fwd = compute_deadline(s, days)
            assert fwd.due >= s + timedelta(days=days)
            assert fwd.due.weekday() < 5 and holiday_name(fwd.due) is None
            back = compute_deadline(s, days, direction="before")
            assert back.due <= s - timedelta(days=days)
            assert back.due.weekday() < 5 and holiday_name(back.due) is None


def test_1000_recomputations_are_fast():
    starts = [date(2026, 1, 1) + timedelta(days=i) for i in range(1000)]
    for s in starts:  # warm the holiday cache
        compute_deadline(s, 21)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for i, s in enumerate(starts):
            compute_deadline(
                s,
                (21, 30, 14, 90)[i % 4],
                direction="before" if i % 5 == 0 else "after",
                counting="court" if i % 7 == 0 else "calendar",
                service="mail" if i % 3 == 0 else "electronic",
            )
        best = min(best, time.perf_counter() - t0)
    assert best < 0.2, f"1,000 deadlines took {best * 1000:.0f} ms"
