"""The Qt desktop interface: panels, models, user actions and workers."""
