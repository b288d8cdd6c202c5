"""Topology: which queues each agent pool answers, and where its agents sit.

A city centre that answers only its own callers is a pool serving one queue; a provincial centre
that answers every city's callers is one pool serving all of them; a virtual network keeps the
agents in their cities but lets any of them answer any caller of a business line. Consolidation is
a change of topology, so every design goes through the same staffing, roster and workforce steps.

Designs: ``scattered`` (one pool per site and business line), ``centralised`` (every site to the
main hub), and the scenario's alternatives: ``centralised`` to another hub, ``hubs`` (sites mapped
to several hubs) and ``virtual`` (sites stay; one network pool per business line). At a hub the
business lines form one pool when ``design.cross_trained`` > 0 (with the pooling benefit scaled by
the cross-trained share, see ``sim.staffing``) and separate pools per line when it is 0.
"""

from dataclasses import dataclass, field

import numpy as np

from sim.demand import Demand, clock_shift, open_mask
from sim.errors import InputError
from sim.scenario import Scenario, ScenarioError

__all__ = ["Location", "Pool", "Topology", "build_topology", "design_names"]


@dataclass(frozen=True)
class Location:
    """A building where agents sit: a site or a hub, with its costs, seats and the key path of
    its table in the scenario file (``sites[2]``, ``hubs[0]``; ``design.hub`` for the default hub).
    """

    name: str
    kind: str
    utc_offset: float
    cost_per_fte: float
    fixed_cost: float
    seats: int | None
    path: str


@dataclass(frozen=True)
class Pool:
    """Agents who answer a set of queues ``(site index, line index)`` as one team.

    ``cross_trained`` is the share of the pool's agents able to take every line it serves (1 for a
    single line). ``min_agents`` is the minimum logged-in cover per interval. ``fte_split`` says
    where the pool's agents sit (location name -> share of agent hours).
    """

    name: str
    members: tuple[tuple[int, int], ...]
    cross_trained: float
    aht_factor: float
    open: np.ndarray = field(repr=False)
    min_agents: np.ndarray = field(repr=False)
    fte_split: dict[str, float] = field(repr=False)

    @property
    def lines(self) -> tuple[int, ...]:
        return tuple(sorted({line for _, line in self.members}))


@dataclass(frozen=True)
class Topology:
    """One design: its kind, its locations and its pools."""

    design: str
    kind: str
    locations: tuple[Location, ...]
    pools: tuple[Pool, ...]
    overflow_after: float | None = None

    def location(self, name: str) -> Location:
        return next(loc for loc in self.locations if loc.name == name)

    @property
    def formulas_bound(self) -> bool:
        """Whether the Erlang formulas only bound this design: a virtual network (overflow after
        T seconds is not full pooling) or a pool whose lines are partly cross-trained."""
        return self.kind == "virtual" or any(
            len(pool.lines) > 1 and pool.cross_trained < 1.0 for pool in self.pools
        )


def design_names(scenario: Scenario) -> tuple[str, ...]:
    """``scattered``, ``centralised`` and the alternatives' names, in that order."""
    return ("scattered", "centralised", *(alt.name for alt in scenario.design.alternatives))


def _site_location(scenario: Scenario, i: int) -> Location:
    site = scenario.sites[i]
    return Location(
        site.name,
        "site",
        site.utc_offset,
        site.cost_per_fte,
        site.fixed_cost,
        site.seats,
        f"sites[{i}]",
    )


def _hub_path(scenario: Scenario, name: str) -> str:
    """Key path of a hub's table, or ``design.hub`` for the default hub the file does not define."""
    names = [hub.name for hub in scenario.hubs]
    return f"hubs[{names.index(name)}]" if name in names else "design.hub"


def _scattered(scenario: Scenario, demand: Demand) -> Topology:
    minimum = scenario.workforce.min_agents_open
    pools = []
    for i, site in enumerate(scenario.sites):
        for j, line in enumerate(scenario.lines):
            if site.volume.get(line.name, 0.0) * site.volume_scale <= 0:
                continue
            opened = demand.site_open[i]
            pools.append(
                Pool(
                    name=f"{site.name} / {line.name}",
                    members=((i, j),),
                    cross_trained=1.0,
                    aht_factor=1.0,
                    open=opened,
                    min_agents=np.where(opened, minimum, 0),
                    fte_split={site.name: 1.0},
                )
            )
    locations = tuple(_site_location(scenario, i) for i in range(len(scenario.sites)))
    return Topology("scattered", "scattered", locations, tuple(pools))


