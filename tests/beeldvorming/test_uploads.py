"""Campaign materials: checked by content, limited in size, served only through a checked view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from beeldvorming import services, uploads
from beeldvorming.models import CampaignMaterial
from beeldvorming.services import BeeldvormingError

from .conftest import JPEG, PDF, PNG, docx_bytes, odp_bytes, pptx_bytes

pytestmark = pytest.mark.django_db


def _stored_files(media_root) -> list:
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def _upload(client, campaign, name: str, content: bytes, title: str = "Affiche"):
    client.cookies["django_language"] = "en"
    return client.post(
        reverse("beeldvorming:material_create", args=[campaign.pk]),
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("affiche.pdf", PDF, "pdf"),
        ("foto.PNG", PNG, "png"),
        ("foto.jpg", JPEG, "jpeg"),
        ("foto.jpeg", JPEG, "jpeg"),
        ("les.pptx", pptx_bytes(), "pptx"),
        ("les.odp", odp_bytes(), "odp"),
        ("les.ppt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "ppt"),
    ],
)
def test_allowed_files_are_stored_and_served_through_the_checked_view(
    as_role, campaign, media_root, name, content, kind
):
    client = as_role("staff")
    response = _upload(client, campaign, name, content)
    assert response.status_code == 302
    material = CampaignMaterial.objects.get()
    assert material.file_kind == kind
    assert material.size == len(content)
    assert material.original_name == name
    # Stored under MEDIA_ROOT with a random name, not the one the uploader chose.
    stored = _stored_files(media_root)
    assert len(stored) == 1 and stored[0].name != name

    page = client.get(campaign.get_absolute_url()).text
    assert "/media/" not in page
    assert reverse("beeldvorming:material_download", args=[material.pk]) in page

    download = client.get(reverse("beeldvorming:material_download", args=[material.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Type"] == uploads.CONTENT_TYPES[kind]
    assert download["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # Wrong type: not one of the allowed kinds at all.
        ("notities.txt", b"gewoon tekst", "We cannot accept this kind of file"),
        ("programma.exe", b"MZ\x90\x00\x03", "We cannot accept this kind of file"),
        ("beeld.svg", b"<svg onload='alert(1)'/>", "We cannot accept this kind of file"),
        # Fake extension: the name says PDF or image, the content says otherwise.
        ("affiche.pdf", b"gewoon tekst", "does not match"),
        ("affiche.pdf", PNG, "does not match"),
        ("foto.png", PDF, "does not match"),
        ("foto.jpg", b"MZ\x90\x00\x03" + b"\x00" * 50, "does not match"),
        ("les.pptx", docx_bytes(), "does not match"),
        ("les.pptx", b"PK\x03\x04 but not a real zip", "does not match"),
        ("les.odp", pptx_bytes(), "does not match"),
        ("leeg.pdf", b"", "empty"),
    ],
)
def test_wrong_files_get_a_clear_message_and_nothing_is_saved(
    as_role, campaign, media_root, name, content, message
):
    response = _upload(as_role("staff"), campaign, name, content)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert message in errors
    assert message in response.text
    assert not CampaignMaterial.objects.exists()
    assert _stored_files(media_root) == []


def test_a_file_over_ten_megabytes_is_refused(as_role, campaign, media_root):
    content = PDF + b"0" * (uploads.MAX_MATERIAL_SIZE + 1 - len(PDF))
    response = _upload(as_role("staff"), campaign, "groot.pdf", content)
    assert response.status_code == 200
    assert "too big" in " ".join(response.context["form"].errors["file"])
    assert not CampaignMaterial.objects.exists()
    assert _stored_files(media_root) == []


def test_exactly_ten_megabytes_is_allowed(as_role, campaign):
    content = PDF + b"0" * (uploads.MAX_MATERIAL_SIZE - len(PDF))
    assert _upload(as_role("staff"), campaign, "groot.pdf", content).status_code == 302


def test_the_service_checks_the_file_too(campaign, staff, media_root):
    with pytest.raises(BeeldvormingError):
        services.material_add(
            campaign=campaign,
            actor=staff,
            title="Nep",
            file=SimpleUploadedFile("nep.pdf", b"<html>"),
        )
    assert not CampaignMaterial.objects.exists()
    assert _stored_files(media_root) == []


def test_deleting_a_material_removes_the_file_after_commit(
    as_role, campaign, media_root, django_capture_on_commit_callbacks
):
    client = as_role("staff")
    _upload(client, campaign, "affiche.pdf", PDF)
    material = CampaignMaterial.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("beeldvorming:material_delete", args=[material.pk]))
    assert response.status_code == 302
    assert not CampaignMaterial.objects.exists()
    assert _stored_files(media_root) == []


def test_outsiders_cannot_download_and_do_not_learn_the_file_exists(
    client, campaign, staff, visitor, expert, partner_a
):
    material = services.material_add(
        campaign=campaign, actor=staff, title="A", file=SimpleUploadedFile("a.pdf", PDF)
    )
    url = reverse("beeldvorming:material_download", args=[material.pk])
    response = client.get(url)
    assert response.status_code == 302 and "login" in response.url
    for person in (visitor, expert, partner_a):
        client.force_login(person)
        assert client.get(url).status_code == 404
