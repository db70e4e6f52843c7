import secrets
from datetime import timedelta
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone


class UserManager(BaseUserManager["User"]):
    """Users sign in with their email address; there is no separate username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> "User":
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> "User":
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    # No username: the email signs in. The stubs type AbstractUser.username as a str field,
    # and removing an inherited field has no other spelling.
    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=60, blank=True, help_text="How your name appears to participants.")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # Ours is not Django's UserManager (no username to pass), which AbstractUser declares;
    # mypy cannot narrow a manager in a subclass (django-stubs #174).
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.email

    @property
    def name(self) -> str:
        return self.display_name or self.email.split("@")[0]


def new_token(length: int = 24) -> str:
    """A random, URL-safe secret: an invitation or share link nobody can guess."""
    return secrets.token_urlsafe(length)


SLUG_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"


def new_slug() -> str:
    return "".join(secrets.choice(SLUG_ALPHABET) for _ in range(10))


class TeamQuerySet(models.QuerySet):
    def of(self, user) -> "TeamQuerySet":
        return self.filter(memberships__user=user).distinct()


class Team(models.Model):
    """The people who own workshops and North Stars together."""

    name = models.CharField(max_length=80)
    # In URLs instead of the id, so a team's pages cannot be found by counting.
    slug = models.SlugField(max_length=12, unique=True, default=new_slug, editable=False)
    members: "models.ManyToManyField[User, Membership]" = models.ManyToManyField(
        User, through="Membership", related_name="teams"
    )
    # Where the team's weeks and months begin: a value stamped late on Sunday in Berlin is last week's.
    time_zone = models.CharField(max_length=64, default="UTC")
    created_at = models.DateTimeField(default=timezone.now)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("library:team", args=[self.slug])

    @classmethod
    def default_for(cls, user: User) -> "Team":
        """The user's first team; a facilitator without one gets a personal team."""
        team = cls.objects.of(user).order_by("memberships__joined_at", "pk").first()
        if team is None:
            team = cls.objects.create(name=f"{user.name}’s team")
            Membership.objects.create(team=team, user=user, role=Membership.Role.OWNER)
        return team

    def add_member(self, user: User, role: str = "member") -> "Membership":
        membership, _ = Membership.objects.get_or_create(team=self, user=user, defaults={"role": role})
        return membership

    def has_member(self, user) -> bool:
        return bool(user and user.is_authenticated) and self.memberships.filter(user=user).exists()


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        MEMBER = "member", "Member"

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [models.UniqueConstraint("team", "user", name="one_membership_per_team_and_user")]

    def __str__(self) -> str:
        return f"{self.user} in {self.team}"


INVITATION_DAYS = 14


class InvitationQuerySet(models.QuerySet):
    def usable(self, now=None) -> "InvitationQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


def invitation_expiry():
    return timezone.now() + timedelta(days=INVITATION_DAYS)


class Invitation(models.Model):
    """A link that lets whoever holds it join the team, until it expires or is revoked."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=invitation_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation to {self.team}"

    def get_absolute_url(self) -> str:
        return reverse("library:invitation", args=[self.token])

    def is_usable(self, now=None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())
