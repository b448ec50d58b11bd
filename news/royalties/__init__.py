"""Nhuận bút: genres and grades of published articles, the coefficient table, the
value of one coefficient unit per period, and the monthly sheet a Trưởng ban approves
and locks. See docs/royalties.md.
"""
