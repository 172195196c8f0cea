"""The reach charts: drawn by huis.core.charts (shared with kwartiermaken), kept importable here."""

from huis.core.charts import Bar, BarChart, bar_chart

__all__ = ["Bar", "BarChart", "bar_chart"]
