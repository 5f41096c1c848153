"""Figuren van de cursuskit: het Samenwerkingscanvas als poster, de toetsvergelijking.

Dit pakket importeert matplotlib pas in de functies die tekenen, zodat
``import samenwerkingscode.figuren`` net zo licht blijft als de rest van het pakket.
Gebruik ``from samenwerkingscode.figuren.poster import teken_canvas``.
"""
