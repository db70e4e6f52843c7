from django.contrib import admin

from .models import Connection, Participant, Workshop


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ["title", "product", "code", "facilitator", "state", "created_at"]
    list_filter = ["state"]
    search_fields = ["title", "product", "code", "facilitator__email"]
    readonly_fields = ["code", "version"]
    inlines = [ParticipantInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["display_name", "workshop", "joined_at"]
    search_fields = ["display_name", "workshop__title", "workshop__code"]


@admin.register(Connection)
class ConnectionAdmin(admin.ModelAdmin):
    list_display = ["workshop", "page", "participant", "user", "connected_at", "seen_at"]
    list_filter = ["page"]