def _hub_pools(
    scenario: Scenario, demand: Demand, hub, sites: list[int]
) -> tuple[Location, list[Pool]]:
    where = _hub_path(scenario, hub.name)
    location = Location(
        hub.name, "hub", hub.utc_offset, hub.cost_per_fte, hub.fixed_cost, hub.seats, where
    )
    members = [
        (i, j)
        for i in sites
        for j, line in enumerate(scenario.lines)
        if scenario.sites[i].volume.get(line.name, 0.0) * scenario.sites[i].volume_scale > 0
    ]
    if not members:  # its sites take no calls: the hub stays empty (no agents, no fixed cost)
        return location, []
    if hub.hours is None:
        opened = demand.site_open[sites].any(axis=0)
    else:
        shift = clock_shift(hub.utc_offset, scenario, where)
        opened = np.roll(open_mask(hub.hours, scenario), shift)
        calls = demand.calls[sites].sum(axis=(0, 1))
        closed_calls = np.flatnonzero((calls > 0) & ~opened)
        if closed_calls.size:
            t = closed_calls[0]
            raise ScenarioError(
                [
                    f"{where}.hours: hub {hub.name!r} is closed at {demand.labels[t]} "
                    f"(scenario clock) while its sites receive calls; widen its hours, or remove "
                    f"'hours' to open it whenever its sites take calls"
                ]
            )
    factor = 1.0 + scenario.design.aht_change
    minimum = np.where(opened, scenario.workforce.min_agents_open, 0)
    cross = scenario.design.cross_trained
    line_count = len({j for _, j in members})
    if cross > 0 or line_count <= 1:
        groups = [(hub.name, tuple(members), cross if line_count > 1 else 1.0)]
    else:
        groups = [
            (f"{hub.name} / {scenario.lines[j].name}", tuple(m for m in members if m[1] == j), 1.0)
            for j in sorted({j for _, j in members})
        ]
    pools = [
        Pool(name, group, share, factor, opened, minimum, {hub.name: 1.0})
        for name, group, share in groups
    ]
    return location, pools


def _hubs(scenario: Scenario, demand: Demand, name: str, mapping: dict) -> Topology:
    locations, pools = [], []
    index = {site: i for i, site in enumerate(scenario.site_names)}
    for hub_name, sites in mapping.items():
        hub = scenario.hub(hub_name) if scenario.hubs else scenario.main_hub()
        location, hub_pools = _hub_pools(scenario, demand, hub, [index[s] for s in sites])
        locations.append(location)
        pools.extend(hub_pools)
    kind = "centralised" if len(mapping) == 1 else "hubs"
    return Topology(name, kind, tuple(locations), tuple(pools))


def _virtual(scenario: Scenario, demand: Demand, name: str, overflow_after: float) -> Topology:
    minimum = scenario.workforce.min_agents_open
    pools = []
    for j, line in enumerate(scenario.lines):
        members = tuple(
            (i, j)
            for i, site in enumerate(scenario.sites)
            if site.volume.get(line.name, 0.0) * site.volume_scale > 0
        )
        if not members:
            continue
        sites = [i for i, _ in members]
        calls = demand.calls[sites, j].sum(axis=1)
        split = {scenario.sites[i].name: float(calls[k] / calls.sum()) for k, i in enumerate(sites)}
        pools.append(
            Pool(
                name=f"network / {line.name}",
                members=members,
                cross_trained=1.0,
                aht_factor=1.0,
                open=demand.site_open[sites].any(axis=0),
                min_agents=minimum * demand.site_open[sites].sum(axis=0),
                fte_split=split,
            )
        )
    locations = tuple(_site_location(scenario, i) for i in range(len(scenario.sites)))
    return Topology(name, "virtual", locations, tuple(pools), overflow_after)


def build_topology(scenario: Scenario, demand: Demand, design: str) -> Topology:
    """The pools and locations of one design (a name from :func:`design_names`)."""
    if design == "scattered":
        return _scattered(scenario, demand)
    everything = list(scenario.site_names)
    if design == "centralised":
        return _hubs(scenario, demand, design, {scenario.main_hub().name: everything})
    for alt in scenario.design.alternatives:
        if alt.name != design:
            continue
        if alt.kind == "virtual":
            return _virtual(scenario, demand, design, alt.overflow_after)
        if alt.kind == "hubs":
            return _hubs(scenario, demand, design, dict(alt.hubs))
        hub = alt.hub or scenario.main_hub().name
        return _hubs(scenario, demand, design, {hub: everything})
    raise InputError(
        f"design: unknown design {design!r}; known: {', '.join(design_names(scenario))}"
    )
