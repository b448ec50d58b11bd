"""Thống kê: the newsroom's monthly figures in the admin (docs/royalties.md, "Thống kê")."""
