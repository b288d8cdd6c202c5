"""The planner's session: which scenario is open, which edits apply, and the cached results.

Everything a page needs about "the scenario I am looking at" lives here and only in
``st.session_state`` (one per browser tab), so several planners can use the app at once without
seeing each other's edits. The address bar mirrors the session (``?scenario=...&edits=...``) so a
copied link opens the same scenario with the same edits. Results are cached on the scenario's
content digest, shared safely between sessions because equal scenarios give equal results.
"""

from contextlib import contextmanager
from pathlib import Path

import streamlit as st

import sim
from sim.errors import InputError
from sim.plan import BusinessCase, business_case
from sim.scenario import Scenario, ScenarioError
from views import compute, links

SCENARIO_DIR = Path(__file__).resolve().parents[1] / "scenarios"
DEFAULT_SCENARIO = "provincial"
UPLOADED = "uploaded"
MAX_URL_PACKED = 6000
"""Largest compressed uploaded scenario (characters) that still travels in the link."""


@st.cache_data(show_spinner="Computing scattered vs centralised ...", max_entries=32, ttl=3600)
def _compare(digest: str, _scenario: Scenario) -> sim.Comparison:
    return compute.compare(_scenario)


def comparison_of(scenario: Scenario) -> sim.Comparison:
    """The comparison of ``scenario``, cached on its content digest (computed once across
    sessions, in a worker process: :mod:`views.compute`)."""
    return _compare(scenario.digest(), scenario)


@st.cache_data(show_spinner="Walking the roadmap month by month ...", max_entries=32, ttl=3600)
def _business_case(digest: str, _comparison: sim.Comparison) -> BusinessCase:
    return business_case(_comparison.scenario, _comparison)


def business_case_of(comparison: sim.Comparison) -> BusinessCase:
    """The business case of the comparison's scenario (it must have a ``[plan]``), cached on the
    scenario's content digest and reusing the comparison."""
    return _business_case(comparison.scenario.digest(), comparison)


@st.cache_data(max_entries=16)
def _shipped_text(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def shipped() -> dict[str, Path]:
    """Shipped scenario files by name (file stem)."""
    return links.shipped_scenarios(SCENARIO_DIR)


def shipped_scenario(name: str) -> Scenario:
    """A shipped scenario, validated."""
    return sim.parse_scenario(_shipped_text(str(shipped()[name])))


def _source_scenario(source: dict) -> Scenario:
    if source["kind"] == UPLOADED:
        return sim.parse_scenario(source["text"])
    return shipped_scenario(source["name"])


def base_scenario() -> Scenario:
    """The open scenario before the planner's edits."""
    return _source_scenario(st.session_state["source"])


def overrides() -> dict:
    """The planner's edits that currently apply (dotted paths, see :func:`sim.apply_overrides`)."""
    return dict(st.session_state["overrides"])


def form_key(name: str) -> str:
    """A widget key that resets whenever another scenario is opened or edits are reset."""
    return f"{name}-{st.session_state['form_nonce']}"


def form_seed() -> Scenario:
    """The scenario the edit forms start from (the open scenario with the edits it opened with)."""
    return sim.apply_overrides(base_scenario(), st.session_state["form_seed"])


def _open(source: dict, edits: dict) -> None:
    st.session_state["source"] = source
    st.session_state["overrides"] = edits
    st.session_state["form_seed"] = edits
    st.session_state["form_nonce"] = st.session_state.get("form_nonce", 0) + 1
    _write_link()


def _check(source: dict, edits: dict) -> sim.Comparison:
    """Validate and compute a candidate state; bad input raises ScenarioError naming the field.
    Any other exception is a bug and propagates as one (see :func:`results_or_stop`)."""
    try:
        return comparison_of(sim.apply_overrides(_source_scenario(source), edits))
    except ScenarioError:
        raise
    except InputError as err:
        raise ScenarioError(err.problems) from None


def open_scenario(source: dict, edits: dict | None = None) -> list[str]:
    """Switch to another scenario (and edits) if it validates and computes; else its problems."""
    edits = edits or {}
    try:
        _check(source, edits)
    except ScenarioError as err:
        return err.problems
    _open(source, edits)
    return []


def apply_edits(edits: dict) -> list[str]:
    """Make ``edits`` the current edits if the scenario validates and computes; else problems."""
    try:
        _check(st.session_state["source"], edits)
    except ScenarioError as err:
        return err.problems
    st.session_state["overrides"] = edits
    _write_link()
    return []


def reset_edits() -> None:
    """Back to the open scenario as shipped or uploaded."""
    _open(st.session_state["source"], {})


def start() -> None:
    """Open the scenario named in the link on a session's first run, then mirror it in the link."""
    if "source" not in st.session_state:
        problems = _open_from_link()
        if problems:
            _open({"kind": "shipped", "name": DEFAULT_SCENARIO}, {})
        st.session_state["link_problems"] = problems
    _write_link()


def _open_from_link() -> list[str]:
    params = st.query_params
    name = params.get("scenario", DEFAULT_SCENARIO)
    try:
        edits = links.decode_edits(params.get("edits", ""))
        if name == UPLOADED:
            text = links.unpack_text(params.get("toml", ""))
            source = {"kind": UPLOADED, "text": text, "filename": "shared link"}
        elif name in shipped():
            source = {"kind": "shipped", "name": name}
        else:
            allowed = ", ".join(shipped())
            return [f"scenario: unknown scenario {name!r} in the link; shipped: {allowed}"]
    except ScenarioError as err:
        return err.problems
    return open_scenario(source, edits)


def _write_link() -> None:
    source = st.session_state["source"]
    wanted = {"scenario": source.get("name", UPLOADED)}
    if source["kind"] == UPLOADED:
        packed = links.pack_text(source["text"])
        if len(packed) <= MAX_URL_PACKED:
            wanted["toml"] = packed
    edits = links.encode_edits(st.session_state["overrides"])
    if edits:
        wanted["edits"] = edits
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def link_carries_upload() -> bool:
    """Whether the shared link holds the uploaded scenario itself (small files only)."""
    return "toml" in st.query_params


def current() -> sim.Comparison:
    """Results of the open scenario with the current edits (the last edits that worked)."""
    return _check(st.session_state["source"], st.session_state["overrides"])


def results_or_stop() -> sim.Comparison:
    """Results for a page; on failure the problems are shown and the page stops."""
    try:
        return current()
    except ScenarioError as err:
        show_problems(err.problems)
        st.stop()


@contextmanager
def bugs_shown():
    """Run a page; an exception that is not bad input is a bug: say so plainly, show its details
    (``st.exception``) and stop the page. Streamlit's own stop and rerun signals are
    ``BaseException``s and pass through."""
    try:
        yield
    except Exception as err:
        st.error(
            "Internal error: the model failed on this scenario. This is a bug in the tool, not "
            "in your input; the details below help us fix it."
        )
        st.exception(err)
        st.stop()


def show_problems(problems: list[str], heading: str = "The scenario cannot be used") -> None:
    """One error box listing every problem with its field path (as the CLI prints them)."""
    st.error(heading + ":\n\n" + "\n".join(f"- `{p}`" for p in problems))


def current_name() -> str:
    """The open scenario's name, marked when edits apply."""
    name = base_scenario().general.name
    return f"{name} (edited)" if st.session_state["overrides"] else name
