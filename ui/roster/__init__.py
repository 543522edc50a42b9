"""The speakers of a document: the roster panel, the picker and fixing a speaker everywhere."""
