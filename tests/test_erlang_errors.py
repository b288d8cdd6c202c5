"""Bad input never yields a number: a ValueError names the argument and the allowed range."""

import math

import numpy as np
import pytest

from sim import erlang
from sim.errors import InputError

AHT, PATIENCE = 300.0, 120.0

# (what, call, argument named, allowed range as the message states it)
BAD_CALLS = [
    ("negative load", lambda: erlang.erlang_b(5, -1.0), "load", ">= 0 Erlangs"),
    ("NaN load", lambda: erlang.erlang_c(5, math.nan), "load", ">= 0 Erlangs"),
    ("infinite load", lambda: erlang.occupancy(5, math.inf), "load", ">= 0 Erlangs"),
    ("NaN in a load array", lambda: erlang.erlang_c(5, [1.0, np.nan]), "load", ">= 0"),
    ("text load", lambda: erlang.erlang_b(5, "many"), "load", "number"),
    ("fractional agents", lambda: erlang.erlang_b(2.5, 1.0), "agents", "whole numbers >= 0"),
    ("negative agents", lambda: erlang.erlang_c(-3, 1.0), "agents", "whole numbers >= 0"),
    ("NaN agents", lambda: erlang.occupancy(math.nan, 1.0), "agents", "whole numbers >= 0"),
    ("zero AHT", lambda: erlang.service_level(5, 1.0, 0.0, 20.0), "aht", "> 0 seconds"),
    ("negative AHT", lambda: erlang.asa(5, 1.0, -300.0), "aht", "> 0 seconds"),
    ("NaN AHT", lambda: erlang.erlang_a(5, 1.0, math.nan, PATIENCE), "aht", "> 0 seconds"),
    ("negative threshold", lambda: erlang.service_level(5, 1.0, AHT, -1.0), "threshold", ">= 0"),
    ("zero patience", lambda: erlang.erlang_a(5, 1.0, AHT, 0.0), "patience", "> 0 seconds"),
    ("negative patience", lambda: erlang.erlang_a(5, 1.0, AHT, -5.0), "patience", "> 0 seconds"),
    ("NaN patience", lambda: erlang.erlang_a(5, 1.0, AHT, math.nan), "patience", "> 0 seconds"),
    (
        "Erlang A negative threshold",
        lambda: erlang.erlang_a(5, 1.0, AHT, PATIENCE, threshold=-20.0),
        "threshold",
        ">= 0 seconds",
    ),
    (
        "Erlang A fractional agents",
        lambda: erlang.erlang_a([5, 5.5], 1.0, AHT, PATIENCE),
        "agents",
        "whole numbers >= 0",
    ),
    (
        "staffing negative load",
        lambda: erlang.required_agents([10.0, -2.0], AHT, service_level=0.8),
        "load",
        ">= 0 Erlangs",
    ),
    (
        "staffing NaN load",
        lambda: erlang.required_agents(math.nan, AHT, service_level=0.8),
        "load",
        ">= 0 Erlangs",
    ),
    (
        "staffing zero AHT",
        lambda: erlang.required_agents(10.0, 0.0, service_level=0.8),
        "aht",
        "> 0 seconds",
    ),
    (
        "staffing zero patience",
        lambda: erlang.required_agents(10.0, AHT, service_level=0.8, patience=0.0),
        "patience",
        "> 0 seconds",
    ),
    (
        "staffing negative threshold",
        lambda: erlang.required_agents(10.0, AHT, service_level=0.8, threshold=-1.0),
        "threshold",
        ">= 0 seconds",
    ),
    (
        "service level above 1",
        lambda: erlang.required_agents(10.0, AHT, service_level=1.5),
        "service_level",
        "(0, 1)",
    ),
    (
        "service level 0",
        lambda: erlang.required_agents(10.0, AHT, service_level=0.0),
        "service_level",
        "(0, 1)",
    ),
    (
        "service level NaN",
        lambda: erlang.required_agents(10.0, AHT, service_level=math.nan),
        "service_level",
        "(0, 1)",
    ),
    (
        "service level as a percentage",
        lambda: erlang.required_agents(10.0, AHT, service_level=80),
        "service_level",
        "(0, 1)",
    ),
    (
        "zero max ASA",
        lambda: erlang.required_agents(10.0, AHT, max_asa=0.0),
        "max_asa",
        "> 0 seconds",
    ),
    (
        "negative max ASA",
        lambda: erlang.required_agents(10.0, AHT, max_asa=-15.0),
        "max_asa",
        "> 0 seconds",
    ),
    (
        "max abandon above 1",
        lambda: erlang.required_agents(10.0, AHT, max_abandon=1.2, patience=PATIENCE),
        "max_abandon",
        "(0, 1)",
    ),
    (
        "max occupancy 0",
        lambda: erlang.required_agents(10.0, AHT, max_occupancy=0.0),
        "max_occupancy",
        "(0, 1]",
    ),
    (
        "max occupancy above 1",
        lambda: erlang.required_agents(10.0, AHT, max_occupancy=1.1),
        "max_occupancy",
        "(0, 1]",
    ),
]


