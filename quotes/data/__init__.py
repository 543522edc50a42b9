"""Package data of the extractor: the cue lexicon, abbreviations and titles."""
