"""Pure ASGI middlewares: each wraps the app and does one thing."""
