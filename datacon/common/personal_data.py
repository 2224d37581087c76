"""Personal data held about an account, across every capability (ARCO rights).

Each capability that stores personal data about a user registers a provider:
`export(user)` returns what it holds (plain JSON types, grouped as
{table name: [rows]}), and `erase(user)` removes or anonymises it while keeping
aggregate figures right (e.g. a registration keeps its venue and attendance
but loses the person's name and e-mail). The privacy screens call every
provider, so a new capability only has to register itself here:

    from datacon.common.personal_data import PersonalDataProvider, personal_data_register

    personal_data_register(PersonalDataProvider(
        key="registration", label="Registros", export=registrations_export, erase=registrations_erase,
    ))

Register from your app's AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ExportedRows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class PersonalDataProvider:
    key: str
    label: str
    export: Callable[[Any], ExportedRows]
    erase: Callable[[Any], None]


_PROVIDERS: dict[str, PersonalDataProvider] = {}


def personal_data_register(provider: PersonalDataProvider) -> PersonalDataProvider:
    _PROVIDERS[provider.key] = provider
    return provider


def personal_data_providers() -> list[PersonalDataProvider]:
    return list(_PROVIDERS.values())
