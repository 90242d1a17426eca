"""Every action of the registry, grouped by what it acts on.

One module per area keeps each small: the user's apps and browser
(`client`), the network path (`network`), the Windows device (`device`), the
tenant's policies (`tenant`), multifactor authentication (`mfa`), passwords,
lockouts, guests and Seamless SSO (`account`), AD FS (`adfs`), and the
support conversation itself (`support`).
"""

from __future__ import annotations

from guide.engine.actions.catalog import account, adfs, client, device, mfa, network, support, tenant

ACTIONS = (client.ACTIONS + network.ACTIONS + device.ACTIONS + tenant.ACTIONS + mfa.ACTIONS + account.ACTIONS
           + adfs.ACTIONS + support.ACTIONS)
"""Every action, in registry order."""
