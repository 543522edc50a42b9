"""Table and list models with their views: records, documents, search hits, plain rows."""
