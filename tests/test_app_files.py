"""Files through the API: what the app writes lands in Gradio's cache (where ``delete_cache``
prunes it), and no request can make it read or serve a file outside what Gradio allows."""

from __future__ import annotations

import json

import httpx
import pytest
from gradio.utils import get_upload_folder

from playground.input_guard import file_paths

pytestmark = pytest.mark.e2e


def call(app_url: str, api_name: str, data: list) -> tuple[str, list]:
    """Raw HTTP, as any script could send it: returns (last event name, every data payload)."""
    with httpx.Client(base_url=f"{app_url}gradio_api", timeout=120) as http:
        event_id = http.post(f"/call/{api_name}", json={"data": data}).json()["event_id"]
        events, payloads = [], []
        with http.stream("GET", f"/call/{api_name}/{event_id}") as r:
            for line in r.iter_lines():
                if line.startswith("event:"):
                    events.append(line.split(":", 1)[1].strip())
                elif line.startswith("data:"):
                    payloads.append(json.loads(line.split(":", 1)[1]))
    return events[-1], payloads


def test_generated_files_are_written_into_gradios_cache(app_url):
    from models.diffusion.control.figures import PRESETS
    from playground.tabs.controlnet.handlers import ANGLES

    angles = [getattr(PRESETS["waving"], n) for n in ANGLES]
    event, payloads = call(app_url, "controlnet_pose", ["angles", "custom", "", "figure", 2, 1, 0, 1, 5, 0, *angles])
    assert event == "complete", payloads
    paths = file_paths(payloads[-1])
    json_paths = [p for p in paths if p.endswith(".json")]
    assert json_paths, paths
    cache = get_upload_folder()
    for p in paths:
        assert p.startswith(cache), f"{p} is outside Gradio's cache {cache}"
    # written there by the handler (not copied from elsewhere and left behind)
    assert all("/playground/" in p for p in json_paths), json_paths


def test_a_path_outside_the_cache_is_neither_read_nor_served(app_url):
    secret = "/etc/passwd"
    with httpx.Client(timeout=30) as http:
        r = http.get(f"{app_url}gradio_api/file={secret}")
        assert r.status_code in (403, 404) and "root:" not in r.text
    fake_upload = {"path": secret, "meta": {"_type": "gradio.FileData"}, "orig_name": "x.png"}
    event, payloads = call(
        app_url, "diffusion_forward", ["upload", 7, "camera", fake_upload, None, "linear", 1000, 250, 0]
    )
    assert event == "error", payloads
    assert "root:" not in json.dumps(payloads)
