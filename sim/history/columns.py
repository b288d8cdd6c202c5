"""Column names of ACD and WFM interval reports, and how they map onto ours.

An Avaya CMS split report says "Calls Offered", a Genesys export "Offered", a Huawei report in a
Chinese centre "呼入量"; they are the same figure. Each canonical column has a list of names it is
recognised by (compared after lower-casing and removing spaces, underscores, hyphens, dots and
brackets); a column map (file column -> canonical name) covers anything else and wins over the
recognition.
"""

import re

from sim.errors import InputError

__all__ = ["CANONICAL", "COUNTS", "REQUIRED", "recognise"]

CANONICAL = {
    "site": (
        "site",
        "centre",
        "center",
        "city",
        "location",
        "站点",
        "中心",
        "城市",
        "地市",
        "分中心",
    ),
    "line": (
        "line",
        "business_line",
        "queue",
        "split",
        "skill",
        "service",
        "业务线",
        "业务",
        "队列",
        "技能组",
    ),
    "interval_start": (
        "interval_start",
        "interval",
        "start",
        "start_time",
        "datetime",
        "timestamp",
        "time",
        "时段",
        "时间",
        "开始时间",
        "时段开始",
    ),
    "offered": (
        "offered",
        "calls_offered",
        "calls",
        "volume",
        "呼入量",
        "来电量",
        "进线量",
        "话务量",
    ),
    "answered": (
        "answered",
        "calls_answered",
        "handled",
        "acd_calls",
        "接通量",
        "应答量",
        "接听量",
    ),
    "abandoned": (
        "abandoned",
        "abandons",
        "calls_abandoned",
        "aban_calls",
        "放弃量",
        "呼损量",
        "放弃数",
    ),
    "answered_within_threshold": (
        "answered_within_threshold",
        "answered_within",
        "within_threshold",
        "answered_in_sl",
        "服务水平内接通量",
    ),
    "aht": ("aht", "average_handle_time", "avg_handle_time", "handle_time", "平均处理时长"),
    "wait_seconds": (
        "wait_seconds",
        "total_wait",
        "queue_time",
        "total_queue_time",
        "总等待时长",
        "排队总时长",
    ),
    "asa": (
        "asa",
        "average_speed_of_answer",
        "avg_speed_of_answer",
        "平均应答速度",
        "平均应答时长",
    ),
    "abandon_time": (
        "abandon_time",
        "avg_abandon_time",
        "average_abandon_time",
        "time_to_abandon",
        "平均放弃时长",
    ),
    "agents": (
        "agents",
        "staffed",
        "staffed_agents",
        "logged_in",
        "logged_in_agents",
        "avg_staffed",
        "在线坐席数",
        "坐席数",
        "在线人数",
    ),
}
"""Canonical column -> names it is recognised by."""

REQUIRED = ("site", "line", "interval_start", "offered", "answered", "abandoned", "aht")
COUNTS = ("offered", "answered", "abandoned", "answered_within_threshold")
"""Columns holding whole numbers of calls."""

_THRESHOLD_NAME = re.compile(r"^(?:\d+秒接通量|answeredwithin\d+s?|within\d+s?|\d+s接通量)$")
_NOISE = re.compile(r"[\s_\-.()（）\[\]]+")


def _key(name: str) -> str:
    return _NOISE.sub("", str(name).strip().lower())


_ALIASES = {_key(alias): canon for canon, aliases in CANONICAL.items() for alias in aliases}


def recognise(columns, column_map: dict[str, str] | None, where: str) -> dict[str, str]:
    """Canonical name -> file column for the columns of a history file.

    Parameters
    ----------
    columns : sequence of str
        The file's header.
    column_map : dict, optional
        File column -> canonical name, for names the recognition does not know.
    where : str
        The file, for messages.

    Raises
    ------
    InputError
        A map naming an unknown canonical column or a column the file lacks, two columns
        recognised as the same figure, or a required column missing (the message lists the
        header and the names each missing column is recognised by).
    """
    column_map = dict(column_map or {})
    found: dict[str, str] = {}
    for column, canon in column_map.items():
        if canon not in CANONICAL:
            raise InputError(
                f"{where}: column map {column!r} = {canon!r}: unknown column name; "
                f"allowed: {', '.join(CANONICAL)}"
            )
        if column not in columns:
            raise InputError(
                f"{where}: column map names column {column!r}, which the file does not have; "
                f"its columns: {', '.join(map(str, columns))}"
            )
        found[canon] = column
    for column in columns:
        if column in column_map:
            continue
        key = _key(column)
        canon = _ALIASES.get(key) or (
            "answered_within_threshold" if _THRESHOLD_NAME.match(key) else None
        )
        if canon is None or canon in column_map.values():
            continue
        if canon in found:
            raise InputError(
                f"{where}: columns {found[canon]!r} and {column!r} are both read as {canon!r}; "
                f"map one of them to something else (column_map)"
            )
        found[canon] = column
    missing = [canon for canon in REQUIRED if canon not in found]
    if missing:
        canon = missing[0]
        raise InputError(
            f"{where}: no column for {canon!r} (recognised names: "
            f"{', '.join(CANONICAL[canon])}); the file's columns: {', '.join(map(str, columns))}; "
            f"name it in a column map"
        )
    if "asa" in found and "abandon_time" not in found and "wait_seconds" not in found:
        raise InputError(
            f"{where}: column {found['asa']!r} (asa) needs 'abandon_time' as well to give the "
            f"total waiting time, or give 'wait_seconds'"
        )
    return found
