"""Every action of the registry, grouped by what it acts on.

One module per area keeps each small: the user's apps and browser
(`client`), the network path (`network`), the Windows device (`device`), the
account and tenant (`tenant`), AD FS (`adfs`), and the support conversation
itself (`support`).
"""

from __future__ import annotations

from guide.engine.actions.catalog import adfs, client, device, network, support, tenant

ACTIONS = client.ACTIONS + network.ACTIONS + device.ACTIONS + tenant.ACTIONS + adfs.ACTIONS + support.ACTIONS
"""Every action, in registry order."""
