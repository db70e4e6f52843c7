from django.contrib import admin

from .models import Candidate, CandidateBoard, Input, NorthStar, Pair, PairMember


class InputInline(admin.TabularInline):
    model = Input
    extra = 0


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["metric_name", "workshop", "author", "pair", "shared_at", "updated_at"]
    list_filter = ["shared_at"]
    search_fields = ["metric_name", "metric_definition", "workshop__title"]
    inlines = [InputInline]


class PairMemberInline(admin.TabularInline):
    model = PairMember
    extra = 0


@admin.register(Pair)
class PairAdmin(admin.ModelAdmin):
    list_display = ["__str__", "workshop", "created_at"]
    inlines = [PairMemberInline]


@admin.register(CandidateBoard)
class CandidateBoardAdmin(admin.ModelAdmin):
    list_display = ["workshop", "anonymous", "include_individual", "revealed_at"]


@admin.register(NorthStar)
class NorthStarAdmin(admin.ModelAdmin):
    list_display = ["__str__", "team", "workshop", "adopted_at"]
    search_fields = ["statement__metric_name", "team__name"]
    raw_id_fields = ["statement", "greenfield_input", "built_from", "runners_up", "workshop"]
