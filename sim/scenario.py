"""Scenario files: today's scattered centres and the consolidation designs, validated and frozen.

A planner writes one TOML file (see ``scenarios/README.md`` for every key, unit and default):
``[general]``, ``[targets]``, ``[workforce]``, ``[[lines]]`` (business lines, i.e. queues),
``[[sites]]`` (today's centres), ``[[hubs]]`` (where consolidated centres would be) and ``[design]``
(which sites go to which hub, what changes after the move, which alternatives to compare).
``load_scenario`` turns it into a frozen :class:`Scenario` or raises :class:`ScenarioError` listing
every problem with its key path (``sites[3].volume.cards: must be >= 0, got -120``).

Units: seconds for handle and patience times, calls per week for volumes, hours for shifts and time
zones (offsets from UTC), the scenario's currency per year for costs.
"""

import difflib
import hashlib
import json
import math
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from sim import hours as hours_mod
from sim.errors import InputError

__all__ = [
    "Scenario",
    "ScenarioError",
    "apply_overrides",
    "load_scenario",
    "parse_scenario",
]


class ScenarioError(InputError):
    """A scenario that cannot be used; ``problems`` lists one message per problem."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


Share = Annotated[float, Field(ge=0.0, le=1.0)]
MAX_WEEKLY_CALLS = 50_000_000.0
"""Largest weekly volume of one line at one site (a national operator's whole traffic is less)."""
Hours = str | dict[str, str]


class General(_Model):
    """Name, currency, planning grid and random seed of the scenario."""

    name: str = "Unnamed scenario"
    description: str = ""
    currency: str = "EUR"
    interval_minutes: Literal[15, 30, 60] = 30
    horizon_days: int = Field(7, ge=1, le=7)
    first_weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "mon"
    seed: int = Field(0, ge=0)
    clock_utc_offset: float | None = Field(None, ge=-12.0, le=14.0)


class Targets(_Model):
    """Service targets every pool must meet in every interval, and the queue model."""

    service_level: float = Field(0.8, gt=0.0, lt=1.0)
    threshold: float = Field(20.0, ge=0.0)
    max_abandon: float | None = Field(None, gt=0.0, lt=1.0)
    max_asa: float | None = Field(None, gt=0.0)
    max_occupancy: float | None = Field(None, gt=0.0, le=1.0)
    model: Literal["erlang_c", "erlang_a"] = "erlang_a"

    @model_validator(mode="after")
    def _abandon_needs_patience(self):
        if self.max_abandon is not None and self.model == "erlang_c":
            raise InputError(
                f"max_abandon: {self.max_abandon} needs model = 'erlang_a' (Erlang C callers "
                "never abandon), got model = 'erlang_c'"
            )
        return self


class SupportRole(_Model):
    """An overhead role: either one per ``per_agents`` agent FTE, or ``per_site`` per centre."""

    name: str
    per_agents: float | None = Field(None, ge=1.0)
    per_site: float | None = Field(None, ge=0.0)
    annual_cost: float | None = Field(None, ge=0.0)

    @model_validator(mode="after")
    def _one_basis(self):
        if (self.per_agents is None) == (self.per_site is None):
            raise InputError("give exactly one of per_agents or per_site")
        return self


DEFAULT_SUPPORT_ROLES = (
    SupportRole(name="team_leader", per_agents=15),
    SupportRole(name="quality_assurance", per_agents=40),
    SupportRole(name="trainer", per_agents=60),
    SupportRole(name="site_manager", per_site=1),
    SupportRole(name="wfm_analyst", per_site=1),
    SupportRole(name="it_facilities", per_site=1),
)


class Workforce(_Model):
    """Shrinkage, contracts, shifts, minimum cover and support roles."""

    shrinkage: float = Field(0.32, ge=0.0, lt=0.9)
    hours_per_fte_week: float = Field(40.0, gt=0.0, le=80.0)
    min_agents_open: int = Field(2, ge=0)
    shift_lengths: tuple[float, ...] = Field((8.0,), min_length=1)
    break_minutes: int = Field(60, ge=0, le=180)
    break_after_hours: float = Field(6.0, ge=0.0)
    roster: Literal["milp", "none"] = "milp"
    support_roles: tuple[SupportRole, ...] = DEFAULT_SUPPORT_ROLES

    @field_validator("shift_lengths")
    @classmethod
    def _lengths(cls, value):
        for length in value:
            if not 1.0 <= length <= 14.0:
                raise InputError(f"shift lengths must be between 1 and 14 hours, got {length}")
        return value


class Line(_Model):
    """A business line (queue) with its handle time, patience and optional own targets."""

    name: str = Field(min_length=1)
    aht: float = Field(gt=0.0, le=7200.0)
    aht_cv: float = Field(1.0, gt=0.0, le=5.0)
    patience: float = Field(120.0, gt=0.0)
    service_level: float | None = Field(None, gt=0.0, lt=1.0)
    threshold: float | None = Field(None, ge=0.0)


class Site(_Model):
    """One of today's centres: where it is, when it is open, what it answers and what it costs."""

    name: str = Field(min_length=1)
    region: str = ""
    utc_offset: float = Field(0.0, ge=-12.0, le=14.0)
    hours: Hours = "08:00-20:00"
    volume: dict[str, Annotated[float, Field(ge=0.0, le=MAX_WEEKLY_CALLS)]]
    volume_scale: float = Field(1.0, ge=0.0, le=100.0)
    profile: str | tuple[Annotated[float, Field(ge=0.0)], ...] = "business_day"
    weekday_weights: str | tuple[Annotated[float, Field(ge=0.0)], ...] = "office"
    cost_per_fte: float = Field(45_000.0, ge=0.0)
    fixed_cost: float = Field(0.0, ge=0.0)
    current_headcount: float | None = Field(None, ge=0.0)
    seats: int | None = Field(None, ge=1)


class Hub(_Model):
    """A consolidated centre: its time zone, hours, costs and optional seat capacity."""

    name: str = Field(min_length=1)
    region: str = ""
    utc_offset: float = Field(0.0, ge=-12.0, le=14.0)
    hours: Hours | None = None
    cost_per_fte: float = Field(45_000.0, ge=0.0)
    fixed_cost: float = Field(0.0, ge=0.0)
    seats: int | None = Field(None, ge=1)


class Alternative(_Model):
    """A further consolidation design to compare with scattered and the main centralised one."""

    name: str = Field(min_length=1)
    kind: Literal["centralised", "hubs", "virtual"]
    hub: str | None = None
    hubs: dict[str, tuple[str, ...]] | None = None
    overflow_after: float = Field(30.0, ge=0.0)

    @model_validator(mode="after")
    def _mapping(self):
        if self.kind == "hubs" and not self.hubs:
            raise InputError("kind 'hubs' needs a table hubs = { HUB = [SITE, ...] }")
        if self.kind != "hubs" and self.hubs:
            raise InputError(f"hubs is only for kind 'hubs', not {self.kind!r}")
        return self


class Design(_Model):
    """The main consolidation design (all sites to ``hub``) and what changes with the move."""

    hub: str | None = None
    aht_change: float = Field(0.0, gt=-0.5, le=1.0)
    cross_trained: Share = 1.0
    alternatives: tuple[Alternative, ...] = ()


class Scenario(_Model):
    """A validated, frozen scenario; build it with :func:`load_scenario` or :func:`parse_scenario`.

    Hashable-by-content through :meth:`digest`; edit it with :func:`apply_overrides`.
    """

    general: General = General()
    targets: Targets = Targets()
    workforce: Workforce = Workforce()
    lines: tuple[Line, ...] = Field(min_length=1)
    sites: tuple[Site, ...] = Field(min_length=1)
    hubs: tuple[Hub, ...] = ()
    design: Design = Design()

    @model_validator(mode="after")
    def _cross_references(self):
        problems = _cross_reference_problems(self)
        if problems:
            raise InputError("\n".join(problems))
        return self

    @property
    def line_names(self) -> tuple[str, ...]:
        return tuple(line.name for line in self.lines)

    @property
    def site_names(self) -> tuple[str, ...]:
        return tuple(site.name for site in self.sites)

    @property
    def clock_utc_offset(self) -> float:
        """UTC offset (hours) of the scenario clock in which every table is shown."""
        if self.general.clock_utc_offset is not None:
            return self.general.clock_utc_offset
        return self.main_hub().utc_offset

    def main_hub(self) -> Hub:
        """The hub of the main centralised design; a default one when the file names none.

        The default hub sits with the site of the largest volume (its time zone and costs) and the
        largest fixed cost of any site.
        """
        if self.design.hub is not None:
            return self.hub(self.design.hub)
        if self.hubs:
            return self.hubs[0]
        biggest = max(self.sites, key=lambda s: sum(s.volume.values()) * s.volume_scale)
        return Hub(
            name="Central hub",
            region=biggest.region,
            utc_offset=biggest.utc_offset,
            cost_per_fte=biggest.cost_per_fte,
            fixed_cost=max(s.fixed_cost for s in self.sites),
        )

    def hub(self, name: str) -> Hub:
        for hub in self.hubs:
            if hub.name == name:
                return hub
        raise KeyError(name)

    def digest(self) -> str:
        """SHA-256 of the canonical JSON form: equal scenarios have equal digests."""
        text = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def to_toml(self) -> str:
        """The scenario as TOML text that :func:`parse_scenario` reads back to an equal scenario."""
        return _to_toml(self.model_dump(mode="json", exclude_none=True))


def _profile_problems(where: str, profile, interval_minutes: int) -> list[str]:
    per_day = hours_mod.intervals_per_day(interval_minutes)
    if isinstance(profile, str):
        if profile not in hours_mod.PROFILES:
            names = ", ".join(sorted(hours_mod.PROFILES))
            return [f"{where}.profile: unknown profile {profile!r}; built-in: {names}"]
        return []
    if len(profile) not in (24, per_day):
        return [
            f"{where}.profile: needs 24 hourly weights or {per_day} interval weights, "
            f"got {len(profile)}"
        ]
    return []


def _hours_problems(where: str, value, interval_minutes: int) -> list[str]:
    if value is None:
        return []
    items = [(where, value)] if isinstance(value, str) else []
    if isinstance(value, dict):
        allowed = (*hours_mod.WEEKDAYS, "weekdays", "weekend")
        for key, text in value.items():
            if key not in allowed:
                hint = _close_match(key, allowed)
                items_msg = f"unknown day {key!r}{hint}; allowed: {', '.join(allowed)}"
                return [f"{where}.{key}: {items_msg}"]
            items.append((f"{where}.{key}", text))
    problems = []
    for path, text in items:
        try:
            hours_mod.parse_range(text, interval_minutes)
        except ValueError as err:
            problems.append(f"{path}: {err}")
    return problems


def _weekday_problems(where: str, weights) -> list[str]:
    if isinstance(weights, str):
        if weights not in hours_mod.WEEKDAY_PROFILES:
            names = ", ".join(sorted(hours_mod.WEEKDAY_PROFILES))
            return [f"{where}.weekday_weights: unknown profile {weights!r}; built-in: {names}"]
        return []
    if len(weights) != 7:
        return [f"{where}.weekday_weights: needs 7 weights (Monday first), got {len(weights)}"]
    return []


def _unique_problems(kind: str, names: tuple[str, ...]) -> list[str]:
    seen: set[str] = set()
    problems = []
    for i, name in enumerate(names):
        if name in seen:
            problems.append(f"{kind}[{i}].name: duplicate name {name!r}")
        seen.add(name)
    return problems


def _cross_reference_problems(s: Scenario) -> list[str]:
    minutes = s.general.interval_minutes
    lines = s.line_names
    sites = s.site_names
    hubs = tuple(h.name for h in s.hubs)
    problems = _unique_problems("lines", lines) + _unique_problems("sites", sites)
    problems += _unique_problems("hubs", hubs)
    for i, site in enumerate(s.sites):
        where = f"sites[{i}]"
        for line in site.volume:
            if line not in lines:
                problems.append(
                    f"{where}.volume.{line}: unknown business line{_close_match(line, lines)}; "
                    f"defined lines: {', '.join(lines)}"
                )
        problems += _profile_problems(where, site.profile, minutes)
        problems += _weekday_problems(where, site.weekday_weights)
        problems += _hours_problems(f"{where}.hours", site.hours, minutes)
    for i, hub in enumerate(s.hubs):
        problems += _hours_problems(f"hubs[{i}].hours", hub.hours, minutes)
    if s.design.hub is not None and s.design.hub not in hubs:
        problems.append(_unknown_hub("design.hub", s.design.hub, hubs))
    for i, alt in enumerate(s.design.alternatives):
        where = f"design.alternatives[{i}]"
        if alt.name in ("scattered", "centralised"):
            problems.append(f"{where}.name: {alt.name!r} is reserved for the built-in designs")
        if alt.hub is not None and alt.hub not in hubs:
            problems.append(_unknown_hub(f"{where}.hub", alt.hub, hubs))
        for hub, members in (alt.hubs or {}).items():
            if hub not in hubs:
                problems.append(_unknown_hub(f"{where}.hubs.{hub}", hub, hubs))
            for site in members:
                if site not in sites:
                    problems.append(
                        f"{where}.hubs.{hub}: unknown site {site!r}{_close_match(site, sites)}"
                    )
        if alt.kind == "hubs":
            assigned = [site for members in alt.hubs.values() for site in members]
            missing = [site for site in sites if site not in assigned]
            twice = sorted({site for site in assigned if assigned.count(site) > 1})
            if missing:
                problems.append(f"{where}.hubs: sites not assigned to any hub: {missing}")
            if twice:
                problems.append(f"{where}.hubs: sites assigned to several hubs: {twice}")
    problems += _design_name_problems(s)
    problems += _shift_problems(s)
    return problems


def _shift_problems(s: Scenario) -> list[str]:
    minutes = s.general.interval_minutes
    lengths = s.workforce.shift_lengths
    problems = [
        f"workforce.shift_lengths[{i}]: {length:g} h is not a whole number of {minutes}-minute "
        f"intervals (general.interval_minutes)"
        for i, length in enumerate(lengths)
        if abs(length * 60 / minutes - round(length * 60 / minutes)) > 1e-9
    ]
    problems += [
        f"workforce.shift_lengths[{i}]: {length:g} h is listed twice"
        for i, length in enumerate(lengths)
        if length in lengths[:i]
    ]
    return problems


def _design_name_problems(s: Scenario) -> list[str]:
    names = [alt.name for alt in s.design.alternatives]
    return [
        f"design.alternatives[{i}].name: duplicate design name {name!r}"
        for i, name in enumerate(names)
        if name in names[:i]
    ]


def _unknown_hub(path: str, name: str, hubs: tuple[str, ...]) -> str:
    defined = ", ".join(hubs) if hubs else "none (add a [[hubs]] table)"
    return f"{path}: unknown hub {name!r}{_close_match(name, hubs)}; defined hubs: {defined}"


def _close_match(word: str, options) -> str:
    match = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _loc_path(loc: tuple) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The pydantic model class that owns the key at ``loc`` (for unknown-key suggestions)."""
    model: Any = Scenario
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if isinstance(model, type) else None
        if field is None:
            return None
        model = _inner_model(field.annotation)
        if model is None:
            return None
    return model


def _inner_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


_BOUND_WORDS = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<"}


def _message(error: dict) -> str:
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    if kind == "extra_forbidden":
        model = _model_at(error["loc"])
        allowed = tuple(model.model_fields) if model else ()
        hint = _close_match(error["loc"][-1], allowed)
        listed = f"; allowed keys: {', '.join(allowed)}" if allowed else ""
        return f"unknown key{hint}{listed}"
    if kind == "missing":
        return "required key is missing"
    if kind == "finite_number":
        return f"must be a finite number, got {value!r}"
    for bound, word in _BOUND_WORDS.items():
        if kind.endswith(f"{'greater' if bound[0] == 'g' else 'less'}_than") and bound in ctx:
            return f"must be {word} {ctx[bound]}, got {value!r}"
        if kind.endswith("_equal") and bound in ctx:
            return f"must be {word} {ctx[bound]}, got {value!r}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')}, got {value!r}"
    if kind in ("too_short", "too_long"):
        return f"{error['msg'].lower()}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{error['msg'].lower()}, got {value!r}"


_FIELD_PREFIX = re.compile(r"^([a-z_]+): ")


def _problems(err: ValidationError) -> list[str]:
    problems = []
    errors = err.errors()
    deeper = {error["loc"][:1] for error in errors if len(error["loc"]) > 1}
    for error in errors:
        if error["type"] == "too_short" and tuple(error["loc"]) in deeper:
            continue
        loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
        path = _loc_path(loc)
        message = _message(error)
        if error["type"] == "value_error" and "\n" in message:
            problems.extend(line for line in message.splitlines())
            continue
        field = _FIELD_PREFIX.match(message) if error["type"] == "value_error" else None
        if field and path:
            path, message = f"{path}.{field[1]}", message[field.end() :]
        problems.append(f"{path}: {message}" if path else message)
    return list(dict.fromkeys(problems))


def _is_union_tag(part) -> bool:
    return isinstance(part, str) and (
        part in ("str", "float", "int", "function-after[_lengths(), tuple[float, ...]]")
        or part.startswith(("dict[", "tuple[", "function-", "constrained-"))
    )


def parse_scenario(data: dict | str) -> Scenario:
    """Validate a scenario given as a dict (parsed TOML) or as TOML text.

    Raises
    ------
    ScenarioError
        With one message per problem, each naming its key path.
    """
    if isinstance(data, str):
        try:
            data = tomllib.loads(data)
        except tomllib.TOMLDecodeError as err:
            raise ScenarioError([f"TOML syntax: {err}"]) from None
    try:
        return Scenario.model_validate(data)
    except ValidationError as err:
        raise ScenarioError(_problems(err)) from None


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario TOML file (see ``scenarios/README.md``)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ScenarioError([f"{path}: cannot read ({err.strerror})"]) from None
    except UnicodeDecodeError:
        raise ScenarioError([f"{path}: not UTF-8 text"]) from None
    return parse_scenario(text)


_SEGMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]+)\])?$")


def apply_overrides(scenario: Scenario, overrides: dict[str, Any]) -> Scenario:
    """A new validated scenario with values replaced at dotted key paths.

    Paths are like ``targets.service_level``, ``sites[2].volume_scale`` (index),
    ``sites[*].cost_per_fte`` (every element), ``lines[cards].aht`` (element by name) or
    ``sites[Leeds].volume.cards``.

    Raises
    ------
    ScenarioError
        For a path that names nothing, or a value the scenario rejects.
    """
    data = scenario.model_dump(mode="json")
    for path, value in overrides.items():
        try:
            _set_path(data, path, value)
        except (KeyError, IndexError, ValueError) as err:
            raise ScenarioError([f"{path}: {err.args[0]}"]) from None
    return parse_scenario(data)


def _set_path(data: dict, path: str, value) -> None:
    targets = [data]
    segments = path.split(".")
    for depth, segment in enumerate(segments):
        match = _SEGMENT.match(segment)
        if not match:
            raise InputError(f"cannot read path segment {segment!r}")
        key, selector = match.groups()
        last = depth == len(segments) - 1
        next_targets = []
        for target in targets:
            if not isinstance(target, dict) or (key not in target and not (last and not selector)):
                raise KeyError(f"no key {key!r} here{_close_match(key, _keys(target))}")
            if selector is None:
                if last:
                    target[key] = value
                else:
                    target.setdefault(key, {})
                    next_targets.append(target[key])
                continue
            items = target[key]
            chosen = _select(items, selector)
            if last:
                for i in chosen:
                    items[i] = value
            else:
                next_targets.extend(items[i] for i in chosen)
        targets = next_targets


def _keys(target) -> list[str]:
    return list(target) if isinstance(target, dict) else []


def _select(items, selector: str) -> list[int]:
    if not isinstance(items, list):
        raise InputError("[...] only applies to lists (lines, sites, hubs, ...)")
    if selector == "*":
        return list(range(len(items)))
    if selector.lstrip("-").isdigit():
        index = int(selector)
        if not -len(items) <= index < len(items):
            raise IndexError(f"index {index} out of range (0..{len(items) - 1})")
        return [index % len(items)]
    names = [item.get("name") for item in items if isinstance(item, dict)]
    if selector not in names:
        raise KeyError(f"no element named {selector!r}{_close_match(selector, names)}")
    return [names.index(selector)]


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise InputError(f"cannot write {value} to TOML")
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _is_table_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _to_toml(data: dict, prefix: str = "") -> str:
    scalars, tables, arrays = [], [], []
    for key, value in data.items():
        full = f"{prefix}.{_toml_key(key)}" if prefix else _toml_key(key)
        if _is_table_list(value) and key != "volume":
            arrays.append((full, value))
        elif isinstance(value, dict) and key not in ("volume", "hours", "hubs"):
            tables.append((full, value))
        else:
            scalars.append(f"{_toml_key(key)} = {_toml_value(value)}")
    out = "\n".join(scalars) + ("\n" if scalars else "")
    for full, value in tables:
        out += f"\n[{full}]\n" + _to_toml(value, full)
    for full, items in arrays:
        for item in items:
            out += f"\n[[{full}]]\n" + _to_toml(item, full)
    return out
