"""The one way a build step stops the build: raise BuildFailed with what to do."""


class BuildFailed(Exception):
    pass
