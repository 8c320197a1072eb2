"""What tests share besides fixtures: helpers, constants and classes, one module per concern.

Test modules import from here (`from tests.support.servers import ADMIN, LiveServer`), never from
another test module or a conftest; conftest files hold fixtures only, built on these helpers.

- databases: throw-away PostgreSQL databases
- definitions: app definitions to test with; reading and filling an app's tables
- records, queries: an app with every field type; shared apps and rows for query and search tests
- automation: apps with given rules, writes, the queue's state
- servers: live servers over real HTTP, the test accounts
- pages: the UI's demo app, signing in over HTTP, reading pages and forms
- browser: Chromium driven by Playwright against `kartoteka serve`
"""
