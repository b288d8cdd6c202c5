"""Results kept in memory, for a sweep run without an output file (no resume).

The rows go through the same Arrow conversion as the Parquet parts, so a sweep returns the very
same table with or without ``out``.
"""

import pandas as pd

from sim.sweep.storage import rows_table

__all__ = ["MemoryStore"]


class MemoryStore:
    """The :class:`~sim.sweep.storage.PartStore` interface without files."""

    def __init__(self):
        self._rows: list[dict] = []

    def done_keys(self) -> set[str]:
        return set()

    def write(self, rows: list[dict]) -> None:
        self._rows.extend(rows)

    def read(self) -> pd.DataFrame:
        if not self._rows:
            return pd.DataFrame({"point_key": pd.Series(dtype="str")})
        return rows_table(self._rows).to_pandas()

    def compact(self) -> None:
        """Nothing to compact in memory."""

    def publish(self, frame: pd.DataFrame) -> None:
        """Nothing to publish without an output file."""
