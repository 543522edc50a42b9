"""The Learning menu: train the workspace's model, re-suggest with it, what it is."""
