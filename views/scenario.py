"""Scenario page: pick a shipped scenario or upload one, edit what matters, share and download it.

Every edit is a dotted-path override of the open scenario (``targets.service_level = 0.9``), the
same thing ``sim.apply_overrides`` and the shared link carry. Nothing is computed here beyond
validating and running the edited scenario once; a value the scenario rejects is listed with its
field path and the last scenario that worked stays in use.
"""

import pandas as pd
import streamlit as st

from sim.queue_model import MODELS
from sim.scenario import Scenario, ScenarioError, table_overrides, value_at
from views import links, state, ui

_MODELS = {name: model.description for name, model in MODELS.items()}
_ROSTERS = {
    "milp": "Whole shifts (optimised roster)",
    "none": "No roster (staff exactly the interval need)",
}
_LINE_COLUMNS = ("aht", "aht_cv", "patience", "service_level", "threshold")
_ROLE_COLUMNS = ("per_agents", "per_site", "annual_cost")
_SITE_FIXED = ("name", "region", "hours")


def _hours_text(hours) -> str:
    if isinstance(hours, str):
        return hours
    return "; ".join(f"{day} {span}" for day, span in hours.items())


def _site_rows(scenario: Scenario) -> list[dict]:
    rows = []
    for site in scenario.sites:
        row = {"name": site.name, "hours": _hours_text(site.hours)}
        if any(s.region for s in scenario.sites):
            row["region"] = site.region
        row["utc_offset"] = site.utc_offset
        row |= {f"volume.{line}": site.volume.get(line, 0.0) for line in scenario.line_names}
        row |= {"cost_per_fte": site.cost_per_fte, "fixed_cost": site.fixed_cost}
        rows.append(row)
    return rows


def _records(items, columns) -> list[dict]:
    return [{"name": item.name} | {c: getattr(item, c) for c in columns} for item in items]


def _editable(rows: list[dict], fixed=("name",)) -> list[dict]:
    return [{k: v for k, v in row.items() if k not in fixed} for row in rows]


def _editor(rows: list[dict], name: str, fixed, config: dict) -> list[dict]:
    edited = st.data_editor(
        pd.DataFrame(rows),
        key=state.form_key(name),
        disabled=list(fixed),
        hide_index=True,
        column_config=config,
    )
    return _editable(edited.to_dict("records"), fixed)


def _choose_scenario() -> None:
    source = st.session_state["source"]
    shipped = state.shipped()
    options = list(shipped) + ([state.UPLOADED] if source["kind"] == state.UPLOADED else [])
    current = source.get("name", state.UPLOADED)

    def label(name: str) -> str:
        if name == state.UPLOADED:
            return f"Uploaded: {source.get('filename', 'scenario')}"
        return f"{state.shipped_scenario(name).general.name} ({name}.toml)"

    left, right = st.columns(2)
    choice = left.selectbox(
        "Shipped scenario", options, index=options.index(current), format_func=label
    )
    if choice != current:
        problems = state.open_scenario({"kind": "shipped", "name": choice})
        if not problems:
            st.rerun()
        state.show_problems(problems, f"{choice}.toml cannot be used")
    upload = right.file_uploader(
        "... or upload your own scenario (.toml)",
        type=["toml"],
        max_upload_size=links.MAX_UPLOAD_BYTES // 1_048_576,
        help="The file is read only as TOML; see scenarios/README.md for every key.",
    )
    if upload is not None:
        _open_upload(upload)


def _open_upload(upload) -> None:
    seen = st.session_state.get("upload_seen")
    if seen is None or seen[0] != upload.file_id:
        data = upload.getvalue()
        try:
            links.parse_upload(data, field=upload.name)
            problems = state.open_scenario(
                {"kind": state.UPLOADED, "text": data.decode("utf-8"), "filename": upload.name}
            )
        except ScenarioError as err:
            problems = err.problems
        st.session_state["upload_seen"] = (upload.file_id, problems)
        if not problems:
            st.rerun()
    problems = st.session_state["upload_seen"][1]
    if problems:
        state.show_problems(problems, f"{upload.name} cannot be used")


def _sites_tab(base: Scenario, seed: Scenario) -> dict:
    seed_scale = st.session_state["form_seed"].get("sites[*].volume_scale", 1.0)
    scale = st.number_input(
        "Volume scale for every site (1.0 = as in the file, 1.1 = 10 % more calls)",
        value=float(seed_scale),
        step=0.05,
        format="%.2f",
        key=state.form_key("volume_scale"),
        help="Sets volume_scale of every site (replacing any per-site scale in the file).",
    )
    config = {
        "name": "Site",
        "region": "Region",
        "hours": "Opening hours (local)",
        "utc_offset": st.column_config.NumberColumn("UTC offset (h)", format="%+.1f"),
        "cost_per_fte": st.column_config.NumberColumn("Cost per FTE / year", format="%,.0f"),
        "fixed_cost": st.column_config.NumberColumn("Fixed cost / year", format="%,.0f"),
    } | {
        f"volume.{line}": st.column_config.NumberColumn(f"Calls/week: {line}", format="%,.0f")
        for line in base.line_names
    }
    st.caption("Weekly offered calls per business line, time zone and costs of each site today.")
    edited = _editor(_site_rows(seed), "sites", _SITE_FIXED, config)
    edits = {} if scale == 1.0 else {"sites[*].volume_scale": scale}
    return edits | table_overrides("sites", _editable(_site_rows(base), _SITE_FIXED), edited)


