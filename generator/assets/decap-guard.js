// Loaded into decap-server by `make edit` (node --require) before decap-server itself.
// decap-server would answer any request on its port; this lets through only the product's
// filtering proxy, which sends the secret it was started with and Host 127.0.0.1:<port>.
// A page in the browser cannot know the secret, so even a guessed port gets 403.
'use strict';

const crypto = require('crypto');
const http = require('http');

const secret = Buffer.from(process.env.TAIZHANG_PROXY_SECRET || '', 'utf8');
delete process.env.TAIZHANG_PROXY_SECRET;
const host = `127.0.0.1:${process.env.PORT}`;

function fromProxy(req) {
  const given = Buffer.from(String(req.headers['x-taizhang-proxy'] || ''), 'utf8');
  return (
    secret.length >= 32 &&
    given.length === secret.length &&
    crypto.timingSafeEqual(given, secret) &&
    req.headers.host === host
  );
}

// Every 'request' of every HTTP server in this process passes here first, however its
// handler was attached.
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, res, ...rest) {
  if (event === 'request' && !fromProxy(req)) {
    res.writeHead(403, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: '拒绝访问：decap-server 只接受网页编辑器代理转来的请求' }));
    return true;
  }
  return emit.call(this, event, req, res, ...rest);
};
