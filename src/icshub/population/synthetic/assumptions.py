"""Every number the synthetic population is made from, with where it comes from.

Each figure says its source, or says "assumed" where no published figure was used. Figures marked
"approximate" were taken from the named publication as remembered and rounded, and were not re-checked
against the published table when this file was written: check them before relying on the data for anything
but demonstration. docs/population-synthetic.md explains how the generator uses them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# The population is as at the end of the financial year 2024/25; activity, deaths and observations fall in
# that year. Assumed (the latest complete financial year when the generator was written).
YEAR_START = date(2024, 4, 1)
YEAR_END = date(2025, 3, 31)

# Single years of age within each Census 2021 age band. The open band 65+ runs to OLDEST.
AGE_BAND_LIMITS = {"0-15": (0, 15), "16-24": (16, 24), "25-34": (25, 34), "35-49": (35, 49), "50-64": (50, 64)}
OLDEST = 104

# Sex at birth: 105 boys are born for every 100 girls (ONS, Births in England and Wales: the sex ratio at
# birth has been close to 1.05 for decades; approximate). Beyond birth the share of women at each age follows
# the two sexes' survival in the life table below (a stationary population: assumed).
FEMALE_SHARE_AT_BIRTH = 100 / 205

# Probability of dying within a year at exact ages (qx), England, ONS National life tables 2020 to 2022;
# approximate, rounded; interpolated log-linearly between these ages.
QX_AGES = (0, 1, 5, 15, 25, 35, 45, 55, 65, 75, 85, 95, 104)
QX_MALE = (0.0040, 0.0002, 0.0001, 0.0002, 0.0007, 0.0011, 0.0024, 0.0055, 0.0125, 0.030, 0.090, 0.26, 0.52)
QX_FEMALE = (0.0034, 0.0002, 0.0001, 0.0001, 0.0003, 0.0006, 0.0016, 0.0037, 0.0083, 0.021, 0.068, 0.22, 0.48)

# NHS ethnic category of registered patients: England, Census 2021 ethnic group (ONS, TS021; approximate,
# rounded per cent), mapped to the 2001 categories of the NHS Data Dictionary (Gypsy or Irish Traveller and
# Roma into C, Arab into S), then scaled so that 8% of people have no recorded category (Z, not stated:
# assumed; GP records leave some people's ethnicity unrecorded). Kent and Medway's own mix (less diverse
# than England's) is not used: no district figures are held.
ETHNICITY_ENGLAND = {
    "A": 73.5,
    "B": 0.9,
    "C": 6.6,
    "D": 0.9,
    "E": 0.4,
    "F": 0.8,
    "G": 0.9,
    "H": 3.3,
    "J": 2.7,
    "K": 1.1,
    "L": 1.7,
    "M": 1.1,
    "N": 2.5,
    "P": 0.5,
    "R": 0.7,
    "S": 2.2,
}
ETHNICITY_NOT_STATED = 0.08

# One person-level factor z ~ N(0, 1), shared by every condition with this loading on the log-odds, makes
# conditions cluster in the same people (multimorbidity) and links them to deaths and activity. Assumed.
SHARED_LOADING = 0.8

# The first code of each codelist file is the one most often recorded: it takes this share of a
# condition's rows and the other codes share the rest equally. Assumed.
FIRST_CODE_SHARE = 0.6
# Codes only ever recorded for one sex (prostate and breast cancer; breast cancer in men is left out).
SEX_OF_CODE = {"399068003": "male", "254837009": "female"}


@dataclass(frozen=True)
class ConditionRate:
    """How common a condition is and how that varies, as a log-odds model:

        logit p = a + slope·(age − 50)/10 + ln(female_odds)·[female] + ln(deprivation_odds)/2·d + 0.8·z

    where d runs from −1 (least deprived IMD decile) to +1 (most deprived), so ``deprivation_odds`` is the
    odds ratio between the two ends, and *a* is solved so that the prevalence among people aged
    ``denominator_age`` and over in Kent and Medway's population equals ``prevalence``. No one younger
    than ``min_age`` has the condition."""

    codelist: str
    prevalence: float
    denominator_age: int
    min_age: int
    slope: float
    female_odds: float
    deprivation_odds: float
    source: str


QOF = "QOF 2022-23, England, register as a share of the practice list (NHS Digital; approximate)"
ASSUMED_DEFICIT = "assumed: share of people aged 65 and over with the problem recorded"
# Slopes per decade of age, the odds ratios for women and for deprivation are assumed throughout, chosen to
# give the direction and rough size of the published patterns (QOF prevalence by age and by deprivation in
# OHID Fingertips): rising steeply with age for the cardiovascular conditions and dementia, flat for asthma
# and depression, higher in deprived areas for COPD, diabetes, heart disease and depression.
CONDITIONS: dict[str, ConditionRate] = {
    "hypertension": ConditionRate("hypertension", 0.144, 0, 18, 0.85, 0.85, 1.3, QOF),
    "type_2_diabetes": ConditionRate("type_2_diabetes", 0.075, 17, 17, 0.6, 0.75, 1.9, f"{QOF}; aged 17+"),
    "asthma": ConditionRate("asthma", 0.065, 6, 6, -0.05, 1.25, 1.3, f"{QOF}; aged 6+"),
    "copd": ConditionRate("copd", 0.019, 0, 35, 0.75, 0.9, 3.0, QOF),
    "coronary_heart_disease": ConditionRate("chd", 0.030, 0, 30, 0.85, 0.5, 1.7, QOF),
    "heart_failure": ConditionRate("heart_failure", 0.010, 0, 30, 1.0, 0.75, 1.7, QOF),
    "atrial_fibrillation": ConditionRate("atrial_fibrillation", 0.021, 0, 30, 1.1, 0.7, 0.95, QOF),
    "chronic_kidney_disease": ConditionRate("ckd", 0.040, 18, 18, 1.0, 1.3, 1.3, f"{QOF}; stages 3-5, aged 18+"),
    "depression": ConditionRate("depression", 0.132, 18, 18, 0.0, 1.9, 1.6, f"{QOF}; aged 18+"),
    "dementia": ConditionRate("dementia", 0.0072, 0, 40, 1.5, 1.2, 1.3, QOF),
    "stroke": ConditionRate("stroke", 0.018, 0, 30, 0.9, 0.9, 1.5, f"{QOF}; stroke and TIA"),
    "cancer": ConditionRate("cancer", 0.035, 0, 18, 0.7, 1.2, 0.9, QOF),
    "learning_disability": ConditionRate("learning_disability", 0.0056, 0, 0, -0.15, 0.65, 1.8, QOF),
    "falls": ConditionRate("falls", 0.15, 65, 40, 0.8, 1.4, 1.2, ASSUMED_DEFICIT),
    "mobility_transfer_problems": ConditionRate(
        "mobility_transfer_problems", 0.12, 65, 40, 0.9, 1.3, 1.4, ASSUMED_DEFICIT
    ),
    "urinary_incontinence": ConditionRate("urinary_incontinence", 0.10, 65, 40, 0.7, 1.8, 1.1, ASSUMED_DEFICIT),
    "hearing_impairment": ConditionRate("hearing_impairment", 0.20, 65, 40, 0.9, 0.8, 1.1, ASSUMED_DEFICIT),
    "visual_impairment": ConditionRate("visual_impairment", 0.08, 65, 40, 1.0, 1.2, 1.2, ASSUMED_DEFICIT),
}
# Recorded in the flag table as well as coded (the NHS keeps a learning disability register).
FLAGGED = {"learning_disability": "learning_disability"}
# Frailty deficits (of the electronic Frailty Index) rather than long-term conditions: they count for
# activity at half weight.
DEFICITS = ("falls", "mobility_transfer_problems", "urinary_incontinence", "hearing_impairment", "visual_impairment")

# Hazard ratios for dying in the year with each condition. Assumed (of the size reported in cohort studies
# for these conditions). Within each sex and five-year age group the hazards are rescaled so that the
# group's mortality stays that of the life table: conditions decide who dies, the life table how many.
DEATH_HAZARD = {
    "heart_failure": 2.0,
    "copd": 1.8,
    "dementia": 2.5,
    "cancer": 1.8,
    "chronic_kidney_disease": 1.3,
    "stroke": 1.3,
    "coronary_heart_disease": 1.2,
    "type_2_diabetes": 1.3,
    "atrial_fibrillation": 1.2,
    "falls": 1.3,
    "mobility_transfer_problems": 1.4,
}

# Observations. BMI: recorded in the year for 35% of adults and 90% of those with diabetes, hypertension,
# heart or kidney disease (assumed); value normal with mean 27.0 kg/m² (Health Survey for England 2019:
# adult mean about 27.4; approximate) plus 3.0 with diabetes, 1.0 with hypertension and 1.0·d for
# deprivation, standard deviation 5.0, kept between 15 and 60 (assumed).
BMI_RECORDED = (0.35, 0.90)
BMI_MEAN, BMI_SD, BMI_LIMITS = 27.0, 5.0, (15.0, 60.0)
BMI_SHIFT = {"type_2_diabetes": 3.0, "hypertension": 1.0}
BMI_DEPRIVATION = 1.0
# Blood pressure: recorded in the year for 45% of people aged 40+ and 90% of those with hypertension,
# diabetes, heart or kidney disease or stroke (assumed). Systolic normal(118 + 0.45·(age − 40) + 12 with
# hypertension, 14); diastolic normal(76 + 6 with hypertension − 0.15·(age − 55 when over 55), 8); both
# whole mmHg, systolic 80 to 230, diastolic 40 to 130 and at least 15 below systolic (assumed, shaped on the
# Health Survey for England's blood pressure by age).
BP_RECORDED = (0.45, 0.90)
BP_MIN_AGE = 40
CARDIOMETABOLIC = ("hypertension", "type_2_diabetes", "coronary_heart_disease", "chronic_kidney_disease", "stroke")


@dataclass(frozen=True)
class Activity:
    """A kind of event: yearly rate for a person with no condition at the ages of ``RATE_AGES`` (interpolated
    linearly), multiplied by exp(per_condition · conditions + deprivation · d), where conditions counts the
    long-term conditions and half of each frailty deficit; unit cost in whole pence."""

    rates: tuple[float, ...]
    per_condition: float
    deprivation: float
    cost_pence: int
    setting: str
    source: str


RATE_AGES = (0, 5, 16, 45, 65, 75, 85, 100)
# Rates assumed, shaped on England's published activity per head (NHS Digital Appointments in General
# Practice, Hospital Episode Statistics, A&E attendances; approximate) so that the crude totals come out
# near England's: about 5 to 6 general practice appointments, 0.4 A&E attendances, 0.1 emergency and 0.15
# elective admissions and 2 outpatient attendances per person a year. Unit costs approximate, rounded:
# PSSRU Unit Costs of Health and Social Care 2022 (general practice appointment) and the NHS National Cost
# Collection 2021/22 national averages (A&E attendance, outpatient attendance, admissions).
ACTIVITY = {
    "primary_care": Activity(
        (5.5, 2.5, 3.0, 3.8, 5.0, 6.2, 7.5, 7.5), 0.22, 0.05, 4_200, "general practice", "PSSRU 2022 (approximate)"
    ),
    "ae_attendance": Activity(
        (0.55, 0.25, 0.36, 0.27, 0.27, 0.36, 0.6, 0.7), 0.2, 0.25, 22_000, "emergency department", "NCC 2021/22"
    ),
    "emergency_admission": Activity(
        (0.06, 0.02, 0.04, 0.04, 0.06, 0.1, 0.2, 0.3), 0.35, 0.25, 80_000, "acute hospital", "NCC 2021/22"
    ),
    "elective_admission": Activity(
        (0.03, 0.03, 0.06, 0.1, 0.16, 0.2, 0.16, 0.1), 0.2, 0.0, 100_000, "acute hospital", "NCC 2021/22"
    ),
    "outpatient": Activity(
        (1.1, 0.7, 1.0, 1.5, 2.0, 2.5, 2.5, 2.0), 0.25, 0.0, 16_000, "outpatient clinic", "NCC 2021/22"
    ),
}
# Admissions: an emergency admission lasts 1 + a geometric number of days with mean 1 + 2 + age/15 (so
# about 8 days at 90; assumed) and costs 80,000 pence plus 35,000 a day (assumed, NCC non-elective spells
# average several thousand pounds). An elective admission is a day case (no night) for 75% (assumed) at
# 100,000 pence, otherwise 1 + geometric days with mean 3, at 300,000 pence plus 35,000 a day.
BED_DAY_PENCE = 35_000
DAY_CASE_SHARE = 0.75
ELECTIVE_INPATIENT_PENCE = 300_000
ELECTIVE_MEAN_NIGHTS = 3.0
# Prescriptions: one event per month in which anything was dispensed. People with a long-term condition get
# repeat prescriptions every month (assumed); others have a month with a prescription with probability
# 0.06 + 0.004·age (assumed). Items in the month: 1 + Poisson(0.9 · conditions) (assumed); cost 900 pence an
# item (NHS Business Services Authority, Prescription Cost Analysis England: about £8 to £9 net ingredient
# cost an item; approximate).
ACUTE_MONTH = (0.06, 0.004)
ITEMS_PER_CONDITION = 0.9
ITEM_PENCE = 900

# The acute hospital trust of each place (ODS codes): where its people's hospital activity is recorded.
# Source: NHS ODS; the trust that serves each Kent and Medway place.
ACUTE_TRUST = {
    "dartford-gravesham-and-swanley": "RN7",  # Dartford and Gravesham NHS Trust
    "medway-and-swale": "RPA",  # Medway NHS Foundation Trust
    "west-kent": "RWF",  # Maidstone and Tunbridge Wells NHS Trust
    "east-kent": "RVV",  # East Kent Hospitals University NHS Foundation Trust
}
