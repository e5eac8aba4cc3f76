// The sync server for end-to-end runs: the server binary (target/debug/salondesk-server, built by
// the test command's app stage) as a child process of its own group on a loopback port, over a
// database of the throwaway PostgreSQL (scripts/pg.sh). Used by sync.test.mjs and screens.mjs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { OUT_DIR, REPO, endGroup, startGroup, waitForPort } from './harness.mjs';

export const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';
export const SERVER_BIN = path.join(
  process.env.CARGO_TARGET_DIR ? path.resolve(REPO, process.env.CARGO_TARGET_DIR) : path.join(REPO, 'target'),
  'debug',
  'salondesk-server',
);

/** The throwaway PostgreSQL's URL, starting it if it is not running (idempotent). */
export function postgresUrl() {
  return execFileSync('bash', [path.join(REPO, 'scripts', 'pg.sh'), 'start'], { encoding: 'utf8' }).trim();
}

export function psql(url, sql) {
  return execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8' }).trim();
}

/** The sync server as a child process of its own group, logging to target/e2e/. */
export class SyncServer {
  /** `logName`: its log file under target/e2e/. */
  constructor(databaseUrl, port, logName = 'sync-server.log') {
    this.databaseUrl = databaseUrl;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.child = null;
    this.logFile = path.join(OUT_DIR, logName);
  }

  async start() {
    this.child = startGroup(SERVER_BIN, ['--listen', `127.0.0.1:${this.port}`], {
      env: { ...process.env, DATABASE_URL: this.databaseUrl, SALONDESK_ADMIN_TOKEN: ADMIN_TOKEN },
      logFile: this.logFile,
    });
    // It listens once its migrations have run.
    await waitForPort(this.port, this.child, 'sync server', this.logFile, 30_000);
    const health = await fetch(`${this.url}/v1/health`);
    assert.ok(health.ok, `the sync server's health check answered ${health.status}`);
  }

  async stop() {
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null) await endGroup(child.pid, 'sync server');
  }

  async admin(pathname, body) {
    const res = await fetch(`${this.url}${pathname}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    assert.ok(res.ok, `admin ${pathname} answered ${res.status}: ${text}`);
    return JSON.parse(text);
  }
}
