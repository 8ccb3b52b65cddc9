import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StationCore } from '../core';
import { startWebBridge, type WebBridge } from './server';

let dir: string;
let core: StationCore;
let bridge: WebBridge;
let cookie: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'smsdesk-web-'));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>SMSDesk</title>');
  writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  core = new StationCore();
  bridge = await startWebBridge({ core, rendererDir: join(dir, 'renderer'), token: 'test-token' });
  const login = await fetch(bridge.loginUrl, { redirect: 'manual' });
  expect(login.status).toBe(303);
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
});

afterAll(async () => {
  await bridge.close();
  core.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const call = (name: string, body: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${bridge.url}/api/call/${name}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', ...headers },
    body,
  });

describe('web bridge access', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie for the right token only', async () => {
    const good = await fetch(bridge.loginUrl, { redirect: 'manual' });
    expect(good.headers.get('set-cookie')).toMatch(/^smsdesk_session=[\w-]{20,}; HttpOnly; SameSite=Strict; Path=\/$/);
    const bad = await fetch(`${bridge.url}/?token=wrong`, { redirect: 'manual' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('set-cookie')).toBeNull();
  });

  it('refuses pages, calls and events without a session', async () => {
    expect((await fetch(`${bridge.url}/`)).status).toBe(401);
    expect((await fetch(`${bridge.url}/api/events`)).status).toBe(401);
    const r = await fetch(`${bridge.url}/api/call/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"args":null}',
    });
    expect(r.status).toBe(401);
    const forged = await fetch(`${bridge.url}/`, { headers: { cookie: 'smsdesk_session=forged' } });
    expect(forged.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(bridge.url);
      const req = request({ host: u.hostname, port: u.port, path: '/', headers: { host: 'evil.example:80', cookie } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('serves the renderer with the strict CSP and never a file outside it', async () => {
    const page = await fetch(`${bridge.url}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>SMSDesk</title>');
    expect((await fetch(`${bridge.url}/assets/app.js`, { headers: { cookie } })).headers.get('content-type')).toContain('javascript');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00', '/assets']) {
      const r = await fetch(`${bridge.url}${path}`, { headers: { cookie } });
      expect(r.status, path).toBe(404);
    }
  });
});

describe('web bridge calls', () => {
  it('round-trips a contract call to the real core', async () => {
    const r = await call('app.info', '{"args":null}');
    const body = (await r.json()) as { ok: boolean; value: { name: string; runtime: string } };
    expect(body.ok).toBe(true);
    expect(body.value).toMatchObject({ name: 'SMSDesk', runtime: 'node' });
  });

  it('answers bad input with a typed error', async () => {
    const cases: Array<[string, string, Record<string, string>, number, string]> = [
      ['app.info', '{not json', {}, 400, 'bad-request'],
      ['app.info', '[1,2]', {}, 400, 'bad-request'],
      ['nope', '{"args":null}', {}, 200, 'unknown-call'],
      ['conversations.list', '{"args":{"limit":-1}}', {}, 200, 'bad-request'],
      ['app.info', '{"args":null}', { 'content-type': 'text/plain' }, 415, 'bad-request'],
      ['app.info', '{"args":null}', { origin: 'http://evil.example' }, 403, 'forbidden'],
      ['app.info', JSON.stringify({ args: 'x'.repeat(1024 * 1024 + 10) }), {}, 413, 'bad-request'],
    ];
    for (const [name, body, headers, status, code] of cases) {
      const r = await call(name, body, headers);
      expect(r.status, `${name} ${body.slice(0, 20)}`).toBe(status);
      const json = (await r.json()) as { ok: boolean; error: { code: string } };
      expect(json.ok).toBe(false);
      expect(json.error.code).toBe(code);
    }
  });

  it('streams events, replaying the current status first', async () => {
    const controller = new AbortController();
    const r = await fetch(`${bridge.url}/api/events`, { headers: { cookie }, signal: controller.signal });
    expect(r.headers.get('content-type')).toContain('text/event-stream');
    const reader = r.body!.getReader();
    let text = '';
    const decoder = new TextDecoder();
    while (!text.includes('"state":"no-modem"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    expect(text).toContain('event: station.status\ndata: {"state":"no-modem","modems":0');
    core.events.emit('station.status', {
      state: 'ready',
      modems: 1,
      demo: false,
      archive: false,
      unread: 0,
      since: '2026-01-01T00:00:00.000Z',
    });
    while (!text.includes('"state":"ready"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    expect(text).toContain('data: {"state":"ready","modems":1,"demo":false,"archive":false,"unread":0,"since":"2026-01-01T00:00:00.000Z"}');
    expect(core.events.listenerCount).toBeGreaterThan(0);
    controller.abort();
    await reader.cancel().catch(() => undefined);
    // A closed stream leaves nothing subscribed behind (no growth over a long-running `smsdesk web`).
    await expect.poll(() => core.events.listenerCount).toBe(0);
  });
});
