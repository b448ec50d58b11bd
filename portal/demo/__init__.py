"""Demo content for local development and benchmarks (`manage.py seed_demo`).

Everything here is written for this project: a fictional province ("Hòa Sơn"), its
Đảng bộ Khối, plausible but invented people, and news assembled from sentence
patterns. Generation is deterministic for a given seed and anchor date.
"""
