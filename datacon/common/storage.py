"""Static files: compressed, hashed names, far-future cache headers (via whitenoise).

Lenient when `collectstatic` has not run (tests, a first `runserver`): a file
without a manifest entry is linked by its plain name instead of failing the page.
"""

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def url(self, name: Any, force: bool = False) -> str:
        try:
            return super().url(name, force)
        except ValueError:
            return self._url(lambda plain: plain, name, force=True)  # type: ignore[arg-type]
