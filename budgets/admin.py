from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from budgets.forms import MoneyField, MoneyInput
from budgets.models import BudgetLine, StatedTotal
from budgets.money import in_unit
from budgets.resources import BudgetLineResource
from projects.admin import ArchiveAdminMixin
from provinces.admin import FoldedSearchMixin, ScopedExportMixin, ScopedHistoryAdmin, ScopedInline

MONEY_FIELDS = {models.BigIntegerField: {"form_class": MoneyField, "widget": MoneyInput}}


def trieu_column(field: str, description: str):
    """A changelist column showing ``field`` (đồng) in triệu đồng."""

    @admin.display(description=description, ordering=field)
    def column(self, obj):
        return in_unit(getattr(obj, field))

    return column


class BudgetLineInline(ScopedInline, admin.TabularInline):
    model = BudgetLine
    fields = ["year", "source", "sub_source", "capital_type", "stage", "amount"]
    formfield_overrides = MONEY_FIELDS
    extra = 1


@admin.register(BudgetLine)
class BudgetLineAdmin(ArchiveAdminMixin, ScopedExportMixin, FoldedSearchMixin, ScopedHistoryAdmin):
    resource_classes = [BudgetLineResource]
    list_display = [
        "project",
        "plan",
        "year",
        "source",
        "sub_source",
        "capital_type",
        "stage",
        "amount_trieu",
    ]
    list_filter = [
        ("project__plan__province", admin.RelatedOnlyFieldListFilter),
        ("project__plan", admin.RelatedOnlyFieldListFilter),
        "source",
        "year",
        "capital_type",
        "stage",
    ]
    list_select_related = ["project__plan__province"]
    search_fields = ["project__name"]
    search_key_field = "project__search_key"
    formfield_overrides = MONEY_FIELDS
    autocomplete_fields = ["project"]

    amount_trieu = trieu_column("amount", _("số tiền (triệu đồng)"))

    @admin.display(description=_("kế hoạch"), ordering="project__plan")
    def plan(self, obj):
        return obj.project.plan


@admin.register(StatedTotal)
class StatedTotalAdmin(ArchiveAdminMixin, ScopedHistoryAdmin):
    list_display = ["label", "plan", "amount_trieu", "measure", "year", "source", "capital_type"]
    list_filter = [("plan__province", admin.RelatedOnlyFieldListFilter), "measure", "source"]
    list_select_related = ["plan__province"]
    formfield_overrides = MONEY_FIELDS

    amount_trieu = trieu_column("amount", _("số tiền (triệu đồng)"))
