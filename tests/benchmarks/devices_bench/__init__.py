"""Device benchmark parts: each module has `measure() -> dict[str, float]`, gathered by the device benchmark script."""
