"""`python -m macros.build`: what scripts/build runs."""

import sys

from macros.build.pipeline import main

sys.exit(main(sys.argv[1:]))
