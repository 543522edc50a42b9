"""The Qt-free, SQLite-free domain core: model, extraction and scoring."""
