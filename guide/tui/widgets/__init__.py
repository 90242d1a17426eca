"""Widgets of the UI: the chat transcript, numbered answers and text box, node card, where panel."""
