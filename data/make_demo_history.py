"""Make the demonstration data set: eight weeks of SYNTHETIC 30-minute interval history.

    python data/make_demo_history.py          # writes data/demo_history_synthetic.csv.gz

Nothing in it was measured: it is what an ACD would report for the ten cities of
``scenarios/provincial.toml`` if each answered its own callers with the roster our pipeline gives
it, played through the project's simulation (``sim.history.synthetic_history``). Stated parameters:

- eight weeks from Monday 2024-03-04, 30-minute intervals, local time UTC+08:00;
- the scenario's weekly volumes, opening hours, intraday profiles and weekday weights; 80/20 target;
- each city's own mean handle time and mean (exponential) patience, in seconds, below;
- noise: Poisson arrivals and exponential handle times and patience (the simulation), each week's
  volume times a normal factor (mean 1, standard deviation 0.05), each rostered agent absent from
  an interval with probability 0.05;
- seed 2024.

The output lists every interval in which a city is open (absent intervals are closed ones).
"""

from pathlib import Path

import sim
from sim.history.synthetic import synthetic_history

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "demo_history_synthetic.csv.gz"
AHT = {
    "Capital": 310.0,
    "River City": 295.0,
    "Harbour": 305.0,
    "Mountain": 285.0,
    "Lake Town": 300.0,
    "Bridgeport": 320.0,
    "Old Market": 280.0,
    "Steelworks": 315.0,
    "Tea Hills": 290.0,
    "Port East": 300.0,
}
PATIENCE = {
    "Capital": 150.0,
    "River City": 120.0,
    "Harbour": 100.0,
    "Mountain": 180.0,
    "Lake Town": 90.0,
    "Bridgeport": 135.0,
    "Old Market": 110.0,
    "Steelworks": 160.0,
    "Tea Hills": 80.0,
    "Port East": 125.0,
}
PARAMETERS = {
    "weeks": 8,
    "start": "2024-03-04",
    "seed": 2024,
    "aht": AHT,
    "patience": PATIENCE,
    "volume_noise": 0.05,
    "absence": 0.05,
}


def main() -> None:
    scenario = sim.load_scenario(ROOT / "scenarios" / "provincial.toml")
    table = synthetic_history(scenario, **PARAMETERS)
    table.to_csv(OUT, index=False, compression={"method": "gzip", "mtime": 0})
    print(f"{OUT.relative_to(ROOT)}: {len(table):,} rows, {OUT.stat().st_size / 1e3:,.0f} kB")


if __name__ == "__main__":
    main()
