"""De trainersworkflow op nbgrader: één module per stap.

- :mod:`~samenwerkingscode.cursus.instellingen` en :mod:`~samenwerkingscode.cursus.cursusmap`: waar alles staat;
- :mod:`~samenwerkingscode.cursus.koppeling`: de nbgrader-API en het cijferboek;
- :mod:`~samenwerkingscode.cursus.bronnotebooks`: de bronnotebooks uit de opdrachtdata;
- :mod:`~samenwerkingscode.cursus.uitdelen` (``maak``), :mod:`~samenwerkingscode.cursus.inleveren` (``importeer``),
  :mod:`~samenwerkingscode.cursus.beoordelen` (parallel, in de :mod:`~samenwerkingscode.cursus.zandbak`),
  :mod:`~samenwerkingscode.cursus.feedback.feedback` (met :mod:`~samenwerkingscode.cursus.feedback_filter`),
  :mod:`~samenwerkingscode.cursus.rapportage` (``cijfers``, ``overzicht``);
- :mod:`~samenwerkingscode.cursus.uitwisselen` en :mod:`~samenwerkingscode.cursus.casusboek`: elkaars casus lezen;
- :mod:`~samenwerkingscode.cursus.lab`: JupyterLab voor deelnemer en trainer.

Dit pakket importeert zelf niets, zodat elke stap alleen laadt wat hij nodig heeft.
"""
