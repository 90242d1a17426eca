"""`guide serve`: the guide as a plain web page for end users, server-rendered over the facade.

Each question is a page with real buttons (GOV.UK's "one thing per page"),
so a walk works with JavaScript off; a few lines of local script add copy
buttons. Conversations live in the session store, named by an HttpOnly
cookie, so any server process can answer any request. Modules: `app` (routes
and middleware), `serve` (uvicorn), `options`, `security` (headers, limits,
CSRF, rate limit), `language` (Accept-Language), `render` (templates and
cookies; the page's own words are the catalog's ``web.`` entries, read
through `Guide.words`), `forms` (reading POSTs), and one module per page
group: `start`, `walk`, `evidence`, `helpdesk`, `report`. Nothing here is imported by
the engine; the engine is reached only through `guide.engine.service`.
"""