def _lines_tab(base: Scenario, seed: Scenario) -> dict:
    st.caption(
        "Handle time (talk + hold + wrap-up) and patience in seconds; a line's own service "
        "target, when set, replaces the scenario target for that line."
    )
    own = [s.name for s in seed.sites if s.aht or s.week_aht or s.patience]
    if own:
        st.caption(
            f"{len(own)} of {len(seed.sites)} sites have their own handle time or patience "
            "(sites[].aht, week_aht, patience: from their history); a line's values here apply "
            "only to the other sites. Edit the scenario file to change a site's own."
        )
    config = {
        "name": "Business line",
        "aht": st.column_config.NumberColumn("AHT (s)"),
        "aht_cv": st.column_config.NumberColumn("AHT variability (CV)"),
        "patience": st.column_config.NumberColumn("Mean patience (s)"),
        "service_level": st.column_config.NumberColumn("Own SL target (0-1)"),
        "threshold": st.column_config.NumberColumn("Own threshold (s)"),
    }
    edited = _editor(_records(seed.lines, _LINE_COLUMNS), "lines", ("name",), config)
    base_rows = _editable(_records(base.lines, _LINE_COLUMNS))
    return table_overrides("lines", base_rows, edited)


_TARGETS = (
    ("targets.service_level", "Service level target (share of offered calls, 0-1)", 0.01),
    ("targets.threshold", "... answered within (s)", 5.0),
)
_CAPS = (
    ("targets.max_abandon", "Maximum abandonment (0-1; empty = no cap)", 0.01),
    ("targets.max_asa", "Maximum ASA (s; empty = no cap)", 5.0),
    ("targets.max_occupancy", "Maximum occupancy (0-1; empty = no cap)", 0.01),
)
_WORKFORCE = (
    ("workforce.shrinkage", "Shrinkage (share of paid time off the phones, 0-0.9)", 0.01),
    ("workforce.hours_per_fte_week", "Contract hours per FTE per week", 1.0),
    ("workforce.min_agents_open", "Minimum agents logged in while a centre is open", 1),
)
_DESIGN = (
    ("design.aht_change", "Handle-time change after the move (0.05 = 5 % longer)", 0.01),
    ("design.cross_trained", "Share of agents trained on every line (0-1)", 0.05),
)


def _numbers(fields, dump: dict, **kwargs) -> dict:
    """One number input per ``(path, label, step)``, seeded from ``dump``; values by path."""
    return {
        path: st.number_input(
            label,
            value=value_at(dump, path),
            step=step,
            format="%.2f" if isinstance(step, float) and step < 1 else None,
            key=state.form_key(path),
            **kwargs,
        )
        for path, label, step in fields
    }


def _choice(label: str, path: str, options: dict, dump: dict) -> dict:
    """A select box over ``options`` (value -> label), seeded from ``dump``; value by path."""
    values = list(options)
    chosen = st.selectbox(
        label,
        values,
        index=values.index(value_at(dump, path)),
        format_func=options.get,
        key=state.form_key(path),
    )
    return {path: chosen}


def _targets_tab(dump: dict) -> dict:
    left, right = st.columns(2)
    with left:
        values = _numbers(_TARGETS, dump) | _choice("Queue model", "targets.model", _MODELS, dump)
    with right:
        values |= _numbers(_CAPS, dump, placeholder="no cap")
    return values


def _workforce_tab(base: Scenario, seed: Scenario, dump: dict) -> tuple[dict, dict]:
    left, right = st.columns(2)
    with left:
        values = _numbers(_WORKFORCE[:2], dump)
    with right:
        values |= _numbers(_WORKFORCE[2:], dump)
        values |= _choice("Roster", "workforce.roster", _ROSTERS, dump)
    st.caption(
        "Support roles: one per `per_agents` agent FTE (span of control), or `per_site` per "
        "centre whatever its size; consolidation removes the fixed per-site roles."
    )
    config = {
        "name": "Role",
        "per_agents": st.column_config.NumberColumn("One per ... agent FTE"),
        "per_site": st.column_config.NumberColumn("Per centre"),
        "annual_cost": st.column_config.NumberColumn("Own cost / year (empty = site's)"),
    }
    roles = "workforce.support_roles"
    edited = _editor(
        _records(seed.workforce.support_roles, _ROLE_COLUMNS), roles, ("name",), config
    )
    base_rows = _editable(_records(base.workforce.support_roles, _ROLE_COLUMNS))
    return values, table_overrides(roles, base_rows, edited)


