"""The scenario schema: one pydantic model per table of a scenario file, frozen and strict.

Each class is one table of the TOML file (``[general]``, ``[targets]``, ``[workforce]``,
``[[lines]]``, ``[[sites]]``, ``[[hubs]]``, ``[design]``, ``[risk]``, ``[plan]``); unknown keys,
infinities and NaN are refused, and :class:`Scenario` runs the cross-reference checks of
``sim.scenario.checks`` once every table is valid on its own. Units: seconds for handle and
patience times, calls per week for volumes, hours for shifts and time zones (offsets from UTC),
the scenario's currency per year for costs.
"""

import hashlib
import json
import math
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    field_validator,
    model_validator,
)

from sim.errors import InputError
from sim.scenario.checks import cross_reference_problems
from sim.scenario.limits import echo
from sim.scenario.toml_writer import to_toml


class ScenarioError(InputError):
    """A scenario that cannot be used; ``problems`` lists one message per problem."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def _not_boolean(value):
    """Numbers only: ``true`` is not 1 and ``"5"`` is not 5 (pydantic would take both)."""
    if isinstance(value, bool | str):
        given = f"a boolean ({str(value).lower()})" if isinstance(value, bool) else echo(value)
        raise InputError(f"must be a valid number, got {given}")
    return value


def _plain_name(value: str) -> str:
    if not value.strip():
        raise InputError(f"must not be blank, got {echo(value)}")
    if not value.isprintable():
        raise InputError(f"must not hold line breaks or control characters, got {echo(value)}")
    return value


MAX_NAME_CHARS = 100
"""Longest name of a site, line, hub, design or support role, and of the currency."""
MAX_SITES = 2_000
MAX_LINES = 50
MAX_HUBS = 500
MAX_ALTERNATIVES = 20
MAX_WEEKLY_CALLS = 50_000_000.0
"""Largest weekly volume of one line at one site (a national operator's whole traffic is less)."""
MAX_COST = 1e10
"""Largest cost (per FTE or fixed, per year): far beyond any real one, far below an overflow."""
MAX_WEIGHT = 1e6
"""Largest intraday or weekday weight (weights are relative; their sum must stay finite)."""
MAX_AHT = 7_200.0
"""Longest mean handle time, seconds (two hours)."""
MAX_PATIENCE = 86_400.0
"""Longest mean patience, seconds (a day)."""

Number = Annotated[float, BeforeValidator(_not_boolean)]
Whole = Annotated[int, BeforeValidator(_not_boolean)]
Share = Annotated[Number, Field(ge=0.0, le=1.0)]
Name = Annotated[str, Field(max_length=MAX_NAME_CHARS), AfterValidator(_plain_name)]
Text = Annotated[str, Field(max_length=2_000)]
Weight = Annotated[Number, Field(ge=0.0, le=MAX_WEIGHT)]
Cost = Annotated[Number, Field(ge=0.0, le=MAX_COST)]
Offset = Annotated[Number, Field(ge=-12.0, le=14.0)]
Seconds = Annotated[Number, Field(ge=0.0, le=86_400.0)]
Weights = (
    Annotated[str, Field(max_length=MAX_NAME_CHARS)]
    | Annotated[tuple[Weight, ...], Field(max_length=96)]
)
"""A built-in profile's name, or weights (hourly, per interval or per weekday)."""
Hours = Annotated[str, Field(max_length=100)] | dict[str, Annotated[str, Field(max_length=100)]]
HandleTime = Annotated[Number, Field(ge=1.0, le=MAX_AHT)]
PatienceTime = Annotated[Number, Field(ge=1.0, le=MAX_PATIENCE)]


def _handle_time_or_zero(value: float) -> float:
    if value != 0.0 and not 1.0 <= value <= MAX_AHT:
        raise InputError(
            f"must be 0 (the site's aht of the line, else the line's) or between 1 and "
            f"{MAX_AHT:g} seconds, got {value:g}"
        )
    return value


IntervalHandleTime = Annotated[Number, AfterValidator(_handle_time_or_zero)]


class General(_Model):
    """Name, currency, planning grid and random seed of the scenario."""

    name: Name = "Unnamed scenario"
    description: Text = ""
    currency: Annotated[str, Field(max_length=12), AfterValidator(_plain_name)] = "EUR"
    interval_minutes: Annotated[Literal[15, 30, 60], BeforeValidator(_not_boolean)] = 30
    horizon_days: Whole = Field(7, ge=1, le=7)
    first_weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "mon"
    seed: Whole = Field(0, ge=0, le=2**32 - 1)
    clock_utc_offset: Offset | None = None


DEFAULT_MAX_OCCUPANCY = 0.9
"""Occupancy cap in force unless a file sets ``targets.max_occupancy`` (1.0 lifts it): sustained
occupancy above 85-90 % burns agents out and drives attrition (Koole 2013, "Call Center
Optimization", ch. 6; Cleveland 2012, "Call Center Management on Fast Forward", ch. 6)."""


Period = Literal["interval", "day", "week"]


class Targets(_Model):
    """Service targets every pool must meet, over what period, and the queue model."""

    service_level: Number = Field(0.8, gt=0.0, lt=1.0)
    threshold: Seconds = 20.0
    max_abandon: Number | None = Field(None, gt=0.0, lt=1.0)
    max_asa: Number | None = Field(None, gt=0.0, le=86_400.0)
    max_occupancy: Number = Field(DEFAULT_MAX_OCCUPANCY, ge=0.1, le=1.0)
    model: Literal["erlang_c", "erlang_a"] = "erlang_a"
    period: Period = "interval"
    floor_service_level: Number | None = Field(None, gt=0.0, lt=1.0)

    @model_validator(mode="after")
    def _floor_below_target(self):
        if self.floor_service_level is None:
            return self
        if self.period == "interval":
            raise InputError(
                "floor_service_level: only with period = 'day' or 'week' (with 'interval' every "
                "interval meets service_level itself)"
            )
        if self.floor_service_level > self.service_level:
            raise InputError(
                f"floor_service_level: {self.floor_service_level} must be <= service_level "
                f"({self.service_level})"
            )
        return self

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

    name: Name
    per_agents: Number | None = Field(None, ge=1.0, le=100_000.0)
    per_site: Number | None = Field(None, ge=0.0, le=10_000.0)
    annual_cost: Cost | None = None

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


class Contract(_Model):
    """A contract type: its weekly hours, shift lengths, working days, cost and share cap.

    A person on it works one shift of one of ``shift_lengths`` on each working day, the same
    length all week, and ``hours_per_week / length`` days (a whole number, at most
    ``days_per_week``), so every tour is paid exactly ``hours_per_week``. Examples: full-time,
    40 h on 5 days of 8 h; part-time, 24 h on 6 days of 4 h (China's Labour Contract Law art. 68:
    at most 4 h a day and 24 h a week).
    """

    name: Name
    hours_per_week: Number = Field(gt=0.0, le=80.0)
    shift_lengths: tuple[Number, ...] = Field(min_length=1, max_length=24)
    days_per_week: Whole = Field(5, ge=1, le=7)
    cost_factor: Number = Field(1.0, gt=0.0, le=10.0)
    max_share: Share = 1.0
    consecutive_days_off: StrictBool = False
    fewer_days_when_closed: StrictBool = False

    def days(self, length: float) -> int:
        """Working days a week of a tour of ``length``-hour shifts."""
        return round(self.hours_per_week / length)


class Workforce(_Model):
    """Shrinkage, contracts, shifts, minimum cover and support roles."""

    shrinkage: Number = Field(0.22, ge=0.0, lt=0.9)
    hours_per_fte_week: Number = Field(40.0, ge=1.0, le=80.0)
    min_agents_open: Whole = Field(2, ge=0, le=10_000)
    shift_lengths: tuple[Number, ...] | None = Field(None, min_length=1, max_length=24)
    break_minutes: Whole = Field(60, ge=0, le=180)
    break_after_hours: Number = Field(6.0, ge=0.0, le=24.0)
    break_earliest_minutes: Whole | None = Field(None, ge=0, le=900)
    break_latest_minutes: Whole | None = Field(None, ge=0, le=900)
    break_paid: StrictBool = True
    roster: Literal["milp", "none"] = "milp"
    support_roles: tuple[SupportRole, ...] = Field(DEFAULT_SUPPORT_ROLES, max_length=50)
    contracts: tuple[Contract, ...] = Field((), max_length=20)
    start_band_minutes: Whole | None = Field(None, ge=0, le=1440)
    support_on_site: Share = 1.0

    @property
    def lengths(self) -> tuple[float, ...]:
        """Every allowed shift length, hours: ``shift_lengths`` (default 8 h alone), or with
        contracts the lengths they list."""
        if self.contracts:
            return tuple(sorted({float(h) for c in self.contracts for h in c.shift_lengths}))
        return tuple(self.shift_lengths or (8.0,))

    def contract_types(self) -> tuple[Contract, ...]:
        """The contracts, or for a file without ``[[workforce.contracts]]`` one contract per shift
        length ``L``: tours of ``d = min(5, floor(hours_per_fte_week / L))`` days (at least 1) of
        ``L`` hours, ``d L`` hours a week, uncapped, at the location's cost per FTE. With the
        default 40 h: 8 h shifts make 40 h tours on 5 days, 10 h ones 40 h on 4, 6 h ones 30 h on
        5 (0.75 FTE a person), 4 h ones 20 h on 5. No person works more than a full-time week or
        more than 5 days, and every allowed length stays in use; where a pool is open on fewer
        days, its people work every open day (``fewer_days_when_closed``)."""
        if self.contracts:
            return self.contracts
        full = self.hours_per_fte_week
        out = []
        for length in self.lengths:
            days = min(5, max(1, math.floor(full / length + 1e-9)))
            out.append(
                Contract(
                    name=f"{days} x {length:g} h",
                    hours_per_week=days * length,
                    shift_lengths=(length,),
                    days_per_week=days,
                    fewer_days_when_closed=True,
                )
            )
        return tuple(out)

    @field_validator("shift_lengths")
    @classmethod
    def _lengths(cls, value):
        for length in value or ():
            if not 1.0 <= length <= 14.0:
                raise InputError(f"shift lengths must be between 1 and 14 hours, got {length}")
        return value


class Line(_Model):
    """A business line (queue) with its handle time, patience and optional own targets."""

    name: Name
    aht: HandleTime
    aht_cv: Number = Field(1.0, gt=0.0, le=5.0)
    patience: PatienceTime = 120.0
    patience_dist: Literal[
        "exponential", "gamma", "weibull", "lognormal", "delayed_exponential"
    ] = "exponential"
    patience_cv: Number | None = Field(None, gt=0.0, le=100.0)
    service_level: Number | None = Field(None, gt=0.0, lt=1.0)
    threshold: Seconds | None = None

    @model_validator(mode="after")
    def _patience_family(self):
        from sim.des.patience import patience_times  # scipy only when a file is validated

        patience_times(self.patience_dist, self.patience, self.patience_cv)
        return self


class Site(_Model):
    """One of today's centres: where it is, when it is open, what it answers and what it costs.

    ``aht`` and ``patience`` (line -> seconds) are the site's own handle time and patience where
    they differ from the line's; ``week_aht`` (line -> one handle time per interval of the week,
    Monday 00:00 first, local time, like ``week_profile``) the handle time of each interval, 0
    where the interval has none of its own (the site's ``aht`` of the line, else the line's).
    """

    name: Name
    region: Annotated[str, Field(max_length=MAX_NAME_CHARS)] = ""
    utc_offset: Offset = 0.0
    hours: Hours = "08:00-20:00"
    volume: dict[str, Annotated[Number, Field(ge=0.0, le=MAX_WEEKLY_CALLS)]] = Field(
        max_length=MAX_LINES
    )
    volume_scale: Number = Field(1.0, ge=0.0, le=100.0)
    profile: Weights = "business_day"
    weekday_weights: Weights = "office"
    week_profile: dict[str, tuple[Annotated[Number, Field(ge=0.0, le=1e9)], ...]] | None = Field(
        None, max_length=MAX_LINES
    )
    aht: dict[str, HandleTime] | None = Field(None, max_length=MAX_LINES)
    patience: dict[str, PatienceTime] | None = Field(None, max_length=MAX_LINES)
    week_aht: dict[str, tuple[IntervalHandleTime, ...]] | None = Field(None, max_length=MAX_LINES)
    cost_per_fte: Cost = 45_000.0
    fixed_cost: Cost = 0.0
    current_headcount: Number | None = Field(None, ge=0.0, le=1_000_000.0)
    seats: Whole | None = Field(None, ge=1, le=1_000_000)


class Hub(_Model):
    """A consolidated centre: its time zone, hours, costs and optional seat capacity."""

    name: Name
    region: Annotated[str, Field(max_length=MAX_NAME_CHARS)] = ""
    utc_offset: Offset = 0.0
    hours: Hours | None = None
    cost_per_fte: Cost = 45_000.0
    fixed_cost: Cost = 0.0
    seats: Whole | None = Field(None, ge=1, le=1_000_000)


class Alternative(_Model):
    """A further consolidation design to compare with scattered and the main centralised one."""

    name: Name
    kind: Literal["centralised", "hubs", "virtual"]
    hub: Name | None = None
    hubs: dict[str, tuple[Name, ...]] | None = Field(None, max_length=MAX_HUBS)
    overflow_after: Seconds = 30.0

    @model_validator(mode="after")
    def _mapping(self):
        if self.kind == "hubs" and not self.hubs:
            raise InputError("kind 'hubs' needs a table hubs = { HUB = [SITE, ...] }")
        if self.kind != "hubs" and self.hubs:
            raise InputError(f"hubs is only for kind 'hubs', not {self.kind!r}")
        return self


class HistorySource(_Model):
    """The interval history a scenario was built from (``python -m sim import``), read again by
    ``python -m sim calibrate``; ``file`` is relative to the scenario file."""

    file: str = Field(min_length=1)
    week: str = Field("average", pattern=r"^(average|p(100|[1-9][0-9]?)|\d{4}-\d{2}-\d{2})$")
    utc_offset: float | None = Field(None, ge=-12.0, le=14.0)
    sheet: str | None = None
    encoding: str = "utf-8"
    column_map: dict[str, str] = {}


class Design(_Model):
    """The main consolidation design (all sites to ``hub``) and what changes with the move."""

    hub: Name | None = None
    aht_change: Number = Field(0.0, gt=-0.5, le=1.0)
    cross_trained: Share = 1.0
    alternatives: tuple[Alternative, ...] = Field((), max_length=MAX_ALTERNATIVES)
    engine: Literal["auto", "analytic"] = "auto"


def _low_high(kind: type = float, **bounds):
    """A ``[low, high]`` pair of ``kind`` within ``bounds`` (pydantic ``Field`` keywords)."""
    one = Annotated[kind, Field(**bounds)]
    return tuple[one, one] | None


Factor = _low_high(gt=0.0, le=10.0)
Lengths = tuple[float, ...]


class RiskRanges(_Model):
    """Low-high range of every assumption the risk analysis moves (``sim.risk``).

    Factors multiply the scenario's own values (``volume = [0.9, 1.1]``: every site's calls
    -10 % to +10 %); the other ranges are the key's own values. An omitted range takes the
    default of ``sim.risk.assumptions``, around the scenario's value.
    """

    volume: Factor = None
    aht: Factor = None
    aht_change: _low_high(gt=-0.5, le=1.0) = None
    patience: Factor = None
    patience_cv: _low_high(gt=0.0, le=10.0) = None
    shrinkage: _low_high(ge=0.0, lt=0.9) = None
    max_occupancy: _low_high(gt=0.0, le=1.0) = None
    break_minutes: _low_high(int, ge=0, le=180) = None
    shift_lengths: tuple[Lengths, Lengths] | None = None
    cost_per_fte: Factor = None
    target_period: tuple[Period, Period] | None = None

    @model_validator(mode="after")
    def _ordered(self):
        for name in type(self).model_fields:
            value = getattr(self, name)
            choice = name in ("shift_lengths", "target_period")
            if not choice and value is not None and value[0] > value[1]:
                raise InputError(f"{name}: low must be <= high, got {list(value)}")
        if self.shift_lengths is not None:
            for side in self.shift_lengths:
                if not side or any(not 1.0 <= length <= 14.0 for length in side):
                    raise InputError(
                        "shift_lengths: each side must list shift lengths between 1 and 14 "
                        f"hours, got {[list(s) for s in self.shift_lengths]}"
                    )
        return self


class Risk(_Model):
    """Settings of the risk analysis: tornado ranges, Monte Carlo draws and resilience shocks."""

    samples: int = Field(200, ge=2, le=100_000)
    seed: int | None = Field(None, ge=0)
    distribution: Literal["triangular", "uniform"] = "triangular"
    saving_threshold: float = 0.0
    replications: int = Field(10, ge=2, le=1000)
    shock_day: Literal["busiest", "mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "busiest"
    outage_share: float = Field(0.3, gt=0.0, le=1.0)
    surge: float = Field(0.2, gt=0.0, le=5.0)
    forecast_error: float = Field(0.1, gt=0.0, le=5.0)
    ranges: RiskRanges = RiskRanges()


MAX_MONTHS = 120
"""Longest roadmap: ten years of months."""
Month = Annotated[Whole, Field(ge=1, le=MAX_MONTHS)]


class Phase(_Model):
    """A phase of the programme (research and planning, building the hub, ...): a named span of
    months shown on the roadmap's Gantt chart; it moves no figure."""

    name: Name
    start: Month
    end: Month

    @model_validator(mode="after")
    def _ordered(self):
        if self.start > self.end:
            raise InputError(f"end: {self.end} must be >= start ({self.start})")
        return self


class Wave(_Model):
    """Sites that hand their calls over to the hub at the start of ``month``."""

    name: Name
    month: Month
    sites: tuple[Name, ...] = Field(min_length=1, max_length=MAX_SITES)
    hub: Name | None = None


class Investment(_Model):
    """A one-off cost paid in ``month``: the hub's building, its IT and telephony, ..."""

    name: Name
    month: Month
    amount: Cost


class Learning(_Model):
    """The learning curve of new agents: handle time ``aht_increase`` above the steady value in
    their first call, falling linearly to the steady value over ``weeks``."""

    aht_increase: Number = Field(0.0, ge=0.0, le=2.0)
    weeks: Number = Field(12.0, gt=0.0, le=104.0)


class PlanCosts(_Model):
    """Costs of the roadmap beside the model's wages and fixed costs, in the scenario's currency:
    one-off amounts per person or per site, and running extras."""

    recruit_train_per_hire: Cost = 0.0
    severance_per_leaver: Cost = 0.0
    relocation_per_person: Cost = 0.0
    site_exit: Cost = 0.0
    night_weekend_premium: Number = Field(0.0, ge=0.0, le=3.0)
    telephony_per_routed_call: Number = Field(0.0, ge=0.0, le=1_000.0)


class Channel(_Model):
    """A contact channel other than the phone (field visits, digital self-service, ...)."""

    name: Name
    contacts_per_month: Number = Field(ge=0.0, le=1e9)
    cost_per_contact: Number = Field(ge=0.0, le=1e6)


class ChannelShift(_Model):
    """A planned move of ``share_per_year`` of one channel's contacts of today to another, a
    year's share at a time from ``start_month`` (channel ``"phone"`` is the scenario's calls)."""

    from_channel: Name
    to_channel: Name
    share_per_year: Number = Field(gt=0.0, le=1.0)
    start_month: Month = 1


class Plan(_Model):
    """The business case over time: waves of sites handing over to the hub, hiring, learning,
    double running, one-off costs, channel shift, and the discount rate of the NPV."""

    months: Month = 36
    discount_rate: Number = Field(0.08, ge=0.0, le=1.0)
    service_floor: Number | None = Field(None, gt=0.0, lt=1.0)
    hiring_lead_months: Whole = Field(2, ge=0, le=24)
    max_hires_per_month: Whole | None = Field(None, ge=1, le=1_000_000)
    attrition_per_month: Number = Field(0.01, ge=0.0, le=0.5)
    double_running_months: Whole = Field(1, ge=0, le=24)
    relocation_share: Share = 0.0
    learning: Learning = Learning()
    costs: PlanCosts = PlanCosts()
    phases: tuple[Phase, ...] = Field((), max_length=20)
    waves: tuple[Wave, ...] = Field(min_length=1, max_length=MAX_MONTHS)
    investments: tuple[Investment, ...] = Field((), max_length=100)
    channels: tuple[Channel, ...] = Field((), max_length=20)
    channel_shifts: tuple[ChannelShift, ...] = Field((), max_length=50)


class Scenario(_Model):
    """A validated, frozen scenario; build it with :func:`load_scenario` or :func:`parse_scenario`.

    Hashable-by-content through :meth:`digest`; edit it with :func:`apply_overrides`.
    """

    general: General = General()
    targets: Targets = Targets()
    workforce: Workforce = Workforce()
    lines: tuple[Line, ...] = Field(min_length=1, max_length=MAX_LINES)
    sites: tuple[Site, ...] = Field(min_length=1, max_length=MAX_SITES)
    hubs: tuple[Hub, ...] = Field((), max_length=MAX_HUBS)
    design: Design = Design()
    risk: Risk | None = None
    history: HistorySource | None = None
    plan: Plan | None = None

    @model_validator(mode="after")
    def _cross_references(self):
        problems = cross_reference_problems(self)
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

    @property
    def risk_settings(self) -> Risk:
        """The ``[risk]`` table, or its defaults when the file has none."""
        return self.risk if self.risk is not None else Risk()

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
        data = self.model_dump(mode="json")
        # Keys added since digests were first published count only when set, so a scenario
        # without them keeps its digest (and the shared links and caches keyed on it).
        for key in ("risk", "history", "plan"):
            if data[key] is None:
                del data[key]
        for site in data["sites"]:
            for key in ("week_profile", "aht", "patience", "week_aht"):
                if site[key] is None:
                    del site[key]
        text = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def to_toml(self) -> str:
        """The scenario as TOML text that :func:`parse_scenario` reads back to an equal scenario."""
        return to_toml(self.model_dump(mode="json", exclude_none=True))
