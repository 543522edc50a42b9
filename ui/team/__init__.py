"""The team's screens: working in annotation layers, agreement, adjudication into gold."""
