"""The article as plain text: the view, its highlighter and the offset conversion."""