def _design_tab(seed: Scenario, dump: dict) -> dict:
    hubs = [None, *(hub.name for hub in seed.hubs)]
    left, right = st.columns(2)
    with left:
        values = {
            "design.hub": st.selectbox(
                "Centralised hub",
                hubs,
                index=hubs.index(seed.design.hub),
                format_func=lambda h: h or f"Default: {seed.main_hub().name}",
                key=state.form_key("design.hub"),
                help="All sites move to this hub in the 'centralised' design.",
            )
        }
    with right:
        values |= _numbers(_DESIGN, dump)
    alternatives = ", ".join(
        f"{ui.design_label(alt.name)} ({alt.kind})" for alt in seed.design.alternatives
    )
    st.caption(
        "Designs compared with today's scattered centres: Centralised"
        + (f", {alternatives}" if alternatives else "")
        + " (further designs are set in the scenario file)."
    )
    return values


def _form_paths(base: Scenario) -> set[str]:
    """The paths the form's tables and the volume scale set: an edit of any other path (one that
    came with a link, say ``workforce.break_minutes``) is kept when the form is applied."""
    tables = {
        "sites": _editable(_site_rows(base), _SITE_FIXED),
        "lines": _editable(_records(base.lines, _LINE_COLUMNS)),
        "workforce.support_roles": _editable(_records(base.workforce.support_roles, _ROLE_COLUMNS)),
    }
    return {"sites[*].volume_scale"} | {
        f"{key}[{i}].{column}"
        for key, rows in tables.items()
        for i, row in enumerate(rows)
        for column in row
    }


def _edit_form() -> None:
    base, seed = state.base_scenario(), state.form_seed()
    base_dump, seed_dump = base.model_dump(mode="json"), seed.model_dump(mode="json")
    with st.form(state.form_key("edit"), border=True):
        tabs = st.tabs(["Sites and volumes", "Business lines", "Targets", "Workforce", "Design"])
        with tabs[0]:
            edits = _sites_tab(base, seed)
        with tabs[1]:
            edits |= _lines_tab(base, seed)
        with tabs[2]:
            scalars = _targets_tab(seed_dump)
        with tabs[3]:
            more, roles = _workforce_tab(base, seed, seed_dump)
        with tabs[4]:
            scalars |= more | _design_tab(seed, seed_dump)
        submitted = st.form_submit_button("Apply changes", type="primary")
    if not submitted:
        return
    edits |= roles
    edits |= {path: v for path, v in scalars.items() if v != value_at(base_dump, path)}
    shown = set(scalars) | _form_paths(base)
    kept = {path: v for path, v in state.overrides().items() if path not in shown}
    problems = state.apply_edits(kept | edits)
    if problems:
        state.show_problems(
            problems, "Not applied; the pages keep showing the last scenario that worked"
        )
    else:
        st.toast("Changes applied", icon=":material/check:")


def _current_results() -> None:
    comparison = state.results_or_stop()
    st.markdown("**Results of the applied scenario** (details on the other pages)")
    ui.headline(comparison, "centralised")
    scenario = comparison.scenario
    left, right = st.columns([1, 3])
    left.download_button(
        "Scenario file (TOML)",
        data=scenario.to_toml(),
        file_name=f"{ui.slug(scenario.general.name)}.toml",
        mime="application/toml",
        on_click="ignore",
        icon=":material/download:",
    )
    note = "The address bar holds this scenario and your edits: copy it to share exactly this view."
    if st.session_state["source"]["kind"] == state.UPLOADED and not state.link_carries_upload():
        note = "This uploaded file is too large to travel in the link: send the TOML file instead."
    right.caption(note)


def _edits_list() -> None:
    edits = state.overrides()
    if not edits:
        return
    with st.expander(f"{len(edits)} edit(s) applied to the file"):
        frame = pd.DataFrame({"field": list(edits), "value": [str(v) for v in edits.values()]})
        st.dataframe(frame, hide_index=True)
        if st.button("Reset all edits", icon=":material/undo:"):
            state.reset_edits()
            st.rerun()


st.title("Scenario")
st.caption(
    "Pick a scenario, change what you want in the tabs and press **Apply changes**; every page "
    "then shows the scattered centres of today against the consolidated design."
)
_choose_scenario()
st.subheader(state.base_scenario().general.name)
st.caption(state.base_scenario().general.description)
_edit_form()
_current_results()
_edits_list()
