"""Aggregation of interval history: coarser intervals, the week a plan is built on, the summary.

Small hand-made files whose sums can be checked by eye: counts and waits add up, the handle time
is weighted by answered calls, agents are averaged over time, the average week is the mean of each
interval of the week over its occurrences, a percentile week is a real week.
"""

import numpy as np
import pandas as pd
import pytest

from sim.errors import InputError
from sim.history import read_history, summarise, to_interval, week_of

HEADER = (
    "site,line,interval_start,offered,answered,abandoned,answered_within_threshold,aht,"
    "wait_seconds,agents\n"
)


def _write(tmp_path, rows, name="h.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(",".join(map(str, r)) + "\n" for r in rows))
    return path


def _stamp(day, minute, offset="+08:00"):
    return (pd.Timestamp("2024-03-04") + pd.Timedelta(days=day, minutes=minute)).strftime(
        "%Y-%m-%dT%H:%M"
    ) + offset


def test_quarter_hours_add_up_to_half_hours(tmp_path):
    rows = [
        ["A", "care", _stamp(0, 480), 10, 8, 2, 6, 200, 100, 4],
        ["A", "care", _stamp(0, 495), 30, 24, 1, 20, 400, 60, 6],
    ]
    history = read_history(_write(tmp_path, rows))
    assert history.interval_minutes == 15
    half = to_interval(history, 30)
    row = half.table[half.table["interval_start"] == pd.Timestamp("2024-03-04 08:00")].iloc[0]
    assert (row["offered"], row["answered"], row["abandoned"]) == (40, 32, 3)
    assert row["answered_within_threshold"] == 26 and row["wait_seconds"] == 160
    assert row["aht"] == pytest.approx((8 * 200 + 24 * 400) / 32)
    assert row["agents"] == 5
    assert len(half.table) == 48 and half.table["offered"].sum() == 40
    with pytest.raises(InputError, match="cannot turn 30-minute history into 45"):
        to_interval(half, 45)


def test_the_grid_is_completed_and_the_repair_reported(tmp_path):
    rows = [["A", "care", _stamp(0, 480), 10, 9, 1, 8, 300, 50, 3]]
    history = read_history(_write(tmp_path, rows))
    assert history.interval_minutes == 30
    assert len(history.table) == 48  # one whole day of 30-minute intervals
    assert history.table["offered"].sum() == 10
    assert any("47 intervals absent from the file" in note for note in history.notes)
    assert history.table["agents"].isna().sum() == 47  # unknown, not zero


def test_average_week_is_the_mean_of_each_interval_of_the_week(tmp_path):
    # Two Mondays, 08:00: 10 and 30 calls; one Tuesday (week 1 only) with 7 calls.
    rows = [
        ["A", "care", _stamp(0, 480), 10, 10, 0, 10, 300, 0, 3],
        ["A", "care", _stamp(1, 480), 7, 7, 0, 7, 300, 0, 3],
        ["A", "care", _stamp(7, 480), 30, 30, 0, 30, 100, 0, 5],
    ]
    history = read_history(_write(tmp_path, rows))
    week = week_of(history)
    monday = week[week["slot"] == 16].iloc[0]
    assert monday["offered"] == 20 and monday["weeks"] == 2
    assert monday["aht"] == pytest.approx((10 * 300 + 30 * 100) / 40)
    assert monday["agents"] == 4
    tuesday = week[week["slot"] == 48 + 16].iloc[0]
    assert tuesday["offered"] == 7 and tuesday["weeks"] == 1  # the history ends on Monday 11th
    assert summarise(history)["weekly_offered"].iloc[0] == 27


def test_chosen_and_percentile_weeks_are_real_weeks(tmp_path):
    rows = [
        ["A", "care", _stamp(7 * w, 600), calls, calls, 0, calls, 300, 0, 3]
        for w, calls in enumerate([50, 10, 30, 20])
    ] + [["A", "care", _stamp(27, 600), 0, 0, 0, 0, "", 0, 3]]  # the last Sunday: whole weeks
    history = read_history(_write(tmp_path, rows))
    total = {w: week_of(history, w)["offered"].sum() for w in ("p100", "p50", "p1", "2024-03-18")}
    assert total == {"p100": 50, "p50": 20, "p1": 10, "2024-03-18": 30}
    with pytest.raises(InputError, match="does not cover every site and line"):
        week_of(history, "2024-03-28")
    with pytest.raises(InputError, match="must be 'average', a date"):
        week_of(history, "busy")


def test_summary_per_site_and_line(tmp_path):
    rows = [
        ["A", "care", _stamp(0, 480), 100, 90, 10, 80, 300, 1200, 10],
        ["B", "care", _stamp(0, 480), 50, 50, 0, 50, 200, 100, 5],
    ]
    table = summarise(read_history(_write(tmp_path, rows))).set_index("site")
    assert table.loc["A", "service_level"] == 0.8 and table.loc["A", "abandon_rate"] == 0.1
    assert table.loc["A", "patience"] == 120.0
    assert table.loc["A", "patience_low"] < 120.0 < table.loc["A", "patience_high"]
    assert table.loc["B", "patience"] == np.inf  # nobody hung up: longer than anything seen
    assert table.loc["A", "weeks"] == pytest.approx(1 / 7)


def test_chinese_column_names_and_a_column_map(tmp_path):
    path = tmp_path / "cn.csv"
    path.write_text(
        "城市,队列,时段,呼入量,接通量,放弃量,20秒接通量,平均处理时长,总等待时长,Staff\n"
        f"北区,客服,{_stamp(0, 480)},40,37,3,30,300,900,8\n",
        encoding="utf-8",
    )
    history = read_history(path, column_map={"Staff": "agents"})
    row = history.table.loc[history.table["offered"] > 0].iloc[0]
    assert (row["site"], row["line"], row["answered_within_threshold"], row["agents"]) == (
        "北区",
        "客服",
        30,
        8,
    )
