"""The reviewer's menus: accept and reject, review keys, span editing, guidelines, statistics."""
