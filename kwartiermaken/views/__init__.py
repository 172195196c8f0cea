"""Pages of kwartiermaken, one module per part: start page, entries, signals, recommendations,
overviews."""
