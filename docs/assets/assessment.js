// owned by its feature; see docs/adr
