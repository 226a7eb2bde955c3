"""The staff side: its own Starlette app, mounted at ``/staff``, with its own middleware.

Posters are rendered outside the web worker (``render_pool``), so a print job never makes
a visitor wait and a crash in the rendering libraries never takes the help pages down.
"""
