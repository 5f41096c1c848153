"""De JupyterHub van de cursus op één machine (``make hub``), met de Helm-waarden en het image voor meer.

- ``opzet.py``: omgeving, proxy, accounts, rechten en starten (``python -m hub …``);
- ``jupyterhub_config.py``: de configuratie van de hub (PAM, een unix-account per persoon);
- ``cursus.voorbeeld.yml``: een kleine cursusconfiguratie;
- ``helm/`` en ``Dockerfile``: dezelfde instellingen voor Zero to JupyterHub op Kubernetes.
"""
