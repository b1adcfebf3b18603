"""The demo's synthetic series: seeded, anchored on the baseline, and adding up across geographies."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit

from icshub.indicators.synthetic import ENGLAND, spec_for, synthetic_series
from icshub.stats import proportion
from icshub.stats.deprivation_groups import QUINTILE_WORDS


def small_areas(count: int = 60) -> pd.DataFrame:
    """A made-up system: three districts (two in one county, one unitary), two places, every decile."""
    rng = np.random.default_rng(7)
    district = np.array(["E07000001", "E07000002", "E06000001"])[np.arange(count) % 3]
    return pd.DataFrame(
        {
            "lsoa": [f"E01{i:06d}" for i in range(count)],
            "ward": None,
            "district": district,
            "district_name": pd.Series(district).map({"E07000001": "A", "E07000002": "B", "E06000001": "U"}),
            "county": np.where(district == "E06000001", "E06000001", "E10000001"),
            "county_name": np.where(district == "E06000001", "U", "Shire"),
            "icb": "E54000099",
            "icb_name": "Test ICB",
            "place": np.where(np.arange(count) < count // 2, "north", "south"),
            "place_name": np.where(np.arange(count) < count // 2, "North", "South"),
            "imd_decile": (np.arange(count) % 10) + 1.0,
            "population": rng.integers(1_200, 2_500, count).astype(float),
        }
    )


SMOKING = spec_for("smoking", "in_use", "percentage", "low_is_good", 10.2, "2022/23", 6, "2028/29")
ABSENCE = spec_for("absence", "in_use", "percentage", "low_is_good", 7.9, "2022", 5, "2028")


def test_only_in_use_proportions_with_a_level_get_a_series() -> None:
    assert SMOKING is not None and SMOKING.financial and SMOKING.level == 10.2
    assert ABSENCE is not None and not ABSENCE.financial
    assert spec_for("k", "in_use", "percentage", None, None, None, 85, "2028/29").level == 85  # anchored on target
    assert spec_for("k", "in_development", "percentage", None, 5, None, None, None) is None
    assert spec_for("k", "in_use", None, None, 418.7, None, 395, "2028") is None  # measure not stated
    assert spec_for("k", "in_use", "count", None, 3, None, None, None) is None
    assert spec_for("k", "in_use", "percentage", None, None, None, None, None) is None  # nothing to anchor on


def test_the_same_seed_gives_the_same_figures_and_another_seed_others() -> None:
    areas = small_areas()
    first = synthetic_series([SMOKING, ABSENCE], areas, seed=1)
    pd.testing.assert_frame_equal(first, synthetic_series([SMOKING, ABSENCE], areas, seed=1))
    assert not first["numerator"].equals(synthetic_series([SMOKING, ABSENCE], areas, seed=2)["numerator"])
    # An indicator's figures do not depend on which other indicators are generated with it.
    alone = synthetic_series([SMOKING], areas, seed=1).reset_index(drop=True)
    pd.testing.assert_frame_equal(alone, first[first["indicator"] == "smoking"].reset_index(drop=True))


def test_geographies_add_up_to_the_icb_and_values_are_the_counts_proportion() -> None:
    table = synthetic_series([SMOKING], small_areas(), seed=3)
    whole = table[(table["category"] == "")]
    icb = whole[whole["area_code"] == "E54000099"].set_index("period")[["numerator", "denominator"]]
    for codes in (["E07000001", "E07000002", "E06000001"], ["north", "south"]):
        summed = whole[whole["area_code"].isin(codes)].groupby("period")[["numerator", "denominator"]].sum()
        pd.testing.assert_frame_equal(summed.sort_index(), icb.sort_index(), check_dtype=False)
    quintiles = table[table["category"] != ""]
    assert set(quintiles["category"]) == set(QUINTILE_WORDS)
    by_period = quintiles.groupby("period")[["numerator", "denominator"]].sum()
    pd.testing.assert_frame_equal(by_period.sort_index(), icb.sort_index(), check_dtype=False)
    # The county is summed over its two-tier districts only; the unitary authority is not counted twice.
    county = whole[whole["area_code"] == "E10000001"].set_index("period")["denominator"]
    two_tier = whole[whole["area_code"].isin(["E07000001", "E07000002"])].groupby("period")["denominator"].sum()
    pd.testing.assert_series_equal(county.sort_index(), two_tier.sort_index(), check_names=False)
    recomputed = proportion(whole, "numerator", "denominator", group_by=["area_code", "period"], multiplier=100)
    merged = whole.merge(recomputed, on=["area_code", "period"], suffixes=("", "_again"))
    assert len(merged) == len(whole)
    np.testing.assert_allclose(merged["value"], merged["value_again"])
    np.testing.assert_allclose(merged["lower_95"], merged["lower_95_again"])
    assert (whole["lower_99_8"] <= whole["lower_95"]).all() and (whole["upper_95"] <= whole["upper_99_8"]).all()


def test_the_icb_is_anchored_on_the_baseline_at_the_baseline_period() -> None:
    table = synthetic_series([SMOKING], small_areas(400), seed=5)
    icb = table[(table["area_code"] == "E54000099") & (table["category"] == "")].set_index("period")
    baseline = icb.loc["2022/23"]
    # Binomial noise only: well within five standard errors of the anchor level.
    p = SMOKING.level / 100
    se = np.sqrt(p * (1 - p) / baseline["denominator"]) * 100
    assert abs(baseline["value"] - SMOKING.level) < 5 * se
    assert list(icb.index) == ["2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25"]
    england = table[table["area_code"] == ENGLAND[0]]
    assert (england["denominator"].to_numpy() > 20 * icb["denominator"].to_numpy()).all()


def test_the_worse_side_is_more_common_in_the_most_deprived_quintile() -> None:
    table = synthetic_series([SMOKING], small_areas(600), seed=11)
    quintiles = table[table["category"] != ""].groupby("category")[["numerator", "denominator"]].sum()
    rates = quintiles["numerator"] / quintiles["denominator"]
    # Smoking is low-is-good, so the gradient puts more of it where deprivation is highest.
    assert rates["Most deprived quintile"] > rates["Least deprived quintile"]
    assert rates["Most deprived quintile"] / rates["Least deprived quintile"] == pytest.approx(
        expit(0.3 + np.log(0.1 / 0.9)) / expit(-0.3 + np.log(0.1 / 0.9)), rel=0.25
    )
