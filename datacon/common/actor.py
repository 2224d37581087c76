"""Who is acting: the one typed value every service receives as `actor`.

A service never guesses from a loose user object whether someone is signed in
(`getattr(actor, "is_authenticated", False)` was re-typed in 16 places). It
receives an `Actor`:

* `Actor.of(request.user)`: a person using the site, signed in or not;
* `Actor.system("demo loader")`: the platform itself (loaders, scheduled jobs,
  management commands), which permission rules let through;
* `Actor.via_link("co-speaker invitation")`: someone who is not signed in but
  holds a secret link (an invitation, a cancellation link); rules treat them as
  anonymous, the service checks the link.

The audit log records `actor.user` (None for the system and link holders) and
`actor.label` says in words who it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser, User
    from django.db.models import Model


class ActorKind(StrEnum):
    USER = "user"  # a signed-in account
    ANONYMOUS = "anonymous"  # a visitor who is not signed in
    LINK = "link"  # a visitor holding a secret link
    SYSTEM = "system"  # the platform itself


@dataclass(frozen=True, slots=True)
class Actor:
    kind: ActorKind
    user: Any = None  # the account (a User) for kind USER, else None
    reason: str = ""  # why the system or a link acts, for the audit log

    @classmethod
    def of(cls, user: AbstractBaseUser | AnonymousUser | None) -> Actor:
        if isinstance(user, Actor):
            raise TypeError("Actor.of() takes a user; this is already an Actor.")
        if user is not None and user.is_authenticated:
            return cls(ActorKind.USER, user)
        return cls(ActorKind.ANONYMOUS)

    @classmethod
    def system(cls, reason: str) -> Actor:
        return cls(ActorKind.SYSTEM, reason=reason)

    @classmethod
    def via_link(cls, reason: str, user: AbstractBaseUser | AnonymousUser | None = None) -> Actor:
        """Someone holding a secret link; signed in or not (the account is kept if they are)."""
        if user is not None and user.is_authenticated:
            return cls(ActorKind.USER, user, reason)
        return cls(ActorKind.LINK, reason=reason)

    @property
    def is_authenticated(self) -> bool:
        return self.kind == ActorKind.USER

    @property
    def is_system(self) -> bool:
        return self.kind == ActorKind.SYSTEM

    @property
    def account(self) -> User | None:
        """The signed-in account, or None: what `created_by`-style fields store."""
        return self.user if self.kind == ActorKind.USER else None

    @property
    def email(self) -> str:
        return str(getattr(self.user, "email", "") or "") if self.is_authenticated else ""

    @property
    def label(self) -> str:
        if self.kind == ActorKind.USER:
            return str(getattr(self.user, "email", "") or self.user.pk)
        return f"{self.kind}: {self.reason}" if self.reason else str(self.kind)

    def has_perm(self, permission: str, obj: Model | None = None) -> bool:
        """The named rule for this actor (see datacon.common.access); the system may do anything."""
        if self.is_system:
            return True
        if self.kind != ActorKind.USER:
            from django.contrib.auth.models import AnonymousUser

            return AnonymousUser().has_perm(permission, obj)
        return bool(self.user.has_perm(permission, obj))


SYSTEM = Actor.system("platform")
