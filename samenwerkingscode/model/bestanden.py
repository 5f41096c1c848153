"""Eén manier om bestanden te schrijven: atomisch, met fsync en met gewone leesrechten.

Een antwoordbestand, casus, poster of zip mag nooit half op schijf staan (een crash, een vol
geheugen of een tweede tabblad midden in het schrijven). Daarom schrijft de kit altijd eerst naar
een tijdelijk bestand in dezelfde map, legt het vast (``fsync``) en vervangt dan het doel in één
stap (``os.replace``). ``mkstemp`` maakt bestanden die alleen de eigenaar kan lezen; de kit zet de
rechten daarom zoals een gewoon nieuw bestand (``0o666`` min de umask), of houdt de rechten van het
bestand dat er al stond, zodat een trainer of JupyterHub-proces ze kan lezen.

Fouten komen als ``OSError`` terug: de aanroeper weet wat er geschreven werd en zegt het in het
Nederlands.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

_UMASK_SLOT = threading.Lock()

_OS_REDENEN = {
    errno.ENOENT: "het bestand of de map bestaat niet",
    errno.EACCES: "geen toestemming (controleer de rechten van het bestand of de map)",
    errno.EPERM: "geen toestemming",
    errno.ELOOP: "de snelkoppeling verwijst naar zichzelf",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.EEXIST: "er staat al een map of bestand met die naam",
    errno.ENOTDIR: "een deel van het pad is een bestand en geen map",
    errno.EISDIR: "dit is een map",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.EIO: "de schijf gaf een lees- of schrijffout",
    errno.EILSEQ: "de naam bevat tekens die het besturingssysteem niet toestaat",
    errno.EINVAL: "de naam bevat tekens die het besturingssysteem niet toestaat",
}


def os_reden(fout: OSError) -> str:
    """De reden van een OSError in het Nederlands (nooit de Engelse tekst van het besturingssysteem)."""
    return _OS_REDENEN.get(fout.errno or -1, "het besturingssysteem weigerde")


def umask() -> int:
    """De huidige umask van het proces (zonder hem blijvend te wijzigen)."""
    with contextlib.suppress(OSError, ValueError):
        for regel in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if regel.startswith("Umask:"):
                return int(regel.split()[1], 8)
    with _UMASK_SLOT:  # os.umask kan alleen lezen door te zetten: kort en onder een slot
        huidig = os.umask(0o022)
        os.umask(huidig)
    return huidig


def nieuwe_rechten(doel: Path) -> int:
    """De rechten van het bestand dat er al stond, anders die van een gewoon nieuw bestand."""
    try:
        return doel.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~umask()


def fsync_map(map_: Path) -> None:
    """Leg ook de hernoeming in de map vast; op Windows kan dat niet en is het niet nodig."""
    if os.name == "nt":
        return
    fd = os.open(map_, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _vervang(bron: str, doel: Path) -> None:
    # Op Windows mislukt os.replace kort als een ander proces het doel net leest; even opnieuw proberen.
    pogingen = 20 if os.name == "nt" else 1
    for poging in range(pogingen):
        try:
            os.replace(bron, doel)
            return
        except PermissionError:
            if poging == pogingen - 1:
                raise
            time.sleep(0.01)


@contextlib.contextmanager
def atomisch(
    doel: str | os.PathLike[str], *, rechten: int | None = None, prefix: str | None = None, map_fsync: bool = False
) -> Iterator[Path]:
    """Geef een tijdelijk pad naast ``doel``; na een geslaagd blok vervangt het ``doel`` in één stap.

    Voor schrijvers die zelf een pad willen (matplotlib ``savefig``, ``zipfile``). Gaat er iets mis,
    dan blijft het oude ``doel`` heel en verdwijnt het tijdelijke bestand.
    """
    doel = Path(doel)
    fd, tijdelijk = tempfile.mkstemp(prefix=prefix or f".{doel.name}.", suffix=".tmp", dir=doel.parent)
    os.close(fd)
    try:
        yield Path(tijdelijk)
        with open(tijdelijk, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tijdelijk, nieuwe_rechten(doel) if rechten is None else rechten)
        _vervang(tijdelijk, doel)
        if map_fsync:
            fsync_map(doel.parent)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tijdelijk)


def schrijf_atomisch(
    doel: str | os.PathLike[str],
    inhoud: bytes | str,
    *,
    rechten: int | None = None,
    prefix: str | None = None,
    map_fsync: bool = False,
) -> None:
    """Schrijf ``inhoud`` (bytes, of tekst als UTF-8 met ``\\n``) atomisch naar ``doel``."""
    data = inhoud.encode("utf-8") if isinstance(inhoud, str) else inhoud
    with atomisch(doel, rechten=rechten, prefix=prefix, map_fsync=map_fsync) as tijdelijk, open(tijdelijk, "wb") as f:
        f.write(data)
        f.flush()
