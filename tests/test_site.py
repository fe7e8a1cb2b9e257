"""Site-wide endpoints: health check and the read API."""


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_api_lists_live_pages_only(client, case_index):
    from knowledge.factories import PracticeCasePageFactory

    PracticeCasePageFactory(parent=case_index, title="Zichtbaar voorbeeld")
    PracticeCasePageFactory(parent=case_index, title="Concept voorbeeld", live=False)
    response = client.get("/api/v2/pages/", {"type": "knowledge.PracticeCasePage"})
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == ["Zichtbaar voorbeeld"]
