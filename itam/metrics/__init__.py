"""Circularity metrics (no Qt, no database in the engines).

:mod:`itam.metrics.index` is the composite evaluation index of DOMAIN.md §6: a hierarchy of indicators
with weights (given, or derived by AHP from a pairwise comparison matrix), benchmarks and directions;
evaluation index I, score = global weight × I, total P = Σ scores and the five grades.
:mod:`itam.metrics.factors` is the versioned factor library (``resources/factors/``, or the user's own set in
the data directory): per-category weight, embodied kgCO2e, yearly kWh and reference life, grid intensity per
country and year, component footprints, displacement factors and value-retention ranges, each value with its
source, year, licence and quality flag; a manufacturer's per-model figure beats the category default.
"""
