"""Package data of the application shell (the app icon), read through importlib.resources."""
