import sys

from iku.cli import main

sys.exit(main())
