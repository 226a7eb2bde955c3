"""The survivor help kiosk: touch-screen pages under ``/kiosk/`` and a browser launcher.

A kiosk is a shared screen in a venue. Its pages keep every visitor promise and
add what a shared screen needs: Done, an idle reset, history that never grows,
a take-away QR code and a printed slip. ``launch`` runs chromium so that every
reset starts a browser with a new, empty profile.
"""
