"""Erlang calculator: agents needed for one interval of one queue, and the KPIs they give.

The quick check a planner makes before any scenario: 1,200 calls in half an hour at 300 s each,
80 % within 20 s: how many agents? A thin view over :func:`sim.calculator.interval_staffing`.
"""

import streamlit as st

from sim.calculator import interval_staffing
from sim.errors import InputError

st.title("Erlang calculator")
st.caption(
    "Agents needed for one interval and the KPIs they give. Erlang C (callers never hang up), "
    "or Erlang A when a mean patience is given. Service level counts all offered calls."
)

with st.form("erlang"):
    left, right = st.columns(2)
    calls = left.number_input("Calls offered in the interval", min_value=0.0, value=1200.0)
    minutes = left.selectbox("Interval length (minutes)", [15, 30, 60], index=1)
    aht = left.number_input("Average handle time (s)", min_value=1.0, value=300.0)
    sl = right.slider("Service level target", 0.5, 0.99, 0.8, 0.01)
    threshold = right.number_input("Answered within (s)", min_value=0.0, value=20.0)
    use_patience = right.checkbox("Callers hang up (Erlang A)", value=False)
    patience = right.number_input("Mean patience (s)", min_value=1.0, value=120.0)
    st.form_submit_button("Compute")

try:
    result = interval_staffing(
        calls=calls,
        interval_minutes=minutes,
        aht=aht,
        service_level=sl,
        threshold=threshold,
        patience=patience if use_patience else None,
    )
except InputError as err:
    st.error(str(err))
else:
    cols = st.columns(5)
    cols[0].metric("Agents", result["agents"])
    cols[1].metric("Load (Erlangs)", f"{result['load_erlangs']:.1f}")
    cols[2].metric("Service level", f"{result['service_level']:.1%}")
    cols[3].metric("Abandoned", f"{result['abandon_rate']:.1%}")
    cols[4].metric("Occupancy", f"{result['occupancy']:.1%}")
