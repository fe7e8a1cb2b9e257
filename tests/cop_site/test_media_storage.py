"""Uploads in an S3-compatible bucket (MEDIA_S3_BUCKET): a real local S3 server (moto_server) in a subprocess."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.core.files.base import ContentFile
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

import boto3
import pytest
import wagtail_factories

from cop_site.settings.base import media_storage

pytestmark = pytest.mark.django_db

BUCKET = "cop-ops-media"
KEYS = {"access_key": "cop-test-key", "secret_key": "cop-test-secret"}
PDF = b"%PDF-1.4\n% notulen van de werkgroep\n"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    port = free_port()
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("w")
    moto_server = Path(sys.executable).parent / "moto_server"
    server = subprocess.Popen([moto_server, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log)
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(endpoint, timeout=1)
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                assert server.poll() is None, "moto_server did not start"
                time.sleep(0.2)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture
def bucket(s3_endpoint, settings):
    """The media storage as MEDIA_S3_* configure it, on an empty bucket."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": media_storage(BUCKET, s3_endpoint, "us-east-1", KEYS["access_key"], KEYS["secret_key"]),
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def public_grants(client, key):
    grants = client.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    return [
        grant for grant in grants if grant["Grantee"].get("URI", "").endswith(("/AllUsers", "/AuthenticatedUsers"))
    ]


def test_a_document_is_stored_privately_and_streamed_through_the_site(home, bucket):
    document = get_document_model().objects.create(title="Notulen", file=ContentFile(PDF, name="notulen.pdf"))
    (stored,) = bucket.list_objects_v2(Bucket=BUCKET)["Contents"]
    assert stored["Key"] == document.file.name and stored["Key"].startswith("documents/")
    assert public_grants(bucket, stored["Key"]) == []

    response = Client().get(document.url)
    assert response.status_code == 200  # streamed by the site, not a redirect to the bucket
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"


def test_a_restricted_document_stays_behind_the_log_in(home, bucket):
    private = Collection.get_first_root_node().add_child(name="Inzendingen")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document = get_document_model().objects.create(
        title="Concept", collection=private, file=ContentFile(PDF, name="concept.pdf")
    )
    response = Client().get(document.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"] and BUCKET not in response["Location"]


def test_an_image_gets_a_signed_link_that_works(home, bucket):
    image = wagtail_factories.ImageFactory(title="Groepsfoto")
    key = image.file.name
    assert public_grants(bucket, key) == []
    url = image.file.url
    assert url.startswith(f"{bucket.meta.endpoint_url}/{BUCKET}/{key}?") and "Signature" in url
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.read() == bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()
