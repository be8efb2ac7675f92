"""`python -m pet_generator.pipeline`: what scripts/build runs."""

import sys

from pet_generator.pipeline.run import main

sys.exit(main(sys.argv[1:]))
