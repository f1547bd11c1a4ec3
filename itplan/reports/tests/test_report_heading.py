"""Who heads a UBND report: the province that governs on the report's date and its IT
department, or what the province's letterhead says. The five seed plans were issued by provinces
merged on 01/07/2025; the Sở Thông tin và Truyền thông joined the Sở Khoa học và Công nghệ on
01/03/2025."""

import datetime

import pytest
from django.urls import reverse

from itplan.models import Letterhead
from itplan.reports import Period, new_report
from provinces.models import Province
from tests.factories import make_user

TODAY = datetime.date(2026, 12, 3)
SEEDS = {  # seed plan: (its province then, the province that governs it today)
    "bac-lieu": ("UBND TỈNH BẠC LIÊU", "UBND TỈNH CÀ MAU", "Cà Mau"),
    "quang-tri": ("UBND TỈNH QUẢNG TRỊ", "UBND TỈNH QUẢNG TRỊ", "Quảng Trị"),
    "binh-dinh": ("UBND TỈNH BÌNH ĐỊNH", "UBND TỈNH GIA LAI", "Gia Lai"),
    "tra-vinh": ("UBND TỈNH TRÀ VINH", "UBND TỈNH VĨNH LONG", "Vĩnh Long"),
    "tien-giang": ("UBND TỈNH TIỀN GIANG", "UBND TỈNH ĐỒNG THÁP", "Đồng Tháp"),
}


def _draft(plan, user, today):
    report, _ = new_report(
        params={"ke_hoach": str(plan.pk)}, period=Period(), user=user, today=today
    )
    return report


@pytest.mark.parametrize("slug", SEEDS)
def test_each_seed_plan_is_headed_by_todays_province_and_by_its_own_before_the_merger(seed, slug):
    plan = seed[slug]
    then, now, place = SEEDS[slug]
    staff = make_user(f"cb.{slug}", "staff", plan.province.successor)
    today = _draft(plan, staff, TODAY)
    assert (today.parent_body, today.issuing_body) == (now, "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    assert today.place == place
    assert today.recipient == f"Ủy ban nhân dân tỉnh {place}"
    assert f"của tỉnh {plan.province.name} (cũ)" in today.summary
    before = _draft(plan, staff, datetime.date(2025, 6, 30))
    assert (before.parent_body, before.issuing_body) == (then, "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    assert before.place == plan.province.name
    assert "(cũ)" not in before.summary
    older = _draft(plan, staff, datetime.date(2024, 12, 31))
    assert (older.parent_body, older.issuing_body) == (then, "SỞ THÔNG TIN VÀ TRUYỀN THÔNG")


def test_the_provinces_letterhead_heads_its_drafts_and_its_predecessors(seed):
    plan = seed["bac-lieu"]
    ca_mau = plan.province.successor
    Letterhead.objects.create(
        province=ca_mau,
        signer_title="GIÁM ĐỐC",
        signer_name="Nguyễn Văn An",
        recipients="- Như trên;\n- Bộ Khoa học và Công nghệ;\n- Lưu: VT, CĐS.",
    )
    staff = make_user("cb.cm", "staff", ca_mau)
    draft = _draft(plan, staff, TODAY)
    assert (draft.signer_title, draft.signer_name) == ("GIÁM ĐỐC", "Nguyễn Văn An")
    assert "Bộ Khoa học và Công nghệ" in draft.recipients
    assert draft.parent_body == "UBND TỈNH CÀ MAU"  # left empty: the default


def _letterhead_rows():
    return list(Letterhead.objects.values_list("province__slug", "signer_name"))


@pytest.mark.parametrize(
    ("role", "province", "answer"),
    [
        ("staff", "ca-mau", 302),
        ("staff", "vinh-long", 302),  # sets Vĩnh Long's, never Cà Mau's
        ("staff", "bac-lieu", 403),  # an account of a province merged in 2025: not Cà Mau's
        ("leader", "ca-mau", 403),
        ("national", None, 403),
        (None, None, 403),
    ],
)
def test_the_letterhead_page_is_for_the_provinces_staff(client, seed, role, province, answer):
    user = make_user("u", role, Province.objects.get(slug=province) if province else None)
    client.force_login(user)
    before = _letterhead_rows()
    page = client.get(reverse("ubnd_letterhead"))
    assert page.status_code == (200 if answer == 302 else 403)
    assert _letterhead_rows() == before  # a GET writes nothing
    sent = client.post(
        reverse("ubnd_letterhead"), {"signer_title": "GIÁM ĐỐC", "signer_name": "Trần Thị Bình"}
    )
    assert sent.status_code == answer
    if answer == 302:
        assert _letterhead_rows() == [(province, "Trần Thị Bình")]
        assert Letterhead.objects.get().history.first().history_user == user
    else:
        assert _letterhead_rows() == before


def test_the_letterhead_page_shows_the_defaults_of_empty_fields(client, seed):
    client.force_login(make_user("cb", "staff", Province.objects.get(slug="ca-mau")))
    page = client.get(reverse("ubnd_letterhead")).content.decode()
    assert "Mẫu đầu văn bản báo cáo — Cà Mau" in page
    assert "UBND TỈNH CÀ MAU" in page and "BC-SKHCN" in page
