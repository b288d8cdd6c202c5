"""Streamlit front end for planners: a thin view over ``sim`` (start with ``streamlit run app.py``).

A contact-centre planner with a browser and no Python picks a scenario, edits it, and sees what
centralising does to service and headcount; a consultant exports the charts. The pages live in
``views/``; the session (open scenario, edits, shared link) in :mod:`views.state`.
"""

import streamlit as st

from views import state

st.set_page_config(page_title="Consolidation capacity simulator", layout="wide")

pages = [
    st.Page("views/scenario.py", title="Scenario", icon=":material/edit_note:", default=True),
    st.Page("views/history.py", title="History", icon=":material/history:"),
    st.Page("views/overview.py", title="Overview", icon=":material/dashboard:"),
    st.Page("views/service.py", title="Service levels", icon=":material/timer:"),
    st.Page("views/headcount.py", title="Headcount", icon=":material/groups:"),
    st.Page("views/risk.py", title="Risk", icon=":material/warning:"),
    st.Page("views/business_case.py", title="Business case", icon=":material/payments:"),
    st.Page("views/compare.py", title="Compare scenarios", icon=":material/compare:"),
    st.Page("views/calculator.py", title="Erlang calculator", icon=":material/calculate:"),
]
page = st.navigation(pages)
with state.bugs_shown():
    state.start()
    if problems := st.session_state.pop("link_problems", None):
        state.show_problems(problems, "The shared link could not be opened as it is")
    st.sidebar.caption(f"Open scenario: **{state.current_name()}**")
    page.run()
