"""Country content: the data model, its loader, phone numbers, opening hours and checks."""

from helpsite.content.loader import ContentError, load_countries
from helpsite.content.model import Country, Emergency, Helpline, Right

__all__ = ["ContentError", "Country", "Emergency", "Helpline", "Right", "load_countries"]
