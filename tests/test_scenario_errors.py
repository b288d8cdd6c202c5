"""The broken-scenario corpus: every mistake in ``tests/broken/`` gives a clear one-line error.

Each file holds exactly one mistake a planner could make. ``python -m sim validate FILE`` (or
``compare FILE`` for problems found only when the designs are built) must exit with status 2, print
no traceback, and print one ``error: ...`` line per problem naming the key path, the value and what
is allowed.
"""

from pathlib import Path

import pytest

from sim import ScenarioError, load_scenario
from sim.cli import main

BROKEN = Path(__file__).parent / "broken"

# file stem -> (subcommand, substrings the single error line must contain)
EXPECTED = {
    "negative_volume": ("validate", ["sites[3].volume.cards: must be >= 0", "got -120"]),
    "unknown_key_typo": (
        "validate",
        ["targets.servce_level: unknown key", "did you mean 'service_level'?", "allowed keys:"],
    ),
    "wrong_type": ("validate", ["lines[0].aht:", "valid number", "'five minutes'"]),
    "unknown_profile": (
        "validate",
        ["sites[1].profile: unknown profile 'buisness_day'", "built-in:", "business_day"],
    ),
    "profile_wrong_length": (
        "validate",
        ["sites[1].profile: needs 24 hourly weights or 48 interval weights, got 12"],
    ),
    "unknown_hub": (
        "validate",
        [
            "design.hub: unknown hub 'Shared center'",
            "did you mean 'Shared centre'?",
            "defined hubs: Shared centre",
        ],
    ),
    "bad_hours": (
        "validate",
        ['sites[2].hours: must be "HH:MM-HH:MM", "24h" or "closed"', "'8am-8pm'"],
    ),
    "unknown_weekday": (
        "validate",
        [
            "sites[2].hours.monday: unknown day 'monday'",
            "did you mean 'mon'?",
            "allowed: mon, tue, wed, thu, fri, sat, sun, weekdays, weekend",
        ],
    ),
    "undefined_line": (
        "validate",
        ["sites[1].volume.insurance: unknown business line", "defined lines: cards, loans"],
    ),
    "duplicate_sites": ("validate", ["sites[2].name: duplicate name 'Lyon'"]),
    "hub_without_sites": (
        "validate",
        ["design.alternatives[0].hubs.South: lists no site; give it at least one site"],
    ),
    "hubs_missing_site": (
        "validate",
        ["design.alternatives[0].hubs: sites not assigned to any hub: Nantes"],
    ),
    "abandon_with_erlang_c": (
        "validate",
        ["targets.max_abandon: 0.05 needs model = 'erlang_a'", "got model = 'erlang_c'"],
    ),
    "interval_20": (
        "validate",
        ["general.interval_minutes: must be one of 15, 30 or 60, got 20"],
    ),
    "toml_syntax": ("validate", ["TOML syntax:", "line 21"]),
    "shift_too_long": (
        "validate",
        ["workforce.shift_lengths: shift lengths must be between 1 and 14 hours, got 16.0"],
    ),
    "cross_trained_percent": ("validate", ["design.cross_trained: must be <= 1", "got 30"]),
    "missing_aht": ("validate", ["lines[1].aht: required key is missing"]),
    "support_role_two_bases": (
        "validate",
        ["workforce.support_roles[0]: give exactly one of per_agents or per_site"],
    ),
    "offset_off_grid": (
        "compare",
        ["sites[3].utc_offset:", "-330 minutes", "60-minute intervals"],
    ),
    "hub_closed": (
        "compare",
        ["Shared centre", ".hours:", "closed at Mon 08:00", "while its sites receive calls"],
    ),
    "plan_unknown_site": (
        "validate",
        ["plan.waves[1].sites[1]: unknown site 'Pariss'", "defined sites: Lyon, Nantes"],
    ),
    "plan_site_twice": (
        "validate",
        ["plan.waves[1].sites[1]: 'Lyon' is already handed over in plan.waves[0]"],
    ),
    "plan_wave_after_horizon": (
        "validate",
        ["plan.waves[1].month: 30 is outside the months a wave may start, 3-21", "plan.months"],
    ),
    "plan_unknown_hub": (
        "validate",
        ["plan.waves[0].hub: unknown hub 'Shared center'", "defined hubs: Shared centre"],
    ),
    "plan_unknown_channel": (
        "validate",
        [
            "plan.channel_shifts[0].from_channel: unknown channel 'field_vist'",
            "allowed: phone, field_visit",
        ],
    ),
    "too_few_seats": (
        "compare",
        ["'Lyon'", "design 'scattered'", "at Mon 10:00", "has 10 seats"],
    ),
}


def test_every_broken_file_has_an_expectation():
    assert {p.stem for p in BROKEN.glob("*.toml")} == set(EXPECTED)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_broken_file_gives_one_clear_error(stem, capsys):
    command, substrings = EXPECTED[stem]
    status = main([command, str(BROKEN / f"{stem}.toml")])
    out, err = capsys.readouterr()
    assert status == 2
    assert "Traceback" not in out + err
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    for text in substrings:
        assert text in lines[0]


@pytest.mark.parametrize(
    "stem", sorted(stem for stem, (command, _) in EXPECTED.items() if command == "compare")
)
def test_compare_time_problems_pass_validation(stem):
    """These files are valid as written; their problem appears only when a design is built."""
    load_scenario(BROKEN / f"{stem}.toml")


@pytest.mark.parametrize(
    "stem", sorted(stem for stem, (command, _) in EXPECTED.items() if command == "validate")
)
def test_load_scenario_raises_scenario_error_with_problems(stem):
    with pytest.raises(ScenarioError) as caught:
        load_scenario(BROKEN / f"{stem}.toml")
    assert len(caught.value.problems) == 1
    assert isinstance(caught.value, ValueError)


def test_several_mistakes_give_one_line_each(tmp_path, capsys):
    text = (BROKEN / "negative_volume.toml").read_text()
    text = text.replace("interval_minutes = 30", "interval_minutes = 20")
    text = text.replace('name = "Lille"', 'name = "Lille"\nvolume_scale = -1')
    path = tmp_path / "three_mistakes.toml"
    path.write_text(text)
    assert main(["validate", str(path)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3, lines
    assert any("general.interval_minutes:" in line for line in lines)
    assert any("sites[3].volume.cards: must be >= 0" in line for line in lines)
    assert any("sites[1].volume_scale: must be >= 0" in line for line in lines)
