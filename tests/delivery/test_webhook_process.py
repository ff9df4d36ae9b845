"""``companion run --webhook`` as an operator starts it: a real process on loopback."""

from __future__ import annotations

from pathlib import Path

import httpx
from webhook_instances import SECRET, free_port, instance_env, webhook_process

from emulator.server import EmulatorServer
from emulator.world import World

TOKEN = "123456:webhook-process"


async def test_companion_run_webhook_registers_answers_reports_health_and_stops_cleanly(
    api_schema_path: Path, tmp_path: Path
) -> None:
    world = World(token=TOKEN, schema_path=api_schema_path)
    port = free_port()
    async with EmulatorServer(world) as emulator:
        env = instance_env(
            token=TOKEN,
            api_base_url=emulator.base_url,
            database_url=f"sqlite:///{tmp_path / 'bot.sqlite3'}",
            port=port,
            public_url=f"http://127.0.0.1:{port}",
        )
        async with webhook_process(env, tmp_path / "a") as process:
            hook = await world.wait_for_request("setWebhook", timeout=60)
            assert hook.params["url"] == f"http://127.0.0.1:{port}/telegram"
            assert hook.params["secret_token"] == SECRET
            await world.send_text(4242, "/help")
            assert (await world.wait_for_bot_message(4242, timeout=20)).text
            async with httpx.AsyncClient(timeout=10) as http:
                health = await http.get(f"http://127.0.0.1:{port}/healthz")
                refused = await http.post(f"http://127.0.0.1:{port}/telegram", json={})
            assert health.status_code == 200, health.text
            assert health.json()["tick"] == "ok"
            assert refused.status_code == 403
        assert process.returncode == 0, (tmp_path / "a" / "instance.log").read_text()
    log = (tmp_path / "a" / "instance.log").read_text()
    assert TOKEN not in log and SECRET not in log
