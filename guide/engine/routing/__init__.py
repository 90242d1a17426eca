"""The free-text router, split by job: `index` (tree documents, phrases, votes), `ranking` (symptoms
for a text, scores), `entry` (the node to start at) and `answers` (free text at a question).
`guide.engine.router` puts them together as `Router` and keeps one per content set."""