@pytest.mark.parametrize(
    ("call", "argument", "allowed"),
    [pytest.param(call, arg, allowed, id=what) for what, call, arg, allowed in BAD_CALLS],
)
def test_bad_input_names_the_argument_and_the_range(call, argument, allowed):
    with pytest.raises(ValueError) as info:
        call()
    message = str(info.value)
    assert message.startswith(f"{argument}:"), message
    assert allowed in message, message


def test_unreachable_service_level_says_no_staffing_meets_it():
    """SL = 1 needs infinitely many agents (some caller always waits with finite staff)."""
    for patience in (None, PATIENCE):
        with pytest.raises(ValueError, match=r"^service_level: .*\(0, 1\).*no finite staffing"):
            erlang.required_agents(10.0, AHT, service_level=1.0, patience=patience)


def test_unreachable_abandonment_says_no_staffing_meets_it():
    """Zero abandonment with impatient callers needs infinitely many agents."""
    with pytest.raises(ValueError, match=r"^max_abandon: .*\(0, 1\).*no finite staffing"):
        erlang.required_agents(10.0, AHT, max_abandon=0.0, patience=PATIENCE)


def test_abandonment_target_needs_patience():
    with pytest.raises(ValueError, match=r"^max_abandon: needs patience"):
        erlang.required_agents(10.0, AHT, max_abandon=0.05)


def test_staffing_needs_a_target():
    with pytest.raises(ValueError, match="give at least one target"):
        erlang.required_agents(10.0, AHT)


def test_bad_value_is_quoted_in_the_message():
    with pytest.raises(ValueError, match=r"got -5\.0"):
        erlang.erlang_b(3, -5.0)
    with pytest.raises(ValueError, match=r"got 2\.5"):
        erlang.erlang_c([1, 2.5], 1.0)


def test_infeasible_staffing_names_the_load(monkeypatch):
    """Should a search ever run past any real pool, the error says which load and target."""
    monkeypatch.setattr(erlang, "_MAX_AGENTS", 50.0)
    with pytest.raises(
        InputError,
        match=r"^max_asa: 5\.0 would need more than 5e\+01 agents for load 400\.0 Erlangs "
        r"\(load\[1\]\); the limit is 5e\+01 agents$",
    ):
        erlang.required_agents([10.0, 400.0], AHT, max_asa=5.0, patience=PATIENCE)
    # A lower bound past the limit raises before any search.
    with pytest.raises(InputError, match=r"^service_level: 0\.8 would need at least 320 agents"):
        erlang.required_agents([10.0, 400.0], AHT, service_level=0.8, patience=PATIENCE)


# ------------------------------------------------------------------ the solver's agent limit

LIMIT = "the limit is 1e+13 agents"

# (what, keyword arguments, argument named first, text the message holds)
BEYOND_THE_LIMIT = [
    ("occupancy 1e-300", {"max_occupancy": 1e-300}, "max_occupancy", "1e-300 would need"),
    ("occupancy 1e-12", {"max_occupancy": 1e-12}, "max_occupancy", "100,000,000,000,000 agents"),
    (
        "occupancy 1e-12 with SL",
        {"max_occupancy": 1e-12, "service_level": 0.8},
        "max_occupancy",
        "for load 100.0 Erlangs",
    ),
    (
        "occupancy 1e-12, Erlang A",
        {"max_occupancy": 1e-12, "patience": PATIENCE},
        "max_occupancy",
        "more than 1e+13 agents",
    ),
    (
        "occupancy 1e-300 with SL, Erlang A",
        {"max_occupancy": 1e-300, "service_level": 0.8, "patience": PATIENCE},
        "max_occupancy",
        "1e-300",
    ),
]


@pytest.mark.parametrize(
    ("kwargs", "argument", "text"),
    [pytest.param(kw, arg, text, id=what) for what, kw, arg, text in BEYOND_THE_LIMIT],
)
def test_answers_beyond_the_agent_limit_raise(kwargs, argument, text):
    """Never a wrong or overflowed integer (it was -9223372036854775808 and 1e14)."""
    with pytest.raises(InputError) as info:
        erlang.required_agents(100.0, AHT, **kwargs)
    message = str(info.value)
    assert message.startswith(f"{argument}:"), message
    assert text in message and LIMIT in message, message


@pytest.mark.parametrize(
    ("load", "patience"),
    [(1e13, None), (1e15, None), (1.7e308, None), (2e13, PATIENCE), (1e300, PATIENCE)],
)
def test_huge_loads_raise_naming_the_load_or_target(load, patience):
    targets = {"service_level": 0.8, "patience": patience}
    with pytest.raises(InputError) as info:
        erlang.required_agents([10.0, load], AHT, **targets)
    message = str(info.value)
    assert message.startswith("load:" if patience is None else "service_level:"), message
    assert "(load[1])" in message and LIMIT in message, message


