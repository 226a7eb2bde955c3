"""Keys the site keeps in its own database, made on first use.

Why in the database: several web workers (and servers) must sign and check staff form
tokens with the same key, and an operator who sets no ``HELPSITE_SECRET_KEY`` should
still get a strong one without a step to forget.
"""

from __future__ import annotations

import secrets

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from helpsite.registry.schema import site_keys


def site_key(conn: Connection, name: str) -> str:
    """The key called ``name``; made (256 random bits) if there is none yet.

    Two workers asking at once both end up with the first one stored.
    """
    row = conn.execute(select(site_keys.c.value).where(site_keys.c.name == name)).first()
    if row is not None:
        return row.value
    try:
        with conn.begin_nested():
            conn.execute(insert(site_keys).values(name=name, value=secrets.token_hex(32)))
    except IntegrityError:
        pass
    return conn.execute(select(site_keys.c.value).where(site_keys.c.name == name)).scalar_one()
