"""``python -m hub installeer|inrichten|start|opruimen|alles CURSUS.yml`` (``make hub`` roept ``alles`` aan)."""

import sys

from hub.opzet import main

sys.exit(main())