def test_huge_load_with_impatient_callers_may_fit_under_the_limit():
    """Erlang A staffs below the load: 1e13 Erlangs at 80/20 need fewer than 1e13 agents."""
    n = int(erlang.required_agents(1e13, AHT, service_level=0.8, patience=PATIENCE))
    assert 8e12 <= n <= 1e13


def test_erlang_c_load_just_below_the_limit_still_raises_past_it():
    """The window of the Erlang C search may land above the limit: that too raises."""
    with pytest.raises(InputError, match=r"^service_level: 0\.8 would need 10,000,000,000,0\d\d"):
        erlang.required_agents(1e13 - 1.0, AHT, service_level=0.8)


def test_answers_up_to_the_limit_are_returned():
    assert erlang.required_agents(100.0, AHT, max_occupancy=1e-11) == 10**13
    assert erlang.required_agents(1e12, AHT, service_level=0.8) > 10**12


# --------------------------------------------------------------- booleans and text are not numbers

NOT_NUMBERS = [
    ("True", True),
    ("numpy True", np.True_),
    ("text", "100"),
    ("bytes", b"100"),
    ("numpy text", np.str_("5")),
    ("bool array", np.array([True, False])),
    ("text array", np.array(["1", "2"])),
    ("object array", np.array([1.0, 2.0], dtype=object)),
    ("list with a bool", [1.0, True]),
    ("nested list with text", [[1.0], ["2"]]),
    ("complex array", np.array([1.0 + 0j])),
]

# (function, its arguments as keywords, the positional names in order)
VALID_CALLS = {
    "erlang_b": (erlang.erlang_b, {"agents": 5, "load": 3.0}),
    "erlang_c": (erlang.erlang_c, {"agents": 5, "load": 3.0}),
    "occupancy": (erlang.occupancy, {"agents": 5, "load": 3.0}),
    "asa": (erlang.asa, {"agents": 5, "load": 3.0, "aht": AHT}),
    "service_level": (
        erlang.service_level,
        {"agents": 5, "load": 3.0, "aht": AHT, "threshold": 20.0},
    ),
    "erlang_a": (
        erlang.erlang_a,
        {"agents": 5, "load": 3.0, "aht": AHT, "patience": PATIENCE, "threshold": 20.0},
    ),
    "required_agents": (
        erlang.required_agents,
        {
            "load": 3.0,
            "aht": AHT,
            "service_level": 0.8,
            "threshold": 20.0,
            "max_asa": 30.0,
            "max_abandon": 0.1,
            "max_occupancy": 0.9,
            "patience": PATIENCE,
        },
    ),
}


def _call(function: str, argument: str, value):
    call, kwargs = VALID_CALLS[function]
    result = call(**(kwargs | {argument: value}))
    if isinstance(result, erlang.ErlangAResult):
        result = [getattr(result, k) for k in ("p_wait", "service_level", "asa")]
    return result


@pytest.mark.parametrize(
    ("function", "argument"),
    [(f, arg) for f, (_, kwargs) in VALID_CALLS.items() for arg in kwargs],
)
@pytest.mark.parametrize(("what", "value"), NOT_NUMBERS, ids=[w for w, _ in NOT_NUMBERS])
def test_booleans_and_text_are_rejected_naming_the_argument(function, argument, what, value):
    with pytest.raises(InputError) as info:
        _call(function, argument, value)
    assert str(info.value).startswith(f"{argument}: must be "), str(info.value)


def test_the_issue_examples_are_rejected():
    with pytest.raises(InputError, match=r"^agents: must be a number .*not a boolean, got True$"):
        erlang.erlang_c(True, 1)
    with pytest.raises(InputError, match=r"^load: must be a number .*not text, got '100'$"):
        erlang.required_agents("100", 300, service_level=0.8)
    with pytest.raises(InputError, match=r"^service_level: must be a number in \(0, 1\), not a"):
        erlang.required_agents(100, 300, service_level=True)


def test_a_long_bad_value_is_echoed_short():
    with pytest.raises(InputError) as info:
        erlang.erlang_b(3, [*range(100_000), "x"])
    assert len(str(info.value)) < 150, str(info.value)


def test_numbers_of_every_kind_still_accepted():
    want = float(erlang.erlang_c(5, 3.0))
    for agents in (5, 5.0, np.int32(5), np.uint8(5), np.float32(5.0), np.array(5), [5]):
        for load in (3, 3.0, np.float64(3.0), np.int64(3), np.array([3.0]), (3.0,)):
            assert float(np.ravel(erlang.erlang_c(agents, load))[0]) == want
    n = erlang.required_agents(
        np.array([3, 30], dtype=np.int16), np.float32(AHT), service_level=0.8
    )
    assert list(n) == [int(erlang.required_agents(x, AHT, service_level=0.8)) for x in (3.0, 30.0)]
