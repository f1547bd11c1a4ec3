"""What the API says about each row: the fields of the models as they are stored (money in
whole đồng, codes such as ``in_progress`` beside their label in the request's language), and
the figures the pages show, from the functions the pages take them from."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators import achievement
from indicators.models import Indicator
from projects.models import Plan, Project, StatusUpdate
from provinces.models import Province


class ProvinceSerializer(serializers.ModelSerializer):
    """A province, with the provinces merged into it in 2025 (``predecessors``) or the one it
    was merged into (``successor``)."""

    predecessors = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Province
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "slug",
            "valid_from",
            "valid_until",
            "successor",
            "predecessors",
        ]


class PlanSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "province",
            "kind",
            "kind_label",
            "document_number",
            "issue_date",
            "signer",
            "title",
            "start_year",
            "end_year",
            "amends",
        ]


class ProjectSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    lead_agency_name = serializers.CharField(
        source="lead_agency.name", read_only=True, default=None
    )
    need = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="Nhu cầu vốn (đồng), như danh sách dự án."
    )

    class Meta:
        model = Project
        fields = [
            "id",
            "plan",
            "ref",
            "name",
            "objective",
            "scale",
            "lead_agency",
            "lead_agency_name",
            "partners",
            "start_year",
            "end_year",
            "status",
            "status_label",
            "percent_complete",
            "estimate",
            "need",
        ]


class IndicatorSerializer(serializers.ModelSerializer):
    """An indicator with its achievement on the date asked for (``indicators.achievement.as_of``:
    the latest measurement on or before it)."""

    target_year = serializers.IntegerField(read_only=True, allow_null=True)
    target = serializers.FloatField(source="target_number", read_only=True, allow_null=True)
    baseline = serializers.FloatField(source="baseline_number", read_only=True, allow_null=True)
    actual = serializers.FloatField(source="actual_number", read_only=True, allow_null=True)
    progress = serializers.FloatField(
        read_only=True, allow_null=True, help_text="0 ở giá trị cơ sở, 1 ở mục tiêu."
    )
    achievement = serializers.ChoiceField(choices=list(achievement.LABELS), read_only=True)
    achievement_label = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "plan",
            "ref",
            "category",
            "name",
            "unit",
            "unit_label",
            "direction",
            "baseline_year",
            "baseline",
            "target_year",
            "target",
            "actual",
            "progress",
            "achievement",
            "achievement_label",
        ]

    @extend_schema_field(serializers.CharField())
    def get_achievement_label(self, indicator) -> str:
        return achievement.label(indicator.achievement, indicator.progress)


class ProgressReportSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = StatusUpdate
        fields = [
            "id",
            "project",
            "year",
            "quarter",
            "status",
            "status_label",
            "percent_complete",
            "results",
            "difficulties",
            "proposals",
            "reviewed_at",
        ]


class StagesSerializer(serializers.Serializer):
    need = serializers.IntegerField(help_text="Nhu cầu (đồng)")
    allocated = serializers.IntegerField(help_text="Bố trí (đồng)")
    disbursed = serializers.IntegerField(help_text="Giải ngân (đồng)")


class YearMoneySerializer(StagesSerializer):
    year = serializers.IntegerField(allow_null=True)


class SourceMoneySerializer(StagesSerializer):
    source = serializers.CharField()
    source_label = serializers.CharField()
    capital_type = serializers.CharField()
    capital_type_label = serializers.CharField()


class MoneySerializer(serializers.Serializer):
    """``budgets.rollup.Money``: the totals, by year and by source × capital type, as the
    dashboard, the lists and the plan page show them."""

    total = StagesSerializer()
    disbursement_rate = serializers.FloatField(allow_null=True)
    lines = serializers.IntegerField(help_text="Số dòng kinh phí đã cộng")
    by_year = YearMoneySerializer(many=True)
    by_source = SourceMoneySerializer(many=True)
