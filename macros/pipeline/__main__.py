"""`python -m macros.pipeline`: what scripts/build runs."""

import sys

from macros.pipeline.run import main

sys.exit(main(sys.argv[1:]))
