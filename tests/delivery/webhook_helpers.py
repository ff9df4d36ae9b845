"""What the webhook tests share: the receiver on loopback and its secret."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from sqlalchemy import Engine

from bot.clock import ManualClock
from bot.webhook import WebhookReceiver
from emulator.world import World

TOKEN = "123456:webhook-tests"
SECRET = "a-webhook-secret_42"
PATH = "/telegram"


@dataclass
class Hooked:
    """The emulator, the bot's webhook receiver and a client to call it directly."""

    world: World
    receiver: WebhookReceiver
    url: str  # the webhook's URL on loopback
    base_url: str  # the receiver's base URL (for /healthz)
    http: httpx.AsyncClient
    engine: Engine
    clock: ManualClock
