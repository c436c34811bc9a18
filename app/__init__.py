"""The station core: domain, rules, services and the local store. No Qt, no devices, no network."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("returns-station")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
