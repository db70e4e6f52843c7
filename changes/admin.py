from django.contrib import admin

from .models import Evidence, Proposal


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    readonly_fields = ["kind", "url", "label"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "base_number", "created_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["rationale"]
    inlines = [EvidenceInline]
    # Decisions are taken on the proposal page, where the owner check and the version record live.
    readonly_fields = [
        "north_star",
        "base_number",
        "base_created_at",
        "snapshot",
        "rationale",
        "affected_inputs",
        "affected_measures",
        "affected_bets",
        "proposed_by",
        "created_at",
        "status",
        "decided_by",
        "decided_at",
        "version",
    ]

    def has_add_permission(self, request) -> bool:
        return False
