"""Editable settings shipped with wirefeed: defaults and the agency registry."""
