"""The poster registry: venues, placements, posters, staff accounts and inspections.

It knows venues and posters, never visitors: no table holds a scan, a count or an address
of anyone who opened a page. Functions take a connection and plain values and return plain
dataclasses, so the staff pages stay thin; every check lives here, with field-named errors.
"""
