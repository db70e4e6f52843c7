from django.contrib import admin
from django.db import models

from .models import Bet, NorthStarVersion, ShareLink


@admin.register(NorthStarVersion)
class NorthStarVersionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "north_star", "number", "author_name", "source", "created_at"]
    list_filter = ["source"]
    search_fields = ["note", "author_name"]
    readonly_fields = ["north_star", "number", "snapshot", "note", "author", "author_name", "created_at", "source"]

    def has_change_permission(self, request, obj=None) -> bool:
        # Versions are history: readable, never edited.
        return False


@admin.register(Bet)
class BetAdmin(admin.ModelAdmin):
    list_display = ["title", "north_star", "level", "status", "created_at"]
    list_filter = ["level", "status"]
    search_fields = ["title", "hypothesis"]
    # As the team's own bet form: an address typed without a scheme is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = ["north_star", "created_by", "created_at", "revoked_at"]
    readonly_fields = ["token"]
