"""An indicator's figures as CSV: the tidy import layout (so a download can be edited and imported again)
with where each figure came from."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from icshub.indicators.load import TIDY_COLUMNS, TIDY_REQUIRED
from icshub.indicators.models import DataImport, IndicatorValue

PROVENANCE = ("source", "file_name", "file_sha256", "imported_at", "synthetic")


def values_csv(values: Sequence[IndicatorValue], imports: Mapping[int, DataImport]) -> str:
    columns = [*TIDY_REQUIRED, *TIDY_COLUMNS]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*columns, *PROVENANCE])
    for v in values:
        source = imports[v.import_id]
        fields = {"indicator": v.indicator_key} | {c: getattr(v, c) for c in columns if c != "indicator"}
        writer.writerow(
            [
                *("" if fields[c] is None else fields[c] for c in columns),
                source.source,
                source.file_name,
                source.sha256,
                source.imported_at.isoformat(),
                "yes" if source.synthetic else "no",
            ]
        )
    return out.getvalue()
