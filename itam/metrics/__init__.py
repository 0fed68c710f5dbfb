"""Circularity metrics (no Qt, no database in the engines).

:mod:`itam.metrics.index` is the composite evaluation index of DOMAIN.md §6: a hierarchy of indicators
with weights (given, or derived by AHP from a pairwise comparison matrix), benchmarks and directions;
evaluation index I, score = global weight × I, total P = Σ scores and the five grades.
"""
