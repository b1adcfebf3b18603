"""The scales values are simulated on: rates on the log scale and proportions on the logit scale, as PHE's
``phe_sii`` does, so that simulated values stay within their range; other values as they are."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from icshub.stats._frames import check_rows

ValueType = Literal["normal", "rate", "proportion"]


def to_scale(values: np.ndarray, value_type: ValueType) -> np.ndarray:
    """Values on the scale they are simulated on."""
    if value_type == "rate":
        return np.log(values)
    if value_type == "proportion":
        return np.log(values / (1 - values))
    return values


def from_scale(values: np.ndarray, value_type: ValueType) -> np.ndarray:
    """Simulated values back on their own scale."""
    if value_type == "rate":
        return np.exp(values)
    if value_type == "proportion":
        return 1 / (1 + np.exp(-values))
    return values


def check_scale(data: pd.DataFrame, values: pd.Series, name: str, value_type: ValueType, groups: list[str]) -> None:
    """Refuse values the scale cannot take (a rate of zero, a proportion of 0 or 1), naming the group."""
    if value_type == "rate":
        check_rows(data, groups, values <= 0, f"'{name}' must be above zero for a rate (it is log-transformed)")
    elif value_type == "proportion":
        check_rows(
            data,
            groups,
            (values <= 0) | (values >= 1),
            f"'{name}' must be strictly between 0 and 1 for a proportion (it is logit-transformed)",
        )
