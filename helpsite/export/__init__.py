"""A signed static export of every visitor page: a mirror that helps when the server is down."""
