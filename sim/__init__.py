"""Contact-centre consolidation capacity simulator.

``sim.erlang`` holds the analytic queueing core (Erlang B, C and A, staffing). The scenario
pipeline, the discrete-event simulation and the sweeps build on it.
"""

__version__ = "0.1.0"
