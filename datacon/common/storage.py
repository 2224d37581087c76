"""Static files: compressed, hashed names, far-future cache headers (via whitenoise).

Lenient when `collectstatic` has not run (tests, a first `runserver`): a file
without a manifest entry is linked by its plain name instead of failing the page.
"""

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


# whitenoise ships no type information, so its storage class is `Any` to mypy.
class StaticStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]
    manifest_strict = False

    def url(self, name: Any, force: bool = False) -> str:
        try:
            hashed: str = super().url(name, force)
        except ValueError:
            unhashed: str = self._url(lambda plain: plain, name, force=True)
            return unhashed
        return hashed
