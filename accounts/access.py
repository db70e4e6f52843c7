"""Who may do what with teams and accounts: the one place views ask."""

from .models import Membership, Team

# What only a team's owners may do on its members page; anyone in the team may invite and leave.
TEAM_OWNER_ACTIONS = ("rename", "remove", "make_owner")


def is_team_member(user, team_id: int | None) -> bool:
    """Whether this signed-in user belongs to the team. No team, no members."""
    if user is None or not user.is_authenticated or team_id is None:
        return False
    return Membership.objects.filter(team_id=team_id, user=user).exists()


def membership_of(user, team: Team) -> Membership | None:
    if user is None or not user.is_authenticated:
        return None
    return team.memberships.filter(user=user).first()


def may_do_on_team(membership: Membership, action: str) -> bool:
    """Owners rename the team, remove members and make others owners; every member may do the rest."""
    return action not in TEAM_OWNER_ACTIONS or membership.role == Membership.Role.OWNER


def may_leave_team(membership: Membership) -> str | None:
    """None if this member may leave; otherwise why not, in words for them."""
    others = membership.team.memberships.exclude(pk=membership.pk)
    if not others.exists():
        return "You are the only member: the team and its North Stars would be left to no one."
    if membership.role == Membership.Role.OWNER and not others.filter(role=Membership.Role.OWNER).exists():
        return "You are the team's only owner. Make another member an owner first, then leave."
    return None
