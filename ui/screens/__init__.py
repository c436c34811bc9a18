"""The station's screens, one module each.

The package itself imports none of them: the window opens on the sign-in screen, and the screens
behind sign-in (`ui.screens.work`) load after its first paint.
"""
