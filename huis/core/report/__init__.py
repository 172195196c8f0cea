"""The yearly report a house owes its funders (issue #27).

Each function registers its section (`huis.core.registry.register_report_section`); this package
gathers them for a period (`build`), keeps each section under its data's version (`Cached`),
and writes the PDF, the workbook and the CSV (`exports`, `pdf`) with the same definitions.
Counts of fewer than five people leave the house as "<5" (`figures.shown`).
"""
