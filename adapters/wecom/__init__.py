"""WeCom (企业微信 self-built app): the encrypted callback, the message API and the outbox transport."""
