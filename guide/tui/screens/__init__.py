"""The screens of the UI, one module each: start, conversation, resume, copy, export."""
