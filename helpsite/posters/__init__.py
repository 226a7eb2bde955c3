"""What helpsite hands the poster generator: texts from the catalogs, numbers from the data.

``qr/`` renders and verifies; this package decides what a poster for a country
says, in which languages, with which helpline, and checks every request first.
"""
