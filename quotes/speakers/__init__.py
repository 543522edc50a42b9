"""Speakers: find the source mention next to a cue, resolve mentions to entities, build the roster.

A mention is what the text writes ("Rajnath Singh", "Singh", "the Defence Minister",
"he", "a spokesperson for the ministry"); an entity is the person or body it refers
to, named by its fullest name in the article. Resolution is by rule: a surname or a
title used with the full name earlier points to that person, a pronoun to the most
recent speaker. All functions are pure and thread-safe.

Mention finding (``before_cue``, ``after_cue``, over the word lists of ``words``) is
kept apart from resolution (``resolution``): the finders look at a few words around
one offset; the resolver reads the whole text of one extraction.
"""
