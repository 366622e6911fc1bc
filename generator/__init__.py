"""dossier: a static-site generator for folders of scraped news articles."""

__version__ = "0.1.0"
